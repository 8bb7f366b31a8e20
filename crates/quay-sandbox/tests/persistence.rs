//! A sandbox with a data directory: what survives a restart, bulk seeding and repository paging.

mod common;

use common::{cfg, robot_names, Api};
use quay_sandbox::{start, SeedConfig};
use serde_json::json;

#[tokio::test]
async fn persistence_across_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = cfg();
    c.data_dir = Some(dir.path().to_path_buf());
    let sb = start(c.clone()).await.unwrap();
    assert!(sb.admin_token_generated);
    let token = sb.admin_token.clone();
    let (s, created) = Api::bearer(&sb, &token)
        .put(
            "/api/v1/organization/acme/robots/persisted",
            json!({"description": "kept"}),
        )
        .await;
    assert_eq!(s, 201);
    sb.shutdown().await;
    assert!(dir.path().join("quay-sandbox.db").exists());

    let sb = start(c).await.unwrap();
    assert_eq!(sb.admin_token, token, "generated admin token is persisted");
    assert!(!sb.admin_token_generated);
    let api = Api::bearer(&sb, &token);
    let (s, v) = api.get("/api/v1/organization/acme/robots/persisted").await;
    assert_eq!(s, 200);
    assert_eq!(v["description"], "kept");
    assert_eq!(v["token"], created["token"]);
    // Seeding ran only once.
    let (_, v) = api.get("/api/v1/organization/acme/robots").await;
    assert_eq!(
        robot_names(&v)
            .iter()
            .filter(|n| *n == "acme+deployer")
            .count(),
        1
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn seeding_flags_and_paging() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = cfg();
    c.data_dir = Some(dir.path().to_path_buf());
    c.admin_token = Some("ADMINTOKEN".into());
    c.seed = SeedConfig {
        robots: 40,
        repos: 250,
        teams: 5,
        ..Default::default()
    };
    let sb = start(c.clone()).await.unwrap();
    assert_eq!(sb.admin_token, "ADMINTOKEN");
    let api = Api::bearer(&sb, "ADMINTOKEN");
    let (_, v) = api
        .get("/api/v1/organization/acme/robots?permissions=true&token=false")
        .await;
    let robots = v["robots"].as_array().unwrap();
    assert_eq!(robots.len(), 44);
    let bot = robots.iter().find(|r| r["name"] == "acme+bot0003").unwrap();
    assert_eq!(bot["teams"].as_array().unwrap().len(), 1);
    assert!(!bot["repositories"].as_array().unwrap().is_empty());
    let (_, org) = api.get("/api/v1/organization/acme").await;
    assert!(org["teams"].get("team-005").is_some());

    // 30 demo repos + 250 seeded = 280: pages of 100, 100, 80.
    let mut next: Option<String> = None;
    let mut sizes = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for _ in 0..10 {
        let mut path =
            "/api/v1/repository?namespace=acme&last_modified=true&public=true".to_string();
        if let Some(n) = &next {
            path.push_str(&format!("&next_page={n}"));
        }
        let (s, v) = api.get(&path).await;
        assert_eq!(s, 200);
        let repos = v["repositories"].as_array().unwrap();
        sizes.push(repos.len());
        for r in repos {
            assert!(r.get("last_modified").is_some());
            seen.insert(r["name"].as_str().unwrap().to_string());
        }
        next = v["next_page"].as_str().map(str::to_string);
        if next.is_none() {
            break;
        }
    }
    assert_eq!(sizes, vec![100, 100, 80]);
    assert_eq!(seen.len(), 280);
    let (s, v) = api.get("/api/v1/repository").await;
    assert_eq!(
        (s, v["error_message"].as_str()),
        (
            400,
            Some("namespace, starred or public are required for this API call")
        )
    );
    sb.shutdown().await;

    // Restart with more: only what is missing is added.
    c.seed.robots = 50;
    let sb = start(c).await.unwrap();
    let (_, v) = Api::bearer(&sb, "ADMINTOKEN")
        .get("/api/v1/organization/acme/robots")
        .await;
    assert_eq!(v["robots"].as_array().unwrap().len(), 54);
    sb.shutdown().await;
}

/// The demo's role users (`olivia`, `quayadmin`) are ensured at every start, also in a database
/// seeded before they existed (here: after olivia deleted herself).
#[tokio::test]
async fn role_users_are_ensured_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = cfg();
    c.data_dir = Some(dir.path().to_path_buf());
    let sb = start(c.clone()).await.unwrap();
    let admin = Api::bearer(&sb, &sb.admin_token);
    let (_, t) = admin
        .post("/sandbox/tokens", json!({"user": "olivia"}))
        .await;
    let olivia = Api::bearer(&sb, t["token"].as_str().unwrap());
    assert_eq!(olivia.delete("/api/v1/user/").await.0, 204);
    assert_eq!(admin.get("/api/v1/users/olivia").await.0, 404);
    sb.shutdown().await;
    let sb = start(c).await.unwrap();
    let (s, v) = Api::bearer(&sb, &sb.admin_token)
        .get("/api/v1/users/olivia")
        .await;
    assert_eq!((s, v["username"].as_str()), (200, Some("olivia")));
    sb.shutdown().await;
}
