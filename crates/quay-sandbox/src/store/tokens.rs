//! OAuth bearer tokens (optionally issued through an application) and cookie sessions.

use rusqlite::{params, Connection, OptionalExtension};

use super::{app_by_id, user_by_id, App, User};
use crate::util;

/// A bearer token as resolved for a request.
#[derive(Clone, Debug)]
pub struct Token {
    /// Quay's `oauth_token_id` (the row id).
    pub id: i64,
    pub user: User,
    pub scopes: String,
    /// The application the token was issued through, if any.
    pub app: Option<App>,
}

pub fn new_token_value() -> String {
    util::random_string(
        40,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    )
}

/// Store a token for `user_id` (a new random value unless `token` is given); returns its value.
pub fn create_token(c: &Connection, user_id: i64, scopes: &str, token: Option<&str>) -> String {
    create_app_token(c, user_id, scopes, token, None)
}

/// Like [`create_token`], issued through application `app_id`.
pub fn create_app_token(
    c: &Connection,
    user_id: i64,
    scopes: &str,
    token: Option<&str>,
    app_id: Option<i64>,
) -> String {
    let token = token.map(str::to_string).unwrap_or_else(new_token_value);
    let _ = c.execute(
        "INSERT OR REPLACE INTO tokens(token, user_id, scopes, app_id) VALUES (?1, ?2, ?3, ?4)",
        params![token, user_id, scopes, app_id],
    );
    token
}

/// The token's row, if it exists and its user is enabled.
pub fn lookup_token(c: &Connection, token: &str) -> Option<Token> {
    let (id, uid, scopes, app_id): (i64, i64, String, Option<i64>) = c
        .query_row(
            "SELECT rowid, user_id, scopes, app_id FROM tokens WHERE token = ?1",
            [token],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()
        .ok()
        .flatten()?;
    let user = user_by_id(c, uid).filter(|u| u.enabled)?;
    Some(Token {
        id,
        user,
        scopes,
        app: app_id.and_then(|a| app_by_id(c, a)),
    })
}

pub fn session_get(c: &Connection, id: &str) -> Option<(String, Option<i64>)> {
    c.query_row(
        "SELECT csrf, user_id FROM sessions WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()
    .ok()
    .flatten()
}

pub fn session_put(c: &Connection, id: &str, csrf: &str, user_id: Option<i64>) {
    let _ = c.execute(
        "INSERT OR REPLACE INTO sessions(id, csrf, user_id) VALUES (?1, ?2, ?3)",
        params![id, csrf, user_id],
    );
}
