//! Server functions: a robot's activity from Quay's usage logs (the Activity dialog), and "last
//! used" for the robots table where Quay's `last_accessed` is empty.

use crate::activity::cursor::ActivityCursor;
use crate::activity::last_used::LastUsed;
use crate::activity::{ActivityOverview, EventFilter, EventsPage};
use crate::error::AppError;
use crate::quay::ids::{LogRange, Namespace, RobotName};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

#[cfg(feature = "ssr")]
mod last_used;
#[cfg(feature = "ssr")]
mod timeline;

/// The chart's counts (Quay's `aggregatelogs` for the robot, per day and kind) and the summary
/// (from the robot's newest events in `range`). A robot Quay does not know has no activity
/// (Quay answers 500 for its logs): the answer says so instead of failing.
#[server(endpoint = "robot_activity", client = crate::csrf::CsrfClient, input = Json)]
pub async fn robot_activity(
    namespace: Namespace,
    robot: RobotName,
    range: LogRange,
) -> Result<ActivityOverview, AppError> {
    robot.in_namespace(&namespace)?;
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    timeline::overview(&auth, &namespace, &robot, range).await
}

/// The robot's events in `range` matching `filter`, newest first, about 20 at a time: its own
/// (logins, pulls, pushes) and those that name it (created, token regenerated, permissions,
/// teams, federation), each source paged with Quay's `next_page` in `cursor`.
#[server(endpoint = "robot_activity_events", client = crate::csrf::CsrfClient, input = Json)]
pub async fn robot_activity_events(
    namespace: Namespace,
    robot: RobotName,
    range: LogRange,
    filter: EventFilter,
    cursor: Option<ActivityCursor>,
) -> Result<EventsPage, AppError> {
    robot.in_namespace(&namespace)?;
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    timeline::events(&auth, &namespace, &robot, range, filter, cursor).await
}

/// When each of `robots` was last used, from one bounded pass over the namespace's log of the
/// last [`crate::activity::last_used::WINDOW_DAYS`] days (kept for a minute per visitor,
/// namespace and list of robots). Asked by the robots tab after it shows, for robots whose `last_accessed` is empty.
#[server(endpoint = "robots_last_used", client = crate::csrf::CsrfClient, input = Json, output = crate::json::Answer)]
pub async fn robots_last_used(
    namespace: Namespace,
    robots: Vec<RobotName>,
) -> Result<LastUsed, AppError> {
    crate::quay::ids::check_bulk_items("robots", robots.len())?;
    for r in &robots {
        r.in_namespace(&namespace)?;
    }
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    last_used::find(&auth, &namespace, &robots).await
}
