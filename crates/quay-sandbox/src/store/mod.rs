//! SQLite storage: one connection behind a mutex, used from blocking tasks.

pub mod access;
pub mod apps;
pub mod entities;
pub mod logs;
pub mod namespaces;
pub mod prototypes;
pub mod repos;
pub mod teams;
pub mod tokens;

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OptionalExtension};

pub use access::*;
pub use apps::*;
pub use entities::*;
pub use logs::*;
pub use namespaces::*;
pub use prototypes::*;
pub use repos::*;
pub use teams::*;
pub use tokens::*;

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL DEFAULT '',
  password TEXT,
  kind TEXT NOT NULL,
  owner_id INTEGER,
  robot_token TEXT,
  description TEXT,
  metadata TEXT,
  federation TEXT,
  created INTEGER NOT NULL,
  last_accessed INTEGER,
  superuser INTEGER NOT NULL DEFAULT 0,
  enabled INTEGER NOT NULL DEFAULT 1,
  verified INTEGER NOT NULL DEFAULT 1,
  accessed_seq INTEGER
);
CREATE INDEX IF NOT EXISTS users_owner ON users(owner_id);
CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, user_id INTEGER NOT NULL, scopes TEXT NOT NULL, app_id INTEGER);
CREATE TABLE IF NOT EXISTS teams (
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL, name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '', role TEXT NOT NULL, UNIQUE(org_id, name));
CREATE TABLE IF NOT EXISTS team_members (team_id INTEGER NOT NULL, user_id INTEGER NOT NULL, PRIMARY KEY(team_id, user_id));
CREATE INDEX IF NOT EXISTS team_members_user ON team_members(user_id);
CREATE TABLE IF NOT EXISTS repos (
  id INTEGER PRIMARY KEY, ns_id INTEGER NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
  is_public INTEGER NOT NULL DEFAULT 0, last_modified INTEGER, UNIQUE(ns_id, name));
CREATE TABLE IF NOT EXISTS repo_perms (repo_id INTEGER NOT NULL, user_id INTEGER NOT NULL, role TEXT NOT NULL, PRIMARY KEY(repo_id, user_id));
CREATE INDEX IF NOT EXISTS repo_perms_user ON repo_perms(user_id);
CREATE TABLE IF NOT EXISTS team_repo_perms (repo_id INTEGER NOT NULL, team_id INTEGER NOT NULL, role TEXT NOT NULL, PRIMARY KEY(repo_id, team_id));
CREATE INDEX IF NOT EXISTS team_repo_perms_team ON team_repo_perms(team_id);
CREATE TABLE IF NOT EXISTS prototypes (
  id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, org_id INTEGER NOT NULL,
  activating_user_id INTEGER, delegate_user_id INTEGER, delegate_team_id INTEGER, role TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, csrf TEXT NOT NULL, user_id INTEGER);
CREATE TABLE IF NOT EXISTS applications (
  id INTEGER PRIMARY KEY, org_id INTEGER NOT NULL, client_id TEXT NOT NULL UNIQUE, client_secret TEXT NOT NULL,
  name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', application_uri TEXT NOT NULL DEFAULT '',
  redirect_uri TEXT NOT NULL DEFAULT '', avatar_email TEXT);
CREATE TABLE IF NOT EXISTS oauth_codes (
  code TEXT PRIMARY KEY, app_id INTEGER NOT NULL, user_id INTEGER NOT NULL, scope TEXT NOT NULL,
  redirect_uri TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS logs (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, account_id INTEGER, repo_id INTEGER,
  performer_id INTEGER, performer_name TEXT, performer_robot INTEGER NOT NULL DEFAULT 0,
  ip TEXT, datetime INTEGER NOT NULL, metadata TEXT NOT NULL DEFAULT '{}');
CREATE INDEX IF NOT EXISTS logs_account ON logs(account_id, datetime);
CREATE INDEX IF NOT EXISTS logs_repo ON logs(repo_id, datetime);
"#;

/// Columns added after the first release: (table, column, declaration) for databases made before.
const ADDED_COLUMNS: &[(&str, &str, &str)] = &[
    ("users", "enabled", "INTEGER NOT NULL DEFAULT 1"),
    ("users", "verified", "INTEGER NOT NULL DEFAULT 1"),
    ("users", "accessed_seq", "INTEGER"),
    ("tokens", "app_id", "INTEGER"),
];

fn migrate(c: &Connection) -> rusqlite::Result<()> {
    for (table, column, decl) in ADDED_COLUMNS {
        let has = c
            .prepare(&format!(
                "SELECT 1 FROM pragma_table_info('{table}') WHERE name = ?1"
            ))?
            .exists([column])?;
        if !has {
            c.execute_batch(&format!("ALTER TABLE {table} ADD COLUMN {column} {decl}"))?;
        }
    }
    Ok(())
}

/// Shared database handle.
#[derive(Clone)]
pub struct Db {
    conn: Arc<Mutex<Connection>>,
}

impl Db {
    /// Open `dir/quay-sandbox.db` (WAL) or an in-memory database.
    pub fn open(dir: Option<&Path>) -> anyhow::Result<Db> {
        let conn = match dir {
            Some(dir) => {
                std::fs::create_dir_all(dir)?;
                let c = Connection::open(dir.join("quay-sandbox.db"))?;
                c.pragma_update(None, "journal_mode", "WAL")?;
                c.pragma_update(None, "synchronous", "NORMAL")?;
                c
            }
            None => Connection::open_in_memory()?,
        };
        conn.pragma_update(None, "foreign_keys", "OFF")?;
        conn.execute_batch(SCHEMA)?;
        migrate(&conn)?;
        Ok(Db {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    /// Run `f` with the connection on the blocking pool.
    pub async fn run<T, F>(&self, f: F) -> T
    where
        F: FnOnce(&mut Connection) -> T + Send + 'static,
        T: Send + 'static,
    {
        let conn = self.conn.clone();
        tokio::task::spawn_blocking(move || {
            let mut guard = conn.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut guard)
        })
        .await
        .expect("database task panicked")
    }

    /// Synchronous access (startup, seeding).
    pub fn with<T>(&self, f: impl FnOnce(&mut Connection) -> T) -> T {
        let mut guard = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard)
    }
}

pub fn meta_get(c: &Connection, key: &str) -> Option<String> {
    c.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()
        .ok()
        .flatten()
}

pub fn meta_set(c: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    c.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A database made before the columns of [`ADDED_COLUMNS`] existed still opens and works.
    #[test]
    fn migrates_an_older_database() {
        let dir = tempfile::tempdir().unwrap();
        {
            let c = Connection::open(dir.path().join("quay-sandbox.db")).unwrap();
            c.execute_batch(
                "CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, email TEXT NOT NULL DEFAULT '',
                   password TEXT, kind TEXT NOT NULL, owner_id INTEGER, robot_token TEXT, description TEXT, metadata TEXT,
                   federation TEXT, created INTEGER NOT NULL, last_accessed INTEGER, superuser INTEGER NOT NULL DEFAULT 0);
                 CREATE TABLE tokens (token TEXT PRIMARY KEY, user_id INTEGER NOT NULL, scopes TEXT NOT NULL);
                 INSERT INTO users(username, kind, created) VALUES ('olduser', 'user', 1);
                 INSERT INTO tokens VALUES ('OLDTOKEN', 1, 'user:read');",
            )
            .unwrap();
        }
        let db = Db::open(Some(dir.path())).unwrap();
        db.with(|c| {
            let u = user_by_name(c, "olduser").unwrap();
            assert!(u.enabled && u.verified && !u.superuser);
            let t = lookup_token(c, "OLDTOKEN").unwrap();
            assert!(t.app.is_none());
            touch_last_accessed(c, u.id);
        });
    }
}
