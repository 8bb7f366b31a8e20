//! Users, organizations and robots.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::util;

/// A row of `users`: a user, an organization or a robot.
#[derive(Clone, Debug)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub password: Option<String>,
    pub kind: String,
    pub owner_id: Option<i64>,
    pub robot_token: Option<String>,
    pub description: Option<String>,
    pub metadata: Option<String>,
    pub federation: Option<String>,
    pub created: i64,
    pub last_accessed: Option<i64>,
    /// In SUPER_USERS (column `superuser` = 1).
    pub superuser: bool,
    /// In GLOBAL_READONLY_SUPER_USERS (column `superuser` = 2).
    pub global_readonly: bool,
    pub verified: bool,
    /// False for a disabled account (it cannot sign in and its tokens stop working).
    pub enabled: bool,
}

impl User {
    pub fn is_org(&self) -> bool {
        self.kind == "org"
    }
    pub fn is_robot(&self) -> bool {
        self.kind == "robot"
    }
}

pub(super) const USER_COLS: &str = "id, username, email, password, kind, owner_id, robot_token, description, metadata, federation, created, last_accessed, superuser, enabled, verified";

pub(super) fn user_row(r: &Row) -> rusqlite::Result<User> {
    Ok(User {
        id: r.get(0)?,
        username: r.get(1)?,
        email: r.get(2)?,
        password: r.get(3)?,
        kind: r.get(4)?,
        owner_id: r.get(5)?,
        robot_token: r.get(6)?,
        description: r.get(7)?,
        metadata: r.get(8)?,
        federation: r.get(9)?,
        created: r.get(10)?,
        last_accessed: r.get(11)?,
        superuser: r.get::<_, i64>(12)? == 1,
        global_readonly: r.get::<_, i64>(12)? == 2,
        enabled: r.get::<_, i64>(13)? != 0,
        verified: r.get::<_, i64>(14)? != 0,
    })
}

pub fn user_by_name(c: &Connection, name: &str) -> Option<User> {
    c.query_row(
        &format!("SELECT {USER_COLS} FROM users WHERE username = ?1"),
        [name],
        user_row,
    )
    .optional()
    .ok()
    .flatten()
}

pub fn user_by_id(c: &Connection, id: i64) -> Option<User> {
    c.query_row(
        &format!("SELECT {USER_COLS} FROM users WHERE id = ?1"),
        [id],
        user_row,
    )
    .optional()
    .ok()
    .flatten()
}

/// Create a user or organization; returns its id.
pub fn create_user(
    c: &Connection,
    name: &str,
    email: &str,
    password: Option<&str>,
    kind: &str,
) -> rusqlite::Result<i64> {
    c.execute(
        "INSERT INTO users(username, email, password, kind, created) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, email, password, kind, util::now()],
    )?;
    Ok(c.last_insert_rowid())
}

pub fn ensure_user(c: &Connection, name: &str, kind: &str) -> rusqlite::Result<i64> {
    match user_by_name(c, name) {
        Some(u) => Ok(u.id),
        None => create_user(c, name, &format!("{name}@example.com"), None, kind),
    }
}

/// Create a robot `{owner}+{short}`; returns the new row.
pub fn create_robot(
    c: &Connection,
    owner: &User,
    short: &str,
    description: &str,
    metadata: Option<&str>,
    created: i64,
) -> rusqlite::Result<User> {
    let name = format!("{}+{}", owner.username, short);
    c.execute(
        "INSERT INTO users(username, kind, owner_id, robot_token, description, metadata, created) VALUES (?1, 'robot', ?2, ?3, ?4, ?5, ?6)",
        params![name, owner.id, util::robot_token(), description, metadata, created],
    )?;
    Ok(user_by_id(c, c.last_insert_rowid()).expect("robot just inserted"))
}

/// Robots of a namespace in Quay's order: last_accessed descending, then creation.
pub fn robots_of(c: &Connection, owner_id: i64, limit: Option<i64>) -> Vec<User> {
    let mut st = c
        .prepare_cached(&format!(
            "SELECT {USER_COLS} FROM users WHERE owner_id = ?1 AND kind = 'robot' \
             ORDER BY last_accessed IS NULL, last_accessed DESC, accessed_seq DESC, id ASC LIMIT ?2"
        ))
        .expect("robots query");
    st.query_map(params![owner_id, limit.unwrap_or(-1)], user_row)
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

pub fn regenerate_robot_token(c: &Connection, id: i64) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE users SET robot_token = ?1 WHERE id = ?2",
        params![util::robot_token(), id],
    )?;
    Ok(())
}

/// Record an access now. `accessed_seq` orders accesses within the same second (Quay's
/// timestamps have microseconds; ours have seconds).
pub fn touch_last_accessed(c: &Connection, id: i64) {
    let _ = c.execute(
        "UPDATE users SET last_accessed = ?1, \
         accessed_seq = (SELECT COALESCE(MAX(accessed_seq), 0) + 1 FROM users) WHERE id = ?2",
        params![util::now(), id],
    );
}

pub fn set_federation(c: &Connection, id: i64, json: &str) -> rusqlite::Result<()> {
    c.execute(
        "UPDATE users SET federation = ?1 WHERE id = ?2",
        params![json, id],
    )?;
    Ok(())
}

/// Delete a robot and everything that refers to it.
pub fn delete_robot(c: &mut Connection, id: i64) -> rusqlite::Result<()> {
    let tx = c.transaction()?;
    tx.execute("DELETE FROM team_members WHERE user_id = ?1", [id])?;
    tx.execute("DELETE FROM repo_perms WHERE user_id = ?1", [id])?;
    tx.execute(
        "DELETE FROM prototypes WHERE delegate_user_id = ?1 OR activating_user_id = ?1",
        [id],
    )?;
    tx.execute("DELETE FROM tokens WHERE user_id = ?1", [id])?;
    tx.execute("DELETE FROM users WHERE id = ?1", [id])?;
    tx.commit()
}
