//! Server functions: a robot's repository permissions and saving them (spec §3).

use crate::error::AppError;
use crate::permissions::{Change, PermMap, RepoRow};
use crate::quay::ids::{Namespace, RobotShort};
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, Json, Streaming};
use serde::{Deserialize, Serialize};

/// What the modal needs: every repository of the namespace, and the robot's current permissions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepoPermissionsData {
    pub repos: Vec<RepoRow>,
    pub current: PermMap,
}

crate::json::from_json_struct! {
    RepoPermissionsData { repos, current }
}

/// Every repository of `namespace` (following `next_page`), newest first.
#[server(endpoint = "namespace_repositories", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn namespace_repositories(namespace: Namespace) -> Result<Vec<RepoRow>, AppError> {
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    ssr::repo_rows(&auth.state.quay, &auth.token, &namespace).await
}

/// The repositories of `namespace` and the permissions robot `{namespace}+{short}` has on them.
#[server(endpoint = "robot_repo_permissions", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn robot_repo_permissions(
    namespace: Namespace,
    short: RobotShort,
) -> Result<RepoPermissionsData, AppError> {
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
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
#[server(endpoint = "robot_permission_map", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn robot_permission_map(
    namespace: Namespace,
    short: RobotShort,
) -> Result<PermMap, AppError> {
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let scope = auth.scope(&namespace);
    let perms = auth
        .state
        .quay
        .robot_permissions(&auth.token, &scope, &short)
        .await?;
    Ok(ssr::to_map(perms))
}

/// Applies `changes` to robot `{namespace}+{short}` and streams each change's outcome (the
/// bulk engine: bounded concurrency, retries, no state kept on the server). "Retry failed" is
/// this call again with the failed changes.
#[server(endpoint = "save_permissions", client = crate::csrf::CsrfClient, input = Json, output = Streaming)]
pub async fn save_permissions(
    namespace: Namespace,
    short: RobotShort,
    changes: Vec<Change>,
) -> Result<ByteStream<AppError>, AppError> {
    crate::quay::ids::check_bulk_items("changes", changes.len())?;
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let robot = crate::quay::ids::RobotName::new(&namespace, &short);
    let (quay, token) = (auth.state.quay.clone(), auth.token.clone());
    Ok(crate::server::bulk::stream(
        &auth.state,
        changes,
        move |c: &Change| {
            let (quay, token, ns, robot, c) = (
                quay.clone(),
                token.clone(),
                namespace.clone(),
                robot.clone(),
                c.clone(),
            );
            async move { ssr::apply_one(&quay, &token, &ns, &robot, &c).await }
        },
    ))
}

#[cfg(feature = "ssr")]
pub mod ssr;
