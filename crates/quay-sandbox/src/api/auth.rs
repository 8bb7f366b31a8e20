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
        /// The caller; its `superuser` flag is the *effective* one: true only for a superuser
        /// signed in with a session or a token carrying `super:user` (as Quay decides).
        user: Box<User>,
        /// None for a session (every scope).
        scopes: Option<Vec<String>>,
        /// The bearer token used, if any (its id and application go into usage logs).
        token: Option<Box<TokenMeta>>,
        /// The client's address, for usage logs.
        ip: Option<String>,
    },
}

/// What usage logs record about the OAuth token of an action.
#[derive(Clone, Debug)]
pub struct TokenMeta {
    pub id: i64,
    /// (client_id, name) of the application the token was issued through.
    pub app: Option<(String, String)>,
}

/// Request data the handlers need.
#[derive(Clone, Debug)]
pub struct Ctx {
    pub method: Method,
    pub headers: HeaderMap,
    pub query_csrf: Option<String>,
    /// The client's address (127.0.0.1 in practice), for usage logs.
    pub ip: Option<String>,
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
            Some(t) => {
                let scopes: Vec<String> = t.scopes.split_whitespace().map(str::to_string).collect();
                let mut user = t.user;
                let su = scopes.iter().any(|s| s == "super:user");
                user.superuser &= su;
                user.global_readonly &= su;
                Auth::User {
                    user: Box::new(user),
                    scopes: Some(scopes),
                    token: Some(Box::new(TokenMeta {
                        id: t.id,
                        app: t.app.map(|a| (a.client_id, a.name)),
                    })),
                    ip: ctx.ip.clone(),
                }
            }
            None => Auth::Invalid,
        });
    }
    let session = cookie(&ctx.headers, SESSION_COOKIE).and_then(|id| store::session_get(c, &id));
    let user = session
        .as_ref()
        .and_then(|(_, uid)| uid.and_then(|id| store::user_by_id(c, id)))
        .filter(|u| u.enabled);
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
            token: None,
            ip: ctx.ip.clone(),
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
            Auth::User { user, scopes, .. } => {
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

    /// A superuser acting as one (session, or a token with `super:user`).
    pub fn is_superuser(&self) -> bool {
        self.user().is_some_and(|u| u.superuser)
    }

    /// Signed in with a cookie session (Quay's "direct login": every scope).
    pub fn is_session(&self) -> bool {
        matches!(self, Auth::User { scopes: None, .. })
    }

    pub fn ip(&self) -> Option<&str> {
        match self {
            Auth::User { ip, .. } => ip.as_deref(),
            _ => None,
        }
    }

    pub fn token(&self) -> Option<&TokenMeta> {
        match self {
            Auth::User { token, .. } => token.as_deref(),
            _ => None,
        }
    }
}
