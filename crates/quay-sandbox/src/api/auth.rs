//! Who is calling: OAuth bearer tokens, or a cookie session with CSRF checks.

use axum::http::{HeaderMap, Method};
use rusqlite::Connection;

use super::errors::ApiError;
use crate::store::{self, User};

pub const SESSION_COOKIE: &str = "_csrf_token";

pub const ALL_SCOPES: &str =
    "org:admin repo:admin repo:create repo:read repo:write user:admin user:read";

/// The caller of an API request.
#[derive(Clone, Debug)]
pub enum Auth {
    Anonymous,
    /// A bearer token that does not exist.
    Invalid,
    User {
        user: Box<User>,
        /// None for a session (every scope).
        scopes: Option<Vec<String>>,
    },
}

/// Request data the handlers need.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub method: Method,
    pub headers: HeaderMap,
    pub query_csrf: Option<String>,
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, rest) = v.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| rest.trim().to_string())
}

/// Resolve the caller; non-GET calls without a bearer token must carry the session's CSRF token.
pub fn resolve(c: &Connection, ctx: &Ctx) -> Result<Auth, ApiError> {
    if let Some(tok) = bearer(&ctx.headers) {
        return Ok(match store::lookup_token(c, &tok) {
            Some((user, scopes)) => Auth::User {
                user: Box::new(user),
                scopes: Some(scopes.split_whitespace().map(str::to_string).collect()),
            },
            None => Auth::Invalid,
        });
    }
    let session = cookie(&ctx.headers, SESSION_COOKIE).and_then(|id| store::session_get(c, &id));
    let user = session
        .as_ref()
        .and_then(|(_, uid)| uid.and_then(|id| store::user_by_id(c, id)));
    let safe = matches!(ctx.method, Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let sent = ctx
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .or_else(|| ctx.query_csrf.clone());
        let ok = matches!((&session, &sent), (Some((csrf, _)), Some(s)) if csrf == s);
        if !ok {
            let error = match &user {
                Some(u) => format!(
                    "CSRF token was invalid or missing. (authorized: user {})",
                    u.username
                ),
                None => "CSRF token was invalid or missing.".to_string(),
            };
            return Err(ApiError::Error {
                status: 403,
                error,
                html: true,
            });
        }
    }
    Ok(match user {
        Some(user) => Auth::User {
            user: Box::new(user),
            scopes: None,
        },
        None => Auth::Anonymous,
    })
}

fn implied(have: &str, want: &str) -> bool {
    have == want
        || matches!(
            (have, want),
            ("repo:admin", "repo:write")
                | ("repo:admin", "repo:read")
                | ("repo:write", "repo:read")
                | ("user:admin", "user:read")
        )
}

impl Auth {
    /// The user, if the caller has `scope`; 401 for anonymous/bogus, 403 for missing scope.
    pub fn need(&self, scope: &str) -> Result<&User, ApiError> {
        match self {
            Auth::Anonymous | Auth::Invalid => Err(ApiError::anon()),
            Auth::User { user, scopes } => {
                let ok = match scopes {
                    None => true,
                    Some(s) => s.iter().any(|h| implied(h, scope)),
                };
                if ok {
                    Ok(user)
                } else {
                    Err(ApiError::unauthorized())
                }
            }
        }
    }

    pub fn user(&self) -> Option<&User> {
        match self {
            Auth::User { user, .. } => Some(user),
            _ => None,
        }
    }

    pub fn has_scope(&self, scope: &str) -> bool {
        self.need(scope).is_ok()
    }
}
