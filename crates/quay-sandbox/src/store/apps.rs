//! OAuth applications of organizations, authorization codes and the user's approvals.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::util;

#[derive(Clone, Debug)]
pub struct App {
    pub id: i64,
    pub org_id: i64,
    pub client_id: String,
    pub client_secret: String,
    pub name: String,
    pub description: String,
    pub application_uri: String,
    pub redirect_uri: String,
    pub avatar_email: Option<String>,
}

const APP_COLS: &str = "id, org_id, client_id, client_secret, name, description, application_uri, redirect_uri, avatar_email";

fn app_row(r: &Row) -> rusqlite::Result<App> {
    Ok(App {
        id: r.get(0)?,
        org_id: r.get(1)?,
        client_id: r.get(2)?,
        client_secret: r.get(3)?,
        name: r.get(4)?,
        description: r.get(5)?,
        application_uri: r.get(6)?,
        redirect_uri: r.get(7)?,
        avatar_email: r.get(8)?,
    })
}

/// What a new application is made of; ids and secrets are generated unless given.
#[derive(Clone, Debug, Default)]
pub struct NewApp<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub application_uri: &'a str,
    pub redirect_uri: &'a str,
    pub avatar_email: Option<&'a str>,
    pub client_id: Option<&'a str>,
    pub client_secret: Option<&'a str>,
}

const ID_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

pub fn create_app(c: &Connection, org_id: i64, a: &NewApp) -> rusqlite::Result<App> {
    let client_id = a
        .client_id
        .map(str::to_string)
        .unwrap_or_else(|| util::random_string(20, ID_ALPHABET));
    let secret = a
        .client_secret
        .map(str::to_string)
        .unwrap_or_else(|| util::random_string(40, ID_ALPHABET));
    c.execute(
        "INSERT INTO applications(org_id, client_id, client_secret, name, description, application_uri, redirect_uri, avatar_email) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![org_id, client_id, secret, a.name, a.description, a.application_uri, a.redirect_uri, a.avatar_email],
    )?;
    Ok(app_by_id(c, c.last_insert_rowid()).expect("application just inserted"))
}

pub fn app_by_id(c: &Connection, id: i64) -> Option<App> {
    c.query_row(
        &format!("SELECT {APP_COLS} FROM applications WHERE id = ?1"),
        [id],
        app_row,
    )
    .optional()
    .ok()
    .flatten()
}

pub fn app_by_client_id(c: &Connection, client_id: &str) -> Option<App> {
    c.query_row(
        &format!("SELECT {APP_COLS} FROM applications WHERE client_id = ?1"),
        [client_id],
        app_row,
    )
    .optional()
    .ok()
    .flatten()
}

pub fn apps_of(c: &Connection, org_id: i64) -> Vec<App> {
    let mut st = c
        .prepare_cached(&format!(
            "SELECT {APP_COLS} FROM applications WHERE org_id = ?1 ORDER BY id"
        ))
        .expect("apps query");
    st.query_map([org_id], app_row)
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// An issued authorization code.
#[derive(Clone, Debug)]
pub struct Code {
    pub app_id: i64,
    pub user_id: i64,
    pub scope: String,
    pub redirect_uri: String,
}

pub fn create_code(c: &Connection, code: &Code) -> rusqlite::Result<String> {
    let value = util::random_urlsafe(40).replace(['-', '_'], "A");
    c.execute(
        "INSERT INTO oauth_codes(code, app_id, user_id, scope, redirect_uri, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![value, code.app_id, code.user_id, code.scope, code.redirect_uri, util::now()],
    )?;
    Ok(value)
}

pub fn code_get(c: &Connection, value: &str) -> Option<Code> {
    c.query_row(
        "SELECT app_id, user_id, scope, redirect_uri FROM oauth_codes WHERE code = ?1",
        [value],
        |r| {
            Ok(Code {
                app_id: r.get(0)?,
                user_id: r.get(1)?,
                scope: r.get(2)?,
                redirect_uri: r.get(3)?,
            })
        },
    )
    .optional()
    .ok()
    .flatten()
}

pub fn code_delete(c: &Connection, value: &str) -> rusqlite::Result<usize> {
    c.execute("DELETE FROM oauth_codes WHERE code = ?1", [value])
}
