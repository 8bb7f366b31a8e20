//! Server functions: a robot's repository permissions and the save job (spec §3).
//!
//! A server function cannot stream, so a save runs as a job on the server: `start_save` computes
//! the changes and returns a job id, the browser polls `job_status` (~300 ms), and
//! `retry_failed` re-runs only the changes that failed.

use crate::error::AppError;
use crate::permissions::{PermMap, RepoRow};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// What the modal needs: every repository of the namespace, and the robot's current permissions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepoPermissionsData {
    pub repos: Vec<RepoRow>,
    pub current: PermMap,
}

/// Every repository of `namespace` (following `next_page`), newest first.
#[server(endpoint = "namespace_repositories")]
pub async fn namespace_repositories(namespace: String) -> Result<Vec<RepoRow>, AppError> {
    let auth = crate::server::ssr::auth().await?;
    ssr::repo_rows(&auth.state.quay, &auth.token, &namespace).await
}

/// The repositories of `namespace` and the permissions robot `{namespace}+{short}` has on them.
#[server(endpoint = "robot_repo_permissions")]
pub async fn robot_repo_permissions(
    namespace: String,
    short: String,
) -> Result<RepoPermissionsData, AppError> {
    let auth = crate::server::ssr::auth().await?;
    let scope = ssr::scope(&auth.username, &namespace);
    let quay = &auth.state.quay;
    let (repos, perms) = tokio::join!(
        ssr::repo_rows(quay, &auth.token, &namespace),
        quay.robot_permissions(&auth.token, &scope, &short)
    );
    Ok(RepoPermissionsData {
        repos: repos?,
        current: ssr::to_map(perms?),
    })
}

/// The permissions robot `{namespace}+{short}` has now (after a save).
#[server(endpoint = "robot_permission_map")]
pub async fn robot_permission_map(namespace: String, short: String) -> Result<PermMap, AppError> {
    let auth = crate::server::ssr::auth().await?;
    let scope = ssr::scope(&auth.username, &namespace);
    let perms = auth
        .state
        .quay
        .robot_permissions(&auth.token, &scope, &short)
        .await?;
    Ok(ssr::to_map(perms))
}

/// Starts applying `new` over `prev` for robot `{namespace}+{short}`; returns the job id.
#[server(endpoint = "start_permission_save", input = Json)]
pub async fn start_save(
    namespace: String,
    short: String,
    prev: PermMap,
    new: PermMap,
) -> Result<String, AppError> {
    let auth = crate::server::ssr::auth().await?;
    let changes = crate::permissions::diff(&prev, &new);
    let robot = format!("{namespace}+{short}");
    Ok(ssr::jobs::start(&auth, namespace, robot, changes))
}

#[server(endpoint = "permission_job_status")]
pub async fn job_status(id: String) -> Result<crate::permissions::JobStatus, AppError> {
    let auth = crate::server::ssr::auth().await?;
    ssr::jobs::status(&auth.username, &id)
}

/// Re-runs the failed changes of job `id` (the same id is then polled again).
#[server(endpoint = "permission_retry_failed")]
pub async fn retry_failed(id: String) -> Result<(), AppError> {
    let auth = crate::server::ssr::auth().await?;
    ssr::jobs::retry(&auth, &id)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! The save engine (bounded concurrency, retries) and the in-memory job store.
    use crate::error::AppError;
    use crate::permissions::{
        delete_already_done, is_retryable, sort_rows, Action, Change, RepoRow, RetryPolicy,
    };
    use crate::quay::client::{QuayClient, RobotScope};
    use futures::StreamExt;
    use std::time::Duration;

    pub fn scope(username: &str, namespace: &str) -> RobotScope {
        if namespace == username {
            RobotScope::User
        } else {
            RobotScope::Org(namespace.to_string())
        }
    }

    /// Quay's permission list as the table's map (role names parsed case-insensitively).
    pub fn to_map(perms: Vec<crate::quay::model::RobotPermission>) -> crate::permissions::PermMap {
        use crate::permissions::Perm;
        perms
            .into_iter()
            .map(|p| (p.repository.name, Perm::from_role(&p.role)))
            .filter(|(_, p)| *p != Perm::None)
            .collect()
    }

    pub async fn repo_rows(
        quay: &QuayClient,
        token: &str,
        namespace: &str,
    ) -> Result<Vec<RepoRow>, AppError> {
        let mut rows: Vec<RepoRow> = quay
            .repositories(token, namespace)
            .await?
            .into_iter()
            .map(|r| RepoRow {
                name: r.name,
                last_modified: r.last_modified,
            })
            .collect();
        sort_rows(&mut rows);
        Ok(rows)
    }

    /// Whose permissions change, where, and with which token.
    #[derive(Clone, Copy)]
    pub struct Target<'a> {
        pub quay: &'a QuayClient,
        pub token: &'a str,
        pub ns: &'a str,
        /// Full robot name `{ns}+{short}`.
        pub robot: &'a str,
    }

    /// Runs `call` until it succeeds, Quay refuses it (4xx), or the attempts run out; timeouts
    /// and 5xx wait with exponential backoff before the next attempt.
    pub async fn with_retries<T, F, Fut>(policy: RetryPolicy, mut call: F) -> Result<T, AppError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, AppError>>,
    {
        let mut attempt = 0;
        loop {
            attempt += 1;
            match call().await {
                Err(e) if is_retryable(e.status) && attempt < policy.attempts => {
                    let ms = policy.delay_ms(attempt, rand::random::<f64>());
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                }
                r => return r,
            }
        }
    }

    /// Applies one change, retrying timeouts and 5xx with backoff.
    pub async fn apply_one(
        t: Target<'_>,
        change: &Change,
        policy: RetryPolicy,
    ) -> Result<(), AppError> {
        let Target {
            quay,
            token,
            ns,
            robot,
        } = t;
        with_retries(policy, || async move {
            match change.action {
                Action::Put(p) => {
                    let role = p.role().unwrap_or("read");
                    quay.set_repo_permission(token, ns, &change.repo, robot, role)
                        .await
                        .map(|_| ())
                }
                Action::Delete => match quay
                    .delete_repo_permission(token, ns, &change.repo, robot)
                    .await
                {
                    Err(e) if delete_already_done(e.status, &e.message) => Ok(()),
                    r => r,
                },
            }
        })
        .await
    }

    /// Applies `changes` with at most `concurrency` requests in flight; `on_outcome` sees each
    /// result as it arrives.
    pub async fn apply_changes(
        t: Target<'_>,
        changes: Vec<Change>,
        concurrency: usize,
        policy: RetryPolicy,
        mut on_outcome: impl FnMut(Change, Result<(), AppError>),
    ) {
        let mut stream = futures::stream::iter(changes)
            .map(|c| async move {
                let r = apply_one(t, &c, policy).await;
                (c, r)
            })
            .buffer_unordered(concurrency.max(1));
        while let Some((c, r)) = stream.next().await {
            on_outcome(c, r);
        }
    }

    pub mod jobs {
        //! Save jobs kept in memory for 30 minutes, visible only to the user who started them.
        use super::apply_changes;
        use crate::error::{AppError, ErrorKind};
        use crate::permissions::{Change, Failure, JobStatus, RetryPolicy};
        use crate::server::ssr::Auth;
        use std::collections::HashMap;
        use std::sync::{Mutex, OnceLock};
        use std::time::{Duration, Instant};

        const KEEP: Duration = Duration::from_secs(30 * 60);

        struct Job {
            owner: String,
            namespace: String,
            robot: String,
            status: JobStatus,
            created: Instant,
        }

        fn store() -> &'static Mutex<HashMap<String, Job>> {
            static JOBS: OnceLock<Mutex<HashMap<String, Job>>> = OnceLock::new();
            JOBS.get_or_init(Default::default)
        }

        fn lock() -> std::sync::MutexGuard<'static, HashMap<String, Job>> {
            store().lock().unwrap_or_else(|e| e.into_inner())
        }

        fn not_found() -> AppError {
            AppError::new(
                404,
                ErrorKind::NotFound,
                "This save is no longer known to the console (it expired or the server restarted). Reopen the dialog to see the current permissions.",
            )
        }

        pub fn start(
            auth: &Auth,
            namespace: String,
            robot: String,
            changes: Vec<Change>,
        ) -> String {
            let id = format!("{:016x}", rand::random::<u64>());
            {
                let mut jobs = lock();
                jobs.retain(|_, j| j.created.elapsed() < KEEP);
                jobs.insert(
                    id.clone(),
                    Job {
                        owner: auth.username.clone(),
                        namespace: namespace.clone(),
                        robot: robot.clone(),
                        status: JobStatus::default(),
                        created: Instant::now(),
                    },
                );
            }
            run(auth, id.clone(), namespace, robot, changes);
            id
        }

        fn run(auth: &Auth, id: String, namespace: String, robot: String, changes: Vec<Change>) {
            if let Some(j) = lock().get_mut(&id) {
                j.status = JobStatus {
                    total: changes.len(),
                    finished: changes.is_empty(),
                    ..Default::default()
                };
            }
            let quay = auth.state.quay.clone();
            let token = auth.token.clone();
            let concurrency = auth.state.concurrency;
            tokio::spawn(async move {
                let target = super::Target {
                    quay: &quay,
                    token: &token,
                    ns: &namespace,
                    robot: &robot,
                };
                apply_changes(
                    target,
                    changes,
                    concurrency,
                    RetryPolicy::default(),
                    |c, r| {
                        if let Some(j) = lock().get_mut(&id) {
                            match r {
                                Ok(()) => j.status.done += 1,
                                Err(e) => {
                                    j.status.failed += 1;
                                    j.status.failures.push(Failure {
                                        repo: c.repo,
                                        action: c.action,
                                        message: e.message,
                                    });
                                }
                            }
                        }
                    },
                )
                .await;
                if let Some(j) = lock().get_mut(&id) {
                    j.status.failures.sort_by(|a, b| a.repo.cmp(&b.repo));
                    j.status.finished = true;
                }
            });
        }

        pub fn status(owner: &str, id: &str) -> Result<JobStatus, AppError> {
            lock()
                .get(id)
                .filter(|j| j.owner == owner)
                .map(|j| j.status.clone())
                .ok_or_else(not_found)
        }

        pub fn retry(auth: &Auth, id: &str) -> Result<(), AppError> {
            let (namespace, robot, changes) = {
                let jobs = lock();
                let j = jobs
                    .get(id)
                    .filter(|j| j.owner == auth.username)
                    .ok_or_else(not_found)?;
                if !j.status.finished {
                    return Err(AppError::new(
                        409,
                        ErrorKind::Conflict,
                        "The save is still running; wait for it to finish.",
                    ));
                }
                let changes = j
                    .status
                    .failures
                    .iter()
                    .map(|f| Change {
                        repo: f.repo.clone(),
                        action: f.action,
                    })
                    .collect::<Vec<_>>();
                (j.namespace.clone(), j.robot.clone(), changes)
            };
            run(auth, id.to_string(), namespace, robot, changes);
            Ok(())
        }
    }
}
