//! Server functions: a robot's repository permissions and the save job (spec §3).
//!
//! A server function cannot stream, so a save runs as a job on the server: `start_save` computes
//! the changes and returns a job id, the browser polls `job_status` (~300 ms), and
//! `retry_failed` re-runs only the changes that failed.

use crate::error::AppError;
use crate::permissions::{PermMap, RepoRow};
use crate::quay::ids::{Namespace, RobotShort};
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
#[server(endpoint = "namespace_repositories", client = crate::csrf::CsrfClient)]
pub async fn namespace_repositories(namespace: Namespace) -> Result<Vec<RepoRow>, AppError> {
    let auth = crate::server::ssr::auth().await?;
    ssr::repo_rows(&auth.state.quay, &auth.token, &namespace).await
}

/// The repositories of `namespace` and the permissions robot `{namespace}+{short}` has on them.
#[server(endpoint = "robot_repo_permissions", client = crate::csrf::CsrfClient)]
pub async fn robot_repo_permissions(
    namespace: Namespace,
    short: RobotShort,
) -> Result<RepoPermissionsData, AppError> {
    let auth = crate::server::ssr::auth().await?;
    let scope = auth.scope(&namespace);
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
#[server(endpoint = "robot_permission_map", client = crate::csrf::CsrfClient)]
pub async fn robot_permission_map(
    namespace: Namespace,
    short: RobotShort,
) -> Result<PermMap, AppError> {
    let auth = crate::server::ssr::auth().await?;
    let scope = auth.scope(&namespace);
    let perms = auth
        .state
        .quay
        .robot_permissions(&auth.token, &scope, &short)
        .await?;
    Ok(ssr::to_map(perms))
}

/// Starts applying `new` over `prev` for robot `{namespace}+{short}`; returns the job id.
#[server(endpoint = "start_permission_save", client = crate::csrf::CsrfClient, input = Json)]
pub async fn start_save(
    namespace: Namespace,
    short: RobotShort,
    prev: PermMap,
    new: PermMap,
) -> Result<String, AppError> {
    use crate::quay::ids::check_bulk_len;
    check_bulk_len("prev", prev.len())?;
    check_bulk_len("new", new.len())?;
    let auth = crate::server::ssr::auth().await?;
    let changes = crate::permissions::diff(&prev, &new);
    let robot = crate::quay::ids::RobotName::new(&namespace, &short);
    Ok(ssr::jobs::start(&auth, namespace, robot, changes))
}

#[server(endpoint = "permission_job_status", client = crate::csrf::CsrfClient)]
pub async fn job_status(id: String) -> Result<crate::permissions::JobStatus, AppError> {
    let auth = crate::server::ssr::auth().await?;
    ssr::jobs::status(&auth.username, &id)
}

/// Re-runs the failed changes of job `id` (the same id is then polled again).
#[server(endpoint = "permission_retry_failed", client = crate::csrf::CsrfClient)]
pub async fn retry_failed(id: String) -> Result<(), AppError> {
    let auth = crate::server::ssr::auth().await?;
    ssr::jobs::retry(&auth, &id)
}

#[cfg(feature = "ssr")]
pub mod ssr;
