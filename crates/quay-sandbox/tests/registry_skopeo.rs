//! Registry login with a real client (skopeo), over plain HTTP.

mod common;

use std::path::Path;
use std::process::Command;

use common::{cfg, Api};
use quay_sandbox::start;

fn skopeo_login(addr: &str, user: &str, pass: &str, authfile: &Path) -> (bool, String) {
    let out = Command::new("skopeo")
        .args([
            "login",
            "--tls-verify=false",
            "-u",
            user,
            "-p",
            pass,
            addr,
            "--authfile",
        ])
        .arg(authfile)
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .output()
        .expect("run skopeo");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// `skopeo login` as `acme+deployer` (run off the async runtime).
async fn login_deployer(addr: &str, pass: &str, authfile: &Path) -> (bool, String) {
    let (a, p, f) = (addr.to_string(), pass.to_string(), authfile.to_path_buf());
    tokio::task::spawn_blocking(move || skopeo_login(&a, "acme+deployer", &p, &f))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skopeo_login_with_robot_token_and_regenerate() {
    if Command::new("skopeo").arg("--version").output().is_err() {
        println!("skipped: skopeo is not installed");
        return;
    }
    let sb = start(cfg()).await.unwrap();
    let api = Api::bearer(&sb, &sb.admin_token);
    let (_, robot) = api.get("/api/v1/organization/acme/robots/deployer").await;
    let old = robot["token"].as_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let authfile = dir.path().join("auth.json");
    let addr = sb.addr.to_string();

    let (ok, out) = login_deployer(&addr, &old, &authfile).await;
    assert!(ok, "skopeo login with the robot token failed: {out}");
    assert!(std::fs::read_to_string(&authfile).unwrap().contains(&addr));

    let (_, regen) = api
        .send(
            "POST",
            "/api/v1/organization/acme/robots/deployer/regenerate",
            None,
        )
        .await;
    let new = regen["token"].as_str().unwrap().to_string();
    assert_ne!(new, old);

    let (ok, out) = login_deployer(&addr, &old, &authfile).await;
    assert!(!ok, "the old token must fail after regenerate: {out}");
    let (ok, out) = login_deployer(&addr, &new, &authfile).await;
    assert!(ok, "skopeo login with the new token failed: {out}");
    sb.shutdown().await;
}

fn skopeo(args: &[&str], authfile: &Path) -> (bool, String) {
    let out = Command::new("skopeo")
        .args(args)
        .arg("--authfile")
        .arg(authfile)
        .env_remove("HTTP_PROXY")
        .env_remove("HTTPS_PROXY")
        .env_remove("http_proxy")
        .env_remove("https_proxy")
        .output()
        .expect("run skopeo");
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

/// The browser-test scenario: log in with skopeo, inspect (pull the manifest and config), then
/// find the login and the pull in the organization's usage logs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skopeo_inspect_is_logged_as_a_pull() {
    if Command::new("skopeo").arg("--version").output().is_err() {
        println!("skipped: skopeo is not installed");
        return;
    }
    let sb = start(cfg()).await.unwrap();
    let api = Api::bearer(&sb, &sb.admin_token);
    let (_, robot) = api.get("/api/v1/organization/acme/robots/deployer").await;
    let token = robot["token"].as_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let authfile = dir.path().join("auth.json");
    let addr = sb.addr.to_string();
    let image = format!("docker://{addr}/acme/billing:latest");
    let (a, f, t) = (addr.clone(), authfile.clone(), token.clone());
    let (ok, out) = tokio::task::spawn_blocking(move || {
        let login = skopeo(
            &[
                "login",
                "--tls-verify=false",
                "-u",
                "acme+deployer",
                "-p",
                &t,
                &a,
            ],
            &f,
        );
        if !login.0 {
            return login;
        }
        skopeo(&["inspect", "--tls-verify=false", &image], &f)
    })
    .await
    .unwrap();
    assert!(ok, "skopeo login + inspect failed: {out}");
    let inspected: serde_json::Value = serde_json::from_str(&out).expect("inspect prints JSON");
    assert!(inspected["Digest"].as_str().unwrap().starts_with("sha256:"));
    assert_eq!(inspected["Architecture"], "amd64");
    assert_eq!(inspected["Layers"].as_array().unwrap().len(), 1);

    let (_, v) = api
        .get("/api/v1/organization/acme/logs?performer=acme%2Bdeployer")
        .await;
    let kinds: Vec<&str> = v["logs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert!(kinds.contains(&"login_success"), "{kinds:?}");
    assert!(kinds.contains(&"pull_repo"), "{kinds:?}");
    let pull = v["logs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "pull_repo")
        .unwrap();
    assert_eq!(pull["metadata"]["repo"], "billing");
    let ua = pull["metadata"]["user-agent"].as_str().unwrap();
    assert!(ua.contains("skopeo") || ua.contains("containers"), "{ua}");
    sb.shutdown().await;
}
