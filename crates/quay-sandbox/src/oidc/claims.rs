//! The token itself: splitting and decoding a compact JWS (unverified), numeric claims, the `iat`
//! check and the mapping of jsonwebtoken's errors.

use base64::Engine;
use serde_json::{Map, Value};

use super::{ExchangeError, CLOCK_SKEW_SECS, MAX_TOKEN_BYTES};

pub(super) fn map_jwt_error(e: jsonwebtoken::errors::Error) -> ExchangeError {
    use jsonwebtoken::errors::ErrorKind;
    match e.kind() {
        ErrorKind::InvalidSignature
        | ErrorKind::InvalidAlgorithm
        | ErrorKind::InvalidEcdsaKey
        | ErrorKind::InvalidEddsaKey
        | ErrorKind::InvalidRsaKey(_)
        | ErrorKind::InvalidKeyFormat
        | ErrorKind::Base64(_) => ExchangeError::BadSignature,
        ErrorKind::ExpiredSignature => ExchangeError::Expired,
        ErrorKind::ImmatureSignature => ExchangeError::NotYetValid("nbf"),
        ErrorKind::MissingRequiredClaim(c) => ExchangeError::MissingClaim(c.clone()),
        ErrorKind::InvalidClaimFormat(c) => {
            ExchangeError::InvalidToken(format!("the {c} claim must be a number"))
        }
        _ => ExchangeError::InvalidToken(e.to_string()),
    }
}

pub(super) fn numeric_claim(claims: &Value, name: &str) -> Result<Option<f64>, ExchangeError> {
    match claims.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_f64().map(Some).ok_or_else(|| {
            ExchangeError::InvalidToken(format!("the {name} claim must be a number"))
        }),
        Some(_) => Err(ExchangeError::InvalidToken(format!(
            "the {name} claim must be a number"
        ))),
    }
}

pub(super) fn check_iat(claims: &Value) -> Result<(), ExchangeError> {
    if let Some(iat) = numeric_claim(claims, "iat")? {
        let now = jsonwebtoken::get_current_timestamp() as f64;
        if iat > now + CLOCK_SKEW_SECS as f64 {
            return Err(ExchangeError::NotYetValid("iat"));
        }
    }
    Ok(())
}

/// Splits a compact JWS and decodes its header and claims (unverified).
type JsonObject = Map<String, Value>;

pub(super) fn split_jwt(jwt: &str) -> Result<(JsonObject, JsonObject), ExchangeError> {
    if jwt.len() > MAX_TOKEN_BYTES {
        return Err(ExchangeError::InvalidToken(format!(
            "the token is longer than {MAX_TOKEN_BYTES} bytes"
        )));
    }
    let mut parts = jwt.split('.');
    let (Some(header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ExchangeError::NotAJwt);
    };
    let header = decode_json_part(header).ok_or(ExchangeError::NotAJwt)?;
    let claims = decode_json_part(payload).ok_or(ExchangeError::NotAJwt)?;
    Ok((header, claims))
}

fn decode_json_part(part: &str) -> Option<Map<String, Value>> {
    if part.is_empty() {
        return None;
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_jwt_is_detected_before_anything_else() {
        for bad in [
            "notajwt",
            "a.b",
            "a.b.c.d",
            "x.y.z",
            "",
            "..",
            "eyJhbGciOiJSUzI1NiJ9..sig",
        ] {
            assert!(
                matches!(split_jwt(bad), Err(ExchangeError::NotAJwt)),
                "{bad:?}"
            );
        }
    }
}
