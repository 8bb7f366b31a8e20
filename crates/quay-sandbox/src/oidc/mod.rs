//! OIDC verification of federated robot tokens (keyless login).
//!
//! A robot whose federation config lists `(issuer, subject)` pairs can exchange a JWT from one of
//! those issuers for a registry token (`GET /oauth2/federation/robot/token`). This module does the
//! verification part, mirroring real Quay (`util/security/federated_robot_auth.py`):
//!
//! 1. the password must be a JWT (Quay answers 500 otherwise; we answer a clear message);
//! 2. its unverified `iss` must match a configured entry (trailing-slash differences allowed);
//! 3. the issuer must be `https://` (plain `http://` only for loopback hosts, and only when the
//!    verifier was built with `allow_http_issuers`);
//! 4. the issuer's discovery document and JWKS are fetched (and cached for a short time);
//! 5. the signature is checked with the key matching `kid` (RS256/384/512, PS256/384/512,
//!    ES256/384, EdDSA), then `exp` (required), `nbf` and `iat` with a 60 s leeway; the audience
//!    is not checked, like Quay;
//! 6. `sub` must be one of the subjects configured for that issuer.
//!
//! Every failure is an [`ExchangeError`] whose `Display` is the message the sandbox sends as
//! `400 {"message": ...}`.

mod claims;
mod discovery;
mod keys;
mod net;
mod verifier;

use std::time::Duration;

use serde_json::Value;

pub use keys::SUPPORTED_ALGORITHMS;
pub use net::{is_loopback_host, same_issuer};
pub use verifier::OidcVerifier;

/// One entry of a robot's federation config, as stored and as sent by the API.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct FederationEntry {
    pub issuer: String,
    pub subject: String,
}

/// The claims of a verified issuer token.
#[derive(Clone, Debug)]
pub struct VerifiedClaims {
    /// The token's `iss`, verbatim.
    pub issuer: String,
    /// The token's `sub` (one of the configured subjects).
    pub subject: String,
    /// The token's `exp` (Unix seconds).
    pub expires_at: i64,
    /// All claims of the token.
    pub claims: Value,
}

/// Why a token exchange was refused. `Display` is the message for `400 {"message": ...}`; the
/// texts of real Quay are kept where Quay has one.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The password is not `header.payload.signature` with base64url JSON header and claims.
    /// (Quay: 500.)
    #[error("Invalid token: the password is not a JWT (expected header.payload.signature)")]
    NotAJwt,
    /// The token has no (string) `iss` claim. (Quay's text.)
    #[error("Token does not contain issuer")]
    MissingIssuer,
    /// The robot has no federation entries at all. (Quay's text.)
    #[error("Robot does not have federated login configured")]
    NotConfigured,
    /// No federation entry has the token's issuer. (Quay's text.)
    #[error("issuer {0} not configured for this robot")]
    IssuerNotConfigured(String),
    /// The issuer is not an absolute http(s) URL with a host.
    #[error("Invalid token: the issuer {0} is not a valid https:// URL")]
    InvalidIssuerUrl(String),
    /// The issuer (or its JWKS URL) is not `https://`. (Quay logs "OIDC server must be accessed
    /// over SSL" and answers 500.)
    #[error("OIDC server must be accessed over SSL: {what} must use https://{detail}")]
    InsecureIssuer { what: String, detail: String },
    /// Discovery or JWKS could not be fetched or parsed. (Quay: 500.)
    #[error("Cannot reach issuer {issuer}: {detail}")]
    IssuerUnreachable { issuer: String, detail: String },
    /// The issuer's discovery document names another issuer.
    #[error("Invalid token: Invalid issuer (the discovery document of {issuer} declares issuer {declared})")]
    IssuerMismatch { issuer: String, declared: String },
    /// `alg` is missing, `none`, symmetric, or unknown.
    #[error("Invalid token: The specified alg value is not allowed ({0})")]
    UnsupportedAlgorithm(String),
    /// No key of the issuer's JWKS (even after a refetch) matches the token's `kid`/`alg`.
    #[error("Invalid token: Unable to find a signing key that matches {0} in the issuer's JWKS")]
    UnknownKey(String),
    /// The signature does not verify. (Quay's text.)
    #[error("Invalid token: Signature verification failed")]
    BadSignature,
    /// `exp` is in the past (beyond the leeway). (Quay's text.)
    #[error("Invalid token: Signature has expired")]
    Expired,
    /// `nbf` or `iat` is in the future (beyond the leeway). (PyJWT's text.)
    #[error("Invalid token: The token is not yet valid ({0})")]
    NotYetValid(&'static str),
    /// A required claim (`exp`) is missing. (PyJWT's text.)
    #[error("Invalid token: Token is missing the \"{0}\" claim")]
    MissingClaim(String),
    /// Any other defect of the token.
    #[error("Invalid token: {0}")]
    InvalidToken(String),
    /// The token's `sub` is not configured for its issuer. (Quay's text.)
    #[error("Token does not match robot")]
    SubjectMismatch,
}

/// Timeout of one request to an issuer (connect and whole request).
pub const DEFAULT_HTTP_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a fetched discovery document and JWKS are reused.
pub const DEFAULT_CACHE_TTL: Duration = Duration::from_secs(60);
/// Clock skew allowed for `exp`, `nbf` and `iat`.
pub const CLOCK_SKEW_SECS: u64 = 60;

const MAX_TOKEN_BYTES: usize = 64 * 1024;
const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;
const MAX_CACHED_ISSUERS: usize = 64;
const MAX_REDIRECTS: usize = 5;

/// Makes jsonwebtoken use its pure-Rust backend even if another crate in the build also enables
/// its aws-lc backend (with both features it would otherwise refuse to pick one).
pub(crate) fn install_crypto_provider() {
    let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_match_quay() {
        assert_eq!(
            ExchangeError::SubjectMismatch.to_string(),
            "Token does not match robot"
        );
        assert_eq!(
            ExchangeError::Expired.to_string(),
            "Invalid token: Signature has expired"
        );
        assert_eq!(
            ExchangeError::BadSignature.to_string(),
            "Invalid token: Signature verification failed"
        );
        assert_eq!(
            ExchangeError::IssuerNotConfigured("https://x".into()).to_string(),
            "issuer https://x not configured for this robot"
        );
    }
}
