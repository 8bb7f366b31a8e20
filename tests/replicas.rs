//! Stateless replicas: two console processes with the same session key serve one signed-in
//! visitor's calls alternately — sign-in on one, a bulk permission save on the other, "Retry
//! failed" back on the first, a wizard create and its retry split between them. No job, session
//! or CSRF state lives in either process.
#![cfg(feature = "ssr")]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

const TOKEN: &str = "replica-test-admin-token";

/// A console process started from the built binary, on a free loopback port.
struct Console {
    child: Child,
    base: String,
}

impl Console {
    fn start(quay_url: &str, key: &str, dir: &std::path::Path) -> Console {
        let mut child = Command::new(env!("CARGO_BIN_EXE_robot-console"))
            .args(["--addr", "127.0.0.1:0", "--quay-url", quay_url])
            .arg("--data-dir")
            .arg(dir)
            .env("ROBOT_CONSOLE_SESSION_KEY", key)
            .env_remove("QUAY_TOKEN")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .expect("the console binary starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Console { child, base }
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One browser: cookies and the page's CSRF token, used against either console.
#[derive(Default)]
struct Browser {
    cookies: std::collections::BTreeMap<String, String>,
    token: String,
}

impl Browser {
    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, resp: &reqwest::Response) {
        for c in resp.headers().get_all("set-cookie") {
            let c = c.to_str().unwrap();
            let (k, v) = c.split(';').next().unwrap().split_once('=').unwrap();
            self.cookies.insert(k.to_string(), v.to_string());
        }
    }

    async fn open(&mut self, console: &Console, path: &str) -> String {
        let resp = reqwest::Client::new()
            .get(format!("{}{path}", console.base))
            .header("Cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep(&resp);
        let html = resp.text().await.unwrap();
        if let Some(i) = html.find("name=\"csrf-token\" content=\"") {
            let rest = &html[i + 27..];
            self.token = rest[..rest.find('"').unwrap()].to_string();
        }
        html
    }

    async fn call(
        &mut self,
        console: &Console,
        name: &str,
        body: serde_json::Value,
    ) -> reqwest::Response {
        let resp = reqwest::Client::new()
            .post(format!("{}/api/{name}", console.base))
            .header("Accept", "application/json")
            .header("Origin", &console.base)
            .header("Cookie", self.cookie_header())
            .header("x-csrf-token", &self.token)
            .json(&body)
            .send()
            .await
            .unwrap();
        self.keep(&resp);
        resp
    }

    async fn form(
        &mut self,
        console: &Console,
        name: &str,
        form: &[(&str, &str)],
    ) -> reqwest::Response {
        let resp = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap()
            .post(format!("{}/api/{name}", console.base))
            .header("Accept", "application/json")
            .header("Origin", &console.base)
            .header("Cookie", self.cookie_header())
            .header("x-csrf-token", &self.token)
            .form(form)
            .send()
            .await
            .unwrap();
        self.keep(&resp);
        resp
    }
}

/// `(item, result)` of a streamed bulk answer, sorted.
async fn outcomes(resp: reqwest::Response) -> Vec<(String, String)> {
    assert_eq!(resp.status(), 200);
    let text = resp.text().await.unwrap();
    let mut v: Vec<(String, String)> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|e| e["event"] == "item")
        .map(|e| {
            (
                e["item"].to_string(),
                e["outcome"]["result"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_consoles_with_one_key_serve_one_visitors_bulk_work_alternately() {
    let sandbox = quay_sandbox::start(quay_sandbox::SandboxConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        admin_token: Some(TOKEN.into()),
        ..Default::default()
    })
    .await
    .unwrap();
    let key = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode([7u8; 64])
    };
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Console::start(&sandbox.base_url, &key, da.path());
    let b = Console::start(&sandbox.base_url, &key, db.path());
    let mut browser = Browser::default();

    // Sign in on A; B knows the session and the CSRF token (same key, nothing else shared).
    browser.open(&a, "/signin").await;
    let signed = browser.form(&a, "sign_in", &[("token", TOKEN)]).await;
    assert!(signed.status().is_success() || signed.status().is_redirection());
    let html = browser
        .open(&b, "/organization/acme?tab=Robotaccounts")
        .await;
    assert!(html.contains("acme+deployer"), "B serves A's session");

    // A bulk save on B with one repository failing, "Retry failed" on A.
    let admin = reqwest::Client::new();
    admin
        .post(format!("{}/sandbox/faults", sandbox.base_url))
        .bearer_auth(TOKEN)
        .json(&serde_json::json!({"method": "PUT", "path_contains": "/repository/acme/billing/", "status": 500}))
        .send()
        .await
        .unwrap();
    let changes = serde_json::json!([
        {"repo": "billing", "action": {"Put": "Write"}},
        {"repo": "checkout", "action": {"Put": "Read"}},
        {"repo": "auth-service", "action": {"Put": "Admin"}},
    ]);
    let saved = browser
        .call(
            &b,
            "save_permissions",
            serde_json::json!({"namespace": "acme", "short": "scanner", "changes": changes}),
        )
        .await;
    let got = outcomes(saved).await;
    assert_eq!(
        got.iter().filter(|(_, r)| r == "failed").count(),
        1,
        "{got:?}"
    );
    admin
        .delete(format!("{}/sandbox/faults", sandbox.base_url))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    let retried = browser
        .call(
            &a,
            "save_permissions",
            serde_json::json!({"namespace": "acme", "short": "scanner",
                "changes": [{"repo": "billing", "action": {"Put": "Write"}}]}),
        )
        .await;
    assert_eq!(outcomes(retried).await.len(), 1);
    let map: serde_json::Value = browser
        .form(
            &b,
            "robot_permission_map",
            &[("namespace", "acme"), ("short", "scanner")],
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(map["billing"], "Write");
    assert_eq!(map["checkout"], "Read");
    assert_eq!(map["auth-service"], "Admin");

    // A wizard create on A, its retry on B.
    let created = browser
        .call(
            &a,
            "wizard_create_robot",
            serde_json::json!({"namespace": "acme", "plan": {"short": "replica_bot", "description": "",
                "repos": {"billing": "Read"}, "teams": ["no-such-team"], "default_perm": "None"}}),
        )
        .await;
    let got = outcomes(created).await;
    assert_eq!(got.len(), 2, "{got:?}");
    let retried = browser
        .call(
            &b,
            "wizard_retry_steps",
            serde_json::json!({"namespace": "acme", "short": "replica_bot", "steps": [{"Team": {"team": "developers"}}]}),
        )
        .await;
    assert_eq!(
        outcomes(retried).await,
        vec![(
            r#"{"Team":{"team":"developers"}}"#.to_string(),
            "done".to_string()
        )]
    );
    let html = browser
        .open(&a, "/organization/acme?tab=Robotaccounts")
        .await;
    assert!(html.contains("acme+replica_bot"));
    drop((a, b));
    sandbox.shutdown().await;
}
