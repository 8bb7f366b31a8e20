//! Who reaches what: team permissions, transitive roles, and the per-robot maps of the robots
//! list.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};

use super::get_repo_perm;

/// Names of the repositories of namespace `ns_id` on which `user_id` has a direct permission.
pub fn member_repo_names(c: &Connection, ns_id: i64, user_id: i64) -> Vec<String> {
    let mut st = c
        .prepare_cached(
            "SELECT r.name FROM repo_perms p JOIN repos r ON r.id = p.repo_id WHERE p.user_id = ?1 AND r.ns_id = ?2 ORDER BY p.rowid",
        )
        .expect("member repos query");
    st.query_map(params![user_id, ns_id], |r| r.get(0))
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// (team name, role) of every team permission on a repository, in grant order.
pub fn repo_team_perms(c: &Connection, repo_id: i64) -> Vec<(String, String)> {
    let mut st = c
        .prepare_cached(
            "SELECT t.name, p.role FROM team_repo_perms p JOIN teams t ON t.id = p.team_id WHERE p.repo_id = ?1 ORDER BY p.rowid",
        )
        .expect("team perms query");
    st.query_map([repo_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

pub fn get_team_repo_perm(c: &Connection, repo_id: i64, team_id: i64) -> Option<String> {
    c.query_row(
        "SELECT role FROM team_repo_perms WHERE repo_id = ?1 AND team_id = ?2",
        params![repo_id, team_id],
        |r| r.get(0),
    )
    .optional()
    .ok()
    .flatten()
}

pub fn delete_team_repo_perm(
    c: &Connection,
    repo_id: i64,
    team_id: i64,
) -> rusqlite::Result<usize> {
    c.execute(
        "DELETE FROM team_repo_perms WHERE repo_id = ?1 AND team_id = ?2",
        params![repo_id, team_id],
    )
}

/// Every permission row that gives `user_id` access to a repository: its direct grant, then the
/// grants of its teams (Quay's "transitive" permissions; org-wide admin rights are not rows).
pub fn transitive_roles(c: &Connection, repo_id: i64, user_id: i64) -> Vec<String> {
    let mut roles: Vec<String> = get_repo_perm(c, repo_id, user_id).into_iter().collect();
    let mut st = c
        .prepare_cached(
            "SELECT p.role FROM team_repo_perms p JOIN team_members m ON m.team_id = p.team_id \
             WHERE p.repo_id = ?1 AND m.user_id = ?2 ORDER BY p.team_id",
        )
        .expect("transitive query");
    if let Ok(it) = st.query_map(params![repo_id, user_id], |r| r.get::<_, String>(0)) {
        roles.extend(it.filter_map(Result::ok));
    }
    roles
}

/// (repo name, is_public, role) of a team's permissions.
pub fn team_repo_perms(c: &Connection, team_id: i64) -> Vec<(String, bool, String)> {
    let mut st = c
        .prepare_cached(
            "SELECT r.name, r.is_public, p.role FROM team_repo_perms p JOIN repos r ON r.id = p.repo_id WHERE p.team_id = ?1 ORDER BY p.rowid",
        )
        .expect("perms query");
    st.query_map([team_id], |r| {
        Ok((r.get(0)?, r.get::<_, i64>(1)? != 0, r.get(2)?))
    })
    .map(|it| it.filter_map(Result::ok).collect())
    .unwrap_or_default()
}

pub fn set_team_repo_perm(
    c: &Connection,
    repo_id: i64,
    team_id: i64,
    role: &str,
) -> rusqlite::Result<()> {
    c.execute(
        "INSERT INTO team_repo_perms(repo_id, team_id, role) VALUES (?1, ?2, ?3) ON CONFLICT(repo_id, team_id) DO UPDATE SET role = excluded.role",
        params![repo_id, team_id, role],
    )?;
    Ok(())
}

/// For the robots of a namespace: user id → team names (ordered by team id).
pub fn robot_team_map(c: &Connection, owner_id: i64) -> HashMap<i64, Vec<String>> {
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    let mut st = c
        .prepare_cached(
            "SELECT m.user_id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id \
             JOIN users u ON u.id = m.user_id WHERE u.owner_id = ?1 ORDER BY t.id",
        )
        .expect("team map query");
    if let Ok(rows) = st.query_map([owner_id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    }) {
        for (uid, name) in rows.flatten() {
            map.entry(uid).or_default().push(name);
        }
    }
    map
}

/// For the robots of a namespace: user id → names of repositories of that namespace with a direct permission.
pub fn robot_repo_map(c: &Connection, owner_id: i64) -> HashMap<i64, Vec<String>> {
    let mut map: HashMap<i64, Vec<String>> = HashMap::new();
    let mut st = c
        .prepare_cached(
            "SELECT p.user_id, r.name FROM repo_perms p JOIN repos r ON r.id = p.repo_id \
             JOIN users u ON u.id = p.user_id WHERE u.owner_id = ?1 AND r.ns_id = ?1 ORDER BY p.rowid",
        )
        .expect("repo map query");
    if let Ok(rows) = st.query_map([owner_id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    }) {
        for (uid, name) in rows.flatten() {
            map.entry(uid).or_default().push(name);
        }
    }
    map
}
