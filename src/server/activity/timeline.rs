//! Reading a robot's timeline from Quay: the overview (aggregated counts and a summary) and the
//! events, paged through both of Quay's listings (see `crate::activity::cursor`).

use crate::activity::chart::day_counts;
use crate::activity::cursor::{ActivityCursor, Completeness, Position, Source};
use crate::activity::summary::{summarize, Summary};
use crate::activity::{
    mentions, no_such_robot, performed_by, ActivityOverview, Event, EventFilter, EventsPage,
};
use crate::dates::parse_rfc2822;
use crate::error::{AppError, ErrorKind};
use crate::quay::client::{QuayClient, RobotScope};
use crate::quay::ids::{LogRange, Namespace, PageToken, RobotName};
use crate::quay::model::LogPage;
use crate::server::ssr::Auth;
use futures::{StreamExt, TryStreamExt};

/// Events a call returns before it stops (when they are complete down to their time).
pub const PAGE_EVENTS: usize = 20;
/// Quay pages one call reads at most (each 20 entries).
pub const MAX_PAGES_PER_CALL: usize = 10;
/// Pages of the robot's own entries the summary reads at most.
pub const SUMMARY_PAGES: usize = 25;
/// Days per `aggregatelogs` call: Quay refuses about a month or more (28 days in some
/// versions, 30 or 32 in others).
pub const AGGREGATE_DAYS: i64 = 27;

/// Quay answers 500 for the logs of an unknown performer. When the robot is indeed unknown,
/// that is "no activity", with the reason; any other failure stays an error.
async fn unknown_robot(
    quay: &QuayClient,
    token: &str,
    scope: &RobotScope,
    robot: &RobotName,
    e: AppError,
) -> Result<String, AppError> {
    if e.status != 500 {
        return Err(e);
    }
    match quay.robot(token, scope, &robot.short()).await {
        Err(lookup) if lookup.kind == ErrorKind::NotFound => Ok(no_such_robot(robot)),
        _ => Err(e),
    }
}

/// The robot's own events in `range`, newest first, from at most `max_pages` pages.
async fn own_events(
    quay: &QuayClient,
    token: &str,
    scope: &RobotScope,
    range: &LogRange,
    robot: &RobotName,
    max_pages: usize,
) -> Result<Vec<Event>, AppError> {
    let mut out = Vec::new();
    let mut next: Option<PageToken> = None;
    for _ in 0..max_pages {
        let page = quay
            .logs(token, scope, range, Some(robot), next.as_ref())
            .await?;
        out.extend(
            page.logs
                .iter()
                .filter(|e| performed_by(e, robot))
                .filter_map(Event::from_entry),
        );
        next = match page.next_page.as_deref().map(PageToken::parse) {
            Some(Ok(t)) if !page.logs.is_empty() => Some(t),
            _ => break,
        };
    }
    Ok(out)
}

pub async fn overview(
    auth: &Auth,
    ns: &Namespace,
    robot: &RobotName,
    range: LogRange,
) -> Result<ActivityOverview, AppError> {
    let (quay, token, scope) = (&auth.state.quay, auth.token.as_str(), auth.scope(ns));
    let chunks = range.chunks(AGGREGATE_DAYS);
    let calls: Vec<_> = chunks
        .iter()
        .map(|c| quay.aggregate_logs(token, &scope, c, Some(robot)))
        .collect();
    let counts = futures::stream::iter(calls)
        .buffered(4)
        .try_collect::<Vec<_>>();
    let own = own_events(quay, token, &scope, &range, robot, SUMMARY_PAGES);
    let (counts, own) = tokio::join!(counts, own);
    let own = match own {
        Ok(o) => o,
        Err(e) => {
            // Quay ignores an unknown performer in aggregates (they would be the whole
            // namespace's): nothing of them is shown.
            let reason = unknown_robot(quay, token, &scope, robot, e).await?;
            return Ok(ActivityOverview {
                range,
                counts: Vec::new(),
                summary: Summary::default(),
                no_activity: Some(reason),
            });
        }
    };
    let counts = day_counts(&counts?.concat(), &range);
    Ok(ActivityOverview {
        range,
        summary: summarize(&own, &counts),
        counts,
        no_activity: None,
    })
}

/// One page of a listing: the robot's own entries, or the namespace's.
async fn fetch(
    auth: &Auth,
    scope: &RobotScope,
    range: &LogRange,
    robot: &RobotName,
    cursor: &ActivityCursor,
    source: Source,
) -> Result<LogPage, AppError> {
    let listing = match source {
        Source::Usage => &cursor.usage,
        Source::Changes => &cursor.changes,
    };
    let next = match &listing.position {
        Position::Next(t) => Some(t),
        _ => None,
    };
    let performer = (source == Source::Usage).then_some(robot);
    auth.state
        .quay
        .logs(&auth.token, scope, range, performer, next)
        .await
}

/// Takes one page into `events` and moves the cursor on.
fn take(
    page: LogPage,
    source: Source,
    robot: &RobotName,
    filter: &EventFilter,
    cursor: &mut ActivityCursor,
    events: &mut Vec<Event>,
) -> Result<(), AppError> {
    let times: Vec<i64> = page
        .logs
        .iter()
        .filter_map(|e| parse_rfc2822(&e.datetime))
        .collect();
    let listing = cursor.listing(source);
    if listing.restarted(&times) {
        return Err(AppError::new(
            502,
            ErrorKind::Upstream,
            "Quay did not take back its own page token and answered the newest log entries again. Reload the activity.",
        ));
    }
    for e in &page.logs {
        let ours = match source {
            Source::Usage => performed_by(e, robot),
            Source::Changes => !performed_by(e, robot) && mentions(e, robot),
        };
        if let Some(ev) = ours.then(|| Event::from_entry(e)).flatten() {
            if filter.matches(&ev) {
                events.push(ev);
            }
        }
    }
    let next = page
        .next_page
        .as_deref()
        .and_then(|t| PageToken::parse(t).ok());
    listing.advance(&times, next);
    Ok(())
}

/// How many of `events` are complete (no event newer than the oldest of them is still unread).
fn complete_count(events: &[Event], c: Completeness) -> usize {
    match c {
        Completeness::All => events.len(),
        Completeness::Since(t) => events.iter().filter(|e| e.epoch >= t).count(),
        Completeness::Unknown => 0,
    }
}

pub async fn events(
    auth: &Auth,
    ns: &Namespace,
    robot: &RobotName,
    range: LogRange,
    filter: EventFilter,
    cursor: Option<ActivityCursor>,
) -> Result<EventsPage, AppError> {
    let scope = auth.scope(ns);
    let mut cursor = cursor
        .unwrap_or_else(|| ActivityCursor::start(filter.needs_usage(), filter.needs_changes()));
    let mut events = Vec::new();
    let mut pages = 0;
    while let Some(source) = cursor.next_source() {
        if pages >= MAX_PAGES_PER_CALL
            || complete_count(&events, cursor.completeness()) >= PAGE_EVENTS
        {
            break;
        }
        // The first pages of both listings are read at once.
        let both =
            cursor.usage.position == Position::Start && cursor.changes.position == Position::Start;
        let (first, second) = if both {
            let (a, b) = tokio::join!(
                fetch(auth, &scope, &range, robot, &cursor, Source::Usage),
                fetch(auth, &scope, &range, robot, &cursor, Source::Changes)
            );
            ((Source::Usage, a), Some((Source::Changes, b)))
        } else {
            let a = fetch(auth, &scope, &range, robot, &cursor, source).await;
            ((source, a), None)
        };
        for (source, page) in std::iter::once(first).chain(second) {
            pages += 1;
            let page = match (source, page) {
                (_, Ok(p)) => p,
                (Source::Usage, Err(e)) => {
                    let reason =
                        unknown_robot(&auth.state.quay, &auth.token, &scope, robot, e).await?;
                    return Ok(EventsPage {
                        events: Vec::new(),
                        cursor: None,
                        complete: Completeness::All,
                        no_activity: Some(reason),
                    });
                }
                (Source::Changes, Err(e)) => return Err(e),
            };
            take(page, source, robot, &filter, &mut cursor, &mut events)?;
        }
    }
    events.sort_by_key(|e| std::cmp::Reverse(e.epoch));
    Ok(EventsPage {
        events,
        complete: cursor.completeness(),
        cursor: (!cursor.is_done()).then_some(cursor),
        no_activity: None,
    })
}
