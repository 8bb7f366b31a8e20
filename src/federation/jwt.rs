//! Decodes a JWT's header and claims without verifying it (for display and form filling only:
//! Quay verifies the signature during the exchange).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;

/// The readable parts of a JWT.
#[derive(Clone, Debug, PartialEq)]
pub struct DecodedJwt {
    pub header: Value,
    pub claims: Value,
    pub alg: Option<String>,
    pub kid: Option<String>,
    pub iss: Option<String>,
    pub sub: Option<String>,
    /// `aud` as a list (a single string becomes one item).
    pub aud: Vec<String>,
    pub exp: Option<i64>,
    pub iat: Option<i64>,
}

impl DecodedJwt {
    pub fn is_expired(&self, now: i64) -> bool {
        self.exp.is_some_and(|exp| exp <= now)
    }
}

fn b64url_json(part: &str, what: &str) -> Result<Value, String> {
    // Accept padded input too (some tools add '=').
    let bytes = URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|_| format!("The {what} is not base64url."))?;
    let v: Value =
        serde_json::from_slice(&bytes).map_err(|_| format!("The {what} is not JSON."))?;
    if v.is_object() {
        Ok(v)
    } else {
        Err(format!("The {what} is not a JSON object."))
    }
}

fn str_claim(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

fn num_claim(v: &Value, key: &str) -> Option<i64> {
    v.get(key)
        .and_then(|n| n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)))
}

/// Decodes `header.payload.signature` (a leading `Bearer ` and surrounding whitespace are
/// ignored). The error says what is wrong, for display under the paste field.
pub fn decode(token: &str) -> Result<DecodedJwt, String> {
    let t = token.trim();
    let t = t.strip_prefix("Bearer ").unwrap_or(t).trim();
    if t.is_empty() {
        return Err("Paste a token.".into());
    }
    let parts: Vec<&str> = t.split('.').collect();
    if parts.len() != 3 {
        return Err(format!(
            "Not a JWT: expected three parts separated by dots (header.claims.signature), found {}.",
            parts.len()
        ));
    }
    let header = b64url_json(parts[0], "header")?;
    let claims = b64url_json(parts[1], "claims part")?;
    let aud = match claims.get("aud") {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    };
    Ok(DecodedJwt {
        alg: str_claim(&header, "alg"),
        kid: str_claim(&header, "kid"),
        iss: str_claim(&claims, "iss"),
        sub: str_claim(&claims, "sub"),
        exp: num_claim(&claims, "exp"),
        iat: num_claim(&claims, "iat"),
        aud,
        header,
        claims,
    })
}

/// `in 5 minutes`, `2 hours ago`: the distance from `now` to `t`.
pub fn relative(t: i64, now: i64) -> String {
    let d = t - now;
    let a = d.unsigned_abs();
    let (n, unit) = if a < 60 {
        (a, "second")
    } else if a < 3600 {
        (a / 60, "minute")
    } else if a < 86400 {
        (a / 3600, "hour")
    } else {
        (a / 86400, "day")
    };
    let s = if n == 1 { "" } else { "s" };
    if d >= 0 {
        format!("in {n} {unit}{s}")
    } else {
        format!("{n} {unit}{s} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn make(header: &str, claims: &str) -> String {
        format!(
            "{}.{}.c2ln",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode(claims)
        )
    }

    #[test]
    fn decodes_header_and_standard_claims() {
        let t = make(
            r#"{"alg":"RS256","kid":"k1","typ":"JWT"}"#,
            r#"{"iss":"https://sso.example.com/realms/x","sub":"system:serviceaccount:ns:sa","aud":["quay","other"],"exp":2000,"iat":1000}"#,
        );
        let d = decode(&format!("  Bearer {t}\n")).unwrap();
        assert_eq!(d.alg.as_deref(), Some("RS256"));
        assert_eq!(d.kid.as_deref(), Some("k1"));
        assert_eq!(d.iss.as_deref(), Some("https://sso.example.com/realms/x"));
        assert_eq!(d.sub.as_deref(), Some("system:serviceaccount:ns:sa"));
        assert_eq!(d.aud, vec!["quay", "other"]);
        assert_eq!((d.exp, d.iat), (Some(2000), Some(1000)));
        assert!(!d.is_expired(1999));
        assert!(d.is_expired(2000));
    }

    #[test]
    fn single_audience_string_is_one_item() {
        let d = decode(&make(r#"{"alg":"ES256"}"#, r#"{"aud":"quay"}"#)).unwrap();
        assert_eq!(d.aud, vec!["quay"]);
        assert_eq!(d.exp, None);
        assert!(!d.is_expired(i64::MAX));
    }

    #[test]
    fn bad_input_says_what_is_wrong() {
        assert_eq!(decode("  ").unwrap_err(), "Paste a token.");
        assert!(decode("abc").unwrap_err().starts_with("Not a JWT"));
        assert_eq!(
            decode("!!.e30.x").unwrap_err(),
            "The header is not base64url."
        );
        let not_json = format!("e30.{}.x", URL_SAFE_NO_PAD.encode("hello"));
        assert_eq!(
            decode(&not_json).unwrap_err(),
            "The claims part is not JSON."
        );
    }

    #[test]
    fn relative_times_read_naturally() {
        assert_eq!(relative(1000 + 3600, 1000), "in 1 hour");
        assert_eq!(relative(1000 - 120, 1000), "2 minutes ago");
        assert_eq!(relative(1000 + 59 * 60 + 59, 1000), "in 59 minutes");
    }
}
