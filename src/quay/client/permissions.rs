//! QuayClient endpoints: a robot's repository permissions (spec §7.7, §7.10).

use super::{repo_path, QuayClient, RobotScope};
use crate::error::AppError;
use crate::quay::ids::{Namespace, RepoName, RobotName, RobotShort};
use crate::quay::model::{RobotPermission, RobotPermissions, UserPermission};
use reqwest::Method;

impl QuayClient {
    /// `GET …/robots/{short}/permissions`.
    pub async fn robot_permissions(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &RobotShort,
    ) -> Result<Vec<RobotPermission>, AppError> {
        let path = scope.robot_path(short, &["permissions"])?;
        let list: RobotPermissions = self.call(Some(token), Method::GET, &path, None).await?;
        Ok(list.permissions)
    }

    /// `PUT /api/v1/repository/{ns}/{repo}/permissions/user/{robot}` with `{"role": role}`.
    pub async fn set_repo_permission(
        &self,
        token: &str,
        ns: &Namespace,
        repo: &RepoName,
        robot: &RobotName,
        role: &str,
    ) -> Result<UserPermission, AppError> {
        let path = repo_path(ns, repo, &["permissions", "user", robot])?;
        let body = serde_json::json!({ "role": role });
        self.call(Some(token), Method::PUT, &path, Some(&body))
            .await
    }

    /// `DELETE /api/v1/repository/{ns}/{repo}/permissions/user/{robot}` (204).
    pub async fn delete_repo_permission(
        &self,
        token: &str,
        ns: &Namespace,
        repo: &RepoName,
        robot: &RobotName,
    ) -> Result<(), AppError> {
        let path = repo_path(ns, repo, &["permissions", "user", robot])?;
        self.call_empty(Some(token), Method::DELETE, &path, None)
            .await
    }
}
