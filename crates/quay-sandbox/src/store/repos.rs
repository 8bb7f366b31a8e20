//! Repositories and their direct user permissions.

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

pub fn team_repo_count(c: &Connection, team_id: i64) -> i64 {
    c.query_row(
        "SELECT COUNT(*) FROM team_repo_perms WHERE team_id = ?1",
        [team_id],
        |r| r.get(0),
    )
    .unwrap_or(0)
}
