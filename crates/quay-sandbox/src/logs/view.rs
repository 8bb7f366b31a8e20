//! The JSON of usage-log entries and aggregated counts, as Quay renders them.

use serde_json::{json, Value};

use crate::store::{LogRow, User};
use crate::util::{self, avatar};

/// `{kind, metadata, ip, datetime, performer?}`, plus `namespace` when given (superuser logs).
pub fn entry_json(row: &LogRow, namespace: Option<&User>) -> Value {
    let mut v = json!({
        "kind": row.kind,
        "metadata": serde_json::from_str::<Value>(&row.metadata).unwrap_or_else(|_| json!({})),
        "ip": row.ip,
        "datetime": util::rfc2822(row.datetime),
    });
    if let Some(name) = &row.performer_name {
        let kind = if row.performer_robot { "robot" } else { "user" };
        v["performer"] = json!({
            "kind": "user",
            "name": name,
            "is_robot": row.performer_robot,
            "avatar": avatar(name, kind),
        });
    }
    if let Some(ns) = namespace {
        let kind = if ns.is_org() { "org" } else { "user" };
        v["namespace"] =
            json!({"kind": kind, "name": ns.username, "avatar": avatar(&ns.username, kind)});
    }
    v
}

/// `{"aggregated": [{kind, count, datetime}]}`: by day, then in Quay's kind order.
pub fn aggregated_json(mut counts: Vec<(String, i64, i64)>) -> Value {
    counts.sort_by_key(|(kind, day, _)| (*day, super::kinds::rank(kind)));
    let items: Vec<Value> = counts
        .iter()
        .map(|(kind, day, n)| json!({"kind": kind, "count": n, "datetime": util::rfc2822(*day)}))
        .collect();
    json!({ "aggregated": items })
}
