//! The request log (`/sandbox/requests`): every request in arrival order with its raw path,
//! query and final status; `/sandbox/*` calls are not recorded.

mod common;

use common::{cfg, raw_request, Api};
use quay_sandbox::start;
use serde_json::{json, Value};

#[tokio::test]
async fn records_raw_paths_queries_and_statuses() {
    let sb = start(cfg()).await.unwrap();
    let admin = Api::bearer(&sb, &sb.admin_token);
    let bearer = format!("Bearer {}", sb.admin_token);
    // Requests made before the clear are gone afterwards.
    admin.get("/api/v1/user/").await;
    assert_eq!(admin.delete("/sandbox/requests").await.0, 204);

    admin
        .get("/api/v1/organization/acme/robots?permissions=true&token=false")
        .await;
    admin
        .put("/sandbox/settings", json!({"latency_ms": 0}))
        .await;
    let (s, _) = raw_request(
        &sb,
        "DELETE",
        "/api/v1/organization/acme/robots/%2E%2E",
        Some(&bearer),
    )
    .await;
    assert_eq!(s, 400);
    raw_request(&sb, "GET", "/api/v1/organization/acme/robots/..", None).await;
    Api::anonymous(&sb)
        .get("/api/v1/organization/acme/robots/a%2Bb")
        .await;
    raw_request(&sb, "GET", "/no/such/page?", None).await;

    let (s, log) = admin.get("/sandbox/requests").await;
    assert_eq!(s, 200);
    assert_eq!(
        log,
        json!([
            {"method": "GET", "path": "/api/v1/organization/acme/robots", "query": "permissions=true&token=false", "status": 200},
            {"method": "DELETE", "path": "/api/v1/organization/acme/robots/%2E%2E", "query": null, "status": 400},
            {"method": "GET", "path": "/api/v1/organization/acme/robots/..", "query": null, "status": 401},
            {"method": "GET", "path": "/api/v1/organization/acme/robots/a%2Bb", "query": null, "status": 401},
            {"method": "GET", "path": "/no/such/page", "query": "", "status": 404},
        ])
    );
    // Nothing was deleted by the dot-segment DELETE.
    let (_, robots) = admin.get("/api/v1/organization/acme/robots").await;
    assert_eq!(robots["robots"].as_array().unwrap().len(), 4);

    // The status recorded is the one finally sent, also when a fault answers instead.
    admin.delete("/sandbox/requests").await;
    admin
        .post("/sandbox/faults", json!({"method": "DELETE", "path_contains": "/robots/scanner", "status": 503, "times": 1}))
        .await;
    assert_eq!(
        admin
            .delete("/api/v1/organization/acme/robots/scanner")
            .await
            .0,
        503
    );
    let (_, log) = admin.get("/sandbox/requests").await;
    assert_eq!(
        log,
        json!([{"method": "DELETE", "path": "/api/v1/organization/acme/robots/scanner", "query": null, "status": 503}])
    );

    // Only the admin token may read or clear it.
    let (_, t) = admin.post("/sandbox/tokens", json!({"user": "demo"})).await;
    let other = Api::bearer(&sb, t["token"].as_str().unwrap());
    assert_eq!(other.get("/sandbox/requests").await.0, 403);
    assert_eq!(other.delete("/sandbox/requests").await.0, 403);
    assert_eq!(Api::anonymous(&sb).get("/sandbox/requests").await.0, 401);
    assert_eq!(admin.delete("/sandbox/requests").await.0, 204);
    let (_, log) = admin.get("/sandbox/requests").await;
    assert_eq!(log, Value::Array(vec![]));
    sb.shutdown().await;
}
