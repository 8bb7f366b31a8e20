//! Usage-log endpoints: `/api/v1/organization/{org}/logs`, `/api/v1/user/logs`,
//! `/api/v1/repository/{ns}/{repo}/logs`, their `aggregatelogs`, and `/api/v1/superuser/logs`.
//!
//! Quay's rules: 20 entries per page, newest first; `next_page` is present whenever the page has
//! entries (the page after the last one is empty and has none); an invalid `next_page` gives the
//! first page; `starttime`/`endtime` are `%m/%d/%Y` UTC (see [`crate::logs::range`]); `performer`
//! must name a user or robot, else 500 (HTML), except for aggregates, which then ignore it.

use std::collections::HashMap;

use axum::extract::{Path, State};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::errors::ok_json;
use super::repos::repo_admin;
use super::{ns_access, ApiError, ApiResult, Auth, Ctx, St, Q};
use crate::logs::{kinds, page, range, view};
use crate::store::{self, LogFilter, User};
use crate::util;

type Params = HashMap<String, String>;

const BAD_REQUEST: &str =
    "The browser (or proxy) sent a request that this server could not understand.";

/// The filter's time window from the query, or Quay's 400 for an end before the start.
fn windowed(q: &Params, mut f: LogFilter) -> Result<LogFilter, ApiError> {
    let (start, end) = range::window(
        q.get("starttime").map(String::as_str),
        q.get("endtime").map(String::as_str),
        util::now(),
    )
    .ok_or_else(|| ApiError::message(400, BAD_REQUEST))?;
    f.start = start;
    f.end = end;
    Ok(f)
}

/// The `performer` filter: None when absent or empty; Err (500, as Quay's failed assertion) for
/// a name that is no user or robot.
fn performer(c: &Connection, q: &Params) -> Result<Option<i64>, ApiError> {
    match q.get("performer").filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(name) => store::user_by_name(c, name)
            .filter(|u| !u.is_org())
            .map(|u| Some(u.id))
            .ok_or_else(ApiError::internal),
    }
}

/// One page of entries. `with_namespace` adds each entry's namespace (superuser logs).
fn page_of(c: &Connection, q: &Params, f: LogFilter, with_namespace: bool) -> ApiResult {
    let cursor = q.get("next_page").and_then(|t| page::decode(t));
    let rows = store::query_logs(c, &f, cursor, page::PAGE_SIZE);
    let mut names: HashMap<i64, Option<User>> = HashMap::new();
    let logs: Vec<Value> = rows
        .iter()
        .map(|r| {
            let ns = with_namespace
                .then_some(r.account_id)
                .flatten()
                .and_then(|id| {
                    names
                        .entry(id)
                        .or_insert_with(|| store::user_by_id(c, id))
                        .clone()
                });
            view::entry_json(r, ns.as_ref())
        })
        .collect();
    let mut body = json!({
        "start_time": util::rfc2822(f.start),
        "end_time": util::rfc2822(f.end),
        "logs": logs,
    });
    if let Some(last) = rows.last() {
        body["next_page"] = json!(page::encode(last.datetime, last.id));
    }
    Ok(ok_json(body))
}

fn aggregated(c: &Connection, q: &Params, mut f: LogFilter) -> ApiResult {
    if f.end - f.start > 31 * range::DAY {
        return Err(ApiError::message(400, "Invalid date range for logs"));
    }
    f.performer_id = performer(c, q).ok().flatten();
    Ok(ok_json(view::aggregated_json(store::aggregate_logs(c, &f))))
}

/// The organization, for an admin of it (or a superuser) with `org:admin`.
fn org_account(c: &Connection, auth: &Auth, org: &str) -> Result<i64, ApiError> {
    let who = auth.need("org:admin")?;
    match ns_access(c, who, org) {
        Some(acc) if acc.is_admin && acc.ns.is_org() => Ok(acc.ns.id),
        None if who.superuser => Err(ApiError::not_found()),
        _ => Err(ApiError::unauthorized()),
    }
}

pub async fn org_logs(State(st): State<St>, ctx: Ctx, Path(org): Path<String>, q: Q) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let account = org_account(c, &auth, &org)?;
        let mut f = windowed(
            &q,
            LogFilter {
                account_id: Some(account),
                ..Default::default()
            },
        )?;
        f.performer_id = performer(c, &q)?;
        page_of(c, &q, f, false)
    })
    .await
}

pub async fn org_aggregate(
    State(st): State<St>,
    ctx: Ctx,
    Path(org): Path<String>,
    q: Q,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let account = org_account(c, &auth, &org)?;
        let f = windowed(
            &q,
            LogFilter {
                account_id: Some(account),
                ..Default::default()
            },
        )?;
        aggregated(c, &q, f)
    })
    .await
}

fn user_filter(auth: &Auth, q: &Params) -> Result<LogFilter, ApiError> {
    let who = auth.need("user:admin")?;
    let exclude_kinds = kinds::SERVICE_LEVEL.iter().map(|k| k.to_string()).collect();
    windowed(
        q,
        LogFilter {
            account_id: Some(who.id),
            exclude_kinds,
            ..Default::default()
        },
    )
}

pub async fn user_logs(State(st): State<St>, ctx: Ctx, q: Q) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let mut f = user_filter(&auth, &q)?;
        f.performer_id = performer(c, &q)?;
        page_of(c, &q, f, false)
    })
    .await
}

pub async fn user_aggregate(State(st): State<St>, ctx: Ctx, q: Q) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let f = user_filter(&auth, &q)?;
        aggregated(c, &q, f)
    })
    .await
}

/// Repository logs have no `performer` parameter (it is ignored).
fn repo_filter(
    c: &Connection,
    auth: &Auth,
    ns: &str,
    repo: &str,
    q: &Params,
) -> Result<LogFilter, ApiError> {
    let (_, r) = repo_admin(c, auth, ns, repo)?;
    let r = r.ok_or_else(ApiError::not_found)?;
    windowed(
        q,
        LogFilter {
            repo_id: Some(r.id),
            ..Default::default()
        },
    )
}

pub async fn repo_logs(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo)): Path<(String, String)>,
    q: Q,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let f = repo_filter(c, &auth, &ns, &repo, &q)?;
        page_of(c, &q, f, false)
    })
    .await
}

pub async fn repo_aggregate(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo)): Path<(String, String)>,
    q: Q,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let mut params = q.0;
        params.remove("performer");
        let f = repo_filter(c, &auth, &ns, &repo, &params)?;
        aggregated(c, &params, f)
    })
    .await
}

/// `GET /api/v1/superuser/logs`: every namespace; each entry has its `namespace`.
pub async fn superuser_logs(State(st): State<St>, ctx: Ctx, q: Q) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let who = auth.need("super:user")?;
        if !(who.superuser || who.global_readonly) {
            return Err(ApiError::unauthorized());
        }
        let mut f = windowed(&q, LogFilter::default())?;
        f.performer_id = performer(c, &q)?;
        page_of(c, &q, f, true)
    })
    .await
}
