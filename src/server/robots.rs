//! Robot accounts of a namespace.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One row of the robot accounts table, with dates parsed for chronological sorting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotRow {
    pub name: String,
    pub description: String,
    pub teams: Vec<String>,
    pub repositories: Vec<String>,
    pub last_accessed: Option<String>,
    pub last_accessed_epoch: Option<i64>,
    pub created: Option<String>,
    pub created_epoch: Option<i64>,
}

impl RobotRow {
    pub fn short_name(&self) -> &str {
        self.name
            .split_once('+')
            .map(|(_, s)| s)
            .unwrap_or(&self.name)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotsPage {
    pub namespace: String,
    /// The signed-in user's own namespace (uses `/api/v1/user/robots`).
    pub is_user: bool,
    /// `ROBOTS_DISALLOW` from Quay's `/config`.
    pub robots_disallow: bool,
    pub robots: Vec<RobotRow>,
}

#[cfg(feature = "ssr")]
pub fn to_row(r: crate::quay::model::Robot) -> RobotRow {
    use crate::dates::parse_rfc2822;
    RobotRow {
        last_accessed_epoch: r.last_accessed.as_deref().and_then(parse_rfc2822),
        created_epoch: r.created.as_deref().and_then(parse_rfc2822),
        teams: r
            .teams
            .unwrap_or_default()
            .into_iter()
            .map(|t| t.name)
            .collect(),
        repositories: r.repositories.unwrap_or_default(),
        description: r.description.unwrap_or_default(),
        name: r.name,
        last_accessed: r.last_accessed,
        created: r.created,
    }
}

/// The robots of `namespace` with teams and repositories (`permissions=true&token=false`).
#[server(endpoint = "list_robots")]
pub async fn list_robots(namespace: String) -> Result<RobotsPage, AppError> {
    use crate::quay::names::is_plausible_namespace;
    if !is_plausible_namespace(&namespace) {
        return Err(AppError::new(
            404,
            crate::error::ErrorKind::NotFound,
            format!("'{namespace}' is not a valid organization or user name."),
        ));
    }
    let auth = crate::server::ssr::auth().await?;
    let is_user = auth.is_user_namespace(&namespace);
    let scope = auth.scope(&namespace);
    let quay = &auth.state.quay;
    let (robots, config) = tokio::join!(quay.robots(&auth.token, &scope, true), quay.config());
    let robots = robots?;
    // /config is public and only tells whether robots are disabled: a failure there must not
    // hide the list.
    let robots_disallow = config
        .ok()
        .and_then(|c| c.config.ROBOTS_DISALLOW)
        .unwrap_or(false);
    Ok(RobotsPage {
        namespace,
        is_user,
        robots_disallow,
        robots: robots.into_iter().map(to_row).collect(),
    })
}

/// The outcome of deleting one robot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteOutcome {
    pub name: String,
    pub deleted: bool,
    /// Quay's message when it refused.
    pub message: Option<String>,
}

/// Deletes the listed robots (full names) with bounded concurrency and reports each outcome.
/// Names outside `namespace` are refused, not deleted.
#[server(endpoint = "delete_robots", input = leptos::server_fn::codec::Json)]
pub async fn delete_robots(
    namespace: String,
    names: Vec<String>,
) -> Result<Vec<DeleteOutcome>, AppError> {
    use futures::stream::{self, StreamExt};
    let auth = crate::server::ssr::auth().await?;
    let scope = auth.scope(&namespace);
    let prefix = format!("{namespace}+");
    let mut seen = std::collections::HashSet::new();
    let names: Vec<String> = names
        .into_iter()
        .filter(|n| seen.insert(n.clone()))
        .collect();
    let quay = auth.state.quay.clone();
    let token = auth.token.clone();
    let outcomes = stream::iter(names)
        .map(|name| {
            let (quay, token, scope, prefix) =
                (quay.clone(), token.clone(), scope.clone(), prefix.clone());
            async move {
                let Some(short) = name.strip_prefix(&prefix).filter(|s| !s.is_empty()) else {
                    return DeleteOutcome {
                        message: Some(format!(
                            "{name} is not a robot account of {}",
                            prefix.trim_end_matches('+')
                        )),
                        name,
                        deleted: false,
                    };
                };
                match quay.delete_robot(&token, &scope, short).await {
                    Ok(()) => DeleteOutcome {
                        name,
                        deleted: true,
                        message: None,
                    },
                    Err(e) => DeleteOutcome {
                        name,
                        deleted: false,
                        message: Some(e.message),
                    },
                }
            }
        })
        .buffered(auth.state.concurrency)
        .collect::<Vec<_>>()
        .await;
    Ok(outcomes)
}

/// A team of an organization, as the Teams modal shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub name: String,
    pub role: String,
    pub member_count: u64,
    pub description: String,
}

/// The teams of an organization (`GET /api/v1/organization/{org}`), in Quay's order.
#[server(endpoint = "org_teams")]
pub async fn org_teams(namespace: String) -> Result<Vec<TeamSummary>, AppError> {
    let auth = crate::server::ssr::auth().await?;
    if auth.is_user_namespace(&namespace) {
        return Ok(Vec::new());
    }
    let org = auth
        .state
        .quay
        .organization(&auth.token, &namespace)
        .await?;
    let mut teams = org.teams.unwrap_or_default();
    let order = org
        .ordered_teams
        .unwrap_or_else(|| teams.keys().cloned().collect());
    Ok(order
        .into_iter()
        .filter_map(|n| teams.remove(&n))
        .map(|t| TeamSummary {
            name: t.name,
            role: t.role,
            member_count: t.member_count,
            description: t.description.unwrap_or_default(),
        })
        .collect())
}
