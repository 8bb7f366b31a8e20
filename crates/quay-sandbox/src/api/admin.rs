//! Test-support API under `/sandbox/`, for the admin token only.

use axum::{body::Bytes, extract::State, http::HeaderMap, response::Response};
use serde_json::{json, Value};

use super::errors::{no_content, ok_json};
use super::{auth, parse_body, ApiError, ApiResult, St};
use crate::faults::FaultRule;
use crate::store;

pub(crate) fn check_admin(st: &St, headers: &HeaderMap) -> Result<(), ApiError> {
    match auth::bearer(headers) {
        Some(t) if t == st.admin_token => Ok(()),
        Some(_) => Err(ApiError::Json {
            status: 403,
            body: json!({"error": "the sandbox admin token is required"}),
        }),
        None => Err(ApiError::Json {
            status: 401,
            body: json!({"error": "the sandbox admin token is required"}),
        }),
    }
}

pub(crate) fn bad(msg: &str) -> ApiError {
    ApiError::Json {
        status: 400,
        body: json!({ "error": msg }),
    }
}

/// `POST /sandbox/tokens {"user", "scopes": [..], "token"?, "password"?, "superuser"?, "application"?}`
/// → `{"token", "user", "scopes"}`. `application` is the client_id of an OAuth application the token
/// is issued through (usage logs then carry `oauth_token_*`; deleting its organization revokes it).
pub async fn create_token(State(st): State<St>, headers: HeaderMap, body: Bytes) -> ApiResult {
    check_admin(&st, &headers)?;
    let body = parse_body(&body).ok_or_else(|| bad("JSON body required"))?;
    let user = body
        .get("user")
        .and_then(Value::as_str)
        .ok_or_else(|| bad("\"user\" is required"))?
        .to_string();
    let superuser = body
        .get("superuser")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let scopes = match body.get("scopes") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(" "),
        Some(Value::String(s)) => s.clone(),
        // A superuser's default token acts as one (Quay needs the super:user scope for that).
        _ if superuser => format!("{} super:user", auth::ALL_SCOPES),
        _ => auth::ALL_SCOPES.to_string(),
    };
    let explicit = body
        .get("token")
        .and_then(Value::as_str)
        .map(str::to_string);
    let password = body
        .get("password")
        .and_then(Value::as_str)
        .unwrap_or("password")
        .to_string();

    let application = body
        .get("application")
        .and_then(Value::as_str)
        .map(str::to_string);
    st.db
        .run(move |c| {
            let u = match store::user_by_name(c, &user) {
                Some(u) if u.kind == "user" => u,
                Some(_) => return Err(bad("not a user")),
                None => {
                    let id = store::create_user(
                        c,
                        &user,
                        &format!("{user}@example.com"),
                        Some(&super::session::hash_password(&password)),
                        "user",
                    )
                    .map_err(ApiError::db)?;
                    store::user_by_id(c, id).ok_or_else(ApiError::internal)?
                }
            };
            if superuser {
                let _ = c.execute("UPDATE users SET superuser = 1 WHERE id = ?1", [u.id]);
            }
            let app_id = match &application {
                Some(client_id) => Some(
                    store::app_by_client_id(c, client_id)
                        .ok_or_else(|| bad("unknown \"application\" (client_id)"))?
                        .id,
                ),
                None => None,
            };
            let token = store::create_app_token(c, u.id, &scopes, explicit.as_deref(), app_id);
            Ok(ok_json(
                json!({"token": token, "user": u.username, "scopes": scopes}),
            ))
        })
        .await
}

/// `POST /sandbox/members {"org", "team", "user", "role"?}`: add a user (created if needed) to a team
/// (created with `role`, default member, if needed) of an organization (created if needed).
pub async fn add_member(State(st): State<St>, headers: HeaderMap, body: Bytes) -> ApiResult {
    check_admin(&st, &headers)?;
    let body = parse_body(&body).ok_or_else(|| bad("JSON body required"))?;
    let get = |k: &str| body.get(k).and_then(Value::as_str).map(str::to_string);
    let org = get("org").ok_or_else(|| bad("\"org\" is required"))?;
    let user = get("user").ok_or_else(|| bad("\"user\" is required"))?;
    let team = get("team").unwrap_or_else(|| "members".into());
    let role = get("role").unwrap_or_else(|| "member".into());
    st.db
        .run(move |c| {
            let org_id = match store::user_by_name(c, &org) {
                Some(o) if o.is_org() => o.id,
                Some(_) => return Err(bad("\"org\" is not an organization")),
                None => store::create_user(c, &org, &format!("{org}@example.com"), None, "org")
                    .map_err(ApiError::db)?,
            };
            let uid = match store::user_by_name(c, &user) {
                Some(u) if !u.is_org() => u.id,
                Some(_) => return Err(bad("\"user\" is an organization")),
                None => store::create_user(
                    c,
                    &user,
                    &format!("{user}@example.com"),
                    Some(&super::session::hash_password("password")),
                    "user",
                )
                .map_err(ApiError::db)?,
            };
            let t = match store::team_by_name(c, org_id, &team) {
                Some(t) => t,
                None => {
                    store::upsert_team(c, org_id, &team, &role, None)
                        .map_err(ApiError::db)?
                        .0
                }
            };
            store::add_team_member(c, t.id, uid).map_err(ApiError::db)?;
            Ok(ok_json(json!({"org": org, "team": t.name, "user": user})))
        })
        .await
}

pub async fn get_settings(State(st): State<St>, headers: HeaderMap) -> ApiResult {
    check_admin(&st, &headers)?;
    Ok(ok_json(json!(st.settings())))
}

/// `PUT /sandbox/settings {"robots_disallow"?, "latency_ms"?, "latency_jitter_ms"?, "error_rate"?}`.
pub async fn put_settings(State(st): State<St>, headers: HeaderMap, body: Bytes) -> ApiResult {
    check_admin(&st, &headers)?;
    let body = parse_body(&body).ok_or_else(|| bad("JSON body required"))?;
    let mut s = st.settings.write().unwrap_or_else(|e| e.into_inner());
    if let Some(v) = body.get("robots_disallow").and_then(Value::as_bool) {
        s.robots_disallow = v;
    }
    if let Some(v) = body.get("browser_xhr_only").and_then(Value::as_bool) {
        s.browser_xhr_only = v;
    }
    if let Some(v) = body.get("latency_ms").and_then(Value::as_u64) {
        s.latency_ms = v;
    }
    if let Some(v) = body.get("latency_jitter_ms").and_then(Value::as_u64) {
        s.latency_jitter_ms = v;
    }
    if let Some(v) = body.get("error_rate").and_then(Value::as_f64) {
        s.error_rate = v.clamp(0.0, 1.0);
    }
    Ok(ok_json(json!(*s)))
}

/// `POST /sandbox/faults {"method"?, "path_contains", "status"?, "body"?, "times"?}`.
pub async fn add_fault(State(st): State<St>, headers: HeaderMap, body: Bytes) -> ApiResult {
    check_admin(&st, &headers)?;
    let rule: FaultRule = serde_json::from_slice(&body).map_err(|e| bad(&e.to_string()))?;
    let mut rules = st.faults.lock().unwrap_or_else(|e| e.into_inner());
    rules.push(rule.clone());
    Ok(ok_json(json!({"rule": rule, "count": rules.len()})))
}

pub async fn list_faults(State(st): State<St>, headers: HeaderMap) -> ApiResult {
    check_admin(&st, &headers)?;
    let rules = st.faults.lock().unwrap_or_else(|e| e.into_inner()).clone();
    Ok(ok_json(json!({ "faults": rules })))
}

pub async fn clear_faults(State(st): State<St>, headers: HeaderMap) -> Result<Response, ApiError> {
    check_admin(&st, &headers)?;
    st.faults.lock().unwrap_or_else(|e| e.into_inner()).clear();
    Ok(no_content())
}

/// `GET /sandbox/requests`: the request log, oldest first.
pub async fn list_requests(State(st): State<St>, headers: HeaderMap) -> ApiResult {
    check_admin(&st, &headers)?;
    Ok(ok_json(json!(st.requests.snapshot())))
}

/// `DELETE /sandbox/requests`: empty the request log.
pub async fn clear_requests(State(st): State<St>, headers: HeaderMap) -> ApiResult {
    check_admin(&st, &headers)?;
    st.requests.clear();
    Ok(no_content())
}
