//! The save engine (bounded concurrency, retries) and the in-memory job store.

use crate::error::AppError;
use crate::permissions::{
    delete_already_done, is_retryable, sort_rows, Action, Change, RepoRow, RetryPolicy,
};
use crate::quay::client::QuayClient;
use crate::quay::ids::{Namespace, RepoName, RobotName};
use futures::StreamExt;
use std::time::Duration;

/// Quay's permission list as the table's map (role names parsed case-insensitively).
pub fn to_map(perms: Vec<crate::quay::model::RobotPermission>) -> crate::permissions::PermMap {
    use crate::permissions::Perm;
    perms
        .into_iter()
        .filter_map(|p| {
            Some((
                RepoName::parse(&p.repository.name).ok()?,
                Perm::from_role(&p.role),
            ))
        })
        .filter(|(_, p)| *p != Perm::None)
        .collect()
}

pub async fn repo_rows(
    quay: &QuayClient,
    token: &str,
    namespace: &Namespace,
) -> Result<Vec<RepoRow>, AppError> {
    let mut rows: Vec<RepoRow> = quay
        .repositories(token, namespace)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(RepoRow {
                name: RepoName::parse(&r.name).ok()?,
                last_modified: r.last_modified,
            })
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
    pub ns: &'a Namespace,
    /// Full robot name `{ns}+{short}`.
    pub robot: &'a RobotName,
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

pub mod jobs;
