//! Robot accounts of a namespace.

use crate::error::AppError;
use crate::quay::ids::{Namespace, RobotName, TeamName};
use crate::robot_list::RobotsPage;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub fn to_row(r: crate::quay::model::Robot) -> Option<crate::robot_list::RobotRow> {
    use crate::dates::parse_rfc2822;
    // Quay checks robot names on creation with the rule `RobotName` holds; a name that does not
    // parse could not be acted on safely, so it is left out (and logged).
    let name = match RobotName::parse(&r.name) {
        Ok(n) => n,
        Err(e) => {
            tracing::warn!(robot = %crate::quay::ids::shown(&r.name), "skipping a robot Quay listed: {e}");
            return None;
        }
    };
    Some(crate::robot_list::RobotRow {
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
        name,
        last_accessed: r.last_accessed,
        created: r.created,
    })
}

/// The robots of `namespace` with teams and repositories (`permissions=true&token=false`).
#[server(endpoint = "list_robots", client = crate::csrf::CsrfClient)]
pub async fn list_robots(namespace: Namespace) -> Result<RobotsPage, AppError> {
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
        robots: robots.into_iter().filter_map(to_row).collect(),
    })
}

/// The outcome of deleting one robot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteOutcome {
    pub name: RobotName,
    pub deleted: bool,
    /// Quay's message when it refused.
    pub message: Option<String>,
}

/// Deletes the listed robots of `namespace` with bounded concurrency and reports each outcome.
/// Every name must be a robot of `namespace`; otherwise nothing is deleted.
#[server(endpoint = "delete_robots", client = crate::csrf::CsrfClient, input = leptos::server_fn::codec::Json)]
pub async fn delete_robots(
    namespace: Namespace,
    names: Vec<RobotName>,
) -> Result<Vec<DeleteOutcome>, AppError> {
    use futures::stream::{self, StreamExt};
    crate::quay::ids::check_bulk_len("names", names.len())?;
    let mut seen = std::collections::HashSet::new();
    let mut robots = Vec::new();
    for name in names {
        let short = name.in_namespace(&namespace)?;
        if seen.insert(short.clone()) {
            robots.push((name, short));
        }
    }
    let auth = crate::server::ssr::auth().await?;
    let scope = auth.scope(&namespace);
    let quay = auth.state.quay.clone();
    let token = auth.token.clone();
    let outcomes = stream::iter(robots)
        .map(|(name, short)| {
            let (quay, token, scope) = (quay.clone(), token.clone(), scope.clone());
            async move {
                match quay.delete_robot(&token, &scope, &short).await {
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
    pub name: TeamName,
    pub role: String,
    pub member_count: u64,
    pub description: String,
}

/// The teams of an organization (`GET /api/v1/organization/{org}`), in Quay's order.
#[server(endpoint = "org_teams", client = crate::csrf::CsrfClient)]
pub async fn org_teams(namespace: Namespace) -> Result<Vec<TeamSummary>, AppError> {
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
        .filter_map(|t| {
            Some(TeamSummary {
                name: TeamName::parse(&t.name).ok()?,
                role: t.role,
                member_count: t.member_count,
                description: t.description.unwrap_or_default(),
            })
        })
        .collect())
}
