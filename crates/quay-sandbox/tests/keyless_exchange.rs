//! Keyless robot login end to end: federation config, token exchange with the test issuer
//! (http on loopback, allowed by `allow_http_issuers`), then `/v2/auth` with the exchanged token.

mod common;

use base64::Engine;
use common::{cfg, Api};
use quay_sandbox::test_issuer::TestIssuer;
use quay_sandbox::{start, SandboxConfig};
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exchange_then_registry_login() {
    let issuer = TestIssuer::start().await.unwrap();
    let sb = start(SandboxConfig {
        allow_http_issuers: true,
        ..cfg()
    })
    .await
    .unwrap();
    let (s, _) = Api::bearer(&sb, &sb.admin_token)
        .post(
            "/api/v1/organization/acme/robots/scanner/federation",
            json!([{"issuer": issuer.url, "subject": "ci-job"}]),
        )
        .await;
    assert_eq!(s, 200);

    let url = "/oauth2/federation/robot/token";
    let good = issuer.mint_for("ci-job", 300);
    let (s, v) = Api::basic(&sb, "acme+scanner", &good).get(url).await;
    assert_eq!(s, 200);
    let exchanged = v["token"].as_str().unwrap().to_string();
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
    let (s, _) = Api::basic(&sb, "acme+scanner", &exchanged)
        .get(&format!(
            "/v2/auth?account=acme%2Bscanner&service={}",
            sb.addr
        ))
        .await;
    assert_eq!(s, 200);
    let (s, _) = Api::basic(&sb, "acme+deployer", &exchanged)
        .get("/v2/auth")
        .await;
    assert_eq!(s, 401);

    // Wrong subject → 400 {"message"} from the verifier.
    let other = issuer.mint_for("someone-else", 300);
    let (s, v) = Api::basic(&sb, "acme+scanner", &other).get(url).await;
    assert_eq!(s, 400);
    assert!(v["message"].is_string());

    // As in Quay (util/security/federated_robot_auth.py), only the successful exchange is
    // logged: in the robot's namespace, without performer, naming the robot by its short name.
    let (s, v) = Api::bearer(&sb, &sb.admin_token)
        .get("/api/v1/organization/acme/logs")
        .await;
    assert_eq!(s, 200);
    let exchanges: Vec<&Value> = v["logs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "federated_robot_token_exchange")
        .collect();
    assert_eq!(exchanges.len(), 1, "{v}");
    let e = exchanges[0];
    assert_eq!(
        e["metadata"],
        json!({"subject": "ci-job", "issuer": issuer.url, "robot": "scanner"})
    );
    assert!(e.get("performer").is_none(), "{e}");
    assert_eq!(e["ip"], "127.0.0.1");
    sb.shutdown().await;
    issuer.shutdown().await;
}
