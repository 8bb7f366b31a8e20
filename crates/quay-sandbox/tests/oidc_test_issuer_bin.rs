//! The `oidc-test-issuer` binary: prints its URL, serves discovery/JWKS, mints via `POST /mint`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use quay_sandbox::oidc::{ExchangeError, FederationEntry, OidcVerifier};
use serde_json::{json, Value};

/// Kills the child process when the test ends, even on panic.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

async fn mint(client: &reqwest::Client, url: &str, body: Value) -> String {
    let response: Value = client
        .post(format!("{url}/mint"))
        .json(&body)
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    response["token"].as_str().unwrap().to_string()
}

async fn get_json(client: &reqwest::Client, url: &str) -> Value {
    client.get(url).send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn oidc_test_issuer_binary_announces_its_url_and_mints_verifiable_tokens() {
    let mut child = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_oidc-test-issuer"))
            .args(["--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn oidc-test-issuer"),
    );
    let stdout = child.0.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("announced in time");
    let line = line.trim_end().to_string();
    let url = line
        .strip_prefix("oidc-test-issuer listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");

    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    let health = client.get(format!("{url}/healthz")).send().await.unwrap();
    assert!(health.status().is_success());
    let discovery = get_json(&client, &format!("{url}/.well-known/openid-configuration")).await;
    assert_eq!(discovery["issuer"], url.as_str());
    assert_eq!(discovery["jwks_uri"], format!("{url}/jwks"));
    let jwks = get_json(&client, &format!("{url}/jwks")).await;
    let kids: Vec<&str> = jwks["keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["kid"].as_str().unwrap())
        .collect();
    assert_eq!(kids, ["rs1", "es1"]);

    let verifier = OidcVerifier::new(true);
    let entries = [FederationEntry {
        issuer: url.clone(),
        subject: "s1".into(),
    }];
    let good = mint(&client, &url, json!({"sub": "s1"})).await;
    let verified = verifier
        .verify(&good, &entries)
        .await
        .expect("minted RS256 token verifies");
    assert_eq!(verified.claims["aud"], "quay");

    let es = mint(
        &client,
        &url,
        json!({"sub": "s1", "alg": "ES256", "aud": "other", "claims": {"extra": 1}}),
    )
    .await;
    let verified = verifier
        .verify(&es, &entries)
        .await
        .expect("minted ES256 token verifies");
    assert_eq!(verified.claims["extra"], 1);
    assert_eq!(verified.claims["aud"], "other");

    let bad = mint(&client, &url, json!({"sub": "s1", "bad_signature": true})).await;
    assert!(matches!(
        verifier.verify(&bad, &entries).await,
        Err(ExchangeError::BadSignature)
    ));

    let expired = mint(&client, &url, json!({"sub": "s1", "ttl_secs": -3600})).await;
    assert!(matches!(
        verifier.verify(&expired, &entries).await,
        Err(ExchangeError::Expired)
    ));

    let bad_alg = client
        .post(format!("{url}/mint"))
        .json(&json!({"sub": "s1", "alg": "HS256"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad_alg.status(), 400);

    drop(child);
}

#[test]
fn oidc_test_issuer_binary_refuses_non_loopback_addresses() {
    let output = Command::new(env!("CARGO_BIN_EXE_oidc-test-issuer"))
        .args(["--addr", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("loopback"));
}
