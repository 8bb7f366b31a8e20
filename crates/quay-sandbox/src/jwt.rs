//! HS256 JWTs signed with a key persisted in the database.

use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

pub fn sign(key: &[u8], claims: &Value) -> String {
    let header =
        B64.encode(json!({"alg": "HS256", "typ": "JWT", "kid": "quay-sandbox"}).to_string());
    let payload = B64.encode(claims.to_string());
    let input = format!("{header}.{payload}");
    let mut mac = HmacSha256::new_from_slice(key).expect("any key length");
    mac.update(input.as_bytes());
    let sig = B64.encode(mac.finalize().into_bytes());
    format!("{input}.{sig}")
}

/// Verify signature and `exp`; returns the claims.
pub fn verify(key: &[u8], token: &str) -> Option<Value> {
    let mut parts = token.split('.');
    let (h, p, s) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let mut mac = HmacSha256::new_from_slice(key).ok()?;
    mac.update(format!("{h}.{p}").as_bytes());
    mac.verify_slice(&B64.decode(s).ok()?).ok()?;
    let claims: Value = serde_json::from_slice(&B64.decode(p).ok()?).ok()?;
    let exp = claims.get("exp")?.as_i64()?;
    (exp > crate::util::now()).then_some(claims)
}

/// Quay-like registry/robot token claims.
pub fn robot_claims(host: &str, sub: &str, kind: &str, access: Value, token_use: &str) -> Value {
    let now = crate::util::now();
    json!({
        "iss": "quay",
        "aud": host,
        "nbf": now,
        "iat": now,
        "exp": now + 3600,
        "sub": sub,
        "access": access,
        "context": {
            "version": 2,
            "entity_kind": kind,
            "entity_reference": sub,
            "kind": "user",
            "user": sub,
            "com.apostille.roots": {},
            "com.apostille.root": "$disabled",
        },
        "token_use": token_use,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn roundtrip() {
        let c = super::robot_claims("h", "a+b", "robot", serde_json::json!([]), "registry");
        let t = super::sign(b"k", &c);
        assert_eq!(super::verify(b"k", &t).unwrap()["sub"], "a+b");
        assert!(super::verify(b"other", &t).is_none());
    }
}
