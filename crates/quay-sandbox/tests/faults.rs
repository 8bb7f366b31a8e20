//! Fault injection: `/sandbox/faults` rules, error rate and latency settings, startup faults.

mod common;

use std::time::Duration;

use common::{cfg, Api};
use quay_sandbox::{start, FaultConfig};
use serde_json::json;

#[tokio::test]
async fn fault_injection() {
    let sb = start(cfg()).await.unwrap();
    let api = Api::bearer(&sb, &sb.admin_token);
    let (s, _) = api.post("/sandbox/faults", json!({"method": "DELETE", "path_contains": "/robots/backup.bot", "status": 500, "times": 1})).await;
    assert_eq!(s, 200);
    let (s, v) = api
        .delete("/api/v1/organization/acme/robots/backup.bot")
        .await;
    assert_eq!(s, 500);
    assert_eq!(v["status"], 500);
    let (s, _) = api
        .delete("/api/v1/organization/acme/robots/backup.bot")
        .await;
    assert_eq!(s, 204, "the rule fired once");
    // Custom body, unlimited until cleared; other paths unaffected.
    api.post("/sandbox/faults", json!({"path_contains": "/repository/acme/billing/", "status": 400, "body": {"message": "boom"}})).await;
    let billing = "/api/v1/repository/acme/billing/permissions/user/acme+scanner";
    for _ in 0..2 {
        let (s, v) = api.put(billing, json!({"role": "read"})).await;
        assert_eq!((s, v), (400, json!({"message": "boom"})));
    }
    let (s, _) = api
        .put(
            "/api/v1/repository/acme/checkout/permissions/user/acme+scanner",
            json!({"role": "read"}),
        )
        .await;
    assert_eq!(s, 200);
    let (s, _) = api.delete("/sandbox/faults").await;
    assert_eq!(s, 204);
    let (s, _) = api.put(billing, json!({"role": "read"})).await;
    assert_eq!(s, 200);
    // Error rate 1 → every /api call fails with 500 or 503; /config is not affected.
    api.put("/sandbox/settings", json!({"error_rate": 1.0}))
        .await;
    let (s, _) = api.get("/api/v1/organization/acme/robots").await;
    assert!(s == 500 || s == 503);
    let (s, _) = api.get("/config").await;
    assert_eq!(s, 200);
    api.put(
        "/sandbox/settings",
        json!({"error_rate": 0.0, "latency_ms": 150}),
    )
    .await;
    let t0 = std::time::Instant::now();
    let (s, _) = api.get("/api/v1/organization/acme/robots").await;
    assert_eq!(s, 200);
    assert!(t0.elapsed() >= Duration::from_millis(150));
    // The admin API refuses other tokens.
    let (s, _) = Api::bearer(&sb, "nope")
        .put("/sandbox/settings", json!({"error_rate": 1.0}))
        .await;
    assert_eq!(s, 403);
    sb.shutdown().await;

    let mut c = cfg();
    c.faults = FaultConfig {
        latency_ms: 0,
        latency_jitter_ms: 0,
        error_rate: 1.0,
    };
    let sb = start(c).await.unwrap();
    let (s, _) = Api::bearer(&sb, &sb.admin_token).get("/api/v1/user/").await;
    assert!(s == 500 || s == 503);
    sb.shutdown().await;
}
