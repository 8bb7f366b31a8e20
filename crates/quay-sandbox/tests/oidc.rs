//! Keyless-login verification of the token itself (claims, signature, algorithm) against a real
//! local issuer (HTTP on 127.0.0.1 only).

mod common;

use common::oidc::{entry, refused, setup, verify};
use quay_sandbox::oidc::{ExchangeError, OidcVerifier};
use quay_sandbox::test_issuer::Alg;
use serde_json::json;

#[tokio::test]
async fn good_rs256_token_with_configured_issuer_and_subject_is_accepted() {
    let (iss, verifier) = setup().await;
    let token = iss.mint_for("s1", 300);
    let claims = verify(
        &verifier,
        &token,
        &[entry("https://other.example", "x"), entry(&iss.url, "s1")],
    )
    .await
    .expect("valid token");
    assert_eq!(claims.issuer, iss.url);
    assert_eq!(claims.subject, "s1");
    assert!(claims.expires_at > 0);
    assert_eq!(claims.claims["aud"], "quay");
    iss.shutdown().await;
}

#[tokio::test]
async fn good_es256_token_is_accepted() {
    let (iss, verifier) = setup().await;
    let token = iss.mint(Alg::ES256, iss.claims_for("s1", 300));
    let claims = verify(&verifier, &token, &[entry(&iss.url, "s1")])
        .await
        .expect("valid ES256 token");
    assert_eq!(claims.subject, "s1");
    iss.shutdown().await;
}

#[tokio::test]
async fn expired_token_is_refused_with_quays_signature_has_expired() {
    let (iss, verifier) = setup().await;
    let token = iss.mint_for("s1", -3600);
    let err = refused(&verifier, &token, &iss.url).await;
    assert!(matches!(err, ExchangeError::Expired), "{err:?}");
    assert_eq!(err.to_string(), "Invalid token: Signature has expired");
    iss.shutdown().await;
}

#[tokio::test]
async fn token_expired_within_clock_skew_leeway_is_still_accepted() {
    let (iss, verifier) = setup().await;
    let token = iss.mint_for("s1", -10);
    verify(&verifier, &token, &[entry(&iss.url, "s1")])
        .await
        .expect("within 60 s leeway");
    iss.shutdown().await;
}

#[tokio::test]
async fn token_from_unconfigured_issuer_is_refused_naming_the_issuer_without_fetching() {
    let (iss, verifier) = setup().await;
    let token = iss.mint_for("s1", 300);
    let err = verify(
        &verifier,
        &token,
        &[entry("https://127.0.0.1:8096/realms/test", "s1")],
    )
    .await
    .unwrap_err();
    assert!(
        matches!(err, ExchangeError::IssuerNotConfigured(_)),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("issuer {} not configured for this robot", iss.url)
    );
    assert_eq!(
        iss.discovery_requests(),
        0,
        "nothing is fetched for an unconfigured issuer"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn robot_without_any_federation_entry_is_refused() {
    let (iss, verifier) = setup().await;
    let err = verify(&verifier, &iss.mint_for("s1", 300), &[])
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Robot does not have federated login configured"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn configured_issuer_with_trailing_slash_matches_token_issuer() {
    let (iss, verifier) = setup().await;
    let token = iss.mint_for("s1", 300);
    let with_slash = format!("{}/", iss.url);
    verify(&verifier, &token, &[entry(&with_slash, "s1")])
        .await
        .expect("trailing slash tolerated");
    iss.shutdown().await;
}

#[tokio::test]
async fn token_with_unconfigured_subject_is_refused_with_token_does_not_match_robot() {
    let (iss, verifier) = setup().await;
    let token = iss.mint_for("other", 300);
    let err = verify(
        &verifier,
        &token,
        &[
            entry(&iss.url, "s1"),
            entry("https://elsewhere.example", "other"),
        ],
    )
    .await
    .unwrap_err();
    assert!(matches!(err, ExchangeError::SubjectMismatch), "{err:?}");
    assert_eq!(err.to_string(), "Token does not match robot");
    iss.shutdown().await;
}

#[tokio::test]
async fn token_signed_by_foreign_key_fails_signature_verification() {
    let (iss, verifier) = setup().await;
    let token = iss.mint_with_foreign_key(iss.claims_for("s1", 300));
    let err = refused(&verifier, &token, &iss.url).await;
    assert!(matches!(err, ExchangeError::BadSignature), "{err:?}");
    assert_eq!(
        err.to_string(),
        "Invalid token: Signature verification failed"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn tampered_rs256_signature_fails_signature_verification() {
    let (iss, verifier) = setup().await;
    let token = iss.mint_tampered(Alg::RS256, iss.claims_for("s1", 300));
    let err = refused(&verifier, &token, &iss.url).await;
    assert_eq!(
        err.to_string(),
        "Invalid token: Signature verification failed"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn password_that_is_not_a_jwt_gets_a_clear_message() {
    let verifier = OidcVerifier::new(true);
    for password in ["notajwt", "a.b.c", "", "x.y", "one.two.three.four"] {
        let err = verify(&verifier, password, &[entry("http://127.0.0.1:1", "s1")])
            .await
            .unwrap_err();
        assert!(
            matches!(err, ExchangeError::NotAJwt),
            "{password:?}: {err:?}"
        );
        assert_eq!(
            err.to_string(),
            "Invalid token: the password is not a JWT (expected header.payload.signature)"
        );
    }
}

#[tokio::test]
async fn token_without_exp_is_refused() {
    let (iss, verifier) = setup().await;
    let token = iss.mint(Alg::RS256, json!({"iss": iss.url, "sub": "s1"}));
    let err = refused(&verifier, &token, &iss.url).await;
    assert_eq!(
        err.to_string(),
        "Invalid token: Token is missing the \"exp\" claim"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn token_not_yet_valid_beyond_leeway_is_refused() {
    let (iss, verifier) = setup().await;
    let entries = [entry(&iss.url, "s1")];
    let mut claims = iss.claims_for("s1", 3600);
    claims["nbf"] = json!(claims["iat"].as_i64().unwrap() + 600);
    let err = verify(&verifier, &iss.mint(Alg::RS256, claims), &entries)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Invalid token: The token is not yet valid (nbf)"
    );

    let mut claims = iss.claims_for("s1", 3600);
    claims["iat"] = json!(claims["iat"].as_i64().unwrap() + 600);
    let err = verify(&verifier, &iss.mint(Alg::RS256, claims), &entries)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Invalid token: The token is not yet valid (iat)"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn audience_is_not_checked() {
    let (iss, verifier) = setup().await;
    let mut claims = iss.claims_for("s1", 300);
    claims["aud"] = json!(["sigstore", "something-else"]);
    verify(
        &verifier,
        &iss.mint(Alg::RS256, claims),
        &[entry(&iss.url, "s1")],
    )
    .await
    .expect("any aud");
    iss.shutdown().await;
}

#[tokio::test]
async fn unsigned_alg_none_token_is_refused() {
    let (iss, verifier) = setup().await;
    use base64::Engine;
    let b64 = |v: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    let token = format!(
        "{}.{}.",
        b64(json!({"alg": "none", "typ": "JWT"})),
        b64(iss.claims_for("s1", 300))
    );
    let err = refused(&verifier, &token, &iss.url).await;
    assert!(
        matches!(err, ExchangeError::UnsupportedAlgorithm(_)),
        "{err:?}"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn token_without_issuer_is_refused_with_quays_message() {
    let (iss, verifier) = setup().await;
    let token = iss.mint(Alg::RS256, json!({"sub": "s1", "exp": 4_000_000_000i64}));
    let err = refused(&verifier, &token, &iss.url).await;
    assert_eq!(err.to_string(), "Token does not contain issuer");
    iss.shutdown().await;
}
