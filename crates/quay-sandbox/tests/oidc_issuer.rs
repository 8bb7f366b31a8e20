//! Keyless-login verification: reaching the issuer (http/loopback rules, timeouts, discovery and
//! JWKS fetching, caching and key rotation) with a real local issuer (HTTP on 127.0.0.1 only).

mod common;

use std::time::{Duration, Instant};

use common::oidc::{entry, issuer, refused, setup, verify};
use quay_sandbox::oidc::{ExchangeError, OidcVerifier};
use quay_sandbox::test_issuer::Alg;
use serde_json::json;

/// A port on 127.0.0.1 where nothing listens.
fn closed_loopback_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    port
}

#[tokio::test]
async fn http_issuer_is_refused_when_http_issuers_are_not_allowed() {
    let iss = issuer().await;
    let verifier = OidcVerifier::new(false);
    let token = iss.mint_for("s1", 300);
    let err = refused(&verifier, &token, &iss.url).await;
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
    let (iss, verifier) = setup().await;
    // 192.0.2.0/24 is TEST-NET-1: must be refused before any connection attempt.
    let remote = "http://192.0.2.10:8080/realms/test";
    let mut claims = iss.claims_for("s1", 300);
    claims["iss"] = json!(remote);
    let token = iss.mint(Alg::RS256, claims);
    let started = Instant::now();
    let err = refused(&verifier, &token, remote).await;
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
    let (iss, verifier) = setup().await;
    let dead = format!("http://127.0.0.1:{}", closed_loopback_port());
    let mut claims = iss.claims_for("s1", 300);
    claims["iss"] = json!(dead);
    let token = iss.mint(Alg::RS256, claims);
    let started = Instant::now();
    let err = refused(&verifier, &token, &dead).await;
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
    let (iss, verifier) = setup().await;
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
    let (iss, verifier) = setup().await;
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
    let (iss, verifier) = setup().await;
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
    let err = refused(&verifier, &token, &silent_url).await;
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
    let (iss, verifier) = setup().await;
    let realm = format!("{}/realms/missing", iss.url);
    let mut claims = iss.claims_for("s1", 300);
    claims["iss"] = json!(realm);
    let token = iss.mint(Alg::RS256, claims);
    let err = refused(&verifier, &token, &realm).await;
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("Cannot reach issuer {realm}: ")) && message.contains("404"),
        "{message}"
    );
    iss.shutdown().await;
}
