//! What an operator relies on, over loopback against the built binary: request ids answered and
//! passed to Quay, `/metrics` with names kept out of labels, `/readyz` following Quay, JSON log
//! lines without tokens or query strings, and a SIGTERM that lets running bulk work finish.
#![cfg(feature = "ssr")]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

mod common;
use common::client;

const TOKEN: &str = "observe-test-admin-token";

/// A console process on free loopback ports; its log lines are collected.
struct Console {
    child: Child,
    base: String,
    sandbox: Option<String>,
    logs: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Console {
    fn start(args: &[&str], dir: &std::path::Path) -> Console {
        let mut child = Command::new(env!("CARGO_BIN_EXE_robot-console"))
            .args(["--addr", "127.0.0.1:0", "--sandbox-addr", "127.0.0.1:0"])
            .args(["--admin-token", TOKEN, "--log-format", "json"])
            .args(args)
            .arg("--data-dir")
            .arg(dir)
            .env_remove("QUAY_URL")
            .env_remove("QUAY_TOKEN")
            .env("RUST_LOG", "info")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the console binary starts");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        // Log lines go to stdout too: the address line is the one that says "listening".
        let logs = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        loop {
            line.clear();
            assert!(out.read_line(&mut line).unwrap() > 0, "the console exited");
            if line.contains("robot-console listening on") {
                break;
            }
            logs.lock().unwrap().push_str(&line);
        }
        let urls: Vec<String> = line
            .split_whitespace()
            .filter(|w| w.starts_with("http://"))
            .map(|w| w.trim_end_matches([',', ')']).to_string())
            .collect();
        for mut stream in [
            Box::new(out) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let logs = logs.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n) = stream.read(&mut buf) {
                    if n == 0 {
                        break;
                    }
                    logs.lock()
                        .unwrap()
                        .push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            });
        }
        Console {
            child,
            base: urls[0].clone(),
            sandbox: urls.get(1).cloned(),
            logs,
        }
    }

    fn logs(&self) -> String {
        self.logs.lock().unwrap().clone()
    }
}

impl Drop for Console {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// The CSRF cookie and token a page gives a visitor.
async fn csrf(base: &str) -> (String, String) {
    let resp = client().get(format!("{base}/signin")).send().await.unwrap();
    let cookie = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .collect::<Vec<_>>()
        .join("; ");
    let html = resp.text().await.unwrap();
    let i = html.find("name=\"csrf-token\"").unwrap();
    let c = html[i..].find("content=\"").unwrap() + 9;
    let end = html[i + c..].find('"').unwrap();
    (cookie, html[i + c..i + c + end].to_string())
}

fn admin(req: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
    req.bearer_auth(TOKEN)
}

#[test]
fn request_ids_reach_quay_and_metrics_hold_no_names() {
    let dir = tempfile::tempdir().unwrap();
    let console = Console::start(&[], dir.path());
    let sandbox = console.sandbox.clone().expect("embedded backend address");
    rt().block_on(async {
        // A plain id from the client is answered and passed on to every Quay call of the page.
        let resp = client()
            .get(format!("{}/organization/acme?tab=Robotaccounts&q=secret-query", console.base))
            .header("X-Request-ID", "obs-test-0001")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        assert_eq!(resp.headers()["x-request-id"], "obs-test-0001");
        let html = resp.text().await.unwrap();
        assert!(html.contains("acme+"), "the robots tab renders its robots");
        let log: Vec<serde_json::Value> = admin(client().get(format!("{sandbox}/sandbox/requests")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let tagged: Vec<&serde_json::Value> = log
            .iter()
            .filter(|r| r["request_id"] == "obs-test-0001")
            .collect();
        assert!(
            tagged.iter().any(|r| r["path"].as_str().unwrap().contains("/robots")),
            "the page's Quay calls carry its id: {log:?}"
        );

        // An id that is not a plain token is replaced.
        let resp = client()
            .get(format!("{}/healthz", console.base))
            .header("X-Request-ID", "bad id; token=x")
            .send()
            .await
            .unwrap();
        let id = resp.headers()["x-request-id"].to_str().unwrap().to_string();
        assert_eq!(id.len(), 16);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));

        let resp = client()
            .get(format!("{}/metrics", console.base))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let text = resp.text().await.unwrap();
        for want in [
            "robot_console_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"}",
            "robot_console_http_request_duration_seconds_bucket{",
            "robot_console_quay_requests_total{endpoint=\"/api/v1/organization/{}/robots\",method=\"GET\",status=\"200\"}",
            "robot_console_quay_request_duration_seconds_bucket{",
            "robot_console_bulk_runs_in_flight 0",
            "robot_console_build_info{version=\"",
        ] {
            assert!(text.contains(want), "{want} missing from\n{text}");
        }
        assert!(text.contains("route=\"/organization/"), "{text}");
        assert!(!text.contains("acme"), "a name in a label:\n{text}");

        // Probes answer any Host.
        let resp = client()
            .get(format!("{}/readyz", console.base))
            .header("Host", "10.1.2.3:3000")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
    });
    let logs = console.logs();
    let line = logs
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|l| l["request_id"] == "obs-test-0001" && l["message"] == "request")
        .unwrap_or_else(|| panic!("no JSON request line in\n{logs}"));
    assert_eq!(line["method"], "GET");
    assert_eq!(line["path"], "/organization/acme");
    assert_eq!(line["status"], 200);
    assert!(line["ms"].is_u64());
    assert!(!logs.contains("secret-query"), "a query string was logged");
    assert!(!logs.contains(TOKEN), "a token was logged");
}

#[test]
fn readyz_follows_quay() {
    let dir = tempfile::tempdir().unwrap();
    // Nothing listens on the port of a listener just closed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}");
    let console = Console::start(
        &["--quay-url", &url, "--quay-timeout-secs", "2"],
        dir.path(),
    );
    rt().block_on(async {
        let resp = client()
            .get(format!("{}/readyz", console.base))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 503);
        let body = resp.text().await.unwrap();
        assert!(
            body.contains("not ready") && body.contains("Cannot connect to Quay"),
            "{body}"
        );
        let alive = client()
            .get(format!("{}/healthz", console.base))
            .send()
            .await
            .unwrap();
        assert_eq!(alive.status(), 200);
    });
}

#[test]
fn sigterm_lets_running_bulk_work_finish_then_exits() {
    let dir = tempfile::tempdir().unwrap();
    let mut console = Console::start(&["--concurrency", "1"], dir.path());
    let sandbox = console.sandbox.clone().unwrap();
    let pid = console.child.id().to_string();
    rt().block_on(async {
        let names: Vec<String> = (0..4).map(|i| format!("acme+drain_{i}")).collect();
        for n in &names {
            let short = n.split('+').nth(1).unwrap();
            let r =
                admin(client().put(format!("{sandbox}/api/v1/organization/acme/robots/{short}")))
                    .json(&serde_json::json!({"description": ""}))
                    .send()
                    .await
                    .unwrap();
            assert_eq!(r.status(), 201);
        }
        // Each delete then takes ~400 ms, one at a time: ~1.6 s of work.
        admin(client().put(format!("{sandbox}/sandbox/settings")))
            .json(&serde_json::json!({"latency_ms": 400}))
            .send()
            .await
            .unwrap();
        let (cookie, token) = csrf(&console.base).await;
        let mut resp = client()
            .post(format!("{}/api/delete_robots", console.base))
            .header("Origin", &console.base)
            .header("Cookie", cookie)
            .header("x-csrf-token", token)
            .json(&serde_json::json!({"namespace": "acme", "names": names}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 200);
        let mut body = String::new();
        while !body.contains("\"started\"") {
            let chunk = resp.chunk().await.unwrap().expect("the stream starts");
            body.push_str(&String::from_utf8_lossy(&chunk));
        }
        let term = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        assert!(term.success());
        while let Some(chunk) = resp.chunk().await.unwrap() {
            body.push_str(&String::from_utf8_lossy(&chunk));
        }
        let done = body.matches("\"done\"").count();
        assert_eq!(done, 4, "every delete finished after SIGTERM:\n{body}");
        assert!(body.contains("\"finished\""), "{body}");
    });
    let mut exited = None;
    for _ in 0..100 {
        if let Some(s) = console.child.try_wait().unwrap() {
            exited = Some(s);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = exited.expect("the console exits after SIGTERM");
    assert!(status.success(), "{status:?}");
    assert!(console.logs().contains("shutting down"));
}
