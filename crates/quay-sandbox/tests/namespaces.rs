//! Quay's destructive namespace endpoints (`DELETE /api/v1/user/`, `DELETE /api/v1/organization/{org}`)
//! and what raw dot-segment robot paths do (nothing).

mod common;

use common::{basic, cfg, raw_request, robot_names, Api};
use quay_sandbox::start;
use serde_json::json;

#[tokio::test]
async fn dot_segment_robot_paths_delete_nothing() {
    let sb = start(cfg()).await.unwrap();
    let admin = Api::bearer(&sb, &sb.admin_token);
    let bearer = format!("Bearer {}", sb.admin_token);
    for path in [
        "/api/v1/organization/acme/robots/..",
        "/api/v1/organization/acme/robots/%2E%2E",
        "/api/v1/organization/acme/robots/%2e%2e",
        "/api/v1/user/robots/..",
        "/api/v1/user/robots/%2E%2E",
    ] {
        for method in ["DELETE", "GET"] {
            let (s, v) = raw_request(&sb, method, path, Some(&bearer)).await;
            assert_eq!(
                (s, v),
                (
                    400,
                    json!({"message": "Could not find robot with specified username"})
                ),
                "{method} {path}"
            );
        }
    }
    let (_, robots) = admin.get("/api/v1/organization/acme/robots").await;
    assert_eq!(robot_names(&robots).len(), 4);
    let (_, mine) = admin.get("/api/v1/user/robots").await;
    assert_eq!(robot_names(&mine), vec!["demo+laptop"]);
    assert_eq!(admin.get("/api/v1/user/").await.0, 200);
    assert_eq!(admin.get("/api/v1/organization/acme").await.0, 200);
    sb.shutdown().await;
}

#[tokio::test]
async fn delete_current_user() {
    let sb = start(cfg()).await.unwrap();
    let admin = Api::bearer(&sb, &sb.admin_token);
    // demo is the only admin of acme: refused, nothing changes.
    let (s, v) = admin.delete("/api/v1/user/").await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"message": "Cannot delete demo as you are the only admin for organizations: acme"})
        )
    );
    assert_eq!(admin.get("/api/v1/user/").await.0, 200);
    // A token without user:admin may not.
    let (_, t) = admin
        .post(
            "/sandbox/tokens",
            json!({"user": "temp", "scopes": ["user:read"]}),
        )
        .await;
    let (s, v) = Api::bearer(&sb, t["token"].as_str().unwrap())
        .delete("/api/v1/user/")
        .await;
    assert_eq!(
        (s, v["error_type"].as_str()),
        (403, Some("insufficient_scope"))
    );
    // A user who admins nothing alone is deleted with its robots and repositories.
    let (_, t) = admin.post("/sandbox/tokens", json!({"user": "temp"})).await;
    let temp = Api::bearer(&sb, t["token"].as_str().unwrap());
    assert_eq!(
        temp.put("/api/v1/user/robots/mybot", json!({})).await.0,
        201
    );
    let (_, robot) = temp.get("/api/v1/user/robots/mybot").await;
    let (s, v) = admin.get("/api/v1/users/temp").await;
    assert_eq!((s, v["username"].as_str()), (200, Some("temp")));
    assert!(
        v.get("email").is_none(),
        "another user's view is public only"
    );
    let (s, body) = temp.delete("/api/v1/user/").await;
    assert_eq!((s, body), (204, serde_json::Value::Null));
    let (s, v) = temp.get("/api/v1/user/").await;
    assert_eq!((s, v["error_type"].as_str()), (401, Some("invalid_token")));
    let (s, v) = admin.get("/api/v1/users/temp").await;
    assert_eq!(s, 404);
    assert!(v["message"]
        .as_str()
        .unwrap()
        .starts_with("The requested URL was not found"));
    // Its robot cannot log in any more; a session cookie of it is gone too.
    let login = Api::basic(&sb, "temp+mybot", robot["token"].as_str().unwrap());
    let (s, v) = login.get("/v2/auth?account=temp%2Bmybot").await;
    assert_eq!(s, 401);
    assert_eq!(
        v["errors"][0]["message"],
        "Could not find robot with specified username"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn delete_organization() {
    let sb = start(cfg()).await.unwrap();
    let admin = Api::bearer(&sb, &sb.admin_token);
    let (_, deployer) = admin.get("/api/v1/organization/acme/robots/deployer").await;
    // A plain member and an outsider may not.
    let (_, t) = admin.post("/sandbox/tokens", json!({"user": "bob"})).await;
    let bob = Api::bearer(&sb, t["token"].as_str().unwrap());
    assert_eq!(bob.delete("/api/v1/organization/acme").await.0, 403);
    let (_, t) = admin
        .post("/sandbox/tokens", json!({"user": "stranger"}))
        .await;
    let stranger = Api::bearer(&sb, t["token"].as_str().unwrap());
    assert_eq!(stranger.delete("/api/v1/organization/acme").await.0, 403);
    // Without credentials Quay's CSRF check answers first.
    let (s, v) = Api::anonymous(&sb)
        .delete("/api/v1/organization/acme")
        .await;
    assert_eq!(
        (s, v["error"].as_str()),
        (403, Some("CSRF token was invalid or missing."))
    );
    // The admin may; everything of acme goes.
    let (s, _) = admin.delete("/api/v1/organization/acme").await;
    assert_eq!(s, 204);
    let (s, v) = admin.get("/api/v1/organization/acme").await;
    assert_eq!((s, v["error_type"].as_str()), (404, Some("not_found")));
    assert_eq!(admin.get("/api/v1/repository/acme/billing").await.0, 403);
    let (_, repos) = admin.get("/api/v1/repository?namespace=acme").await;
    assert_eq!(repos["repositories"], json!([]));
    let (s, _) = admin.get("/api/v1/organization/acme/robots").await;
    assert_eq!(s, 403);
    let (_, me) = admin.get("/api/v1/user/").await;
    let orgs: Vec<&str> = me["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(orgs, vec!["globex"]);
    let r = common::request(
        &sb,
        "GET",
        "/v2/auth?account=acme%2Bdeployer",
        &[(
            "Authorization",
            &basic("acme+deployer", deployer["token"].as_str().unwrap()),
        )],
        None,
    )
    .await;
    assert_eq!(r.status().as_u16(), 401);
    // bob's membership went with the org; deleting it again is refused (it no longer exists).
    let (_, bob_view) = bob.get("/api/v1/user/").await;
    assert_eq!(bob_view["organizations"], json!([]));
    assert_eq!(admin.delete("/api/v1/organization/acme").await.0, 403);
    sb.shutdown().await;
}
