//! Quay's permission rules that depend on the token's scopes: a team role is capped by what the
//! scopes allow (`org:admin` → admin, `repo:create` → creator, a session → everything).

use rusqlite::Connection;

use super::Auth;
use crate::store;

/// 0 none, 1 member, 2 creator, 3 admin.
pub fn role_rank(role: &str) -> u8 {
    match role {
        "admin" => 3,
        "creator" => 2,
        "member" => 1,
        _ => 0,
    }
}

/// The caller's best team role in an organization.
pub fn org_role(c: &Connection, org_id: i64, user_id: i64) -> u8 {
    store::user_teams_in(c, org_id, user_id)
        .iter()
        .map(|t| role_rank(&t.role))
        .max()
        .unwrap_or(0)
}

/// The highest team role the caller's scopes let it use.
pub fn team_cap(auth: &Auth) -> u8 {
    if auth.is_session() {
        return 3;
    }
    let mut cap = 0;
    if auth.has_scope("org:admin") {
        cap = 3;
    } else if auth.has_scope("repo:create") {
        cap = 2;
    }
    cap
}

/// Quay's AdministerOrganizationPermission for the caller.
pub fn administers(c: &Connection, auth: &Auth, org: &store::User) -> bool {
    let Some(who) = auth.user() else {
        return false;
    };
    who.superuser || org_role(c, org.id, who.id).min(team_cap(auth)) == 3
}

/// Quay's CreateRepositoryPermission on an organization for the caller.
pub fn can_create_repo(c: &Connection, auth: &Auth, org: &store::User) -> bool {
    let Some(who) = auth.user() else {
        return false;
    };
    who.superuser || org_role(c, org.id, who.id).min(team_cap(auth)) >= 2
}
