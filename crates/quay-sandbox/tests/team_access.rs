//! Team-derived access ("who can reach what"): team repository permissions, transitive
//! permissions, org member details for robots, and the bulk seed that makes access through teams.

mod common;

use common::{cfg, Api};
use quay_sandbox::{start, SeedConfig};
use serde_json::{json, Value};

fn names(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            e["repository"]["name"]
                .as_str()
                .or(e.as_str())
                .unwrap()
                .to_string()
        })
        .collect()
}

#[tokio::test]
async fn demo_access_through_teams() {
    let sb = start(cfg()).await.unwrap();
    let api = Api::bearer(&sb, &sb.admin_token);
    let repo = "/api/v1/repository/acme";
    // developers: write on the first five demo repositories, read on the next five.
    let (s, v) = api
        .get("/api/v1/organization/acme/team/developers/permissions")
        .await;
    assert_eq!(s, 200);
    assert_eq!(v["permissions"].as_array().unwrap().len(), 10);
    assert_eq!(
        v["permissions"][3],
        json!({"repository": {"name": "auth-service", "is_public": false}, "role": "write"})
    );
    let (_, v) = api
        .get(&format!("{repo}/auth-service/permissions/team/"))
        .await;
    assert_eq!(v["permissions"]["developers"]["role"], "write");
    assert_eq!(v["permissions"]["developers"]["avatar"]["kind"], "team");
    // deployer reaches auth-service only through developers: not a direct grant...
    let (_, v) = api
        .get(&format!("{repo}/auth-service/permissions/user/"))
        .await;
    assert!(v["permissions"].get("acme+deployer").is_none());
    let (s, v) = api
        .get(&format!(
            "{repo}/auth-service/permissions/user/acme+deployer"
        ))
        .await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"message": "User does not have permission for repo."})
        )
    );
    // ...but transitively; on api-server it has both a direct and a team grant.
    let t = |r: &str| format!("{repo}/{r}/permissions/user/acme+deployer/transitive");
    assert_eq!(
        api.get(&t("auth-service")).await,
        (200, json!({"permissions": [{"role": "write"}]}))
    );
    assert_eq!(
        api.get(&t("api-server")).await.1,
        json!({"permissions": [{"role": "write"}, {"role": "write"}]})
    );
    let (s, v) = api.get(&t("reporting")).await;
    assert_eq!((s, v["error_type"].as_str()), (404, Some("not_found")));
    // The robot views list direct grants only.
    let (_, v) = api
        .get("/api/v1/organization/acme/robots/deployer/permissions")
        .await;
    assert_eq!(
        names(&v, "permissions"),
        ["api-server", "web-frontend", "billing"]
    );
    let (_, v) = api
        .get("/api/v1/organization/acme/members/acme+deployer")
        .await;
    assert_eq!(v["kind"], "robot");
    assert_eq!(v["avatar"]["kind"], "robot");
    assert_eq!(v["teams"][0]["name"], "developers");
    assert_eq!(
        v["repositories"],
        json!(["api-server", "web-frontend", "billing"])
    );
    let (s, v) = api
        .get("/api/v1/organization/acme/members/acme+backup.bot")
        .await;
    assert_eq!(
        (s, v["teams"].clone(), v["repositories"].clone()),
        (200, json!([]), json!([]))
    );
    let (_, v) = api.get("/api/v1/organization/acme/members/alice").await;
    assert_eq!(
        (v["kind"].as_str(), v["teams"][0]["name"].as_str()),
        (Some("user"), Some("developers"))
    );
    for nobody in ["olivia", "globex+metrics", "nosuchuser"] {
        let path = format!("/api/v1/organization/acme/members/{nobody}");
        assert_eq!(api.get(&path).await.0, 404, "{nobody}");
    }
    // The members list does not list robots.
    let (_, v) = api.get("/api/v1/organization/acme/members").await;
    assert!(!v.to_string().contains("acme+deployer"));
    sb.shutdown().await;
}

#[tokio::test]
async fn grant_and_revoke_team_permissions() {
    let sb = start(cfg()).await.unwrap();
    let api = Api::bearer(&sb, &sb.admin_token);
    let base = "/api/v1/repository/acme/billing/permissions/team";
    let (s, v) = api
        .put(&format!("{base}/readers"), json!({"role": "write"}))
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        (v["role"].as_str(), v["name"].as_str()),
        (Some("write"), Some("readers"))
    );
    assert_eq!(
        api.get(&format!("{base}/readers")).await.1,
        json!({"role": "write"})
    );
    let (_, v) = api.get(&format!("{base}/")).await;
    assert_eq!(v["permissions"]["readers"]["role"], "write");
    let bob = "/api/v1/repository/acme/billing/permissions/user/bob/transitive";
    assert_eq!(
        api.get(bob).await.1,
        json!({"permissions": [{"role": "write"}]})
    );
    let (_, team) = api.get("/api/v1/organization/acme").await;
    assert_eq!(team["teams"]["readers"]["repo_count"], 2);
    assert_eq!(api.delete(&format!("{base}/readers")).await.0, 204);
    assert_eq!(api.get(bob).await.0, 404);
    let (s, v) = api.delete(&format!("{base}/readers")).await;
    assert_eq!(
        (s, v["error_message"].as_str()),
        (400, Some("Team does not have permission for repo."))
    );
    let (s, v) = api
        .put(&format!("{base}/nosuch"), json!({"role": "read"}))
        .await;
    assert_eq!(
        (s, v["error_message"].as_str()),
        (400, Some("No team nosuch in organization acme"))
    );
    let (s, v) = api
        .put(&format!("{base}/readers"), json!({"role": "owner"}))
        .await;
    assert_eq!(s, 400);
    assert!(v["error_message"]
        .as_str()
        .unwrap()
        .starts_with("'owner' is not one of ['read', 'write', 'admin']"));
    assert!(v["error_message"]
        .as_str()
        .unwrap()
        .contains("Role to use for the team"));
    let (_, t) = api.post("/sandbox/tokens", json!({"user": "bob"})).await;
    let bob_api = Api::bearer(&sb, t["token"].as_str().unwrap());
    let (s, v) = bob_api
        .put(&format!("{base}/readers"), json!({"role": "read"}))
        .await;
    assert_eq!(
        (s, v["error_type"].as_str()),
        (403, Some("insufficient_scope"))
    );
    assert_eq!(bob_api.get(&format!("{base}/")).await.0, 403);
    sb.shutdown().await;
}

#[tokio::test]
async fn bulk_seed_with_access_only_through_teams() {
    let mut c = cfg();
    c.seed = SeedConfig {
        robots: 50,
        repos: 300,
        teams: 5,
        team_repo_permissions: 20,
        team_only_robots: 10,
    };
    let sb = start(c).await.unwrap();
    let api = Api::bearer(&sb, &sb.admin_token);
    let (_, v) = api
        .get("/api/v1/organization/acme/robots?permissions=true&token=false")
        .await;
    let robots = v["robots"].as_array().unwrap();
    assert_eq!(robots.len(), 54);
    let bot = |n: &str| robots.iter().find(|r| r["name"] == n).unwrap().clone();
    // bot0001..bot0010: in a team, no direct grant.
    assert_eq!(bot("acme+bot0001")["repositories"], json!([]));
    assert_eq!(bot("acme+bot0001")["teams"][0]["name"], "team-002");
    assert_eq!(
        bot("acme+bot0011")["repositories"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let (_, v) = api
        .get("/api/v1/organization/acme/team/team-002/permissions")
        .await;
    assert_eq!(v["permissions"].as_array().unwrap().len(), 20);
    assert_eq!(v["permissions"][0]["repository"]["name"], "repo-0002");
    let (s, v) = api
        .get("/api/v1/repository/acme/repo-0002/permissions/user/acme+bot0001/transitive")
        .await;
    assert_eq!((s, v), (200, json!({"permissions": [{"role": "read"}]})));
    let (_, v) = api
        .get("/api/v1/organization/acme/robots/bot0001/permissions")
        .await;
    assert_eq!(v, json!({"permissions": []}));
    let (_, org) = api.get("/api/v1/organization/acme").await;
    assert_eq!(org["teams"]["team-005"]["repo_count"], 20);
    sb.shutdown().await;
}

#[tokio::test]
async fn large_bulk_seed() {
    let mut c = cfg();
    c.seed = SeedConfig {
        robots: 200,
        repos: 2000,
        teams: 10,
        team_repo_permissions: 50,
        team_only_robots: 20,
    };
    let t0 = std::time::Instant::now();
    let sb = start(c).await.unwrap();
    let seeded = t0.elapsed();
    assert!(seeded.as_secs() < 60, "seeding took {seeded:?}");
    let api = Api::bearer(&sb, &sb.admin_token);
    let (_, v) = api
        .get("/api/v1/organization/acme/robots?permissions=true&token=false")
        .await;
    assert_eq!(v["robots"].as_array().unwrap().len(), 204);
    let (_, v) = api.get("/api/v1/repository?namespace=acme").await;
    assert_eq!(v["repositories"].as_array().unwrap().len(), 100);
    assert!(v["next_page"].is_string());
    sb.shutdown().await;
}
