//! The OAuth2 authorization-code flow, web side: `/oauth/authorize` (consent page, or the sandbox's
//! own sign-in page when there is no session), `/oauth/authorizeapp`, `/oauth/denyapp`,
//! `/oauth/signin` and `/oauth/access_token`. Quay's rules and quirks are in the handlers' docs.

pub mod authorize;
pub mod forms;
pub mod grant;
pub mod pages;
pub mod signin;
pub mod token;

use axum::{
    body::Body,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::Response,
};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::auth::{cookie, SESSION_COOKIE};
use crate::store::{self, User};
use crate::util;

/// A browser session: its id, CSRF token and signed-in user (if any).
pub struct WebSession {
    pub id: String,
    pub csrf: String,
    pub user: Option<User>,
    /// Created by this request (its cookie must be set).
    pub new: bool,
}

/// The request's session, or a new anonymous one.
pub fn session(c: &Connection, headers: &HeaderMap) -> WebSession {
    if let Some(id) = cookie(headers, SESSION_COOKIE) {
        if let Some((csrf, uid)) = store::session_get(c, &id) {
            let user = uid
                .and_then(|id| store::user_by_id(c, id))
                .filter(|u| u.enabled && u.kind == "user");
            return WebSession {
                id,
                csrf,
                user,
                new: false,
            };
        }
    }
    let id = util::random_urlsafe(48);
    let csrf = util::random_urlsafe(64);
    store::session_put(c, &id, &csrf, None);
    WebSession {
        id,
        csrf,
        user: None,
        new: true,
    }
}

fn with_cookie(mut r: Response, s: &WebSession) -> Response {
    if s.new {
        super::session::set_cookie(&mut r, &s.id);
    }
    r
}

fn set(r: &mut Response, name: header::HeaderName, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        r.headers_mut().insert(name, v);
    }
}

/// An HTML page, not cached (Quay's `@no_cache`).
pub fn html(status: StatusCode, body: String) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    set(&mut r, header::CONTENT_TYPE, "text/html; charset=utf-8");
    set(
        &mut r,
        header::CACHE_CONTROL,
        "no-cache, no-store, must-revalidate",
    );
    r
}

pub fn redirect(location: &str) -> Response {
    let mut r = html(StatusCode::FOUND, String::new());
    set(&mut r, header::LOCATION, location);
    r
}

/// JSON as oauth2lib answers it (`application/json;charset=UTF-8`, no caching).
pub fn oauth_json(status: StatusCode, body: &Value) -> Response {
    let mut r = Response::new(Body::from(body.to_string()));
    *r.status_mut() = status;
    set(
        &mut r,
        header::CONTENT_TYPE,
        "application/json;charset=UTF-8",
    );
    set(
        &mut r,
        header::CACHE_CONTROL,
        "no-cache, no-store, must-revalidate",
    );
    set(&mut r, header::PRAGMA, "no-cache");
    r
}

/// Quay's `param_required`: 400 `{"error": "Required param: NAME"}` (served as text/html).
pub fn required_param(name: &str) -> Response {
    let mut r = html(
        StatusCode::BAD_REQUEST,
        json!({ "error": format!("Required param: {name}") }).to_string(),
    );
    r.headers_mut().remove(header::CACHE_CONTROL);
    r
}

/// Quay's CSRF abort on the OAuth forms.
pub fn csrf_error(user: &User) -> Response {
    let mut r = html(
        StatusCode::FORBIDDEN,
        json!({"error": format!("CSRF token was invalid or missing. (authorized: user {})", user.username)})
            .to_string(),
    );
    r.headers_mut().remove(header::CACHE_CONTROL);
    r
}

pub fn not_found() -> Response {
    html(StatusCode::NOT_FOUND, super::errors::HTML_404.to_string())
}

/// Flask's 401 page (a POST without a session).
pub fn unauthorized() -> Response {
    html(
        StatusCode::UNAUTHORIZED,
        pages::error(
            "Unauthorized",
            "The server could not verify that you are authorized to access the URL requested.",
        ),
    )
}
