//! Registry login with a real client (skopeo), over plain HTTP.

use std::process::Command;
use std::time::Duration;

use quay_sandbox::{start, SandboxConfig};
use serde_json::Value;

fn skopeo_login(addr: &str, user: &str, pass: &str, authfile: &std::path::Path) -> (bool, String) {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skopeo_login_with_robot_token_and_regenerate() {
    if Command::new("skopeo").arg("--version").output().is_err() {
        println!("skipped: skopeo is not installed");
        return;
    }
    let sb = start(SandboxConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..Default::default()
    })
    .await
    .unwrap();
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let robot: Value = client
        .get(format!(
            "{}/api/v1/organization/acme/robots/deployer",
            sb.base_url
        ))
        .bearer_auth(&sb.admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let old = robot["token"].as_str().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let authfile = dir.path().join("auth.json");
    let addr = sb.addr.to_string();

    let (a, f) = (addr.clone(), authfile.clone());
    let o = old.clone();
    let (ok, out) = tokio::task::spawn_blocking(move || skopeo_login(&a, "acme+deployer", &o, &f))
        .await
        .unwrap();
    assert!(ok, "skopeo login with the robot token failed: {out}");
    assert!(std::fs::read_to_string(&authfile).unwrap().contains(&addr));

    let regen: Value = client
        .post(format!(
            "{}/api/v1/organization/acme/robots/deployer/regenerate",
            sb.base_url
        ))
        .bearer_auth(&sb.admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let new = regen["token"].as_str().unwrap().to_string();
    assert_ne!(new, old);

    let (a, f) = (addr.clone(), authfile.clone());
    let (ok, out) =
        tokio::task::spawn_blocking(move || skopeo_login(&a, "acme+deployer", &old, &f))
            .await
            .unwrap();
    assert!(!ok, "the old token must fail after regenerate: {out}");
    let (a, f) = (addr.clone(), authfile.clone());
    let (ok, out) =
        tokio::task::spawn_blocking(move || skopeo_login(&a, "acme+deployer", &new, &f))
            .await
            .unwrap();
    assert!(ok, "skopeo login with the new token failed: {out}");
    sb.shutdown().await;
}
