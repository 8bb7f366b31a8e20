//! Writing usage-log entries for the sandbox's own actions, with Quay's kinds and metadata.

use rusqlite::Connection;
use serde_json::{json, Value};

use super::Auth;
use crate::store::{self, User};
use crate::util;

/// Quay's `log_action`: an entry of `kind` in namespace `ns` (and repository `repo_id`) performed
/// by the caller, whose OAuth token (if any) is added to the metadata.
pub fn log_action(
    c: &Connection,
    auth: &Auth,
    kind: &str,
    ns: &User,
    repo_id: Option<i64>,
    metadata: Value,
) {
    let mut metadata = metadata;
    if let Some(t) = auth.token() {
        if let Some((client_id, name)) = &t.app {
            metadata["oauth_token_id"] = json!(t.id);
            metadata["oauth_token_application_id"] = json!(client_id);
            metadata["oauth_token_application"] = json!(name);
        }
    }
    write(
        c,
        kind,
        Some(ns.id),
        repo_id,
        auth.user(),
        auth.ip(),
        &metadata,
    );
}

/// An entry with an explicit performer (or none) and address.
pub fn write(
    c: &Connection,
    kind: &str,
    account_id: Option<i64>,
    repo_id: Option<i64>,
    performer: Option<&User>,
    ip: Option<&str>,
    metadata: &Value,
) {
    let entry = store::NewLog {
        kind,
        account_id,
        repo_id,
        performer,
        ip,
        datetime: util::now(),
        metadata,
    };
    if let Err(e) = store::insert_log(c, &entry) {
        eprintln!("quay-sandbox: writing a usage log entry: {e}");
    }
}

/// Where Quay files an entry without a namespace: the account with the lowest id that is a
/// user (SERVICE_LOG_ACCOUNT_ID unset).
pub fn service_account(c: &Connection) -> Option<i64> {
    c.query_row("SELECT MIN(id) FROM users WHERE kind = 'user'", [], |r| {
        r.get(0)
    })
    .ok()
    .flatten()
}
