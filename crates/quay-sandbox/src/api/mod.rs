//! HTTP API: shared state, request context and namespace access; the routes are in `routes.rs`.

pub mod admin;
pub mod admin_logs;
pub mod applications;
pub mod audit;
pub mod auth;
mod cors;
pub mod errors;
pub mod exchange;
pub mod federation;
pub mod image;
pub mod logs;
pub mod manifests;
pub mod members;
pub mod namespaces;
pub mod oauth_web;
pub mod orgs;
pub mod perms;
pub mod prototypes;
pub mod quota;
pub mod registry;
pub mod repo_list;
pub mod repos;
pub mod repository;
pub mod request_log;
pub mod robot_path;
pub mod robot_schema;
pub mod robots;
mod routes;
pub mod session;
pub mod superuser;
pub mod team_perms;
pub mod teams;
pub mod user_view;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use axum::{extract::FromRequestParts, http::request::Parts};
use rusqlite::Connection;

use crate::faults::FaultRule;
use crate::oidc::OidcVerifier;
use crate::store::{self, Db, User};
pub use auth::{Auth, Ctx};
pub use errors::{ApiError, ApiResult};
pub use routes::router;

/// Settings that can change at run time through `/sandbox/settings`.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Settings {
    pub robots_disallow: bool,
    /// Quay's BROWSER_API_CALLS_XHR_ONLY (default on): browser GETs on /api need X-Requested-With.
    pub browser_xhr_only: bool,
    pub latency_ms: u64,
    pub latency_jitter_ms: u64,
    pub error_rate: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            robots_disallow: false,
            browser_xhr_only: true,
            latency_ms: 0,
            latency_jitter_ms: 0,
            error_rate: 0.0,
        }
    }
}

pub struct AppState {
    pub db: Db,
    pub host: RwLock<String>,
    pub settings: RwLock<Settings>,
    pub faults: Mutex<Vec<FaultRule>>,
    pub admin_token: String,
    pub jwt_key: Vec<u8>,
    pub verifier: OidcVerifier,
    /// Every request answered (see [`request_log`]).
    pub requests: request_log::RequestLog,
}

impl AppState {
    pub fn host(&self) -> String {
        self.host.read().map(|h| h.clone()).unwrap_or_default()
    }
    pub fn settings(&self) -> Settings {
        self.settings.read().map(|s| s.clone()).unwrap_or_default()
    }

    /// Resolve the caller and run `f` on the database in a blocking task.
    pub async fn call<F>(&self, ctx: Ctx, f: F) -> ApiResult
    where
        F: FnOnce(&mut Connection, Auth) -> ApiResult + Send + 'static,
    {
        self.db
            .run(move |c| {
                let auth = auth::resolve(c, &ctx)?;
                f(c, auth)
            })
            .await
    }
}

pub type St = Arc<AppState>;

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query_csrf = parts.uri.query().and_then(|q| {
            q.split('&')
                .filter_map(|kv| kv.split_once('='))
                .find(|(k, _)| *k == "_csrf_token")
                .map(|(_, v)| v.to_string())
        });
        let ip = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|ci| ci.0.ip().to_string());
        Ok(Ctx {
            method: parts.method.clone(),
            headers: parts.headers.clone(),
            query_csrf,
            ip,
        })
    }
}

/// Query parameters as a map.
pub type Q = axum::extract::Query<HashMap<String, String>>;

pub fn qbool(q: &HashMap<String, String>, key: &str, default: bool) -> bool {
    match q.get(key).map(|v| v.to_ascii_lowercase()) {
        Some(v) if v == "true" || v == "1" || v == "yes" || v == "on" => true,
        Some(v) if v == "false" || v == "0" || v == "no" || v == "off" => false,
        _ => default,
    }
}

/// A namespace (organization or user) as seen by the caller.
pub struct NsAccess {
    pub ns: User,
    pub is_admin: bool,
    pub is_member: bool,
}

pub fn ns_access(c: &Connection, who: &User, name: &str) -> Option<NsAccess> {
    let ns = store::user_by_name(c, name)?;
    if ns.is_robot() {
        return None;
    }
    let (is_admin, is_member) = if ns.is_org() {
        let admin = who.superuser || store::is_org_admin(c, ns.id, who.id);
        (admin, admin || store::is_org_member(c, ns.id, who.id))
    } else {
        let me = ns.id == who.id;
        (me, me)
    };
    Some(NsAccess {
        ns,
        is_admin,
        is_member,
    })
}

/// Parse an optional JSON body: absent or malformed gives None (Quay treats both as no body).
pub fn parse_body(body: &[u8]) -> Option<serde_json::Value> {
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return None;
    }
    serde_json::from_slice(body).ok()
}
