//! Integration tests over real HTTP on 127.0.0.1:0.

use std::time::Duration;

use base64::Engine;
use quay_sandbox::{start, FaultConfig, RunningSandbox, SandboxConfig, SeedConfig};
use serde_json::{json, Value};

fn cfg() -> SandboxConfig {
    SandboxConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..Default::default()
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

async fn get(sb: &RunningSandbox, token: &str, path: &str) -> (u16, Value) {
    let r = client()
        .get(format!("{}{}", sb.base_url, path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn send(
    sb: &RunningSandbox,
    method: &str,
    token: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut rb = client()
        .request(method.parse().unwrap(), format!("{}{}", sb.base_url, path))
        .bearer_auth(token);
    if let Some(b) = body {
        rb = rb.json(&b);
    }
    let r = rb.send().await.unwrap();
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

fn robot_names(v: &Value) -> Vec<String> {
    v["robots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn demo_seed_and_admin_view() {
    let sb = start(cfg()).await.unwrap();
    assert_eq!(sb.admin_user, "demo");
    let (s, v) = get(
        &sb,
        &sb.admin_token,
        "/api/v1/organization/acme/robots?permissions=true&token=false",
    )
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
    let (_, v) = get(&sb, &sb.admin_token, "/api/v1/user/robots").await;
    assert_eq!(robot_names(&v), vec!["demo+laptop"]);
    assert_eq!(v["robots"][0]["token"].as_str().unwrap().len(), 64);
    let (_, user) = get(&sb, &sb.admin_token, "/api/v1/user/").await;
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
    let (s, cfgv) = get(&sb, "", "/config").await;
    assert_eq!(s, 200);
    assert_eq!(cfgv["config"]["SERVER_HOSTNAME"], sb.addr.to_string());
    assert!(cfgv["config"].get("ROBOTS_DISALLOW").is_none());
    sb.shutdown().await;
}

#[tokio::test]
async fn member_vs_admin() {
    let sb = start(cfg()).await.unwrap();
    // demo is a plain member of globex.
    let (s, v) = get(
        &sb,
        &sb.admin_token,
        "/api/v1/organization/globex/robots?permissions=true&token=true",
    )
    .await;
    assert_eq!(s, 200);
    for r in v["robots"].as_array().unwrap() {
        assert!(
            r.get("token").is_none() && r.get("teams").is_none() && r.get("repositories").is_none()
        );
    }
    assert_eq!(v["robots"].as_array().unwrap().len(), 2);
    let (s, v) = get(
        &sb,
        &sb.admin_token,
        "/api/v1/organization/globex/robots/metrics",
    )
    .await;
    assert_eq!(
        (s, v["error_type"].as_str()),
        (403, Some("insufficient_scope"))
    );
    let (s, v) = get(
        &sb,
        &sb.admin_token,
        "/api/v1/organization/globex/robots/metrics/permissions",
    )
    .await;
    assert_eq!(s, 403);
    assert!(v["message"]
        .as_str()
        .unwrap()
        .starts_with("You don't have the permission"));
    let (s, _) = send(
        &sb,
        "PUT",
        &sb.admin_token,
        "/api/v1/organization/globex/robots/newbot",
        Some(json!({})),
    )
    .await;
    assert_eq!(s, 403);
    let (s, org) = get(&sb, &sb.admin_token, "/api/v1/organization/globex").await;
    assert_eq!(
        (s, org["is_admin"].as_bool(), org["is_member"].as_bool()),
        (200, Some(false), Some(true))
    );
    assert!(org.get("tag_expiration_s").is_none());
    let (s, _) = get(
        &sb,
        &sb.admin_token,
        "/api/v1/organization/nosuchorg/robots",
    )
    .await;
    assert_eq!(s, 403);
    let (s, _) = get(&sb, &sb.admin_token, "/api/v1/organization/nosuchorg").await;
    assert_eq!(s, 404);
    // A token with too few scopes, made through the admin API.
    let (_, t) = send(
        &sb,
        "POST",
        &sb.admin_token,
        "/sandbox/tokens",
        Some(json!({"user": "demo", "scopes": ["repo:read"]})),
    )
    .await;
    let (s, v) = get(
        &sb,
        t["token"].as_str().unwrap(),
        "/api/v1/organization/acme/robots",
    )
    .await;
    assert_eq!(
        (s, v["error_type"].as_str()),
        (403, Some("insufficient_scope"))
    );
    // A new plain member added through the admin API.
    let (_, t) = send(
        &sb,
        "POST",
        &sb.admin_token,
        "/sandbox/tokens",
        Some(json!({"user": "carol"})),
    )
    .await;
    let carol = t["token"].as_str().unwrap().to_string();
    let (s, _) = get(&sb, &carol, "/api/v1/organization/acme/robots").await;
    assert_eq!(s, 403);
    let (s, _) = send(
        &sb,
        "POST",
        &sb.admin_token,
        "/sandbox/members",
        Some(json!({"org": "acme", "team": "readers", "user": "carol"})),
    )
    .await;
    assert_eq!(s, 200);
    let (s, v) = get(
        &sb,
        &carol,
        "/api/v1/organization/acme/robots?permissions=true",
    )
    .await;
    assert_eq!(s, 200);
    assert!(v["robots"][0].get("teams").is_none());
    let (s, _) = get(&sb, "", "/api/v1/organization/acme/robots").await;
    assert_eq!(s, 401);
    // Browser GETs need X-Requested-With (Quay's BROWSER_API_CALLS_XHR_ONLY); preflights pass.
    let ua = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
    let url = format!("{}/api/v1/organization/acme/robots", sb.base_url);
    let r = client()
        .get(&url)
        .bearer_auth(&sb.admin_token)
        .header("User-Agent", ua)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"],
        "API calls must be invoked with an X-Requested-With header if called from a browser"
    );
    let r = client()
        .get(&url)
        .bearer_auth(&sb.admin_token)
        .header("User-Agent", ua)
        .header("X-Requested-With", "XMLHttpRequest")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["access-control-allow-origin"], "*");
    let r = client()
        .request(reqwest::Method::OPTIONS, &url)
        .send()
        .await
        .unwrap();
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
    let t = sb.admin_token.clone();
    let (s, v) = send(
        &sb,
        "PUT",
        &t,
        "/api/v1/organization/acme/robots/tempbot",
        Some(json!({"description": "temp"})),
    )
    .await;
    assert_eq!(s, 201);
    assert_eq!(v["unstructured_metadata"], Value::Null);
    let (s, _) = send(
        &sb,
        "PUT",
        &t,
        "/api/v1/repository/acme/billing/permissions/user/acme+tempbot",
        Some(json!({"role": "admin"})),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = send(
        &sb,
        "PUT",
        &t,
        "/api/v1/organization/acme/team/readers/members/acme+tempbot",
        None,
    )
    .await;
    assert_eq!(s, 200);
    let (s, p) = send(
        &sb,
        "POST",
        &t,
        "/api/v1/organization/acme/prototypes",
        Some(json!({"role": "read", "delegate": {"kind": "user", "name": "acme+tempbot"}})),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(p["delegate"]["is_robot"], true);
    let (_, perms) = get(
        &sb,
        &t,
        "/api/v1/organization/acme/robots/tempbot/permissions",
    )
    .await;
    assert_eq!(perms["permissions"][0]["role"], "admin");
    let (s, fed) = send(
        &sb,
        "POST",
        &t,
        "/api/v1/organization/acme/robots/tempbot/federation",
        Some(json!([{"issuer": "https://i.example", "subject": "s", "isExpanded": false}])),
    )
    .await;
    assert_eq!(
        (s, fed.clone()),
        (
            200,
            json!([{"issuer": "https://i.example", "subject": "s"}])
        )
    );
    let (s, _) = send(
        &sb,
        "DELETE",
        &t,
        "/api/v1/organization/acme/robots/tempbot",
        None,
    )
    .await;
    assert_eq!(s, 204);
    let (_, protos) = get(&sb, &t, "/api/v1/organization/acme/prototypes").await;
    assert!(!protos.to_string().contains("acme+tempbot"));
    let (_, members) = get(&sb, &t, "/api/v1/organization/acme/team/readers/members").await;
    assert!(!members.to_string().contains("acme+tempbot"));
    let (_, perms) = get(&sb, &t, "/api/v1/repository/acme/billing/permissions/user/").await;
    assert!(!perms.to_string().contains("acme+tempbot"));
    let (s, v) = get(&sb, &t, "/api/v1/organization/acme/robots/tempbot").await;
    assert_eq!(
        (s, v["message"].as_str()),
        (400, Some("Could not find robot with specified username"))
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn persistence_across_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = cfg();
    c.data_dir = Some(dir.path().to_path_buf());
    let sb = start(c.clone()).await.unwrap();
    assert!(sb.admin_token_generated);
    let token = sb.admin_token.clone();
    let (s, created) = send(
        &sb,
        "PUT",
        &token,
        "/api/v1/organization/acme/robots/persisted",
        Some(json!({"description": "kept"})),
    )
    .await;
    assert_eq!(s, 201);
    sb.shutdown().await;
    assert!(dir.path().join("quay-sandbox.db").exists());

    let sb = start(c).await.unwrap();
    assert_eq!(sb.admin_token, token, "generated admin token is persisted");
    assert!(!sb.admin_token_generated);
    let (s, v) = get(&sb, &token, "/api/v1/organization/acme/robots/persisted").await;
    assert_eq!(s, 200);
    assert_eq!(v["description"], "kept");
    assert_eq!(v["token"], created["token"]);
    // Seeding ran only once.
    let (_, v) = get(&sb, &token, "/api/v1/organization/acme/robots").await;
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
    };
    let sb = start(c.clone()).await.unwrap();
    assert_eq!(sb.admin_token, "ADMINTOKEN");
    let (_, v) = get(
        &sb,
        "ADMINTOKEN",
        "/api/v1/organization/acme/robots?permissions=true&token=false",
    )
    .await;
    let robots = v["robots"].as_array().unwrap();
    assert_eq!(robots.len(), 44);
    let bot = robots.iter().find(|r| r["name"] == "acme+bot0003").unwrap();
    assert_eq!(bot["teams"].as_array().unwrap().len(), 1);
    assert!(!bot["repositories"].as_array().unwrap().is_empty());
    let (_, org) = get(&sb, "ADMINTOKEN", "/api/v1/organization/acme").await;
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
        let (s, v) = get(&sb, "ADMINTOKEN", &path).await;
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
    let (s, v) = get(&sb, "ADMINTOKEN", "/api/v1/repository").await;
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
    let (_, v) = get(&sb, "ADMINTOKEN", "/api/v1/organization/acme/robots").await;
    assert_eq!(v["robots"].as_array().unwrap().len(), 54);
    sb.shutdown().await;
}

#[tokio::test]
async fn fault_injection() {
    let sb = start(cfg()).await.unwrap();
    let t = sb.admin_token.clone();
    let (s, _) = send(&sb, "POST", &t, "/sandbox/faults", Some(json!({"method": "DELETE", "path_contains": "/robots/backup.bot", "status": 500, "times": 1}))).await;
    assert_eq!(s, 200);
    let (s, v) = send(
        &sb,
        "DELETE",
        &t,
        "/api/v1/organization/acme/robots/backup.bot",
        None,
    )
    .await;
    assert_eq!(s, 500);
    assert_eq!(v["status"], 500);
    let (s, _) = send(
        &sb,
        "DELETE",
        &t,
        "/api/v1/organization/acme/robots/backup.bot",
        None,
    )
    .await;
    assert_eq!(s, 204, "the rule fired once");
    // Custom body, unlimited until cleared; other paths unaffected.
    send(&sb, "POST", &t, "/sandbox/faults", Some(json!({"path_contains": "/repository/acme/billing/", "status": 400, "body": {"message": "boom"}}))).await;
    for _ in 0..2 {
        let (s, v) = send(
            &sb,
            "PUT",
            &t,
            "/api/v1/repository/acme/billing/permissions/user/acme+scanner",
            Some(json!({"role": "read"})),
        )
        .await;
        assert_eq!((s, v), (400, json!({"message": "boom"})));
    }
    let (s, _) = send(
        &sb,
        "PUT",
        &t,
        "/api/v1/repository/acme/checkout/permissions/user/acme+scanner",
        Some(json!({"role": "read"})),
    )
    .await;
    assert_eq!(s, 200);
    let (s, _) = send(&sb, "DELETE", &t, "/sandbox/faults", None).await;
    assert_eq!(s, 204);
    let (s, _) = send(
        &sb,
        "PUT",
        &t,
        "/api/v1/repository/acme/billing/permissions/user/acme+scanner",
        Some(json!({"role": "read"})),
    )
    .await;
    assert_eq!(s, 200);
    // Error rate 1 → every /api call fails with 500 or 503; /config is not affected.
    send(
        &sb,
        "PUT",
        &t,
        "/sandbox/settings",
        Some(json!({"error_rate": 1.0})),
    )
    .await;
    let (s, _) = get(&sb, &t, "/api/v1/organization/acme/robots").await;
    assert!(s == 500 || s == 503);
    let (s, _) = get(&sb, &t, "/config").await;
    assert_eq!(s, 200);
    send(
        &sb,
        "PUT",
        &t,
        "/sandbox/settings",
        Some(json!({"error_rate": 0.0, "latency_ms": 150})),
    )
    .await;
    let t0 = std::time::Instant::now();
    let (s, _) = get(&sb, &t, "/api/v1/organization/acme/robots").await;
    assert_eq!(s, 200);
    assert!(t0.elapsed() >= Duration::from_millis(150));
    // The admin API refuses other tokens.
    let (s, _) = send(
        &sb,
        "PUT",
        "nope",
        "/sandbox/settings",
        Some(json!({"error_rate": 1.0})),
    )
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
    let (s, _) = get(&sb, &sb.admin_token, "/api/v1/user/").await;
    assert!(s == 500 || s == 503);
    sb.shutdown().await;
}

#[tokio::test]
async fn robots_disallow() {
    let mut c = cfg();
    c.robots_disallow = true;
    let sb = start(c).await.unwrap();
    let (_, v) = get(&sb, "", "/config").await;
    assert_eq!(v["config"]["ROBOTS_DISALLOW"], true);
    // Checked before the name: even an invalid name gets the disallow message.
    let (s, v) = send(
        &sb,
        "PUT",
        &sb.admin_token,
        "/api/v1/organization/acme/robots/Bad!",
        Some(json!({})),
    )
    .await;
    assert_eq!(
        (s, v["error_message"].as_str()),
        (
            400,
            Some("Robot accounts have been disabled. Please contact your administrator.")
        )
    );
    send(
        &sb,
        "PUT",
        &sb.admin_token,
        "/sandbox/settings",
        Some(json!({"robots_disallow": false})),
    )
    .await;
    let (s, _) = send(
        &sb,
        "PUT",
        &sb.admin_token,
        "/api/v1/organization/acme/robots/okbot",
        Some(json!({})),
    )
    .await;
    assert_eq!(s, 201);
    let (_, v) = get(&sb, "", "/config").await;
    assert!(v["config"].get("ROBOTS_DISALLOW").is_none());
    sb.shutdown().await;
}

fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
}

#[tokio::test]
async fn registry_login_and_exchange_errors() {
    let sb = start(cfg()).await.unwrap();
    let t = sb.admin_token.clone();
    let (_, robot) = get(&sb, &t, "/api/v1/organization/acme/robots/backup.bot").await;
    assert_eq!(robot["last_accessed"], Value::Null);
    let token = robot["token"].as_str().unwrap().to_string();
    let c = client();
    let r = c.get(format!("{}/v2/", sb.base_url)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 401);
    let challenge = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(
        challenge,
        format!(
            "Bearer realm=\"http://{0}/v2/auth\",service=\"{0}\"",
            sb.addr
        )
    );
    let r = c
        .get(format!(
            "{}/v2/auth?account=acme%2Bbackup.bot&service={}&scope=repository:acme/billing:pull",
            sb.base_url, sb.addr
        ))
        .header("Authorization", basic("acme+backup.bot", &token))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let jwt = r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let r = c
        .get(format!("{}/v2/", sb.base_url))
        .bearer_auth(&jwt)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let (_, robot) = get(&sb, &t, "/api/v1/organization/acme/robots/backup.bot").await;
    assert!(robot["last_accessed"].is_string());
    let r = c
        .get(format!("{}/v2/auth?account=acme%2Bbackup.bot", sb.base_url))
        .header("Authorization", basic("acme+backup.bot", "WRONG"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    assert_eq!(
        r.json::<Value>().await.unwrap()["errors"][0]["message"],
        "Could not find robot with username: acme+backup.bot and supplied password."
    );
    // Keyless exchange errors that need no issuer.
    let url = format!("{}/oauth2/federation/robot/token", sb.base_url);
    let r = c.get(&url).send().await.unwrap();
    assert_eq!(
        (r.status().as_u16(), r.json::<Value>().await.unwrap()),
        (401, json!({"error": "No auth header"}))
    );
    let r = c
        .get(&url)
        .header("Authorization", basic("demo", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        (r.status().as_u16(), r.json::<Value>().await.unwrap()),
        (401, json!({"error": "Invalid robot"}))
    );
    let r = c
        .get(&url)
        .header("Authorization", basic("acme+nosuchbot", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        (r.status().as_u16(), r.json::<Value>().await.unwrap()),
        (
            400,
            json!({"message": "Could not find robot with specified username"})
        )
    );
    let r = c
        .get(&url)
        .header("Authorization", basic("acme+backup.bot", "notajwt"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.json::<Value>().await.unwrap()["message"].is_string());
    sb.shutdown().await;
}

#[tokio::test]
async fn session_signin_and_csrf() {
    let sb = start(cfg()).await.unwrap();
    let c = client();
    let r = c
        .get(format!("{}/csrf_token", sb.base_url))
        .send()
        .await
        .unwrap();
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = r.json::<Value>().await.unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_string();
    let r = c
        .post(format!("{}/api/v1/signin", sb.base_url))
        .header("Cookie", &cookie)
        .header("X-CSRF-Token", &csrf)
        .json(&json!({"username": "demo", "password": "password"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let next = r.headers()["x-next-csrf-token"]
        .to_str()
        .unwrap()
        .to_string();
    let r = c
        .get(format!("{}/api/v1/organization/acme/robots", sb.base_url))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let r = c
        .put(format!(
            "{}/api/v1/organization/acme/robots/sessbot",
            sb.base_url
        ))
        .header("Cookie", &cookie)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert_eq!(
        r.json::<Value>().await.unwrap()["error"],
        "CSRF token was invalid or missing. (authorized: user demo)"
    );
    let r = c
        .put(format!(
            "{}/api/v1/organization/acme/robots/sessbot",
            sb.base_url
        ))
        .header("Cookie", &cookie)
        .header("X-CSRF-Token", &next)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 201);
    sb.shutdown().await;
}
