//! Superuser panel lists: `GET /api/v1/superuser/users/` and `/api/v1/superuser/organizations/`.
//! They need a token with `super:user` (403 `insufficient_scope` otherwise) of a superuser or a
//! global read-only superuser (403 otherwise). `?limit=N` (at most 100) pages with `next_page`.

use axum::extract::State;
use rusqlite::{params, Connection};
use serde_json::{json, Value};

use super::errors::ok_json;
use super::quota;
use super::{qbool, ApiError, ApiResult, Auth, Ctx, St, Q};
use crate::store::{self, User};
use crate::util::{self, avatar};

fn require_superuser(auth: &Auth) -> Result<(), ApiError> {
    let who = auth.need("super:user")?;
    if who.superuser || who.global_readonly {
        Ok(())
    } else {
        Err(ApiError::unauthorized())
    }
}

/// Accounts of `kind` after id `after`, in id order.
fn accounts(c: &Connection, kind: &str, enabled_only: bool, after: i64) -> Vec<User> {
    let mut st = c
        .prepare_cached(
            "SELECT id FROM users WHERE kind = ?1 AND id > ?2 AND (enabled = 1 OR ?3 = 0) ORDER BY id",
        )
        .expect("accounts query");
    let ids: Vec<i64> = st
        .query_map(params![kind, after, enabled_only as i64], |r| r.get(0))
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default();
    ids.into_iter()
        .filter_map(|id| store::user_by_id(c, id))
        .collect()
}

fn user_json(c: &Connection, u: &User) -> Value {
    let q = quota::configured(c, &u.username);
    json!({
        "kind": "user",
        "name": u.username,
        "username": u.username,
        "email": u.email,
        "verified": u.verified,
        "avatar": avatar(&u.username, "user"),
        "super_user": u.superuser,
        "global_readonly_super_user": u.global_readonly,
        "enabled": u.enabled,
        "quotas": quota::quotas_json(q.as_ref()),
        "quota_report": quota::report_json(q.as_ref()),
    })
}

fn org_json(c: &Connection, o: &User) -> Value {
    let q = quota::configured(c, &o.username);
    json!({
        "name": o.username,
        "email": o.email,
        "avatar": avatar(&o.username, "org"),
        "quotas": quota::quotas_json(q.as_ref()),
        "quota_report": quota::report_json(q.as_ref()),
    })
}

/// The list under `key`, paged by `limit` / `next_page` when a limit is given.
fn page(
    q: &std::collections::HashMap<String, String>,
    key: &str,
    all: Vec<User>,
    view: impl Fn(&User) -> Value,
) -> ApiResult {
    let Some(limit) = q.get("limit").and_then(|l| l.parse::<usize>().ok()) else {
        return Ok(ok_json(
            json!({ key: all.iter().map(&view).collect::<Vec<_>>() }),
        ));
    };
    if limit > 100 {
        return Err(ApiError::invalid("Page limit cannot be above 100"));
    }
    let mut body = json!({ key: all.iter().take(limit).map(&view).collect::<Vec<_>>() });
    if all.len() > limit {
        body["next_page"] = json!(util::encode_page(all[limit - 1].id));
    }
    Ok(ok_json(body))
}

pub async fn users(State(st): State<St>, ctx: Ctx, q: Q) -> ApiResult {
    st.call(ctx, move |c, auth| {
        require_superuser(&auth)?;
        let q = q.0;
        let after = q
            .get("next_page")
            .and_then(|p| util::decode_page(p))
            .unwrap_or(0);
        let enabled_only = !qbool(&q, "disabled", true);
        let all = accounts(c, "user", enabled_only, after);
        page(&q, "users", all, |u| user_json(c, u))
    })
    .await
}

pub async fn organizations(State(st): State<St>, ctx: Ctx, q: Q) -> ApiResult {
    st.call(ctx, move |c, auth| {
        require_superuser(&auth)?;
        let q = q.0;
        let after = q
            .get("next_page")
            .and_then(|p| util::decode_page(p))
            .unwrap_or(0);
        let all = accounts(c, "org", false, after);
        page(&q, "organizations", all, |o| org_json(c, o))
    })
    .await
}
