//! Issuer public keys (JWKS entries): parsing, selection by `kid`/`alg`, algorithm names, the
//! token header's algorithm and the validation settings.

use std::sync::Arc;

use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

use super::{ExchangeError, CLOCK_SKEW_SECS};

pub(super) struct PublicKey {
    kid: Option<String>,
    kty: String,
    crv: Option<String>,
    alg: Option<String>,
    key_use: Option<String>,
    pub(super) key: DecodingKey,
}

pub(super) enum Selection {
    Found(Vec<Arc<PublicKey>>),
    /// Keys with the token's kid exist but cannot verify this alg.
    Incompatible,
    None,
}

pub(super) fn select_keys(keys: &[Arc<PublicKey>], kid: Option<&str>, alg: Algorithm) -> Selection {
    let matching_kid: Vec<usize> = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| match kid {
            Some(kid) => k.kid.as_deref() == Some(kid),
            None => true,
        })
        .map(|(i, _)| i)
        .collect();
    if matching_kid.is_empty() {
        return Selection::None;
    }
    let compatible: Vec<usize> = matching_kid
        .into_iter()
        .filter(|&i| key_fits(&keys[i], alg))
        .collect();
    if compatible.is_empty() {
        return if kid.is_some() {
            Selection::Incompatible
        } else {
            Selection::None
        };
    }
    Selection::Found(compatible.into_iter().map(|i| keys[i].clone()).collect())
}

fn key_fits(key: &PublicKey, alg: Algorithm) -> bool {
    if key.key_use.as_deref().is_some_and(|u| u != "sig") {
        return false;
    }
    if key.alg.as_deref().is_some_and(|a| a != alg_name(alg)) {
        return false;
    }
    match alg {
        Algorithm::RS256
        | Algorithm::RS384
        | Algorithm::RS512
        | Algorithm::PS256
        | Algorithm::PS384
        | Algorithm::PS512 => key.kty == "RSA",
        Algorithm::ES256 => key.kty == "EC" && key.crv.as_deref().is_none_or(|c| c == "P-256"),
        Algorithm::ES384 => key.kty == "EC" && key.crv.as_deref().is_none_or(|c| c == "P-384"),
        Algorithm::EdDSA => key.kty == "OKP" && key.crv.as_deref().is_none_or(|c| c == "Ed25519"),
        _ => false,
    }
}

pub(super) fn unknown_key(kid: Option<&str>, alg: Algorithm) -> ExchangeError {
    match kid {
        Some(kid) => ExchangeError::UnknownKey(format!("kid {kid:?}")),
        None => ExchangeError::UnknownKey(format!("alg {}", alg_name(alg))),
    }
}

pub(super) fn parse_public_key(value: &Value) -> Option<PublicKey> {
    let obj = value.as_object()?;
    let text = |name: &str| obj.get(name).and_then(Value::as_str).map(str::to_string);
    let kty = text("kty")?;
    if !matches!(kty.as_str(), "RSA" | "EC" | "OKP") {
        return None;
    }
    let jwk: Jwk = serde_json::from_value(value.clone()).ok()?;
    let key = DecodingKey::from_jwk(&jwk).ok()?;
    Some(PublicKey {
        kid: text("kid"),
        kty,
        crv: text("crv"),
        alg: text("alg"),
        key_use: text("use"),
        key,
    })
}

fn alg_name(alg: Algorithm) -> &'static str {
    match alg {
        Algorithm::HS256 => "HS256",
        Algorithm::HS384 => "HS384",
        Algorithm::HS512 => "HS512",
        Algorithm::ES256 => "ES256",
        Algorithm::ES384 => "ES384",
        Algorithm::RS256 => "RS256",
        Algorithm::RS384 => "RS384",
        Algorithm::RS512 => "RS512",
        Algorithm::PS256 => "PS256",
        Algorithm::PS384 => "PS384",
        Algorithm::PS512 => "PS512",
        Algorithm::EdDSA => "EdDSA",
        _ => "unsupported",
    }
}

/// The algorithms accepted in a token header (asymmetric only).
pub const SUPPORTED_ALGORITHMS: &[&str] = &[
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA",
];

pub(super) fn header_algorithm(header: &Map<String, Value>) -> Result<Algorithm, ExchangeError> {
    let name = match header.get("alg") {
        Some(Value::String(s)) => s.as_str(),
        Some(other) => return Err(ExchangeError::UnsupportedAlgorithm(format!("alg {other}"))),
        None => {
            return Err(ExchangeError::UnsupportedAlgorithm(
                "the header has no alg".into(),
            ))
        }
    };
    let alg = match name {
        "RS256" => Algorithm::RS256,
        "RS384" => Algorithm::RS384,
        "RS512" => Algorithm::RS512,
        "PS256" => Algorithm::PS256,
        "PS384" => Algorithm::PS384,
        "PS512" => Algorithm::PS512,
        "ES256" => Algorithm::ES256,
        "ES384" => Algorithm::ES384,
        "EdDSA" => Algorithm::EdDSA,
        other => {
            return Err(ExchangeError::UnsupportedAlgorithm(format!(
                "alg {other:?}; supported: {}",
                SUPPORTED_ALGORITHMS.join(", ")
            )))
        }
    };
    Ok(alg)
}

pub(super) fn validation_for(alg: Algorithm) -> Validation {
    let mut v = Validation::new(alg);
    v.leeway = CLOCK_SKEW_SECS;
    v.validate_exp = true;
    v.validate_nbf = true;
    v.validate_aud = false;
    v.aud = None;
    v.iss = None;
    v.sub = None;
    v.set_required_spec_claims(&["exp"]);
    v
}
