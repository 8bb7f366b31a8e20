//! Standing-aware server functions (issue 20): a plain member gets robot names only and every
//! management call refused early with the page's words; an outsider gets nothing; a superuser is
//! told apart from an administrator; a narrow token hears which scope it lacks.
#![cfg(feature = "ssr")]

use robot_console::config::Config;
use robot_console::serve::spawn;
use serde_json::{json, Value};

mod common;
use common::client;

const ADMIN: &str = "roles-test-admin-token";

/// A browser signed in to the console with `token`.
struct User {
    base: String,
    cookie: String,
    csrf: String,
}

impl User {
    async fn sign_in(base: &str, token: &str) -> User {
        let page = client().get(format!("{base}/signin")).send().await.unwrap();
        let mut cookies: Vec<String> = page
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
            .collect();
        let html = page.text().await.unwrap();
        let i = html.find("name=\"csrf-token\" content=\"").unwrap() + 27;
        let csrf = html[i..i + html[i..].find('"').unwrap()].to_string();
        let signed = client()
            .post(format!("{base}/api/sign_in"))
            .header("Origin", base)
            .header("Cookie", cookies.join("; "))
            .header("x-csrf-token", &csrf)
            .form(&[("token", token)])
            .send()
            .await
            .unwrap();
        assert!(
            signed.status().as_u16() < 400,
            "sign-in: {}",
            signed.status()
        );
        cookies.extend(
            signed
                .headers()
                .get_all("set-cookie")
                .iter()
                .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string()),
        );
        User {
            base: base.to_string(),
            cookie: cookies.join("; "),
            csrf,
        }
    }

    async fn call(&self, name: &str, form: &[(&str, &str)]) -> (u16, Value) {
        let r = client()
            .post(format!("{}/api/{name}", self.base))
            .header("Accept", "application/json")
            .header("Origin", &self.base)
            .header("Cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .form(form)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.json().await.unwrap_or(Value::Null))
    }

    async fn call_json(&self, name: &str, body: Value) -> (u16, Value) {
        let r = client()
            .post(format!("{}/api/{name}", self.base))
            .header("Accept", "application/json")
            .header("Origin", &self.base)
            .header("Cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }
}

async fn mint(sandbox: &str, body: Value) -> String {
    let r: Value = client()
        .post(format!("{sandbox}/sandbox/tokens"))
        .bearer_auth(ADMIN)
        .json(&body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["token"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_standing_gets_what_quay_would_allow_and_nothing_that_ends_in_a_403() {
    let sandbox = quay_sandbox::start(quay_sandbox::SandboxConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        admin_token: Some(ADMIN.into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut c = {
        use clap::Parser;
        Config::try_parse_from(["robot-console"]).unwrap()
    };
    c.addr = "127.0.0.1:0".parse().unwrap();
    c.data_dir = dir.path().to_path_buf();
    c.quay_url = Some(sandbox.base_url.clone());
    c.quay_token = None;
    c.session_key = None;
    let app = spawn(c).await.unwrap();
    let base = app.url();
    let sb = sandbox.base_url.clone();

    // A plain member: names only, and management refused with the page's words.
    let bob = User::sign_in(&base, &mint(&sb, json!({"user": "bob"})).await).await;
    let (s, page) = bob.call("list_robots", &[("namespace", "acme")]).await;
    assert_eq!(s, 200);
    assert_eq!(page["standing"]["Member"]["admin_teams"], json!(["owners"]));
    let deployer = page["robots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "acme+deployer")
        .unwrap();
    assert_eq!(deployer["teams"], Value::Null, "unknown, not 'no teams'");
    assert_eq!(deployer["repositories"], Value::Null);
    let note = "Only administrators of acme (the members of team owners) can see and manage its robot accounts' permissions, teams and credentials.";
    for (name, args) in [
        (
            "robot_credentials",
            vec![("namespace", "acme"), ("short", "deployer")],
        ),
        (
            "robot_repo_permissions",
            vec![("namespace", "acme"), ("short", "deployer")],
        ),
        (
            "get_federation",
            vec![("namespace", "acme"), ("robot", "acme+deployer")],
        ),
        ("org_teams", vec![("namespace", "acme")]),
        ("access_plan", vec![("namespace", "acme")]),
        ("iac_export", vec![("namespace", "acme"), ("json", "false")]),
    ] {
        let (s, e) = bob.call(name, &args).await;
        assert_eq!((s, e["message"].as_str()), (403, Some(note)), "{name}");
    }
    let (s, e) = bob
        .call_json(
            "delete_robots",
            json!({"namespace": "acme", "names": ["acme+deployer"]}),
        )
        .await;
    assert_eq!((s, e["message"].as_str()), (403, Some(note)));
    let (s, e) = bob
        .call_json(
            "access_gather",
            json!({"namespace": "acme", "fetches": [{"fetch": "robot", "name": "acme+deployer"}]}),
        )
        .await;
    assert_eq!(
        (s, e["message"].as_str()),
        (403, Some(note)),
        "access_gather"
    );
    for (name, body) in [
        (
            "iac_plan",
            json!({"namespace": "acme", "text": "version: 1\nnamespace: acme\n", "prune": true}),
        ),
        (
            "iac_apply",
            json!({"namespace": "acme", "changes": [{"change": "delete_robot", "robot": "deployer"}]}),
        ),
        (
            "robot_activity",
            json!({"namespace": "acme", "robot": "acme+deployer",
                "range": {"start": "2026-11-01", "end": "2026-11-30"}}),
        ),
        (
            "robot_activity_events",
            json!({"namespace": "acme", "robot": "acme+deployer",
                "range": {"start": "2026-11-01", "end": "2026-11-30"},
                "filter": {}, "cursor": null}),
        ),
        (
            "robots_last_used",
            json!({"namespace": "acme", "robots": ["acme+deployer"]}),
        ),
    ] {
        let (s, e) = bob.call_json(name, body).await;
        assert_eq!((s, e["message"].as_str()), (403, Some(note)), "{name}");
    }
    let still = client()
        .get(format!("{sb}/api/v1/organization/acme/robots/deployer"))
        .bearer_auth(ADMIN)
        .send()
        .await
        .unwrap();
    assert_eq!(still.status(), 200, "nothing was deleted");

    // An outsider: the page is told, no robots.
    let olivia = User::sign_in(&base, &mint(&sb, json!({"user": "olivia"})).await).await;
    let (s, page) = olivia.call("list_robots", &[("namespace", "acme")]).await;
    assert_eq!((s, &page["standing"]), (200, &json!("Outsider")));
    assert_eq!(page["robots"], json!([]));

    // A superuser who administers nothing: told apart from an administrator.
    let root = User::sign_in(
        &base,
        &mint(&sb, json!({"user": "quayadmin", "superuser": true})).await,
    )
    .await;
    let (_, page) = root.call("list_robots", &[("namespace", "acme")]).await;
    assert_eq!(page["standing"], json!("Superuser"));
    let (_, list) = root.call("list_namespaces", &[]).await;
    assert_eq!(list["superuser"], true);
    assert!(list["namespaces"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["name"] == "globex"));
    // The administrator is an administrator.
    let demo = User::sign_in(&base, ADMIN).await;
    let (_, page) = demo.call("list_robots", &[("namespace", "acme")]).await;
    assert_eq!(page["standing"], json!("Admin"));

    // A token without org:admin: the missing scope is named.
    let narrow = User::sign_in(
        &base,
        &mint(
            &sb,
            json!({"user": "demo", "scopes": ["repo:read", "user:read"]}),
        )
        .await,
    )
    .await;
    let (s, e) = narrow.call("list_robots", &[("namespace", "acme")]).await;
    assert_eq!(s, 403);
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("lacks the org:admin scope"),
        "{e}"
    );
    app.shutdown().await;
    sandbox.shutdown().await;
}
