//! Usage-log entries: writing them and reading them newest first, or counted per kind and day.

use rusqlite::{params_from_iter, types::Value as Sql, Connection, Row};
use serde_json::Value;

use super::User;

/// An entry to write. `performer` is snapshotted (name, robot or not) so that entries survive
/// the deletion of their performer, as they do in Quay's tables.
pub struct NewLog<'a> {
    pub kind: &'a str,
    pub account_id: Option<i64>,
    pub repo_id: Option<i64>,
    pub performer: Option<&'a User>,
    pub ip: Option<&'a str>,
    pub datetime: i64,
    pub metadata: &'a Value,
}

pub fn insert_log(c: &Connection, l: &NewLog) -> rusqlite::Result<i64> {
    c.execute(
        "INSERT INTO logs(kind, account_id, repo_id, performer_id, performer_name, performer_robot, ip, datetime, metadata) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        rusqlite::params![
            l.kind,
            l.account_id,
            l.repo_id,
            l.performer.map(|p| p.id),
            l.performer.map(|p| p.username.clone()),
            l.performer.is_some_and(|p| p.is_robot()) as i64,
            l.ip,
            l.datetime,
            l.metadata.to_string(),
        ],
    )?;
    Ok(c.last_insert_rowid())
}

#[derive(Clone, Debug)]
pub struct LogRow {
    pub id: i64,
    pub kind: String,
    pub account_id: Option<i64>,
    pub performer_name: Option<String>,
    pub performer_robot: bool,
    pub ip: Option<String>,
    pub datetime: i64,
    pub metadata: String,
}

fn log_row(r: &Row) -> rusqlite::Result<LogRow> {
    Ok(LogRow {
        id: r.get(0)?,
        kind: r.get(1)?,
        account_id: r.get(2)?,
        performer_name: r.get(3)?,
        performer_robot: r.get::<_, i64>(4)? != 0,
        ip: r.get(5)?,
        datetime: r.get(6)?,
        metadata: r.get(7)?,
    })
}

/// Which entries: `[start, end)`, and optionally one namespace, one repository (then the
/// namespace is not used, as in Quay), one performer, minus some kinds.
#[derive(Clone, Debug, Default)]
pub struct LogFilter {
    pub start: i64,
    pub end: i64,
    pub account_id: Option<i64>,
    pub repo_id: Option<i64>,
    pub performer_id: Option<i64>,
    pub exclude_kinds: Vec<String>,
}

impl LogFilter {
    fn sql(&self) -> (String, Vec<Sql>) {
        let mut w = vec!["datetime >= ?".to_string(), "datetime < ?".to_string()];
        let mut p: Vec<Sql> = vec![Sql::Integer(self.start), Sql::Integer(self.end)];
        if let Some(r) = self.repo_id {
            w.push("repo_id = ?".into());
            p.push(Sql::Integer(r));
        } else if let Some(a) = self.account_id {
            w.push("account_id = ?".into());
            p.push(Sql::Integer(a));
        }
        if let Some(u) = self.performer_id {
            w.push("performer_id = ?".into());
            p.push(Sql::Integer(u));
        }
        for k in &self.exclude_kinds {
            w.push("kind <> ?".into());
            p.push(Sql::Text(k.clone()));
        }
        (w.join(" AND "), p)
    }
}

/// Up to `limit` entries, newest first (by datetime, then id), strictly after the `before` position.
pub fn query_logs(
    c: &Connection,
    f: &LogFilter,
    before: Option<(i64, i64)>,
    limit: usize,
) -> Vec<LogRow> {
    let (mut w, mut p) = f.sql();
    if let Some((dt, id)) = before {
        w.push_str(" AND (datetime < ? OR (datetime = ? AND id < ?))");
        p.extend([Sql::Integer(dt), Sql::Integer(dt), Sql::Integer(id)]);
    }
    p.push(Sql::Integer(limit as i64));
    let sql = format!(
        "SELECT id, kind, account_id, performer_name, performer_robot, ip, datetime, metadata FROM logs \
         WHERE {w} ORDER BY datetime DESC, id DESC LIMIT ?"
    );
    let Ok(mut st) = c.prepare(&sql) else {
        return Vec::new();
    };
    st.query_map(params_from_iter(p), log_row)
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// (kind, 00:00 UTC of the day, count) of the matching entries, in no particular order.
pub fn aggregate_logs(c: &Connection, f: &LogFilter) -> Vec<(String, i64, i64)> {
    let (w, p) = f.sql();
    let sql = format!(
        "SELECT kind, datetime - (datetime % 86400) AS day, COUNT(*) FROM logs WHERE {w} GROUP BY kind, day"
    );
    let Ok(mut st) = c.prepare(&sql) else {
        return Vec::new();
    };
    st.query_map(params_from_iter(p), |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .map(|it| it.filter_map(Result::ok).collect())
    .unwrap_or_default()
}
