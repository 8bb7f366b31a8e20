//! Serde types of Quay's JSON, as a real Quay sends it (checked against
//! `../shared/quay-reference/recorded/` by `tests/models.rs`).
//!
//! Optional and defaulted fields follow what Quay omits: a plain org member gets robots without
//! `teams`/`repositories`, lists without `permissions=true` have no `teams`, `description` can be
//! `null`, and so on.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod logs;
pub use logs::*;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Avatar {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub hash: String,
    #[serde(default)]
    pub color: String,
    #[serde(default)]
    pub kind: String,
}

/// A team as it appears inside a robot of the robots list (`permissions=true`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotTeam {
    pub name: String,
    #[serde(default)]
    pub avatar: Option<Avatar>,
}

/// One robot, from the list, a GET, a create (PUT) or a regenerate (POST).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Robot {
    /// Full name `{ns}+{short}`.
    pub name: String,
    #[serde(default)]
    pub created: Option<String>,
    #[serde(default)]
    pub last_accessed: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub teams: Option<Vec<RobotTeam>>,
    #[serde(default)]
    pub repositories: Option<Vec<String>>,
    #[serde(default)]
    pub token: Option<String>,
    #[serde(default)]
    pub unstructured_metadata: Option<serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RobotList {
    pub robots: Vec<Robot>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserOrganization {
    pub name: String,
    #[serde(default)]
    pub avatar: Option<Avatar>,
    #[serde(default)]
    pub is_org_admin: bool,
    #[serde(default)]
    pub can_create_repo: bool,
    #[serde(default)]
    pub public: bool,
}

/// `GET /api/v1/user/`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub username: String,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub avatar: Option<Avatar>,
    #[serde(default)]
    pub organizations: Vec<UserOrganization>,
    #[serde(default)]
    pub super_user: bool,
}

/// A team of `GET /api/v1/organization/{org}` (`teams` dict values).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub avatar: Option<Avatar>,
    #[serde(default)]
    pub can_view: bool,
    #[serde(default)]
    pub repo_count: u64,
    #[serde(default)]
    pub member_count: u64,
    #[serde(default)]
    pub is_synced: bool,
    /// Only in the team create/update answer.
    #[serde(default)]
    pub new_team: Option<bool>,
}

/// `GET /api/v1/organization/{org}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organization {
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub avatar: Option<Avatar>,
    #[serde(default)]
    pub is_admin: bool,
    #[serde(default)]
    pub is_member: bool,
    /// Present for members and superusers only.
    #[serde(default)]
    pub teams: Option<BTreeMap<String, Team>>,
    #[serde(default)]
    pub ordered_teams: Option<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repository {
    pub namespace: String,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub is_public: bool,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub state: Option<String>,
    /// Epoch seconds, present with `last_modified=true`; `null` when never pushed.
    #[serde(default)]
    pub last_modified: Option<i64>,
    #[serde(default)]
    pub is_starred: Option<bool>,
}

/// `GET /api/v1/repository?namespace=..`, one page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepositoryPage {
    pub repositories: Vec<Repository>,
    #[serde(default)]
    pub next_page: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermissionRepository {
    pub name: String,
    #[serde(default)]
    pub is_public: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotPermission {
    pub repository: PermissionRepository,
    pub role: String,
}

/// `GET .../robots/{short}/permissions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotPermissions {
    pub permissions: Vec<RobotPermission>,
}

/// `GET /api/v1/organization/{org}/team/{team}/permissions`: the team's repository grants, each
/// `{repository: {name, is_public}, role}` like a robot's (TEAM_16).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamPermissions {
    pub permissions: Vec<RobotPermission>,
}

/// One entry of `GET .../permissions/user/{name}/transitive`: `{"role": "write"}` (TEAM_13).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleEntry {
    pub role: String,
}

/// `GET .../permissions/user/{name}/transitive`: one entry per direct or team grant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitivePermissions {
    pub permissions: Vec<RoleEntry>,
}

/// A user/robot permission on a repository (`PUT/GET .../permissions/user/{name}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPermission {
    pub role: String,
    pub name: String,
    #[serde(default)]
    pub is_robot: bool,
    #[serde(default)]
    pub avatar: Option<Avatar>,
    #[serde(default)]
    pub is_org_member: Option<bool>,
}

/// `GET .../permissions/user/`: `{"permissions": {name: permission}}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPermissionList {
    pub permissions: BTreeMap<String, UserPermission>,
}

/// An entity as in team members, prototypes and permission answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub is_robot: bool,
    #[serde(default)]
    pub avatar: Option<Avatar>,
    #[serde(default)]
    pub is_org_member: Option<bool>,
    #[serde(default)]
    pub invited: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMembers {
    pub name: String,
    pub members: Vec<Entity>,
    #[serde(default)]
    pub can_edit: bool,
}

/// A default permission (prototype).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prototype {
    pub id: String,
    pub role: String,
    #[serde(default)]
    pub activating_user: Option<Entity>,
    pub delegate: Entity,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrototypeList {
    pub prototypes: Vec<Prototype>,
}

/// One robot federation entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FederationEntry {
    pub issuer: String,
    pub subject: String,
}

/// `{"token": ...}` answers: keyless exchange and registry `/v2/auth`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub token: String,
}

/// The part of `GET /config` the console reads.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuayConfig {
    #[serde(default)]
    pub config: QuayConfigValues,
    #[serde(default)]
    pub features: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    pub registry_state: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[allow(non_snake_case)]
pub struct QuayConfigValues {
    #[serde(default)]
    pub SERVER_HOSTNAME: Option<String>,
    #[serde(default)]
    pub ROBOTS_DISALLOW: Option<bool>,
}

/// Every error body shape Quay answers with: the RFC 7807-like `ApiException` body
/// (`detail`, `error_message`, ...), `{"message"}` (uncaught model errors), `{"error"}` (CSRF,
/// XHR, federation header checks), and the registry's `{"errors": [...]}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuayErrorBody {
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub error_message: Option<String>,
    #[serde(default)]
    pub error_type: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub error_description: Option<String>,
    #[serde(default)]
    pub errors: Option<Vec<RegistryError>>,
    #[serde(default)]
    pub status: Option<u16>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegistryError {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

impl QuayErrorBody {
    /// The message a person should read, in Quay UI's order of preference
    /// (`detail`, `error_message`, `message`, `error_description`), then `error` and the
    /// registry's `errors[0].message`, which Quay's UI drops (it shows "unable to make request").
    pub fn best_message(&self) -> Option<String> {
        [
            &self.detail,
            &self.error_message,
            &self.message,
            &self.error_description,
            &self.error,
        ]
        .into_iter()
        .flatten()
        .map(|s| s.trim())
        .find(|s| !s.is_empty())
        .map(str::to_string)
        .or_else(|| {
            self.errors
                .as_ref()
                .and_then(|v| v.iter().find_map(|e| e.message.clone()))
        })
    }
}

impl Robot {
    /// The short name: the part after `{ns}+`.
    pub fn short_name(&self) -> &str {
        self.name
            .split_once('+')
            .map(|(_, s)| s)
            .unwrap_or(&self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_message_prefers_detail_then_message_then_error() {
        let b: QuayErrorBody =
            serde_json::from_str(r#"{"detail":"d","error_message":"e","message":"m"}"#).unwrap();
        assert_eq!(b.best_message().as_deref(), Some("d"));
        let b: QuayErrorBody =
            serde_json::from_str(r#"{"message":"Could not find robot with specified username"}"#)
                .unwrap();
        assert_eq!(
            b.best_message().as_deref(),
            Some("Could not find robot with specified username")
        );
        let b: QuayErrorBody =
            serde_json::from_str(r#"{"error":"CSRF token was invalid or missing."}"#).unwrap();
        assert_eq!(
            b.best_message().as_deref(),
            Some("CSRF token was invalid or missing.")
        );
        let b: QuayErrorBody = serde_json::from_str(
            r#"{"errors":[{"code":"UNAUTHORIZED","detail":{},"message":"nope"}]}"#,
        )
        .unwrap();
        assert_eq!(b.best_message().as_deref(), Some("nope"));
    }

    #[test]
    fn short_name_strips_the_namespace() {
        let r: Robot = serde_json::from_str(r#"{"name":"acme+my_bot.x"}"#).unwrap();
        assert_eq!(r.short_name(), "my_bot.x");
    }
}
