//! Keyless-login verification helpers: a local test issuer and bounded-time verification.

use std::time::Duration;

use quay_sandbox::oidc::{ExchangeError, FederationEntry, OidcVerifier, VerifiedClaims};
use quay_sandbox::test_issuer::TestIssuer;

pub fn entry(issuer: &str, subject: &str) -> FederationEntry {
    FederationEntry {
        issuer: issuer.to_string(),
        subject: subject.to_string(),
    }
}

pub async fn issuer() -> TestIssuer {
    tokio::time::timeout(Duration::from_secs(60), TestIssuer::start())
        .await
        .expect("test issuer started in time")
        .expect("test issuer started")
}

/// A test issuer and a verifier that allows http issuers (on loopback).
pub async fn setup() -> (TestIssuer, OidcVerifier) {
    (issuer().await, OidcVerifier::new(true))
}

pub async fn verify(
    verifier: &OidcVerifier,
    token: &str,
    entries: &[FederationEntry],
) -> Result<VerifiedClaims, ExchangeError> {
    tokio::time::timeout(Duration::from_secs(20), verifier.verify(token, entries))
        .await
        .expect("verify finished in time")
}

/// Verifies `token` for a robot whose only entry is (`issuer`, "s1"), expecting a refusal.
pub async fn refused(verifier: &OidcVerifier, token: &str, issuer: &str) -> ExchangeError {
    verify(verifier, token, &[entry(issuer, "s1")])
        .await
        .unwrap_err()
}
