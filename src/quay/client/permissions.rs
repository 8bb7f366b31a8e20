//! QuayClient endpoints: a robot's repository permissions (spec §7.7, §7.10).

use super::{seg, QuayClient, RobotScope};
use crate::error::AppError;
use crate::quay::model::{RobotPermission, RobotPermissions, UserPermission};
use reqwest::Method;

impl QuayClient {
    /// `GET …/robots/{short}/permissions`.
    pub async fn robot_permissions(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &str,
    ) -> Result<Vec<RobotPermission>, AppError> {
        let path = format!("{}/{}/permissions", scope.robots_path(), seg(short));
        let list: RobotPermissions = self.call(Some(token), Method::GET, &path, None).await?;
        Ok(list.permissions)
    }

    /// `PUT /api/v1/repository/{ns}/{repo}/permissions/user/{user}` with `{"role": role}`.
    pub async fn set_repo_permission(
        &self,
        token: &str,
        ns: &str,
        repo: &str,
        user: &str,
        role: &str,
    ) -> Result<UserPermission, AppError> {
        let path = repo_user_path(ns, repo, user);
        let body = serde_json::json!({ "role": role });
        self.call(Some(token), Method::PUT, &path, Some(&body))
            .await
    }

    /// `DELETE /api/v1/repository/{ns}/{repo}/permissions/user/{user}` (204).
    pub async fn delete_repo_permission(
        &self,
        token: &str,
        ns: &str,
        repo: &str,
        user: &str,
    ) -> Result<(), AppError> {
        let path = repo_user_path(ns, repo, user);
        self.call_empty(Some(token), Method::DELETE, &path, None)
            .await
    }
}

fn repo_user_path(ns: &str, repo: &str, user: &str) -> String {
    format!(
        "/api/v1/repository/{}/{}/permissions/user/{}",
        seg(ns),
        seg(repo),
        seg(user)
    )
}
