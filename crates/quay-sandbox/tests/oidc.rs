//! Keyless-login verification against a real local issuer (HTTP on 127.0.0.1 only).

use std::time::{Duration, Instant};

use quay_sandbox::oidc::{ExchangeError, FederationEntry, OidcVerifier};
use quay_sandbox::test_issuer::{Alg, TestIssuer};
use serde_json::json;

fn entry(issuer: &str, subject: &str) -> FederationEntry {
    FederationEntry {
        issuer: issuer.to_string(),
        subject: subject.to_string(),
    }
}

async fn issuer() -> TestIssuer {
    tokio::time::timeout(Duration::from_secs(60), TestIssuer::start())
        .await
        .expect("test issuer started in time")
        .expect("test issuer started")
}

async fn verify(
    verifier: &OidcVerifier,
    token: &str,
    entries: &[FederationEntry],
) -> Result<quay_sandbox::oidc::VerifiedClaims, ExchangeError> {
    tokio::time::timeout(Duration::from_secs(20), verifier.verify(token, entries))
        .await
        .expect("verify finished in time")
}

/// A port on 127.0.0.1 where nothing listens.
fn closed_loopback_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    port
}

#[tokio::test]
async fn good_rs256_token_with_configured_issuer_and_subject_is_accepted() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
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
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let token = iss.mint(Alg::ES256, iss.claims_for("s1", 300));
    let claims = verify(&verifier, &token, &[entry(&iss.url, "s1")])
        .await
        .expect("valid ES256 token");
    assert_eq!(claims.subject, "s1");
    iss.shutdown().await;
}

#[tokio::test]
async fn expired_token_is_refused_with_quays_signature_has_expired() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let token = iss.mint_for("s1", -3600);
    let err = verify(&verifier, &token, &[entry(&iss.url, "s1")])
        .await
        .unwrap_err();
    assert!(matches!(err, ExchangeError::Expired), "{err:?}");
    assert_eq!(err.to_string(), "Invalid token: Signature has expired");
    iss.shutdown().await;
}

#[tokio::test]
async fn token_expired_within_clock_skew_leeway_is_still_accepted() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let token = iss.mint_for("s1", -10);
    verify(&verifier, &token, &[entry(&iss.url, "s1")])
        .await
        .expect("within 60 s leeway");
    iss.shutdown().await;
}

#[tokio::test]
async fn token_from_unconfigured_issuer_is_refused_naming_the_issuer_without_fetching() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
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
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
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
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let token = iss.mint_for("s1", 300);
    let with_slash = format!("{}/", iss.url);
    verify(&verifier, &token, &[entry(&with_slash, "s1")])
        .await
        .expect("trailing slash tolerated");
    iss.shutdown().await;
}

#[tokio::test]
async fn token_with_unconfigured_subject_is_refused_with_token_does_not_match_robot() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
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
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let token = iss.mint_with_foreign_key(iss.claims_for("s1", 300));
    let err = verify(&verifier, &token, &[entry(&iss.url, "s1")])
        .await
        .unwrap_err();
    assert!(matches!(err, ExchangeError::BadSignature), "{err:?}");
    assert_eq!(
        err.to_string(),
        "Invalid token: Signature verification failed"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn tampered_rs256_signature_fails_signature_verification() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let token = iss.mint_tampered(Alg::RS256, iss.claims_for("s1", 300));
    let err = verify(&verifier, &token, &[entry(&iss.url, "s1")])
        .await
        .unwrap_err();
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
async fn http_issuer_is_refused_when_http_issuers_are_not_allowed() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(false);
    let token = iss.mint_for("s1", 300);
    let err = verify(&verifier, &token, &[entry(&iss.url, "s1")])
        .await
        .unwrap_err();
    assert!(
        matches!(err, ExchangeError::InsecureIssuer { .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("OIDC server must be accessed over SSL"),
        "{message}"
    );
    assert!(
        message.contains(&iss.url) && message.contains("https://"),
        "{message}"
    );
    assert_eq!(
        iss.discovery_requests(),
        0,
        "the http issuer is never contacted"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn non_loopback_http_issuer_is_refused_even_when_http_issuers_are_allowed() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    // 192.0.2.0/24 is TEST-NET-1: must be refused before any connection attempt.
    let remote = "http://192.0.2.10:8080/realms/test";
    let mut claims = iss.claims_for("s1", 300);
    claims["iss"] = json!(remote);
    let token = iss.mint(Alg::RS256, claims);
    let started = Instant::now();
    let err = verify(&verifier, &token, &[entry(remote, "s1")])
        .await
        .unwrap_err();
    assert!(
        matches!(err, ExchangeError::InsecureIssuer { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("loopback"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "refused without a network attempt"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn unreachable_issuer_gives_cannot_reach_issuer_message_quickly() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let dead = format!("http://127.0.0.1:{}", closed_loopback_port());
    let mut claims = iss.claims_for("s1", 300);
    claims["iss"] = json!(dead);
    let token = iss.mint(Alg::RS256, claims);
    let started = Instant::now();
    let err = verify(&verifier, &token, &[entry(&dead, "s1")])
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        matches!(err, ExchangeError::IssuerUnreachable { .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("Cannot reach issuer {dead}: ")),
        "{message}"
    );
    assert!(
        message.contains("/.well-known/openid-configuration"),
        "{message}"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn discovery_and_jwks_are_cached_between_verifications() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let entries = [entry(&iss.url, "s1")];
    for _ in 0..3 {
        verify(&verifier, &iss.mint_for("s1", 300), &entries)
            .await
            .unwrap();
        verify(
            &verifier,
            &iss.mint(Alg::ES256, iss.claims_for("s1", 300)),
            &entries,
        )
        .await
        .unwrap();
    }
    assert_eq!(iss.discovery_requests(), 1);
    assert_eq!(iss.jwks_requests(), 1);
    // A clone shares the cache.
    verify(&verifier.clone(), &iss.mint_for("s1", 300), &entries)
        .await
        .unwrap();
    assert_eq!(iss.jwks_requests(), 1);
    iss.shutdown().await;
}

#[tokio::test]
async fn jwks_key_rotation_unknown_kid_triggers_exactly_one_refetch() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let entries = [entry(&iss.url, "s1")];
    verify(
        &verifier,
        &iss.mint(Alg::ES256, iss.claims_for("s1", 300)),
        &entries,
    )
    .await
    .unwrap();
    assert_eq!(iss.jwks_requests(), 1);

    // The issuer rotates: a new key es2 is published and used for new tokens.
    iss.add_key(Alg::ES256, "es2").await.unwrap();
    let rotated = iss.mint(Alg::ES256, iss.claims_for("s1", 300));
    verify(&verifier, &rotated, &entries)
        .await
        .expect("new key found after one refetch");
    assert_eq!(
        iss.jwks_requests(),
        2,
        "exactly one refetch for the unknown kid"
    );
    assert_eq!(iss.discovery_requests(), 1, "discovery is not refetched");

    // The refreshed JWKS is cached again.
    verify(&verifier, &rotated, &entries).await.unwrap();
    assert_eq!(iss.jwks_requests(), 2);
    iss.shutdown().await;
}

#[tokio::test]
async fn kid_missing_from_jwks_after_one_refetch_is_refused() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let entries = [entry(&iss.url, "s1")];
    verify(&verifier, &iss.mint_for("s1", 300), &entries)
        .await
        .unwrap();
    let before = iss.jwks_requests();
    let token = iss.mint_with_kid(Alg::RS256, "nosuchkid", iss.claims_for("s1", 300));
    let err = verify(&verifier, &token, &entries).await.unwrap_err();
    assert!(matches!(err, ExchangeError::UnknownKey(_)), "{err:?}");
    assert!(err.to_string().contains("nosuchkid"), "{err}");
    assert_eq!(iss.jwks_requests(), before + 1, "one refetch, no more");
    iss.shutdown().await;
}

#[tokio::test]
async fn token_without_exp_is_refused() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let token = iss.mint(Alg::RS256, json!({"iss": iss.url, "sub": "s1"}));
    let err = verify(&verifier, &token, &[entry(&iss.url, "s1")])
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "Invalid token: Token is missing the \"exp\" claim"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn token_not_yet_valid_beyond_leeway_is_refused() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
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
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
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
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    use base64::Engine;
    let b64 = |v: serde_json::Value| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string())
    };
    let token = format!(
        "{}.{}.",
        b64(json!({"alg": "none", "typ": "JWT"})),
        b64(iss.claims_for("s1", 300))
    );
    let err = verify(&verifier, &token, &[entry(&iss.url, "s1")])
        .await
        .unwrap_err();
    assert!(
        matches!(err, ExchangeError::UnsupportedAlgorithm(_)),
        "{err:?}"
    );
    iss.shutdown().await;
}

#[tokio::test]
async fn token_without_issuer_is_refused_with_quays_message() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let token = iss.mint(Alg::RS256, json!({"sub": "s1", "exp": 4_000_000_000i64}));
    let err = verify(&verifier, &token, &[entry(&iss.url, "s1")])
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), "Token does not contain issuer");
    iss.shutdown().await;
}

#[tokio::test]
async fn issuer_that_never_answers_times_out_with_cannot_reach_issuer_message() {
    let iss = issuer().await;
    // Connections complete through the listen backlog but no response ever comes.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_url = format!("http://{}", silent.local_addr().unwrap());
    let verifier =
        OidcVerifier::with_options(true, Duration::from_secs(1), Duration::from_secs(60));
    let mut claims = iss.claims_for("s1", 300);
    claims["iss"] = json!(silent_url);
    let token = iss.mint(Alg::RS256, claims);
    let started = Instant::now();
    let err = verify(&verifier, &token, &[entry(&silent_url, "s1")])
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "took {:?}",
        started.elapsed()
    );
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("Cannot reach issuer {silent_url}: "))
            && message.contains("timed out"),
        "{message}"
    );
    drop(silent);
    iss.shutdown().await;
}

#[tokio::test]
async fn issuer_without_discovery_document_gives_cannot_reach_issuer_message_with_status() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(true);
    let realm = format!("{}/realms/missing", iss.url);
    let mut claims = iss.claims_for("s1", 300);
    claims["iss"] = json!(realm);
    let token = iss.mint(Alg::RS256, claims);
    let err = verify(&verifier, &token, &[entry(&realm, "s1")])
        .await
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("Cannot reach issuer {realm}: ")) && message.contains("404"),
        "{message}"
    );
    iss.shutdown().await;
}
