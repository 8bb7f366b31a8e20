//! Server helpers of the permissions modal: Quay's lists as the table's rows, and one change.

use crate::bulk::Outcome;
use crate::error::AppError;
use crate::permissions::{delete_already_done, sort_rows, Action, Change, RepoRow};
use crate::quay::client::QuayClient;
use crate::quay::ids::{Namespace, RepoName, RobotName};

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

/// Applies one change (one attempt; the engine retries). A DELETE of a permission that is
/// already gone is done: an earlier attempt may have succeeded with its answer lost.
pub async fn apply_one(
    quay: &QuayClient,
    token: &str,
    ns: &Namespace,
    robot: &RobotName,
    change: &Change,
) -> Result<Outcome, AppError> {
    match change.action {
        Action::Put(p) => {
            let role = p.role().unwrap_or("read");
            quay.set_repo_permission(token, ns, &change.repo, robot, role)
                .await
                .map(|_| Outcome::Done)
        }
        Action::Delete => match quay
            .delete_repo_permission(token, ns, &change.repo, robot)
            .await
        {
            Err(e) if delete_already_done(e.status, &e.message) => Ok(Outcome::Skipped {
                reason: "The permission was already removed.".into(),
            }),
            r => r.map(|_| Outcome::Done),
        },
    }
}
