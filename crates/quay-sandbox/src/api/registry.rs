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
use super::{ApiError, ApiResult, St, Q};
use crate::jwt;
use crate::oidc::FederationEntry;
use crate::store;

fn basic(headers: &HeaderMap) -> Result<Option<(String, String)>, ()> {
    let Some(v) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let v = v.to_str().map_err(|_| ())?;
    let (scheme, rest) = v.split_once(' ').ok_or(())?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return Err(());
    }
    let raw = base64::engine::general_purpose::STANDARD
        .decode(rest.trim())
        .map_err(|_| ())?;
    let s = String::from_utf8(raw).map_err(|_| ())?;
    let (u, p) = s.split_once(':').ok_or(())?;
    Ok(Some((u.to_string(), p.to_string())))
}

fn registry_headers(st: &St, mut r: Response) -> Response {
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

fn unauthorized(st: &St, message: String) -> Response {
    let r = json_response(
        StatusCode::UNAUTHORIZED,
        &json!({"errors": [{"code": "UNAUTHORIZED", "detail": {}, "message": message}]}),
    );
    registry_headers(st, r)
}

/// `GET /v2/auth`: Basic `{robot}:{token or exchanged JWT}` or `{user}:{password}` → `{"token"}`.
pub async fn v2_auth(State(st): State<St>, headers: HeaderMap, q: Q) -> Response {
    let Ok(Some((username, password))) = basic(&headers) else {
        return unauthorized(&st, "Invalid username or password".into());
    };
    let scope = q.0.get("scope").cloned();
    let key = st.jwt_key.clone();
    let host = st.host();
    let st2 = st.clone();
    st.db
        .run(move |c| {
            let Some(user) = store::user_by_name(c, &username).filter(|u| !u.is_org() && u.enabled)
            else {
                let msg = if username.contains('+') {
                    "Could not find robot with specified username".to_string()
                } else {
                    "Invalid Username or Password".to_string()
                };
                return unauthorized(&st2, msg);
            };
            let authed = if user.is_robot() {
                user.robot_token.as_deref() == Some(password.as_str())
                    || jwt::verify(&key, &password).is_some_and(|cl| {
                        cl["token_use"] == "federated"
                            && cl["sub"] == user.username.as_str()
                            && cl["rid"] == user.id
                    })
            } else {
                user.password.as_deref() == Some(super::session::hash_password(&password).as_str())
            };
            if !authed {
                let msg = if user.is_robot() {
                    format!("Could not find robot with username: {username} and supplied password.")
                } else {
                    "Invalid Username or Password".to_string()
                };
                return unauthorized(&st2, msg);
            }
            if user.is_robot() {
                store::touch_last_accessed(c, user.id);
            }
            let mut access = Vec::new();
            if let Some(scope) = scope {
                for s in scope.split(' ') {
                    let parts: Vec<&str> = s.splitn(3, ':').collect();
                    if parts.len() != 3 || parts[0] != "repository" {
                        continue;
                    }
                    let Some((ns, repo)) = parts[1].split_once('/') else {
                        continue;
                    };
                    let r =
                        store::user_by_name(c, ns).and_then(|n| store::repo_by_name(c, n.id, repo));
                    let role = r
                        .as_ref()
                        .and_then(|r| store::effective_repo_role(c, r.id, user.id));
                    let ns_admin = store::user_by_name(c, ns).is_some_and(|n| {
                        n.id == user.id || (n.is_org() && store::is_org_admin(c, n.id, user.id))
                    });
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
                    if !actions.is_empty() {
                        access.push(
                            json!({"type": "repository", "name": parts[1], "actions": actions}),
                        );
                    }
                }
            }
            let kind = if user.is_robot() { "robot" } else { "user" };
            let claims = jwt::robot_claims(
                &host,
                &user.username,
                kind,
                Value::Array(access),
                "registry",
            );
            ok_json(json!({ "token": jwt::sign(&key, &claims) }))
        })
        .await
}

/// `GET /oauth2/federation/robot/token`: exchange an issuer JWT for a robot token.
pub async fn exchange(State(st): State<St>, headers: HeaderMap) -> ApiResult {
    let err401 = |m: &str| ApiError::Json {
        status: 401,
        body: json!({ "error": m }),
    };
    let (username, token) = match basic(&headers) {
        Ok(Some(x)) => x,
        Ok(None) => return Err(err401("No auth header")),
        Err(()) => return Err(err401("Invalid auth header")),
    };
    if !username.contains('+') {
        return Err(err401("Invalid robot"));
    }
    let name = username.clone();
    let robot = st
        .db
        .run(move |c| store::user_by_name(c, &name).filter(|u| u.is_robot()))
        .await
        .ok_or_else(ApiError::no_robot)?;
    let entries: Vec<FederationEntry> = crate::api::federation::entries(&robot)
        .into_iter()
        .map(|(issuer, subject)| FederationEntry { issuer, subject })
        .collect();
    if let Err(e) = st.verifier.verify(&token, &entries).await {
        return Err(ApiError::message(400, e.to_string()));
    }
    let mut claims =
        jwt::robot_claims(&st.host(), &robot.username, "robot", json!({}), "federated");
    // Ties the token to this robot row: a deleted and re-created robot does not accept it.
    claims["rid"] = json!(robot.id);
    Ok(ok_json(json!({ "token": jwt::sign(&st.jwt_key, &claims) })))
}
