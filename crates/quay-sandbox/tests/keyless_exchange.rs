//! Keyless robot login end to end: federation config, token exchange with the test issuer
//! (http on loopback, allowed by `allow_http_issuers`), then `/v2/auth` with the exchanged token.

use std::time::Duration;

use base64::Engine;
use quay_sandbox::test_issuer::TestIssuer;
use quay_sandbox::{start, SandboxConfig};
use serde_json::{json, Value};

fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exchange_then_registry_login() {
    let issuer = TestIssuer::start().await.unwrap();
    let sb = start(SandboxConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        allow_http_issuers: true,
        ..Default::default()
    })
    .await
    .unwrap();
    let c = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let r = c
        .post(format!(
            "{}/api/v1/organization/acme/robots/scanner/federation",
            sb.base_url
        ))
        .bearer_auth(&sb.admin_token)
        .json(&json!([{"issuer": issuer.url, "subject": "ci-job"}]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);

    let url = format!("{}/oauth2/federation/robot/token", sb.base_url);
    let good = issuer.mint_for("ci-job", 300);
    let r = c
        .get(&url)
        .header("Authorization", basic("acme+scanner", &good))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let exchanged = r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let payload = exchanged.split('.').nth(1).unwrap();
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload)
            .unwrap(),
    )
    .unwrap();
    assert_eq!(claims["iss"], "quay");
    assert_eq!(claims["aud"], sb.addr.to_string());
    assert_eq!(claims["sub"], "acme+scanner");
    assert_eq!(claims["context"]["entity_kind"], "robot");
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        3600
    );

    // The exchanged token works as a registry password for that robot only.
    let r = c
        .get(format!(
            "{}/v2/auth?account=acme%2Bscanner&service={}",
            sb.base_url, sb.addr
        ))
        .header("Authorization", basic("acme+scanner", &exchanged))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let r = c
        .get(format!("{}/v2/auth", sb.base_url))
        .header("Authorization", basic("acme+deployer", &exchanged))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);

    // Wrong subject → 400 {"message"} from the verifier.
    let other = issuer.mint_for("someone-else", 300);
    let r = c
        .get(&url)
        .header("Authorization", basic("acme+scanner", &other))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.json::<Value>().await.unwrap()["message"].is_string());
    sb.shutdown().await;
    issuer.shutdown().await;
}
