//! `POST /sandbox/logs`: insert usage-log entries with explicit datetimes (history across days,
//! so tests can page back to an oldest event), and `DELETE /sandbox/logs` to clear them all.

use axum::{body::Bytes, extract::State, http::HeaderMap};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::admin::{bad, check_admin};
use super::errors::{no_content, ok_json};
use super::{parse_body, ApiError, ApiResult, St};
use crate::logs::kinds;
use crate::store;

/// A datetime as Unix seconds or RFC 3339 (`2026-11-30T08:00:00Z`).
pub fn parse_datetime(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => chrono::DateTime::parse_from_rfc3339(s)
            .ok()
            .map(|d| d.timestamp()),
        _ => None,
    }
}

/// One entry `{kind, namespace, datetime, repository?, performer?, metadata?, ip?}`.
fn insert_one(c: &Connection, e: &Value) -> Result<i64, ApiError> {
    let text = |k: &str| e.get(k).and_then(Value::as_str);
    let kind = text("kind").ok_or_else(|| bad("\"kind\" is required"))?;
    if !kinds::is_known(kind) {
        return Err(bad(&format!("unknown log kind {kind:?}")));
    }
    let ns_name = text("namespace").ok_or_else(|| bad("\"namespace\" is required"))?;
    let ns = store::user_by_name(c, ns_name)
        .filter(|u| !u.is_robot())
        .ok_or_else(|| bad(&format!("no namespace {ns_name:?}")))?;
    let datetime = e
        .get("datetime")
        .and_then(parse_datetime)
        .ok_or_else(|| bad("\"datetime\" (Unix seconds or RFC 3339) is required"))?;
    let repo_id = match text("repository") {
        Some(r) => Some(
            store::repo_by_name(c, ns.id, r)
                .ok_or_else(|| bad(&format!("no repository {ns_name}/{r}")))?
                .id,
        ),
        None => None,
    };
    let performer = match text("performer") {
        Some(p) => Some(
            store::user_by_name(c, p)
                .filter(|u| !u.is_org())
                .ok_or_else(|| bad(&format!("no user or robot {p:?}")))?,
        ),
        None => None,
    };
    let metadata = e.get("metadata").cloned().unwrap_or_else(|| json!({}));
    store::insert_log(
        c,
        &store::NewLog {
            kind,
            account_id: Some(ns.id),
            repo_id,
            performer: performer.as_ref(),
            ip: text("ip"),
            datetime,
            metadata: &metadata,
        },
    )
    .map_err(ApiError::db)
}

/// Body: one entry or `{"entries": [...]}` → `{"inserted": N}`; nothing is inserted if one fails.
pub async fn add_logs(State(st): State<St>, headers: HeaderMap, body: Bytes) -> ApiResult {
    check_admin(&st, &headers)?;
    let body = parse_body(&body).ok_or_else(|| bad("JSON body required"))?;
    let entries: Vec<Value> = match body.get("entries") {
        Some(Value::Array(a)) => a.clone(),
        Some(_) => return Err(bad("\"entries\" must be an array")),
        None => vec![body],
    };
    st.db
        .run(move |c| {
            let tx = c.transaction().map_err(ApiError::db)?;
            for e in &entries {
                insert_one(&tx, e)?;
            }
            tx.commit().map_err(ApiError::db)?;
            Ok(ok_json(json!({ "inserted": entries.len() })))
        })
        .await
}

pub async fn clear_logs(State(st): State<St>, headers: HeaderMap) -> ApiResult {
    check_admin(&st, &headers)?;
    st.db
        .run(|c| c.execute("DELETE FROM logs", []).map_err(ApiError::db))
        .await?;
    Ok(no_content())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn datetimes() {
        assert_eq!(
            super::parse_datetime(&json!(1_796_083_200)),
            Some(1_796_083_200)
        );
        assert_eq!(
            super::parse_datetime(&json!("2026-12-01T00:00:00Z")),
            Some(1_796_083_200)
        );
        assert_eq!(super::parse_datetime(&json!("yesterday")), None);
    }
}
