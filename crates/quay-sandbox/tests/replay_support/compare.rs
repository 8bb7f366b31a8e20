//! Structural comparison of a recorded Quay response with the sandbox's.

use serde_json::Value;

/// Keys whose string values must be equal too (messages, names, roles), not only of the same type.
const EXACT_KEYS: &[&str] = &[
    "detail",
    "error_message",
    "error_type",
    "title",
    "type",
    "message",
    "error",
    "role",
    "name",
    "username",
    "description",
    "kind",
    "issuer",
    "subject",
    "namespace",
    "state",
    "code",
    "robot",
    "team",
    "repo",
    "member",
    "scope",
    "token_type",
];

/// Keys whose numbers must be equal (counts, statuses, configured limits).
const EXACT_NUMBERS: &[&str] = &[
    "status",
    "member_count",
    "repo_count",
    "configured_quota",
    "limit_bytes",
    "limit_percent",
    "tag_expiration_s",
    "count",
    "expires_in",
];

/// Same keys, same value types, same array lengths, recursively; plus equal strings under
/// [`EXACT_KEYS`], equal numbers under [`EXACT_NUMBERS`] and equal booleans everywhere.
pub fn compare(path: &str, rec: &Value, act: &Value, out: &mut Vec<String>) {
    let key = path.rsplit('.').next().unwrap_or("");
    let key = key.split('[').next().unwrap_or(key);
    match (rec, act) {
        (Value::String(a), Value::String(b)) if EXACT_KEYS.contains(&key) && a != b => {
            out.push(format!("{path}: {a:?} vs {b:?}"));
        }
        (Value::Number(a), Value::Number(b)) if EXACT_NUMBERS.contains(&key) && a != b => {
            out.push(format!("{path}: {a} vs {b}"));
        }
        (Value::Bool(a), Value::Bool(b)) if a != b => {
            out.push(format!("{path}: {a} vs {b}"));
        }
        (Value::Object(a), Value::Object(b)) => {
            for k in a.keys() {
                match b.get(k) {
                    Some(v) => compare(&format!("{path}.{k}"), &a[k], v, out),
                    None => out.push(format!("{path}.{k}: missing")),
                }
            }
            for k in b.keys() {
                if !a.contains_key(k) {
                    out.push(format!("{path}.{k}: unexpected key"));
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!("{path}: array length {} vs {}", a.len(), b.len()));
            }
            for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
                compare(&format!("{path}[{i}]"), x, y, out);
            }
        }
        (Value::Null, Value::Null)
        | (Value::Bool(_), Value::Bool(_))
        | (Value::Number(_), Value::Number(_))
        | (Value::String(_), Value::String(_)) => {}
        _ => out.push(format!("{path}: type {} vs {}", kind(rec), kind(act))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Quay orders usage-log entries by `datetime` only, so entries of the same second come in no
/// defined order (SQL ties). The runs of equal `datetime` in the recording are sorted by content,
/// on both sides over the same positions (the sandbox keeps insertion order within a second, which
/// is the recording's order wherever the recorded times differ).
pub fn normalize_logs(rec: &mut Value, act: &mut Value) {
    let Some(r) = rec.get_mut("logs").and_then(Value::as_array_mut) else {
        return;
    };
    let mut runs = Vec::new();
    let mut start = 0;
    while start < r.len() {
        let mut end = start + 1;
        while end < r.len() && r[end]["datetime"] == r[start]["datetime"] {
            end += 1;
        }
        if end - start > 1 {
            runs.push((start, end));
        }
        start = end;
    }
    for &(a, b) in &runs {
        r[a..b].sort_by_key(entry_key);
    }
    if let Some(x) = act.get_mut("logs").and_then(Value::as_array_mut) {
        for &(a, b) in &runs {
            if b <= x.len() {
                x[a..b].sort_by_key(entry_key);
            }
        }
    }
}

fn entry_key(e: &Value) -> String {
    let mut keys: Vec<&String> = e["metadata"]
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    keys.sort();
    format!(
        "{}|{:?}|{}",
        e["kind"].as_str().unwrap_or(""),
        keys,
        e["performer"]["name"].as_str().unwrap_or("")
    )
}

/// Compare two `Location` headers: the same URL before `?` (after `map`), the same query keys,
/// and equal `error`, `scope` and `state` values.
pub fn compare_location(rec: &str, act: &str, out: &mut Vec<String>) {
    let split = |l: &str| -> (String, Vec<(String, String)>) {
        let (base, q) = l.split_once('?').unwrap_or((l, ""));
        let pairs = q
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_string(), v.to_string())
            })
            .collect();
        (base.to_string(), pairs)
    };
    let (rb, rq) = split(rec);
    let (ab, aq) = split(act);
    if rb != ab {
        out.push(format!("Location {rb:?} vs {ab:?}"));
    }
    let rk: Vec<&String> = rq.iter().map(|(k, _)| k).collect();
    let ak: Vec<&String> = aq.iter().map(|(k, _)| k).collect();
    if rk != ak {
        out.push(format!("Location query keys {rk:?} vs {ak:?}"));
    }
    for (k, v) in &rq {
        if ["error", "scope", "state"].contains(&k.as_str()) {
            let got = aq.iter().find(|(ak, _)| ak == k).map(|(_, v)| v.as_str());
            if got != Some(v.as_str()) {
                out.push(format!("Location {k}={v:?} vs {got:?}"));
            }
        }
    }
}
