//! Small helpers: dates, avatars, random tokens, Python-style reprs for schema messages.

use base64::Engine;
use rand::Rng;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// RFC 2822 date as Quay formats it: `Sat, 21 Nov 2026 20:53:56 -0000`.
pub fn rfc2822(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0)
        .unwrap_or_default()
        .format("%a, %d %b %Y %H:%M:%S -0000")
        .to_string()
}

pub fn opt_date(ts: Option<i64>) -> Value {
    ts.map(|t| Value::String(rfc2822(t))).unwrap_or(Value::Null)
}

/// Quay's avatar colours (CHANNEL_COLORS).
pub const COLORS: [&str; 32] = [
    "#969696", "#aec7e8", "#ff7f0e", "#ffbb78", "#2ca02c", "#98df8a", "#d62728", "#ff9896",
    "#9467bd", "#c5b0d5", "#8c564b", "#c49c94", "#e377c2", "#f7b6d2", "#7f7f7f", "#c7c7c7",
    "#bcbd22", "#1f77b4", "#17becf", "#9edae5", "#393b79", "#5254a3", "#6b6ecf", "#9c9ede",
    "#9ecae1", "#31a354", "#b5cf6b", "#a1d99b", "#8c6d31", "#ad494a", "#e7ba52", "#a55194",
];

pub fn sha256_hex(s: &str) -> String {
    let d = Sha256::digest(s.as_bytes());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// `{name, hash, color, kind}`; kind is user, org, robot or team.
pub fn avatar(name: &str, kind: &str) -> Value {
    let hash = sha256_hex(&format!("{kind}:{name}"));
    let idx = usize::from_str_radix(&hash[..4], 16).unwrap_or(0) % COLORS.len();
    json!({"name": name, "hash": hash, "color": COLORS[idx], "kind": kind})
}

/// 64 characters of `[A-Z0-9]`, like Quay robot tokens.
pub fn robot_token() -> String {
    random_string(64, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
}

pub fn random_string(len: usize, alphabet: &[u8]) -> String {
    let mut rng = rand::thread_rng();
    (0..len)
        .map(|_| alphabet[rng.gen_range(0..alphabet.len())] as char)
        .collect()
}

pub fn random_urlsafe(len: usize) -> String {
    random_string(
        len,
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    )
}

pub fn uuid4() -> String {
    let b: [u8; 16] = rand::random();
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-4{}-{}{}-{}",
        &h[0..8],
        &h[8..12],
        &h[13..16],
        ["8", "9", "a", "b"][(b[8] & 3) as usize],
        &h[17..20],
        &h[20..32]
    )
}

/// An opaque `next_page` token for id-ordered paging.
pub fn encode_page(id: i64) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{{\"start_id\":{id}}}"))
}

pub fn decode_page(s: &str) -> Option<i64> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s.trim_end_matches('='))
        .ok()?;
    let v: Value = serde_json::from_slice(&raw).ok()?;
    v.get("start_id")?.as_i64()
}

/// Quay's namespace rule: `^([a-z0-9]+(?:[._-][a-z0-9]+)*)$`.
pub fn valid_namespace_chars(name: &str) -> bool {
    !name.is_empty()
        && name.split(['.', '_', '-']).all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

pub const NAME_REGEX: &str = "^([a-z0-9]+(?:[._-][a-z0-9]+)*)$";

/// Validate a robot/team short name with Quay's messages.
pub fn validate_name(name: &str) -> Result<(), String> {
    if !valid_namespace_chars(name) {
        return Err(format!("Namespace must match expression {NAME_REGEX}"));
    }
    let n = name.chars().count();
    if !(2..=255).contains(&n) {
        return Err("Namespace must be between 2 and 255 characters in length".into());
    }
    Ok(())
}

/// Python `repr()` of a JSON value, as jsonschema prints instances.
pub fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => py_str(s),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", py_str(k), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

pub fn py_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// The JSON type name jsonschema uses in "is not of type" messages.
pub fn schema_type_ok(v: &Value, ty: &str) -> bool {
    match ty {
        "string" => v.is_string(),
        "object" => v.is_object(),
        "array" => v.is_array(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(validate_name("ok-name.v2").is_ok());
        assert!(validate_name("9bot").is_ok());
        assert!(validate_name("bot_under").is_ok());
        assert!(validate_name("bot-").is_err());
        assert!(validate_name("a..b").is_err());
        assert!(validate_name("BadName").is_err());
        assert!(validate_name("a")
            .unwrap_err()
            .contains("between 2 and 255"));
    }

    #[test]
    fn dates_and_repr() {
        assert_eq!(rfc2822(1795294436), "Sat, 21 Nov 2026 20:53:56 -0000");
        assert_eq!(py_repr(&json!({"issuer": "x"})), "{'issuer': 'x'}");
        assert_eq!(uuid4().len(), 36);
        assert_eq!(robot_token().len(), 64);
    }
}
