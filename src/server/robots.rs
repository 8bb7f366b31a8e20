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
    use crate::quay::client::RobotScope;
    use crate::quay::names::is_plausible_namespace;
    if !is_plausible_namespace(&namespace) {
        return Err(AppError::new(
            404,
            crate::error::ErrorKind::NotFound,
            format!("'{namespace}' is not a valid organization or user name."),
        ));
    }
    let auth = crate::server::ssr::auth().await?;
    let is_user = namespace == auth.username;
    let scope = if is_user {
        RobotScope::User
    } else {
        RobotScope::Org(namespace.clone())
    };
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
