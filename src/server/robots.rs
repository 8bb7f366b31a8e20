//! Robot accounts of a namespace.

use crate::error::AppError;
use crate::quay::ids::{Namespace, RobotName, TeamName};
use crate::robot_list::RobotsPage;
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, Json, Streaming};
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
        teams: r.teams.map(|t| t.into_iter().map(|t| t.name).collect()),
        repositories: r.repositories,
        description: r.description.unwrap_or_default(),
        name,
        last_accessed: r.last_accessed,
        created: r.created,
        log_last_used: None,
    })
}

/// The robots of `namespace` with teams and repositories (`permissions=true&token=false`), and
/// the caller's standing there: a plain member gets robot names only (as Quay answers), an
/// outsider none.
#[server(endpoint = "list_robots", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn list_robots(namespace: Namespace) -> Result<RobotsPage, AppError> {
    use crate::standing::Standing;
    let auth = crate::server::ssr::auth().await?;
    let is_user = auth.is_user_namespace(&namespace);
    let scope = auth.scope(&namespace);
    let quay = &auth.state.quay;
    let standing = async {
        if is_user {
            return Ok(Standing::Own);
        }
        crate::server::ssr::standing(&auth, &namespace).await
    };
    let (robots, config, standing) = tokio::join!(
        quay.robots(&auth.token, &scope, true),
        quay.config(),
        standing
    );
    let standing = standing?;
    let robots = match (robots, &standing) {
        // Quay refuses an outsider the list; the page says why instead.
        (Err(e), Standing::Outsider) if e.status == 403 => Vec::new(),
        (r, _) => r?,
    };
    // /config is public and only tells whether robots are disabled: a failure there must not
    // hide the list.
    let robots_disallow = config
        .ok()
        .and_then(|c| c.config.ROBOTS_DISALLOW)
        .unwrap_or(false);
    Ok(RobotsPage {
        namespace,
        is_user,
        standing,
        robots_disallow,
        robots: robots.into_iter().filter_map(to_row).collect(),
    })
}

/// Deletes the listed robots of `namespace` and streams each robot's outcome (the bulk engine:
/// bounded concurrency, retries). Every name must be a robot of `namespace`; otherwise nothing
/// is deleted. A robot that is already gone counts as done ("Retry failed" is safe).
#[server(endpoint = "delete_robots", client = crate::csrf::CsrfClient, input = Json, output = Streaming)]
pub async fn delete_robots(
    namespace: Namespace,
    names: Vec<RobotName>,
) -> Result<ByteStream<AppError>, AppError> {
    crate::quay::ids::check_bulk_items("names", names.len())?;
    let mut seen = std::collections::HashSet::new();
    let mut robots = Vec::new();
    for name in names {
        name.in_namespace(&namespace)?;
        if seen.insert(name.clone()) {
            robots.push(name);
        }
    }
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let scope = auth.scope(&namespace);
    let (quay, token) = (auth.state.quay.clone(), auth.token.clone());
    Ok(crate::server::bulk::stream(
        &auth.state,
        robots,
        move |name: &RobotName| {
            let (quay, token, scope, short) =
                (quay.clone(), token.clone(), scope.clone(), name.short());
            async move {
                use crate::bulk::Outcome;
                match quay.delete_robot(&token, &scope, &short).await {
                    Ok(()) => Ok(Outcome::Done),
                    Err(e) if e.kind == crate::error::ErrorKind::NotFound => Ok(Outcome::Skipped {
                        reason: "The robot account was already deleted.".into(),
                    }),
                    Err(e) => Err(e),
                }
            }
        },
    ))
}

/// A team of an organization, as the Teams modal shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSummary {
    pub name: TeamName,
    pub role: String,
    pub member_count: u64,
    pub description: String,
}

crate::json::from_json_struct! {
    TeamSummary { name, role, member_count, description }
}

/// The teams of an organization (`GET /api/v1/organization/{org}`), in Quay's order.
#[server(endpoint = "org_teams", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn org_teams(namespace: Namespace) -> Result<Vec<TeamSummary>, AppError> {
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
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
