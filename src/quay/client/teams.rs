//! QuayClient endpoints: teams, team members and default permissions (spec §7.11, §7.12).

use super::{path, QuayClient};
use crate::error::AppError;
use crate::quay::ids::{Description, Namespace, RobotName, TeamName};
use crate::quay::model::{Entity, Prototype, PrototypeList, Team};
use reqwest::Method;
use serde_json::json;

fn team_path(org: &Namespace, team: &TeamName, rest: &[&str]) -> Result<String, AppError> {
    let mut segs: Vec<&str> = vec!["api", "v1", "organization", org, "team", team];
    segs.extend_from_slice(rest);
    path(&segs)
}

fn prototypes_path(org: &Namespace, rest: &[&str]) -> Result<String, AppError> {
    let mut segs: Vec<&str> = vec!["api", "v1", "organization", org, "prototypes"];
    segs.extend_from_slice(rest);
    path(&segs)
}

impl QuayClient {
    /// `PUT /api/v1/organization/{org}/team/{team}`: creates the team, or updates it (the answer's
    /// `new_team` tells which). `description` is sent only when non-empty, as Quay's UI does.
    pub async fn put_team(
        &self,
        token: &str,
        org: &Namespace,
        team: &TeamName,
        role: &str,
        description: &Description,
    ) -> Result<Team, AppError> {
        let mut body = json!({ "name": team.as_str(), "role": role });
        if !description.is_empty() {
            body["description"] = json!(description.as_str());
        }
        let path = team_path(org, team, &[])?;
        self.call(Some(token), Method::PUT, &path, Some(&body))
            .await
    }

    /// `PUT …/team/{team}/members/{member}` with `{}` (robots are added directly, never invited).
    pub async fn add_team_member(
        &self,
        token: &str,
        org: &Namespace,
        team: &TeamName,
        member: &RobotName,
    ) -> Result<Entity, AppError> {
        let path = team_path(org, team, &["members", member])?;
        self.call(Some(token), Method::PUT, &path, Some(&json!({})))
            .await
    }

    /// `GET /api/v1/organization/{org}/prototypes`.
    pub async fn prototypes(
        &self,
        token: &str,
        org: &Namespace,
    ) -> Result<Vec<Prototype>, AppError> {
        let list: PrototypeList = self
            .call(Some(token), Method::GET, &prototypes_path(org, &[])?, None)
            .await?;
        Ok(list.prototypes)
    }

    /// `POST …/prototypes`: `role` for robot `robot` on repositories anyone creates later.
    pub async fn create_robot_prototype(
        &self,
        token: &str,
        org: &Namespace,
        robot: &RobotName,
        role: &str,
    ) -> Result<Prototype, AppError> {
        let body = json!({
            "delegate": {"name": robot.as_str(), "kind": "user", "is_robot": true},
            "role": role,
        });
        self.call(
            Some(token),
            Method::POST,
            &prototypes_path(org, &[])?,
            Some(&body),
        )
        .await
    }

    /// `PUT …/prototypes/{id}` with a new role.
    pub async fn set_prototype_role(
        &self,
        token: &str,
        org: &Namespace,
        id: &str,
        role: &str,
    ) -> Result<Prototype, AppError> {
        // `id` comes from Quay's own prototype list, never from a visitor.
        let path = prototypes_path(org, &[id])?;
        self.call(
            Some(token),
            Method::PUT,
            &path,
            Some(&json!({ "role": role })),
        )
        .await
    }
}
