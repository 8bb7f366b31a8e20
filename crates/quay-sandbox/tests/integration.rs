//! Integration tests over real HTTP on 127.0.0.1:0: the robot API as the demo admin, a member and
//! other callers.

mod common;

use common::{cfg, request, robot_names, status_json, Api};
use quay_sandbox::start;
use serde_json::{json, Value};

#[tokio::test]
async fn demo_seed_and_admin_view() {
    let sb = start(cfg()).await.unwrap();
    assert_eq!(sb.admin_user, "demo");
    let admin = Api::bearer(&sb, &sb.admin_token);
    let (s, v) = admin
        .get("/api/v1/organization/acme/robots?permissions=true&token=false")
        .await;
    assert_eq!(s, 200);
    let names = robot_names(&v);
    for n in [
        "acme+deployer",
        "acme+ci_builder",
        "acme+backup.bot",
        "acme+scanner",
    ] {
        assert!(names.contains(&n.to_string()), "{n} in {names:?}");
    }
    let deployer = v["robots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "acme+deployer")
        .unwrap();
    assert_eq!(deployer["description"], "Deploys to production");
    assert_eq!(deployer["teams"][0]["name"], "developers");
    assert_eq!(deployer["repositories"].as_array().unwrap().len(), 3);
    assert!(deployer["last_accessed"]
        .as_str()
        .unwrap()
        .ends_with("-0000"));
    assert!(deployer.get("token").is_none());
    let (_, v) = admin.get("/api/v1/user/robots").await;
    assert_eq!(robot_names(&v), vec!["demo+laptop"]);
    assert_eq!(v["robots"][0]["token"].as_str().unwrap().len(), 64);
    let (_, user) = admin.get("/api/v1/user/").await;
    let orgs: Vec<(String, bool)> = user["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["name"].as_str().unwrap().to_string(),
                o["is_org_admin"].as_bool().unwrap(),
            )
        })
        .collect();
    assert!(orgs.contains(&("acme".into(), true)) && orgs.contains(&("globex".into(), false)));
    let (s, cfgv) = Api::bearer(&sb, "").get("/config").await;
    assert_eq!(s, 200);
    assert_eq!(cfgv["config"]["SERVER_HOSTNAME"], sb.addr.to_string());
    assert!(cfgv["config"].get("ROBOTS_DISALLOW").is_none());
    sb.shutdown().await;
}

#[tokio::test]
async fn member_vs_admin() {
    let sb = start(cfg()).await.unwrap();
    let admin = Api::bearer(&sb, &sb.admin_token);
    // demo is a plain member of globex.
    let (s, v) = admin
        .get("/api/v1/organization/globex/robots?permissions=true&token=true")
        .await;
    assert_eq!(s, 200);
    for r in v["robots"].as_array().unwrap() {
        assert!(
            r.get("token").is_none() && r.get("teams").is_none() && r.get("repositories").is_none()
        );
    }
    assert_eq!(v["robots"].as_array().unwrap().len(), 2);
    let (s, v) = admin
        .get("/api/v1/organization/globex/robots/metrics")
        .await;
    assert_eq!(
        (s, v["error_type"].as_str()),
        (403, Some("insufficient_scope"))
    );
    let (s, v) = admin
        .get("/api/v1/organization/globex/robots/metrics/permissions")
        .await;
    assert_eq!(s, 403);
    assert!(v["message"]
        .as_str()
        .unwrap()
        .starts_with("You don't have the permission"));
    let (s, _) = admin
        .put("/api/v1/organization/globex/robots/newbot", json!({}))
        .await;
    assert_eq!(s, 403);
    let (s, org) = admin.get("/api/v1/organization/globex").await;
    assert_eq!(
        (s, org["is_admin"].as_bool(), org["is_member"].as_bool()),
        (200, Some(false), Some(true))
    );
    assert!(org.get("tag_expiration_s").is_none());
    let (s, _) = admin.get("/api/v1/organization/nosuchorg/robots").await;
    assert_eq!(s, 403);
    let (s, _) = admin.get("/api/v1/organization/nosuchorg").await;
    assert_eq!(s, 404);
    // A token with too few scopes, made through the admin API.
    let (_, t) = admin
        .post(
            "/sandbox/tokens",
            json!({"user": "demo", "scopes": ["repo:read"]}),
        )
        .await;
    let (s, v) = Api::bearer(&sb, t["token"].as_str().unwrap())
        .get("/api/v1/organization/acme/robots")
        .await;
    assert_eq!(
        (s, v["error_type"].as_str()),
        (403, Some("insufficient_scope"))
    );
    // A new plain member added through the admin API.
    let (_, t) = admin
        .post("/sandbox/tokens", json!({"user": "carol"}))
        .await;
    let carol = Api::bearer(&sb, t["token"].as_str().unwrap());
    let (s, _) = carol.get("/api/v1/organization/acme/robots").await;
    assert_eq!(s, 403);
    let (s, _) = admin
        .post(
            "/sandbox/members",
            json!({"org": "acme", "team": "readers", "user": "carol"}),
        )
        .await;
    assert_eq!(s, 200);
    let (s, v) = carol
        .get("/api/v1/organization/acme/robots?permissions=true")
        .await;
    assert_eq!(s, 200);
    assert!(v["robots"][0].get("teams").is_none());
    let (s, _) = Api::bearer(&sb, "")
        .get("/api/v1/organization/acme/robots")
        .await;
    assert_eq!(s, 401);
    // Browser GETs need X-Requested-With (Quay's BROWSER_API_CALLS_XHR_ONLY); preflights pass.
    let ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
    let path = "/api/v1/organization/acme/robots";
    let bearer = format!("Bearer {}", sb.admin_token);
    let browser = [("Authorization", bearer.as_str()), ("User-Agent", ua)];
    let (s, v) = status_json(request(&sb, "GET", path, &browser, None).await).await;
    assert_eq!(s, 400);
    assert_eq!(
        v["error"],
        "API calls must be invoked with an X-Requested-With header if called from a browser"
    );
    let xhr = [
        browser[0],
        browser[1],
        ("X-Requested-With", "XMLHttpRequest"),
    ];
    let r = request(&sb, "GET", path, &xhr, None).await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let r = request(&sb, "OPTIONS", path, &[], None).await;
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("Authorization"));
    sb.shutdown().await;
}

#[tokio::test]
async fn robot_lifecycle_and_cleanup() {
    let sb = start(cfg()).await.unwrap();
    let api = Api::bearer(&sb, &sb.admin_token);
    let (s, v) = api
        .put(
            "/api/v1/organization/acme/robots/tempbot",
            json!({"description": "temp"}),
        )
        .await;
    assert_eq!(s, 201);
    assert_eq!(v["unstructured_metadata"], Value::Null);
    let (s, _) = api
        .put(
            "/api/v1/repository/acme/billing/permissions/user/acme+tempbot",
            json!({"role": "admin"}),
        )
        .await;
    assert_eq!(s, 200);
    let (s, _) = api
        .send(
            "PUT",
            "/api/v1/organization/acme/team/readers/members/acme+tempbot",
            None,
        )
        .await;
    assert_eq!(s, 200);
    let (s, p) = api
        .post(
            "/api/v1/organization/acme/prototypes",
            json!({"role": "read", "delegate": {"kind": "user", "name": "acme+tempbot"}}),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(p["delegate"]["is_robot"], true);
    let (_, perms) = api
        .get("/api/v1/organization/acme/robots/tempbot/permissions")
        .await;
    assert_eq!(perms["permissions"][0]["role"], "admin");
    let (s, fed) = api
        .post(
            "/api/v1/organization/acme/robots/tempbot/federation",
            json!([{"issuer": "https://i.example", "subject": "s", "isExpanded": false}]),
        )
        .await;
    assert_eq!(
        (s, fed.clone()),
        (
            200,
            json!([{"issuer": "https://i.example", "subject": "s"}])
        )
    );
    let (s, _) = api.delete("/api/v1/organization/acme/robots/tempbot").await;
    assert_eq!(s, 204);
    let (_, protos) = api.get("/api/v1/organization/acme/prototypes").await;
    assert!(!protos.to_string().contains("acme+tempbot"));
    let (_, members) = api
        .get("/api/v1/organization/acme/team/readers/members")
        .await;
    assert!(!members.to_string().contains("acme+tempbot"));
    let (_, perms) = api
        .get("/api/v1/repository/acme/billing/permissions/user/")
        .await;
    assert!(!perms.to_string().contains("acme+tempbot"));
    let (s, v) = api.get("/api/v1/organization/acme/robots/tempbot").await;
    assert_eq!(
        (s, v["message"].as_str()),
        (400, Some("Could not find robot with specified username"))
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn robots_disallow() {
    let mut c = cfg();
    c.robots_disallow = true;
    let sb = start(c).await.unwrap();
    let admin = Api::bearer(&sb, &sb.admin_token);
    let (_, v) = Api::bearer(&sb, "").get("/config").await;
    assert_eq!(v["config"]["ROBOTS_DISALLOW"], true);
    // Checked before the name: even an invalid name gets the disallow message.
    let (s, v) = admin
        .put("/api/v1/organization/acme/robots/Bad!", json!({}))
        .await;
    assert_eq!(
        (s, v["error_message"].as_str()),
        (
            400,
            Some("Robot accounts have been disabled. Please contact your administrator.")
        )
    );
    admin
        .put("/sandbox/settings", json!({"robots_disallow": false}))
        .await;
    let (s, _) = admin
        .put("/api/v1/organization/acme/robots/okbot", json!({}))
        .await;
    assert_eq!(s, 201);
    let (_, v) = Api::bearer(&sb, "").get("/config").await;
    assert!(v["config"].get("ROBOTS_DISALLOW").is_none());
    sb.shutdown().await;
}
