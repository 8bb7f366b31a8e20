//! Which namespace and robot a robot route addresses. Every robot route exists twice:
//! `/api/v1/organization/{org}/robots...` and `/api/v1/user/robots...`; one handler serves both,
//! telling them apart by the `{org}` path parameter.

use std::collections::HashMap;

use axum::{
    extract::{rejection::PathRejection, FromRequestParts, Path},
    http::request::Parts,
};
use rusqlite::Connection;

use super::{ns_access, ApiError, Auth};
use crate::store::{self, User};

/// Which namespace a robot route addresses.
pub enum Ns {
    User,
    Org(String),
}

/// The path of a single-robot route: its namespace and the robot's short name (`{short}`).
pub struct RobotPath {
    pub ns: Ns,
    pub short: String,
}

async fn path_params<S: Send + Sync>(
    parts: &mut Parts,
    state: &S,
) -> Result<HashMap<String, String>, PathRejection> {
    let Path(params) = Path::from_request_parts(parts, state).await?;
    Ok(params)
}

fn ns_of(params: &mut HashMap<String, String>) -> Ns {
    params.remove("org").map_or(Ns::User, Ns::Org)
}

impl<S: Send + Sync> FromRequestParts<S> for Ns {
    type Rejection = PathRejection;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Ok(ns_of(&mut path_params(parts, state).await?))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RobotPath {
    type Rejection = PathRejection;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let mut params = path_params(parts, state).await?;
        Ok(RobotPath {
            ns: ns_of(&mut params),
            short: params.remove("short").unwrap_or_default(),
        })
    }
}

/// Resolve the namespace and check the caller: `admin` requires admin rights.
/// Returns (namespace, caller is admin).
pub fn resolve_ns(
    c: &Connection,
    auth: &Auth,
    ns: &Ns,
    scope: &str,
    admin: bool,
) -> Result<(User, bool), ApiError> {
    match ns {
        Ns::User => {
            let who = auth.need("user:admin")?;
            Ok((who.clone(), true))
        }
        Ns::Org(name) => {
            let who = auth.need(scope)?;
            let Some(acc) = ns_access(c, who, name) else {
                // Superusers get past the permission check and learn that the org is gone.
                return Err(if who.superuser {
                    ApiError::message(400, format!("Organization does not exist: {name}"))
                } else {
                    ApiError::unauthorized()
                });
            };
            if (admin && !acc.is_admin) || !acc.is_member {
                return Err(ApiError::unauthorized());
            }
            Ok((acc.ns, acc.is_admin))
        }
    }
}

pub fn find_robot(c: &Connection, ns: &User, short: &str) -> Result<User, ApiError> {
    store::user_by_name(c, &format!("{}+{}", ns.username, short))
        .filter(|u| u.is_robot() && u.owner_id == Some(ns.id))
        .ok_or_else(ApiError::no_robot)
}

/// The addressed robot, for a caller with admin rights on its namespace.
pub fn admin_robot(c: &Connection, auth: &Auth, ns: &Ns, short: &str) -> Result<User, ApiError> {
    let (ns_user, _) = resolve_ns(c, auth, ns, "org:admin", true)?;
    find_robot(c, &ns_user, short)
}
