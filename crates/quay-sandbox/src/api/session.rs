//! `/config`, `/csrf_token`, cookie sign-in and `/api/v1/user/`.

use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderValue},
    response::Response,
};
use serde_json::{json, Value};

use super::auth::{cookie, SESSION_COOKIE};
use super::errors::ok_json;
use super::{audit, parse_body, ApiError, ApiResult, Ctx, St};
use crate::store;
use crate::util::{self, sha256_hex};

const CONFIG_TEMPLATE: &str = include_str!("../config_template.json");

pub fn hash_password(pw: &str) -> String {
    format!("sha256:{}", sha256_hex(pw))
}

pub async fn config(State(st): State<St>) -> Response {
    let mut v: Value = serde_json::from_str(CONFIG_TEMPLATE)
        .unwrap_or_else(|_| json!({"config": {}, "features": {}}));
    v["config"]["SERVER_HOSTNAME"] = json!(st.host());
    if st.settings().robots_disallow {
        v["config"]["ROBOTS_DISALLOW"] = json!(true);
    }
    ok_json(v)
}

pub(crate) fn set_cookie(resp: &mut Response, id: &str) {
    if let Ok(v) = HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={id}; HttpOnly; Path=/; SameSite=Lax"
    )) {
        resp.headers_mut().insert(header::SET_COOKIE, v);
    }
}

pub async fn csrf_token(State(st): State<St>, ctx: Ctx) -> Response {
    let existing = cookie(&ctx.headers, SESSION_COOKIE);
    let (id, csrf) = st
        .db
        .run(move |c| {
            if let Some(id) = existing {
                if let Some((csrf, _)) = store::session_get(c, &id) {
                    return (id, csrf);
                }
            }
            let id = util::random_urlsafe(48);
            let csrf = util::random_urlsafe(64);
            store::session_put(c, &id, &csrf, None);
            (id, csrf)
        })
        .await;
    let mut r = ok_json(json!({ "csrf_token": csrf }));
    set_cookie(&mut r, &id);
    r
}

/// The user a sign-in names (by username or email), if it is an enabled user.
pub(crate) fn possible_user(c: &rusqlite::Connection, name: &str) -> Option<store::User> {
    store::user_by_name(c, name)
        .or_else(|| {
            c.query_row(
                "SELECT username FROM users WHERE email = ?1 AND kind = 'user'",
                [name],
                |r| r.get::<_, String>(0),
            )
            .ok()
            .and_then(|n| store::user_by_name(c, &n))
        })
        .filter(|u| u.kind == "user" && u.enabled)
}

pub async fn signin(State(st): State<St>, ctx: Ctx, body: Bytes) -> ApiResult {
    let sid = cookie(&ctx.headers, SESSION_COOKIE);
    let ip = ctx.ip.clone();
    let ua = ctx
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    st.call(ctx, move |c, _auth| {
        let body = parse_body(&body).unwrap_or(json!({}));
        let username = body.get("username").and_then(Value::as_str).unwrap_or("");
        let password = body.get("password").and_then(Value::as_str).unwrap_or("");
        let candidate = possible_user(c, username);
        let user = candidate
            .clone()
            .filter(|u| u.password.as_deref() == Some(hash_password(password).as_str()));
        let Some(user) = user else {
            let metadata = json!({"type": "quayauth", "kind": "user", "useragent": ua,
                "username": username, "message": "Invalid Username or Password"});
            let account = candidate.as_ref().map(|u| u.id).or_else(|| audit::service_account(c));
            audit::write(c, "login_failure", account, None, candidate.as_ref(), ip.as_deref(), &metadata);
            return Err(ApiError::Json {
                status: 403,
                body: json!({"needsEmailVerification": false, "invalidCredentials": true, "message": "Invalid Username or Password"}),
            });
        };
        let id = sid.unwrap_or_else(|| util::random_urlsafe(48));
        let csrf = util::random_urlsafe(64);
        store::session_put(c, &id, &csrf, Some(user.id));
        // Quay logs it before the session exists: no performer.
        let metadata = json!({"type": "quayauth", "useragent": ua});
        audit::write(c, "login_success", Some(user.id), None, None, ip.as_deref(), &metadata);
        let mut r = ok_json(json!({"success": true}));
        if let Ok(v) = HeaderValue::from_str(&csrf) {
            r.headers_mut().insert("X-Next-CSRF-Token", v);
        }
        set_cookie(&mut r, &id);
        Ok(r)
    })
    .await
}

pub async fn signout(State(st): State<St>, ctx: Ctx) -> ApiResult {
    let sid = cookie(&ctx.headers, SESSION_COOKIE);
    st.call(ctx, move |c, _| {
        if let Some(id) = sid {
            let _ = c.execute("DELETE FROM sessions WHERE id = ?1", [id]);
        }
        Ok(ok_json(json!({"success": true})))
    })
    .await
}

pub async fn current_user(State(st): State<St>, ctx: Ctx) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let who = auth
            .need("user:read")
            .map_err(ApiError::with_session_required)?
            .clone();
        Ok(ok_json(super::user_view::user_view(c, &who, &auth)))
    })
    .await
}
