//! QuayClient endpoints of the access report: a team's repository grants and a robot's effective
//! (transitive) role on one repository (`recorded-more/TEAM_*`).

use super::{path, repo_path, QuayClient};
use crate::error::{AppError, ErrorKind};
use crate::permissions::Perm;
use crate::quay::ids::{Namespace, RepoName, RobotName, TeamName};
use crate::quay::model::{RobotPermission, TeamPermissions, TransitivePermissions};
use reqwest::Method;

impl QuayClient {
    /// `GET /api/v1/organization/{org}/team/{team}/permissions` (org admins; others get 403).
    pub async fn team_permissions(
        &self,
        token: &str,
        org: &Namespace,
        team: &TeamName,
    ) -> Result<Vec<RobotPermission>, AppError> {
        let path = path(&[
            "api",
            "v1",
            "organization",
            org,
            "team",
            team,
            "permissions",
        ])?;
        let list: TeamPermissions = self.call(Some(token), Method::GET, &path, None).await?;
        Ok(list.permissions)
    }

    /// `GET /api/v1/repository/{ns}/{repo}/permissions/user/{robot}/transitive`: the highest role
    /// the robot has on the repository, directly or through a team; `None` when Quay answers 404
    /// (no access at all, TEAM_15).
    pub async fn transitive_role(
        &self,
        token: &str,
        ns: &Namespace,
        repo: &RepoName,
        robot: &RobotName,
    ) -> Result<Option<Perm>, AppError> {
        let path = repo_path(ns, repo, &["permissions", "user", robot, "transitive"])?;
        match self
            .call::<TransitivePermissions>(Some(token), Method::GET, &path, None)
            .await
        {
            Ok(list) => Ok(list
                .permissions
                .iter()
                .map(|p| Perm::from_role(&p.role))
                .max()
                .filter(|p| *p != Perm::None)),
            Err(e) if e.kind == ErrorKind::NotFound && e.status == 404 => Ok(None),
            Err(e) => Err(e),
        }
    }
}
