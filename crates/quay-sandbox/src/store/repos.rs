//! Repositories, permissions (user and team) and default permissions (prototypes).

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Row};

#[derive(Clone, Debug)]
pub struct Repo {
    pub id: i64,
    pub ns_id: i64,
    pub name: String,
    pub description: String,
    pub is_public: bool,
    pub last_modified: Option<i64>,
}

fn repo_row(r: &Row) -> rusqlite::Result<Repo> {
    Ok(Repo {
        id: r.get(0)?,
        ns_id: r.get(1)?,
        name: r.get(2)?,
        description: r.get(3)?,
        is_public: r.get::<_, i64>(4)? != 0,
        last_modified: r.get(5)?,
    })
}

const REPO_COLS: &str = "id, ns_id, name, description, is_public, last_modified";

pub fn repo_by_name(c: &Connection, ns_id: i64, name: &str) -> Option<Repo> {
    c.query_row(
        &format!("SELECT {REPO_COLS} FROM repos WHERE ns_id = ?1 AND name = ?2"),
        params![ns_id, name],
        repo_row,
    )
    .optional()
    .ok()
    .flatten()
}

pub fn create_repo(
    c: &Connection,
    ns_id: i64,
    name: &str,
    description: &str,
    is_public: bool,
    last_modified: Option<i64>,
) -> rusqlite::Result<i64> {
    c.execute(
        "INSERT OR IGNORE INTO repos(ns_id, name, description, is_public, last_modified) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![ns_id, name, description, is_public as i64, last_modified],
    )?;
    Ok(repo_by_name(c, ns_id, name).map(|r| r.id).unwrap_or(0))
}

/// Repositories of a namespace ordered by id, after `after_id`, at most `limit`.
pub fn repos_page(c: &Connection, ns_id: i64, after_id: i64, limit: i64) -> Vec<Repo> {
    let mut st = c
        .prepare_cached(&format!(
            "SELECT {REPO_COLS} FROM repos WHERE ns_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3"
        ))
        .expect("repos query");
    st.query_map(params![ns_id, after_id, limit], repo_row)
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// Public repositories of every namespace (for `public=true` without namespace).
pub fn public_repos_page(c: &Connection, after_id: i64, limit: i64) -> Vec<Repo> {
    let mut st = c
        .prepare_cached(&format!(
            "SELECT {REPO_COLS} FROM repos WHERE is_public = 1 AND id > ?1 ORDER BY id LIMIT ?2"
        ))
        .expect("repos query");
    st.query_map(params![after_id, limit], repo_row)
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

pub fn set_repo_perm(
    c: &Connection,
    repo_id: i64,
    user_id: i64,
    role: &str,
) -> rusqlite::Result<()> {
    c.execute(
        "INSERT INTO repo_perms(repo_id, user_id, role) VALUES (?1, ?2, ?3) ON CONFLICT(repo_id, user_id) DO UPDATE SET role = excluded.role",
        params![repo_id, user_id, role],
    )?;
    Ok(())
}

pub fn get_repo_perm(c: &Connection, repo_id: i64, user_id: i64) -> Option<String> {
    c.query_row(
        "SELECT role FROM repo_perms WHERE repo_id = ?1 AND user_id = ?2",
        params![repo_id, user_id],
        |r| r.get(0),
    )
    .optional()
    .ok()
    .flatten()
}

pub fn delete_repo_perm(c: &Connection, repo_id: i64, user_id: i64) -> rusqlite::Result<usize> {
    c.execute(
        "DELETE FROM repo_perms WHERE repo_id = ?1 AND user_id = ?2",
        params![repo_id, user_id],
    )
}

/// (user id, role) of every direct user permission on a repository.
pub fn repo_user_perms(c: &Connection, repo_id: i64) -> Vec<(i64, String)> {
    let mut st = c
        .prepare_cached("SELECT user_id, role FROM repo_perms WHERE repo_id = ?1 ORDER BY rowid")
        .expect("perms query");
    st.query_map([repo_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// (repo name, is_public, role) of a user's or robot's direct permissions.
pub fn user_repo_perms(c: &Connection, user_id: i64) -> Vec<(String, bool, String)> {
    let mut st = c
        .prepare_cached(
            "SELECT r.name, r.is_public, p.role FROM repo_perms p JOIN repos r ON r.id = p.repo_id WHERE p.user_id = ?1 ORDER BY p.rowid",
        )
        .expect("perms query");
    st.query_map([user_id], |r| {
        Ok((r.get(0)?, r.get::<_, i64>(1)? != 0, r.get(2)?))
    })
    .map(|it| it.filter_map(Result::ok).collect())
    .unwrap_or_default()
}

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

/// Best role of `user_id` on a repository through direct or team permissions.
pub fn effective_repo_role(c: &Connection, repo_id: i64, user_id: i64) -> Option<String> {
    let mut roles: Vec<String> = Vec::new();
    if let Some(r) = get_repo_perm(c, repo_id, user_id) {
        roles.push(r);
    }
    let mut st = c
        .prepare_cached(
            "SELECT p.role FROM team_repo_perms p JOIN team_members m ON m.team_id = p.team_id WHERE p.repo_id = ?1 AND m.user_id = ?2",
        )
        .expect("perm query");
    if let Ok(it) = st.query_map(params![repo_id, user_id], |r| r.get::<_, String>(0)) {
        roles.extend(it.filter_map(Result::ok));
    }
    let rank = |r: &str| match r {
        "admin" => 3,
        "write" => 2,
        "read" => 1,
        _ => 0,
    };
    roles.into_iter().max_by_key(|r| rank(r))
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

// ---- prototypes --------------------------------------------------------

#[derive(Clone, Debug)]
pub struct Prototype {
    pub id: i64,
    pub uuid: String,
    pub org_id: i64,
    pub activating_user_id: Option<i64>,
    pub delegate_user_id: Option<i64>,
    pub delegate_team_id: Option<i64>,
    pub role: String,
}

fn proto_row(r: &Row) -> rusqlite::Result<Prototype> {
    Ok(Prototype {
        id: r.get(0)?,
        uuid: r.get(1)?,
        org_id: r.get(2)?,
        activating_user_id: r.get(3)?,
        delegate_user_id: r.get(4)?,
        delegate_team_id: r.get(5)?,
        role: r.get(6)?,
    })
}

const PROTO_COLS: &str =
    "id, uuid, org_id, activating_user_id, delegate_user_id, delegate_team_id, role";

pub fn prototypes_of(c: &Connection, org_id: i64) -> Vec<Prototype> {
    let mut st = c
        .prepare_cached(&format!(
            "SELECT {PROTO_COLS} FROM prototypes WHERE org_id = ?1 ORDER BY id"
        ))
        .expect("proto query");
    st.query_map([org_id], proto_row)
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

pub fn prototype_by_uuid(c: &Connection, org_id: i64, uuid: &str) -> Option<Prototype> {
    c.query_row(
        &format!("SELECT {PROTO_COLS} FROM prototypes WHERE org_id = ?1 AND uuid = ?2"),
        params![org_id, uuid],
        proto_row,
    )
    .optional()
    .ok()
    .flatten()
}

pub fn create_prototype(
    c: &Connection,
    uuid: &str,
    org_id: i64,
    activating_user_id: Option<i64>,
    delegate_user_id: Option<i64>,
    delegate_team_id: Option<i64>,
    role: &str,
) -> rusqlite::Result<()> {
    c.execute(
        "INSERT OR IGNORE INTO prototypes(uuid, org_id, activating_user_id, delegate_user_id, delegate_team_id, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![uuid, org_id, activating_user_id, delegate_user_id, delegate_team_id, role],
    )?;
    Ok(())
}

pub fn update_prototype_role(c: &Connection, id: i64, role: &str) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE prototypes SET role = ?1 WHERE id = ?2",
        params![role, id],
    )?;
    Ok(())
}

pub fn delete_prototype(c: &Connection, id: i64) -> rusqlite::Result<()> {
    c.execute("DELETE FROM prototypes WHERE id = ?1", [id])?;
    Ok(())
}

pub fn team_repo_count(c: &Connection, team_id: i64) -> i64 {
    c.query_row(
        "SELECT COUNT(*) FROM team_repo_perms WHERE team_id = ?1",
        [team_id],
        |r| r.get(0),
    )
    .unwrap_or(0)
}
