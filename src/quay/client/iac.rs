//! QuayClient endpoints robots-as-code needs beyond the dialogs': removing a team member,
//! clearing federation, and default permissions with an activating user (create, delete).

use super::{path, QuayClient, RobotScope};
use crate::error::AppError;
use crate::quay::ids::{Namespace, RobotName, RobotShort, TeamName};
use crate::quay::model::Prototype;
use reqwest::Method;
use serde_json::json;

impl QuayClient {
    /// `DELETE /api/v1/organization/{org}/team/{team}/members/{member}` (204).
    pub async fn remove_team_member(
        &self,
        token: &str,
        org: &Namespace,
        team: &TeamName,
        member: &RobotName,
    ) -> Result<(), AppError> {
        let path = path(&[
            "api",
            "v1",
            "organization",
            org,
            "team",
            team,
            "members",
            member,
        ])?;
        self.call_empty(Some(token), Method::DELETE, &path, None)
            .await
    }

    /// `DELETE …/robots/{short}/federation` (204): the robot has no federation entries after.
    pub async fn delete_federation(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &RobotShort,
    ) -> Result<(), AppError> {
        let path = scope.robot_path(short, &["federation"])?;
        self.call_empty(Some(token), Method::DELETE, &path, None)
            .await
    }

    /// `POST …/prototypes`: `role` for robot `robot` on repositories created later by
    /// `activating_user` (None: by anyone).
    pub async fn create_prototype(
        &self,
        token: &str,
        org: &Namespace,
        robot: &RobotName,
        activating_user: Option<&Namespace>,
        role: &str,
    ) -> Result<Prototype, AppError> {
        let mut body = json!({
            "delegate": {"name": robot.as_str(), "kind": "user", "is_robot": true},
            "role": role,
        });
        if let Some(u) = activating_user {
            body["activating_user"] = json!({ "name": u.as_str() });
        }
        let path = path(&["api", "v1", "organization", org, "prototypes"])?;
        self.call(Some(token), Method::POST, &path, Some(&body))
            .await
    }

    /// `DELETE …/prototypes/{id}` (204). `id` comes from Quay's own prototype list.
    pub async fn delete_prototype(
        &self,
        token: &str,
        org: &Namespace,
        id: &str,
    ) -> Result<(), AppError> {
        let path = path(&["api", "v1", "organization", org, "prototypes", id])?;
        self.call_empty(Some(token), Method::DELETE, &path, None)
            .await
    }
}
