//! QuayClient endpoints: teams, team members and default permissions (spec §7.11, §7.12).

use super::{seg, QuayClient};
use crate::error::AppError;
use crate::quay::model::{Entity, Prototype, PrototypeList, Team};
use reqwest::Method;
use serde_json::json;

fn team_path(org: &str, team: &str) -> String {
    format!("/api/v1/organization/{}/team/{}", seg(org), seg(team))
}

fn prototypes_path(org: &str) -> String {
    format!("/api/v1/organization/{}/prototypes", seg(org))
}

impl QuayClient {
    /// `PUT /api/v1/organization/{org}/team/{team}`: creates the team, or updates it (the answer's
    /// `new_team` tells which). `description` is sent only when non-empty, as Quay's UI does.
    pub async fn put_team(
        &self,
        token: &str,
        org: &str,
        team: &str,
        role: &str,
        description: &str,
    ) -> Result<Team, AppError> {
        let mut body = json!({ "name": team, "role": role });
        if !description.is_empty() {
            body["description"] = json!(description);
        }
        self.call(Some(token), Method::PUT, &team_path(org, team), Some(&body))
            .await
    }

    /// `PUT …/team/{team}/members/{member}` with `{}` (robots are added directly, never invited).
    pub async fn add_team_member(
        &self,
        token: &str,
        org: &str,
        team: &str,
        member: &str,
    ) -> Result<Entity, AppError> {
        let path = format!("{}/members/{}", team_path(org, team), seg(member));
        self.call(Some(token), Method::PUT, &path, Some(&json!({})))
            .await
    }

    /// `GET /api/v1/organization/{org}/prototypes`.
    pub async fn prototypes(&self, token: &str, org: &str) -> Result<Vec<Prototype>, AppError> {
        let list: PrototypeList = self
            .call(Some(token), Method::GET, &prototypes_path(org), None)
            .await?;
        Ok(list.prototypes)
    }

    /// `POST …/prototypes`: `role` for robot `robot` on repositories anyone creates later.
    pub async fn create_robot_prototype(
        &self,
        token: &str,
        org: &str,
        robot: &str,
        role: &str,
    ) -> Result<Prototype, AppError> {
        let body = json!({
            "delegate": {"name": robot, "kind": "user", "is_robot": true},
            "role": role,
        });
        self.call(
            Some(token),
            Method::POST,
            &prototypes_path(org),
            Some(&body),
        )
        .await
    }

    /// `PUT …/prototypes/{id}` with a new role.
    pub async fn set_prototype_role(
        &self,
        token: &str,
        org: &str,
        id: &str,
        role: &str,
    ) -> Result<Prototype, AppError> {
        let path = format!("{}/{}", prototypes_path(org), seg(id));
        self.call(
            Some(token),
            Method::PUT,
            &path,
            Some(&json!({ "role": role })),
        )
        .await
    }
}
