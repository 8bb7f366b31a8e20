//! Save jobs kept in memory for 30 minutes, visible only to the user who started them.

use super::apply_changes;
use crate::error::{AppError, ErrorKind};
use crate::permissions::{Change, Failure, JobStatus, RetryPolicy};
use crate::quay::ids::{Namespace, RobotName};
use crate::server::ssr::Auth;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

const KEEP: Duration = Duration::from_secs(30 * 60);

struct Job {
    owner: String,
    namespace: Namespace,
    robot: RobotName,
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

pub fn start(auth: &Auth, namespace: Namespace, robot: RobotName, changes: Vec<Change>) -> String {
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

fn run(auth: &Auth, id: String, namespace: Namespace, robot: RobotName, changes: Vec<Change>) {
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
