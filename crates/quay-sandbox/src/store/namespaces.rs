//! Deleting a whole namespace (a user or an organization) and the checks Quay makes first.

use rusqlite::{params, Connection};

use super::{robots_of, user_by_id, User};

/// Organizations where `user_id` is the only non-robot member of an admin team, in id order
/// (Quay refuses to delete such a user).
pub fn solely_admined_orgs(c: &Connection, user_id: i64) -> Vec<User> {
    let mut st = c
        .prepare_cached(
            "SELECT DISTINCT t.org_id FROM team_members m JOIN teams t ON t.id = m.team_id \
             WHERE m.user_id = ?1 AND t.role = 'admin' ORDER BY t.org_id",
        )
        .expect("admined orgs query");
    let orgs: Vec<i64> = st
        .query_map([user_id], |r| r.get(0))
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default();
    let mut count = c
        .prepare_cached(
            "SELECT COUNT(DISTINCT m.user_id) FROM team_members m JOIN teams t ON t.id = m.team_id \
             JOIN users u ON u.id = m.user_id WHERE t.org_id = ?1 AND t.role = 'admin' AND u.kind = 'user'",
        )
        .expect("admin count query");
    orgs.into_iter()
        .filter(|org| count.query_row([org], |r| r.get::<_, i64>(0)).unwrap_or(0) == 1)
        .filter_map(|org| user_by_id(c, org))
        .collect()
}

/// Delete a user or an organization with everything it owns: robots, repositories and their
/// permissions, teams, default permissions, applications and every token issued through them,
/// the namespace's own tokens and sessions, and its team memberships elsewhere.
pub fn delete_namespace(c: &mut Connection, ns_id: i64) -> rusqlite::Result<()> {
    let robots: Vec<i64> = robots_of(c, ns_id, None).iter().map(|r| r.id).collect();
    let name = user_by_id(c, ns_id).map(|u| u.username).unwrap_or_default();
    let tx = c.transaction()?;
    for id in robots.iter().chain(std::iter::once(&ns_id)) {
        tx.execute("DELETE FROM team_members WHERE user_id = ?1", [id])?;
        tx.execute("DELETE FROM repo_perms WHERE user_id = ?1", [id])?;
        tx.execute(
            "DELETE FROM prototypes WHERE delegate_user_id = ?1 OR activating_user_id = ?1",
            [id],
        )?;
        tx.execute("DELETE FROM tokens WHERE user_id = ?1", [id])?;
        tx.execute("DELETE FROM sessions WHERE user_id = ?1", [id])?;
        tx.execute("DELETE FROM oauth_codes WHERE user_id = ?1", [id])?;
    }
    let team_ids = "SELECT id FROM teams WHERE org_id = ?1";
    tx.execute(
        &format!("DELETE FROM team_members WHERE team_id IN ({team_ids})"),
        [ns_id],
    )?;
    tx.execute(
        &format!("DELETE FROM team_repo_perms WHERE team_id IN ({team_ids})"),
        [ns_id],
    )?;
    let repo_ids = "SELECT id FROM repos WHERE ns_id = ?1";
    for table in ["repo_perms", "team_repo_perms"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE repo_id IN ({repo_ids})"),
            [ns_id],
        )?;
    }
    let app_ids = "SELECT id FROM applications WHERE org_id = ?1";
    for table in ["tokens", "oauth_codes"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE app_id IN ({app_ids})"),
            [ns_id],
        )?;
    }
    tx.execute("DELETE FROM applications WHERE org_id = ?1", [ns_id])?;
    tx.execute("DELETE FROM prototypes WHERE org_id = ?1", [ns_id])?;
    tx.execute("DELETE FROM teams WHERE org_id = ?1", [ns_id])?;
    tx.execute("DELETE FROM repos WHERE ns_id = ?1", [ns_id])?;
    tx.execute(
        "DELETE FROM users WHERE id = ?1 OR (owner_id = ?1 AND kind = 'robot')",
        [ns_id],
    )?;
    tx.execute(
        "DELETE FROM meta WHERE key IN (?1, ?2)",
        params![format!("quota:{name}"), format!("billing:{name}")],
    )?;
    tx.commit()
}
