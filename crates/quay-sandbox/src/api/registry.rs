//! Registry login (`/v2/`, `/v2/auth`) and keyless robot token exchange.

use axum::{
    body::Body,
    extract::State,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::Response,
};
use base64::Engine;
use serde_json::{json, Value};

use super::errors::{json_response, ok_json};
use super::{audit, Ctx, St, Q};
use crate::jwt;
use crate::store::{self, User};

/// A malformed `Authorization: Basic` header.
#[derive(Debug)]
pub struct BadBasic;

/// The `Authorization: Basic` credentials: Ok(None) without the header, Err for a malformed one.
pub fn basic(headers: &HeaderMap) -> Result<Option<(String, String)>, BadBasic> {
    let Some(v) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let v = v.to_str().map_err(|_| BadBasic)?;
    let (scheme, rest) = v.split_once(' ').ok_or(BadBasic)?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(BadBasic);
    }
    let raw = base64::engine::general_purpose::STANDARD
        .decode(rest.trim())
        .map_err(|_| BadBasic)?;
    let s = String::from_utf8(raw).map_err(|_| BadBasic)?;
    let (u, p) = s.split_once(':').ok_or(BadBasic)?;
    Ok(Some((u.to_string(), p.to_string())))
}

pub fn registry_headers(st: &St, mut r: Response) -> Response {
    let host = st.host();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "Bearer realm=\"http://{host}/v2/auth\",service=\"{host}\""
    )) {
        r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    r.headers_mut().insert(
        "Docker-Distribution-API-Version",
        HeaderValue::from_static("registry/2.0"),
    );
    r
}

/// `GET /v2/`: 200 with a valid registry bearer token, else 401 with the auth challenge.
pub async fn v2_root(State(st): State<St>, headers: HeaderMap) -> Response {
    let ok = super::auth::bearer(&headers)
        .and_then(|t| jwt::verify(&st.jwt_key, &t))
        .is_some_and(|c| c["token_use"] == "registry");
    let mut r = Response::new(Body::from("true"));
    *r.status_mut() = if ok {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    };
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    registry_headers(&st, r)
}

pub fn unauthorized(st: &St, message: String) -> Response {
    let r = json_response(
        StatusCode::UNAUTHORIZED,
        &json!({"errors": [{"code": "UNAUTHORIZED", "detail": {}, "message": message}]}),
    );
    registry_headers(st, r)
}

/// Whether the credentials check out: a robot's token (or an exchanged federated JWT), or a
/// user's password.
fn credentials_ok(key: &[u8], user: &User, password: &str) -> bool {
    if user.is_robot() {
        user.robot_token.as_deref() == Some(password)
            || jwt::verify(key, password).is_some_and(|cl| {
                cl["token_use"] == "federated"
                    && cl["sub"] == user.username.as_str()
                    && cl["rid"] == user.id
            })
    } else {
        user.password.as_deref() == Some(super::session::hash_password(password).as_str())
    }
}

/// The granted actions of one `repository:NS/REPO:ACTIONS` scope item for `user`.
fn granted(c: &rusqlite::Connection, user: &User, item: &str) -> Option<Value> {
    let parts: Vec<&str> = item.splitn(3, ':').collect();
    if parts.len() != 3 || parts[0] != "repository" {
        return None;
    }
    let (ns, repo) = parts[1].split_once('/')?;
    let ns_user = store::user_by_name(c, ns);
    let r = ns_user
        .as_ref()
        .and_then(|n| store::repo_by_name(c, n.id, repo));
    let role = r
        .as_ref()
        .and_then(|r| store::effective_repo_role(c, r.id, user.id));
    let ns_admin = ns_user
        .is_some_and(|n| n.id == user.id || (n.is_org() && store::is_org_admin(c, n.id, user.id)));
    let rank = match role.as_deref() {
        Some("admin") => 3,
        Some("write") => 2,
        Some("read") => 1,
        _ if ns_admin => 3,
        _ => 0,
    };
    let public = r.as_ref().is_some_and(|r| r.is_public);
    let actions: Vec<&str> = parts[2]
        .split(',')
        .filter(|a| match *a {
            "pull" => rank >= 1 || public,
            "push" => rank >= 2,
            "*" => rank >= 3,
            _ => false,
        })
        .collect();
    (!actions.is_empty())
        .then(|| json!({"type": "repository", "name": parts[1], "actions": actions}))
}

/// Quay's `login_failure` for a robot: filed under the robot's namespace when the robot exists
/// (performer: the robot), else under its user namespace if that exists, else under the service
/// account.
fn log_robot_failure(
    c: &rusqlite::Connection,
    robot: Option<&User>,
    name: &str,
    ua: &str,
    ip: Option<&str>,
    message: &str,
) {
    let owner = name.split('+').next().unwrap_or("");
    let metadata = json!({"type": "v2auth", "kind": "robot", "robot": name, "username": owner,
        "useragent": ua, "message": message});
    let account = match robot {
        Some(r) => r.owner_id,
        None => store::user_by_name(c, owner)
            .filter(|u| u.kind == "user")
            .map(|u| u.id)
            .or_else(|| audit::service_account(c)),
    };
    audit::write(c, "login_failure", account, None, robot, ip, &metadata);
}

/// `GET /v2/auth`: Basic `{robot}:{token or exchanged JWT}` or `{user}:{password}` → `{"token"}`.
/// A call without `scope` is a login (`docker login`) and writes `login_success`; failed
/// credentials write `login_failure`, as Quay does.
pub async fn v2_auth(State(st): State<St>, ctx: Ctx, q: Q) -> Response {
    let Ok(Some((username, password))) = basic(&ctx.headers) else {
        return unauthorized(&st, "Invalid username or password".into());
    };
    let scope = q.0.get("scope").cloned();
    let key = st.jwt_key.clone();
    let host = st.host();
    let st2 = st.clone();
    let ua = ctx
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let ip = ctx.ip.clone();
    st.db
        .run(move |c| {
            let ip = ip.as_deref();
            let is_robot = username.contains('+');
            let found = store::user_by_name(c, &username).filter(|u| !u.is_org() && u.enabled);
            let Some(user) = found.filter(|u| credentials_ok(&key, u, &password)) else {
                let exists = store::user_by_name(c, &username).filter(|u| !u.is_org() && u.enabled);
                let msg = match (is_robot, &exists) {
                    (true, Some(_)) => format!(
                        "Could not find robot with username: {username} and supplied password."
                    ),
                    (true, None) => "Could not find robot with specified username".to_string(),
                    (false, _) => "Invalid Username or Password".to_string(),
                };
                if is_robot {
                    log_robot_failure(c, exists.as_ref(), &username, &ua, ip, &msg);
                } else {
                    let metadata = json!({"type": "v2auth", "kind": "user", "username": username,
                        "useragent": ua, "message": msg});
                    audit::write(
                        c,
                        "login_failure",
                        audit::service_account(c),
                        None,
                        None,
                        ip,
                        &metadata,
                    );
                }
                return unauthorized(&st2, msg);
            };
            if user.is_robot() {
                store::touch_last_accessed(c, user.id);
            }
            let access: Vec<Value> = scope
                .iter()
                .flat_map(|s| s.split(' '))
                .filter_map(|item| granted(c, &user, item))
                .collect();
            if scope.is_none() {
                let mut metadata = json!({"kind": "user", "type": "v2auth", "useragent": ua});
                let account = if user.is_robot() {
                    metadata["kind"] = json!("robot");
                    metadata["robot"] = json!(user.username);
                    user.owner_id
                } else {
                    Some(user.id)
                };
                audit::write(
                    c,
                    "login_success",
                    account,
                    None,
                    Some(&user),
                    ip,
                    &metadata,
                );
            }
            let kind = if user.is_robot() { "robot" } else { "user" };
            let claims = jwt::robot_claims(
                &host,
                &user.username,
                kind,
                Value::Array(access),
                "registry",
            );
            let mut r = ok_json(json!({ "token": jwt::sign(&key, &claims) }));
            r.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-cache, no-store, must-revalidate"),
            );
            r
        })
        .await
}
