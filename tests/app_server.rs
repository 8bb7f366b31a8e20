//! The console server against a real embedded backend over loopback: SSR pages, sign-in,
//! sessions, error messages. No browser (Playwright covers that).

use robot_console::config::Config;
use robot_console::serve::{spawn, Running};

mod common;
use common::{client, console_config as test_config, rt, serial};

const ADMIN_TOKEN: &str = "app-test-admin-token";

async fn start_embedded(dir: &std::path::Path) -> Running {
    let config = Config {
        admin_token: Some(ADMIN_TOKEN.into()),
        quay_timeout_secs: 10,
        ..test_config(dir)
    };
    spawn(config).await.expect("console starts")
}

async fn start_remote(dir: &std::path::Path, quay_url: &str, token: Option<&str>) -> Running {
    let config = Config {
        quay_url: Some(quay_url.into()),
        quay_token: token.map(str::to_string),
        quay_timeout_secs: 2,
        ..test_config(dir)
    };
    spawn(config).await.expect("console starts")
}

/// A browser visiting the console: its cookies and the CSRF token of the last page it loaded.
struct Visitor {
    base: String,
    cookies: std::collections::BTreeMap<String, String>,
    token: String,
}

impl Visitor {
    /// Opens `/signin` (a page every mode serves) to get the CSRF cookie and token.
    async fn new(base: &str) -> Visitor {
        let mut v = Visitor {
            base: base.to_string(),
            cookies: Default::default(),
            token: String::new(),
        };
        v.load("/signin").await;
        v
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep_cookies(&mut self, resp: &reqwest::Response) {
        for c in set_cookies(resp) {
            let pair = c.split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            if v.is_empty() || c.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), v.to_string());
            }
        }
    }

    /// GETs a page with the visitor's cookies; keeps the page's token.
    async fn load(&mut self, path: &str) -> (u16, String) {
        let resp = client()
            .get(format!("{}{path}", self.base))
            .header("Cookie", self.cookie_header())
            .send()
            .await
            .unwrap();
        self.keep_cookies(&resp);
        let status = resp.status().as_u16();
        let html = resp.text().await.unwrap();
        if let Some(t) = meta_token(&html) {
            self.token = t;
        }
        (status, html)
    }

    fn post(&self, name: &str) -> reqwest::RequestBuilder {
        self.post_from(name, &self.base)
    }

    /// A call as a page at `origin` would make it, with this visitor's cookies and token.
    fn post_from(&self, name: &str, origin: &str) -> reqwest::RequestBuilder {
        client()
            .post(format!("{}/api/{name}", self.base))
            .header("Accept", "application/json")
            .header("Origin", origin)
            .header("Cookie", self.cookie_header())
            .header("x-csrf-token", &self.token)
    }

    /// Calls a server function the way the page does (form-encoded arguments).
    async fn form(&mut self, name: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let resp = self.post(name).form(form).send().await.unwrap();
        self.keep_cookies(&resp);
        resp
    }

    /// Calls a JSON-encoded server function.
    async fn json(&mut self, name: &str, body: serde_json::Value) -> reqwest::Response {
        let resp = self.post(name).json(&body).send().await.unwrap();
        self.keep_cookies(&resp);
        resp
    }
}

/// The CSRF token a page carries in `<meta name="csrf-token" content="…">`.
fn meta_token(html: &str) -> Option<String> {
    let i = html.find("name=\"csrf-token\"")?;
    let rest = &html[i..];
    let c = rest.find("content=\"")? + 9;
    let end = rest[c..].find('"')?;
    Some(rest[c..c + end].to_string())
}

/// GETs a console page (with an optional `Cookie` header): its status and HTML.
async fn page(url: &str, cookie: Option<&str>) -> (u16, String) {
    let mut req = client().get(url);
    if let Some(c) = cookie {
        req = req.header("Cookie", c);
    }
    let resp = req.send().await.unwrap();
    (resp.status().as_u16(), resp.text().await.unwrap())
}

fn set_cookies(resp: &reqwest::Response) -> Vec<String> {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

#[test]
fn robots_tab_is_rendered_on_the_server_with_the_seeded_robots() {
    let _one_console_at_a_time = serial();
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let app = start_embedded(dir.path()).await;
        let (status, html) = page(
            &format!("{}/organization/acme?tab=Robotaccounts", app.url()),
            None,
        )
        .await;
        assert_eq!(status, 200);
        assert!(
            html.contains("id=\"robot-accounts-table\""),
            "table missing"
        );
        for name in [
            "acme+deployer",
            "acme+ci_builder",
            "acme+backup.bot",
            "acme+scanner",
        ] {
            assert!(
                html.contains(name),
                "{name} missing from the first HTML response"
            );
        }
        assert!(
            !html.contains(ADMIN_TOKEN),
            "the Quay token must never reach the page"
        );
        app.shutdown().await;
    });
}

#[test]
fn organizations_page_lists_the_user_namespace_and_organizations() {
    let _one_console_at_a_time = serial();
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let app = start_embedded(dir.path()).await;
        let (_, html) = page(&format!("{}/organization", app.url()), None).await;
        for ns in [
            "/organization/demo?tab=Robotaccounts",
            "/organization/acme?tab=Robotaccounts",
            "/organization/globex?tab=Robotaccounts",
        ] {
            assert!(html.contains(ns), "{ns} missing");
        }
        app.shutdown().await;
    });
}

#[test]
fn sign_out_then_pages_redirect_to_sign_in_and_a_wrong_token_gets_quays_message() {
    let _one_console_at_a_time = serial();
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let app = start_embedded(dir.path()).await;
        let base = app.url();
        let mut visitor = Visitor::new(&base).await;
        let out = visitor.form("sign_out", &[]).await;
        let cookies = set_cookies(&out);
        assert!(
            cookies.iter().any(|c| c.starts_with("rc_signed_out=")),
            "sign-out sets the signed-out marker"
        );
        let redirect = client()
            .get(format!("{base}/organization/acme?tab=Robotaccounts"))
            .header("Accept", "text/html")
            .header("Cookie", visitor.cookie_header())
            .send()
            .await
            .unwrap();
        assert_eq!(redirect.status(), 302, "signed-out visitors go to sign-in");
        assert_eq!(redirect.headers()["location"], "/signin");

        let bad = visitor.form("sign_in", &[("token", "bogus")]).await;
        assert_eq!(bad.status(), 401, "Quay's 401 comes through as the status");
        let body = bad.text().await.unwrap();
        assert!(
            body.contains("Requires authentication"),
            "Quay's message expected, got {body}"
        );

        let good = visitor.form("sign_in", &[("token", ADMIN_TOKEN)]).await;
        let cookies = set_cookies(&good);
        let session = cookies
            .iter()
            .find(|c| c.starts_with("rc_session="))
            .expect("session cookie set");
        assert!(session.contains("HttpOnly") && session.contains("SameSite=Lax"));
        assert!(!session.contains(ADMIN_TOKEN), "the cookie is encrypted");
        let (_, html) = visitor.load("/organization/acme?tab=Robotaccounts").await;
        assert!(html.contains("acme+deployer"));
        app.shutdown().await;
    });
}

#[test]
fn remote_mode_with_a_server_token_shows_that_servers_robots() {
    let _one_console_at_a_time = serial();
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sandbox = quay_sandbox::start(quay_sandbox::SandboxConfig {
            addr: "127.0.0.1:0".parse().unwrap(),
            admin_token: Some("remote-token".into()),
            ..Default::default()
        })
        .await
        .unwrap();
        let app = start_remote(dir.path(), &sandbox.base_url, Some("remote-token")).await;
        let (_, html) = page(
            &format!("{}/organization/acme?tab=Robotaccounts", app.url()),
            None,
        )
        .await;
        assert!(html.contains("acme+deployer"));
        // A server-wide token has nothing to sign out of.
        assert!(!html.contains("id=\"sign-out\""));
        app.shutdown().await;
        sandbox.shutdown().await;
    });
}

#[test]
fn an_unreachable_quay_gives_an_actionable_message_not_a_crash() {
    let _one_console_at_a_time = serial();
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        // A port nothing listens on.
        let free = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", free.local_addr().unwrap());
        drop(free);
        let app = start_remote(dir.path(), &url, Some("t")).await;
        let (_, html) = page(
            &format!("{}/organization/acme?tab=Robotaccounts", app.url()),
            None,
        )
        .await;
        assert!(html.contains("Cannot connect to Quay at"), "{html}");
        app.shutdown().await;
    });
}

#[test]
fn cross_site_posts_to_server_functions_are_refused() {
    let _one_console_at_a_time = serial();
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let app = start_embedded(dir.path()).await;
        let resp = client()
            .post(format!("{}/api/sign_out", app.url()))
            .header("Origin", "http://evil.example")
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 403);
        // The page's own token is not enough from another origin, nor from `Origin: null`.
        let visitor = Visitor::new(&app.url()).await;
        for origin in ["null", "http://127.0.0.1:1"] {
            let resp = visitor.post_from("sign_out", origin).send().await.unwrap();
            assert_eq!(resp.status(), 403, "{origin}");
        }
        // The right origin without the token is refused too.
        let resp = client()
            .post(format!("{}/api/sign_out", app.url()))
            .header("Origin", app.url())
            .header("Cookie", visitor.cookie_header())
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 403);
        let body = resp.text().await.unwrap();
        assert!(body.contains("security token"), "{body}");
        app.shutdown().await;
    });
}

#[test]
fn one_console_serves_many_concurrent_page_loads() {
    let _one_console_at_a_time = serial();
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let app = start_embedded(dir.path()).await;
        let base = app.url();
        let mut tasks = Vec::new();
        for i in 0..40 {
            let url = if i % 2 == 0 {
                format!("{base}/organization/acme?tab=Robotaccounts")
            } else {
                format!("{base}/organization")
            };
            tasks.push(tokio::spawn(async move {
                let resp = tokio::time::timeout(
                    std::time::Duration::from_secs(20),
                    client().get(url).send(),
                )
                .await
                .expect("a page load must not stall")
                .unwrap();
                (resp.status().as_u16(), resp.text().await.unwrap())
            }));
        }
        for t in tasks {
            let (status, body) = t.await.unwrap();
            assert_eq!(status, 200);
            assert!(body.contains("acme"), "page content missing");
        }
        app.shutdown().await;
    });
}

#[test]
fn the_wizard_creates_the_robot_then_reports_each_follow_up_and_retries_only_failures() {
    let _one_console_at_a_time = serial();
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let app = start_embedded(dir.path()).await;
        let base = app.url();
        let sandbox = app.sandbox.as_ref().unwrap().base_url.clone();
        let admin = |req: reqwest::RequestBuilder| req.bearer_auth(ADMIN_TOKEN);
        // Every attempt at one repository fails.
        let fault = admin(client().post(format!("{sandbox}/sandbox/faults")))
            .json(&serde_json::json!({
                "method": "PUT",
                "path_contains": "/repository/acme/checkout/permissions/user/acme+wizbot",
                "status": 500
            }))
            .send()
            .await
            .unwrap();
        assert!(fault.status().is_success());
        let plan = serde_json::json!({
            "namespace": "acme",
            "plan": {
                "short": "wizbot",
                "description": "made by the wizard",
                "repos": {"billing": "Read", "checkout": "Write"},
                "teams": ["developers", "no-such-team"],
                "default_perm": "Admin"
            }
        });
        let mut visitor = Visitor::new(&base).await;
        let resp = visitor.json("wizard_create_robot", plan.clone()).await;
        assert_eq!(resp.status(), 200);
        let ev = events(resp).await;
        assert_eq!(ev[0]["total"], 5, "{ev:?}");
        assert_eq!(ev.last().unwrap()["event"], "finished");
        let items: Vec<&serde_json::Value> = ev.iter().filter(|e| e["event"] == "item").collect();
        assert_eq!(items.len(), 5);
        let failed: Vec<serde_json::Value> = items
            .iter()
            .filter(|e| e["outcome"]["result"] == "failed")
            .map(|e| (*e).clone())
            .collect();
        assert_eq!(failed.len(), 2, "{ev:?}");
        let repo = failed
            .iter()
            .find(|e| e["item"]["Repository"]["repo"] == "checkout")
            .expect("the faulty repository is reported");
        assert!(repo["outcome"]["message"]
            .as_str()
            .unwrap()
            .contains("Injected fault (500)"));
        assert!(failed
            .iter()
            .any(|e| e["item"]["Team"]["team"] == "no-such-team"));

        // The same name again: Quay's message, nothing else runs.
        let dup = visitor.json("wizard_create_robot", plan).await;
        assert_eq!(dup.status(), 400);
        let body = dup.text().await.unwrap();
        assert!(
            body.contains("Existing robot with name: acme+wizbot"),
            "{body}"
        );

        // Retry failed, with the fault gone: the repository now succeeds; the team still fails.
        admin(client().delete(format!("{sandbox}/sandbox/faults")))
            .send()
            .await
            .unwrap();
        let steps: Vec<_> = failed.iter().map(|o| o["item"].clone()).collect();
        let retry = visitor
            .json(
                "wizard_retry_steps",
                serde_json::json!({"namespace": "acme", "short": "wizbot", "steps": steps}),
            )
            .await;
        assert_eq!(retry.status(), 200);
        let retried = events(retry).await;
        let result_of = |key: &str| {
            retried
                .iter()
                .find(|e| e["event"] == "item" && e["item"].get(key).is_some())
                .map(|e| e["outcome"]["result"].as_str().unwrap().to_string())
        };
        assert_eq!(
            result_of("Repository").as_deref(),
            Some("done"),
            "{retried:?}"
        );
        assert_eq!(result_of("Team").as_deref(), Some("failed"), "{retried:?}");

        // What Quay has now.
        let get = |path: &str| {
            let req = admin(client().get(format!("{sandbox}{path}")));
            async move {
                req.send()
                    .await
                    .unwrap()
                    .json::<serde_json::Value>()
                    .await
                    .unwrap()
            }
        };
        let perms = get("/api/v1/organization/acme/robots/wizbot/permissions").await;
        let mut roles: Vec<(String, String)> = perms["permissions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["repository"]["name"].as_str().unwrap().to_string(),
                    p["role"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        roles.sort();
        assert_eq!(
            roles,
            vec![
                ("billing".to_string(), "read".to_string()),
                ("checkout".to_string(), "write".to_string())
            ]
        );
        // Retrying the default permission does not add a second rule.
        let again = visitor
            .json(
                "wizard_retry_steps",
                serde_json::json!({"namespace": "acme", "short": "wizbot",
                "steps": [{"DefaultPermission": {"perm": "Admin"}}]}),
            )
            .await;
        assert_eq!(again.status(), 200);
        let protos = get("/api/v1/organization/acme/prototypes").await;
        let mine: Vec<_> = protos["prototypes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["delegate"]["name"] == "acme+wizbot")
            .collect();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0]["role"], "admin");

        // Inline team creation: Quay's server rule, and an existing team is not overwritten.
        let bad = visitor
            .form(
                "wizard_create_team",
                &[
                    ("namespace", "acme"),
                    ("name", "Bad Team"),
                    ("description", ""),
                ],
            )
            .await;
        assert_eq!(bad.status(), 400);
        let bad = bad.text().await.unwrap();
        assert!(
            bad.contains("team: 'Bad Team' is not a valid team name"),
            "{bad}"
        );
        let exists = visitor
            .form(
                "wizard_create_team",
                &[
                    ("namespace", "acme"),
                    ("name", "owners"),
                    ("description", ""),
                ],
            )
            .await;
        assert_eq!(exists.status(), 409);
        let exists = exists.text().await.unwrap();
        assert!(
            exists.contains(r#"Team \"owners\" already exists"#),
            "{exists}"
        );
        let ok = visitor
            .form(
                "wizard_create_team",
                &[
                    ("namespace", "acme"),
                    ("name", "release-team"),
                    ("description", "d"),
                ],
            )
            .await;
        assert_eq!(ok.status(), 200);
        let team: serde_json::Value = ok.json().await.unwrap();
        assert_eq!(team["role"], "member");
        app.shutdown().await;
    });
}

/// The events of a streamed bulk answer.
async fn events(resp: reqwest::Response) -> Vec<serde_json::Value> {
    let text = resp.text().await.unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// `(item, result)` of every `item` event.
fn outcomes(events: &[serde_json::Value]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = events
        .iter()
        .filter(|e| e["event"] == "item")
        .map(|e| {
            (
                e["item"].as_str().unwrap_or_default().to_string(),
                e["outcome"]["result"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_multi_delete_with_injected_faults_reports_each_robot_and_retry_failed_finishes_it() {
    let _one_console_at_a_time = serial();
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let app = start_embedded(dir.path()).await;
        let base = app.url();
        let sandbox = app.sandbox.as_ref().unwrap().base_url.clone();
        let admin = |req: reqwest::RequestBuilder| req.bearer_auth(ADMIN_TOKEN);
        for short in ["del_a", "del_b", "del_c", "del_d"] {
            let r = admin(client().put(format!(
                "{sandbox}/api/v1/organization/acme/robots/{short}"
            )))
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
            assert_eq!(r.status(), 201);
        }
        // del_b always fails with 500 (retried, then reported); del_c is refused once with a 400.
        for (path, status, times) in [("/robots/del_b", 500, None), ("/robots/del_c", 400, Some(1))] {
            let f = admin(client().post(format!("{sandbox}/sandbox/faults")))
                .json(&serde_json::json!({"method": "DELETE", "path_contains": path, "status": status, "times": times}))
                .send()
                .await
                .unwrap();
            assert!(f.status().is_success());
        }
        let mut visitor = Visitor::new(&base).await;
        let names = ["acme+del_a", "acme+del_b", "acme+del_c", "acme+del_d"];
        let resp = visitor
            .json(
                "delete_robots",
                serde_json::json!({"namespace": "acme", "names": names}),
            )
            .await;
        assert_eq!(resp.status(), 200);
        let ev = events(resp).await;
        assert_eq!(ev.first().unwrap()["event"], "started");
        assert_eq!(ev.first().unwrap()["total"], 4);
        assert_eq!(ev.last().unwrap()["event"], "finished");
        assert_eq!(
            outcomes(&ev),
            vec![
                ("acme+del_a".into(), "done".into()),
                ("acme+del_b".into(), "failed".into()),
                ("acme+del_c".into(), "failed".into()),
                ("acme+del_d".into(), "done".into()),
            ]
        );
        let b = ev.iter().find(|e| e["item"] == "acme+del_b").unwrap();
        assert_eq!(b["outcome"]["status"], 500);
        assert!(b["outcome"]["message"]
            .as_str()
            .unwrap()
            .contains("Injected fault (500)"));

        // Retry failed: the same call with the failed robots, and del_a again (already gone:
        // nothing to do, not a failure).
        admin(client().delete(format!("{sandbox}/sandbox/faults")))
            .send()
            .await
            .unwrap();
        let resp = visitor
            .json(
                "delete_robots",
                serde_json::json!({"namespace": "acme", "names": ["acme+del_b", "acme+del_c", "acme+del_a"]}),
            )
            .await;
        let ev = events(resp).await;
        assert_eq!(
            outcomes(&ev),
            vec![
                ("acme+del_a".into(), "skipped".into()),
                ("acme+del_b".into(), "done".into()),
                ("acme+del_c".into(), "done".into()),
            ]
        );
        let left = admin(client().get(format!(
            "{sandbox}/api/v1/organization/acme/robots?token=false"
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
        for n in names {
            assert!(!left.contains(&format!("\"{n}\"")), "{n} still exists");
        }

        // Another namespace's robot in the list: refused before anything is deleted.
        let resp = visitor
            .json(
                "delete_robots",
                serde_json::json!({"namespace": "acme", "names": ["acme+deployer", "globex+release_bot"]}),
            )
            .await;
        assert_eq!(resp.status(), 400);
        let body = resp.text().await.unwrap();
        assert!(body.contains("globex+release_bot is not a robot account of acme"), "{body}");
        assert!(left.contains("acme+deployer"));
        app.shutdown().await;
    });
}
