//! Namespace quotas as Quay reports them. A quota is configured with the meta key `quota:{ns}`
//! = `BYTES[,TYPE,PERCENT,ID]` (type `Warning` or `Reject`, default `Warning,50,1`).

use rusqlite::Connection;
use serde_json::{json, Value};

use crate::store;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quota {
    pub bytes: i64,
    pub limit_type: String,
    pub percent: i64,
    pub id: i64,
}

pub fn parse(v: &str) -> Option<Quota> {
    let mut it = v.split(',').map(str::trim);
    let bytes = it.next()?.parse().ok()?;
    let limit_type = it.next().unwrap_or("Warning").to_string();
    let percent = it.next().and_then(|p| p.parse().ok()).unwrap_or(50);
    let id = it.next().and_then(|p| p.parse().ok()).unwrap_or(1);
    Some(Quota {
        bytes,
        limit_type,
        percent,
        id,
    })
}

pub fn configured(c: &Connection, ns: &str) -> Option<Quota> {
    store::meta_get(c, &format!("quota:{ns}")).and_then(|v| parse(&v))
}

/// `quotas`: the configured quota with its one limit, or `[]`.
pub fn quotas_json(q: Option<&Quota>) -> Value {
    match q {
        Some(q) => json!([{"id": q.id, "limit_bytes": q.bytes,
            "limits": [{"id": q.id, "type": q.limit_type, "limit_percent": q.percent}]}]),
        None => json!([]),
    }
}

/// `quota_report`.
pub fn report_json(q: Option<&Quota>) -> Value {
    json!({"quota_bytes": 0, "configured_quota": q.map(|q| q.bytes),
        "running_backfill": "complete", "backfill_status": "complete"})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_short_and_full_forms() {
        assert_eq!(parse("3000").unwrap().limit_type, "Warning");
        let q = parse("6000,Reject,90,2").unwrap();
        assert_eq!((q.bytes, q.percent, q.id), (6000, 90, 2));
        assert!(parse("x").is_none());
        assert_eq!(quotas_json(None), json!([]));
        assert_eq!(report_json(Some(&q))["configured_quota"], 6000);
    }
}
