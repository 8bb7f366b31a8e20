//! A robot's activity through the console's server functions, against the embedded backend over
//! loopback: a robot's registry login and pull and the administrators' changes listed with the
//! right repository and actor, paging back to the oldest inserted event, the chart's counts
//! equal to Quay's aggregated counts, "last used" from the logs, and the edge cases (a bad
//! range refused before Quay is asked, `+` encoded, Quay's 500 for an unknown performer shown
//! as no activity, a plain member's 403 in words).

use robot_console::config::Config;
use robot_console::serve::{spawn, Running};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

mod common;
use common::{client as http, console_config, rt, serial};

const ADMIN_TOKEN: &str = "activity-test-admin-token";

async fn start(dir: &std::path::Path) -> Running {
    let c = Config {
        admin_token: Some(ADMIN_TOKEN.into()),
        quay_timeout_secs: 10,
        ..console_config(dir)
    };
    spawn(c).await.expect("console starts")
}

/// A browser: the CSRF cookie and token of `/signin`, then server-function calls.
struct Visitor {
    base: String,
    cookies: BTreeMap<String, String>,
    token: String,
}

impl Visitor {
    async fn new(base: &str) -> Visitor {
        let resp = http().get(format!("{base}/signin")).send().await.unwrap();
        let mut v = Visitor {
            base: base.to_string(),
            cookies: BTreeMap::new(),
            token: String::new(),
        };
        v.keep(&resp);
        let html = resp.text().await.unwrap();
        let i = html.find("name=\"csrf-token\"").expect("csrf meta");
        let c = html[i..].find("content=\"").unwrap() + i + 9;
        v.token = html[c..c + html[c..].find('"').unwrap()].to_string();
        v
    }

    fn keep(&mut self, resp: &reqwest::Response) {
        for c in resp.headers().get_all("set-cookie") {
            let pair = c.to_str().unwrap().split(';').next().unwrap();
            let (k, val) = pair.split_once('=').unwrap();
            self.cookies.insert(k.to_string(), val.to_string());
        }
    }

    fn request(&self, name: &str) -> reqwest::RequestBuilder {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        http()
            .post(format!("{}/api/{name}", self.base))
            .header("Accept", "application/json")
            .header("Origin", &self.base)
            .header("Cookie", cookie)
            .header("x-csrf-token", &self.token)
    }

    /// Calls a JSON server function: its status and JSON answer.
    async fn call(&mut self, name: &str, body: Value) -> (u16, Value) {
        let resp = self.request(name).json(&body).send().await.unwrap();
        self.keep(&resp);
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    async fn sign_in(&mut self, token: &str) {
        let resp = self
            .request("sign_in")
            .form(&[("token", token)])
            .send()
            .await
            .unwrap();
        assert!(resp.status().as_u16() < 400, "sign in: {}", resp.status());
        self.keep(&resp);
    }
}

/// The embedded backend, driven directly as an administrator (and as a registry client).
struct Backend {
    base: String,
    admin: String,
}

impl Backend {
    fn of(app: &Running) -> Backend {
        let sb = app.sandbox.as_ref().expect("embedded backend");
        Backend {
            base: sb.base_url.clone(),
            admin: sb.admin_token.clone(),
        }
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = http()
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.admin);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().await.unwrap();
        (
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        )
    }

    async fn get(&self, path: &str) -> Value {
        let (s, v) = self.send(reqwest::Method::GET, path, None).await;
        assert_eq!(s, 200, "GET {path}: {v}");
        v
    }

    /// Creates the robot and answers its token.
    async fn robot(&self, short: &str) -> String {
        let path = format!("/api/v1/organization/acme/robots/{short}");
        let (s, v) = self
            .send(
                reqwest::Method::PUT,
                &path,
                Some(json!({"description": "activity"})),
            )
            .await;
        assert_eq!(s, 201, "{v}");
        v["token"].as_str().unwrap().to_string()
    }

    /// `docker login` (a `/v2/auth` without scope), then a pull of `repo:latest`.
    async fn login_and_pull(&self, robot: &str, token: &str, repo: &str) {
        let auth = http()
            .get(format!("{}/v2/auth", self.base))
            .basic_auth(robot, Some(token))
            .header("User-Agent", "skopeo/activity-test");
        assert_eq!(auth.send().await.unwrap().status(), 200);
        let scoped: Value = http()
            .get(format!(
                "{}/v2/auth?scope=repository:acme/{repo}:pull",
                self.base
            ))
            .basic_auth(robot, Some(token))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let manifest = http()
            .get(format!("{}/v2/acme/{repo}/manifests/latest", self.base))
            .bearer_auth(scoped["token"].as_str().unwrap())
            .header("User-Agent", "skopeo/activity-test")
            .send()
            .await
            .unwrap();
        assert_eq!(manifest.status(), 200);
    }

    async fn insert_logs(&self, entries: Vec<Value>) {
        let (s, v) = self
            .send(
                reqwest::Method::POST,
                "/sandbox/logs",
                Some(json!({"entries": entries})),
            )
            .await;
        assert_eq!(s, 200, "{v}");
    }
}

fn today() -> robot_console::quay::ids::LogDate {
    robot_console::quay::ids::LogDate::today()
}

fn range(days: i64) -> Value {
    let r = robot_console::quay::ids::LogRange::last_days(days, today());
    json!({"start": r.start().iso(), "end": r.end().iso()})
}

/// Every event of the robot in `range`, following the cursor; also answers how many calls.
async fn all_events(
    v: &mut Visitor,
    robot: &str,
    range: Value,
    filter: Value,
) -> (Vec<Value>, usize) {
    let mut out = Vec::new();
    let mut cursor = Value::Null;
    for calls in 1..=50 {
        let (s, page) = v
            .call(
                "robot_activity_events",
                json!({"namespace": "acme", "robot": robot, "range": range, "filter": filter, "cursor": cursor}),
            )
            .await;
        assert_eq!(s, 200, "{page}");
        out.extend(page["events"].as_array().unwrap().iter().cloned());
        cursor = page["cursor"].clone();
        if cursor.is_null() {
            assert_eq!(page["complete"], "All");
            return (out, calls);
        }
    }
    panic!("the cursor never ended");
}

#[test]
fn a_robots_logins_pulls_and_changes_page_back_to_the_oldest_event() {
    let _one = serial();
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let app = start(dir.path()).await;
        let be = Backend::of(&app);
        let robot = "acme+act_bot";
        let token = be.robot("act_bot").await;
        be.send(
            reqwest::Method::PUT,
            "/api/v1/repository/acme/billing/permissions/user/acme+act_bot",
            Some(json!({"role": "read"})),
        )
        .await;
        be.login_and_pull(robot, &token, "billing").await;
        // History: 45 pulls over the last 20 days, the oldest of another repository.
        let now = robot_console::robot_list::now_epoch();
        let mut history: Vec<Value> = (0..45)
            .map(|i| {
                json!({"kind": "pull_repo", "namespace": "acme", "performer": robot,
                    "datetime": now - 3600 - i * 10 * 3600, "ip": "10.1.2.3",
                    "metadata": {"repo": "api-server", "namespace": "acme", "tag": "v1"}})
            })
            .collect();
        let oldest = now - 20 * 86_400;
        history.push(json!({"kind": "pull_repo", "namespace": "acme", "performer": robot,
            "datetime": oldest, "ip": "10.9.9.9", "metadata": {"repo": "oldest-repo", "tag": "v0"}}));
        history.push(json!({"kind": "login_failure", "namespace": "acme", "performer": robot,
            "datetime": now - 2 * 86_400, "ip": "10.6.6.6",
            "metadata": {"type": "v2auth", "kind": "robot", "robot": robot, "message": "wrong password"}}));
        be.insert_logs(history).await;

        let mut v = Visitor::new(&app.url()).await;
        let (events, calls) = all_events(&mut v, robot, range(30), json!({})).await;
        assert!(calls > 2, "45+ events come in pages, not at once ({calls} calls)");
        let kinds: Vec<&str> = events.iter().map(|e| e["kind"].as_str().unwrap()).collect();
        // The robot's own events (login, pull, 46 inserted pulls, a failed login) and the
        // administrator's (created, permission set), none twice.
        assert_eq!(kinds.iter().filter(|k| **k == "pull_repo").count(), 47);
        assert_eq!(kinds.iter().filter(|k| **k == "login_success").count(), 1);
        assert_eq!(kinds.iter().filter(|k| **k == "login_failure").count(), 1);
        let create = events.iter().find(|e| e["kind"] == "create_robot").expect("created");
        assert_eq!(create["actor"], "demo");
        let perm = events.iter().find(|e| e["kind"] == "change_repo_permission").unwrap();
        assert_eq!((perm["repository"].as_str(), perm["details"].as_str()), (Some("billing"), Some("role read")));
        let epochs: Vec<i64> = events.iter().map(|e| e["epoch"].as_i64().unwrap()).collect();
        assert!(epochs.windows(2).all(|w| w[0] >= w[1]), "newest first across calls");
        let live_pull = events
            .iter()
            .find(|e| e["kind"] == "pull_repo" && e["repository"] == "billing")
            .expect("the registry pull is listed with its repository");
        assert_eq!(live_pull["actor"], robot);
        assert_eq!(live_pull["ip"], "127.0.0.1");
        let last = events.last().unwrap();
        assert_eq!((last["epoch"].as_i64(), last["repository"].as_str()), (Some(oldest), Some("oldest-repo")));

        // Filters: by kind (pulls only: the namespace's changes are not read) and repository.
        let (pulls, _) = all_events(&mut v, robot, range(30), json!({"kind": "pull_repo", "repository": "billing"})).await;
        assert_eq!(pulls.len(), 1);
        let (changes, _) = all_events(&mut v, robot, range(30), json!({"kind": "create_robot"})).await;
        assert_eq!(changes.len(), 1);

        // The chart's counts are Quay's aggregated counts, day by day and kind by kind.
        let (s, o) = v
            .call("robot_activity", json!({"namespace": "acme", "robot": robot, "range": range(30)}))
            .await;
        assert_eq!(s, 200, "{o}");
        assert!(o["no_activity"].is_null());
        let r = robot_console::quay::ids::LogRange::last_days(30, today());
        let api = be
            .get(&format!(
                "/api/v1/organization/acme/aggregatelogs?performer=acme%2Bact_bot&starttime={}&endtime={}",
                r.start().quay(),
                r.end().quay()
            ))
            .await;
        let day = |s: &str| robot_console::activity::chart::parse_day(s).unwrap();
        let expected: BTreeSet<(i64, String, u64)> = api["aggregated"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| (day(a["datetime"].as_str().unwrap()), a["kind"].as_str().unwrap().to_string(), a["count"].as_u64().unwrap()))
            .collect();
        let shown: BTreeSet<(i64, String, u64)> = o["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["day"].as_i64().unwrap(), c["kind"].as_str().unwrap().to_string(), c["count"].as_u64().unwrap()))
            .collect();
        assert_eq!(shown, expected);
        assert_eq!(expected.iter().map(|e| e.2).sum::<u64>(), 49);
        let summary = &o["summary"];
        assert_eq!(summary["last_pull"]["repository"], "billing");
        assert_eq!(summary["last_login"]["ip"], "127.0.0.1");
        assert_eq!(summary["failed_logins"], 1);
        let repos: Vec<&str> = summary["repositories"].as_array().unwrap().iter().map(|r| r[0].as_str().unwrap()).collect();
        assert_eq!(repos, ["api-server", "billing", "oldest-repo"]);
        assert_eq!(summary["ips"].as_array().unwrap().len(), 4);

        // "Last used" from the logs: a robot that never logged in (no last_accessed) but whose
        // keyless exchange and pull are in the log, and one never used at all.
        be.robot("quiet_bot").await;
        be.robot("logged_bot").await;
        be.insert_logs(vec![json!({"kind": "pull_repo", "namespace": "acme", "performer": "acme+logged_bot",
            "datetime": now - 5 * 86_400, "metadata": {"repo": "billing"}})])
            .await;
        let (s, found) = v
            .call("robots_last_used", json!({"namespace": "acme", "robots": ["acme+quiet_bot", "acme+logged_bot"]}))
            .await;
        assert_eq!(s, 200, "{found}");
        assert_eq!(found["used"]["acme+logged_bot"], now - 5 * 86_400);
        assert!(found["used"].get("acme+quiet_bot").is_none());
        assert_eq!(found["complete"], true, "the demo's log is read to the window's start");
        let (s, _) = v
            .call("robots_last_used", json!({"namespace": "acme", "robots": ["globex+release_bot"]}))
            .await;
        assert_eq!(s, 400, "a robot of another namespace is refused");
        app.shutdown().await;
    });
}

#[test]
fn bad_ranges_unknown_robots_and_plain_members_get_answers_not_crashes() {
    let _one = serial();
    rt().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let app = start(dir.path()).await;
        let be = Backend::of(&app);
        be.robot("gone_bot").await;
        let mut v = Visitor::new(&app.url()).await;
        be.send(reqwest::Method::DELETE, "/sandbox/requests", None).await;

        // Dates Quay would silently replace by its defaults are refused before Quay is asked.
        for (bad, says) in [
            (json!({"start": "2026-12-10", "end": "2020-01-01"}), "is before the start date"),
            (json!({"start": "2026-02-30", "end": "2026-03-01"}), "is not a date"),
            (json!({"start": "12/01/2026", "end": "12/02/2026"}), "is not a date"),
            (json!({"start": "2020-01-01", "end": "2026-01-01"}), "too long"),
        ] {
            let (s, e) = v
                .call("robot_activity", json!({"namespace": "acme", "robot": "acme+gone_bot", "range": bad}))
                .await;
            assert_eq!(s, 400, "{e}");
            assert!(e["message"].as_str().unwrap().contains(says), "{e}");
        }
        let log = be.get("/sandbox/requests").await;
        assert!(
            !log.to_string().contains("logs"),
            "nothing reached Quay's logs: {log}"
        );

        // The robot's name reaches Quay with `+` encoded.
        let (s, _) = v
            .call("robot_activity_events", json!({"namespace": "acme", "robot": "acme+gone_bot", "range": range(7), "filter": {}, "cursor": null}))
            .await;
        assert_eq!(s, 200);
        let log = be.get("/sandbox/requests").await;
        let queries: Vec<String> = log
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["path"] == "/api/v1/organization/acme/logs")
            .map(|r| r["query"].as_str().unwrap_or("").to_string())
            .collect();
        assert!(queries.iter().any(|q| q.contains("performer=acme%2Bgone_bot")), "{queries:?}");
        assert!(queries.iter().all(|q| !q.contains("performer=acme+")), "{queries:?}");

        // Deleted: Quay answers 500 for its logs; the console answers "no activity" and why.
        be.send(reqwest::Method::DELETE, "/api/v1/organization/acme/robots/gone_bot", None)
            .await;
        let (s, o) = v
            .call("robot_activity", json!({"namespace": "acme", "robot": "acme+gone_bot", "range": range(7)}))
            .await;
        assert_eq!(s, 200, "{o}");
        assert!(o["no_activity"].as_str().unwrap().contains("Quay has no robot account acme+gone_bot"));
        assert_eq!(o["counts"], json!([]), "Quay's aggregates ignore an unknown performer: not shown");
        let (s, p) = v
            .call("robot_activity_events", json!({"namespace": "acme", "robot": "acme+gone_bot", "range": range(7), "filter": {}, "cursor": null}))
            .await;
        assert_eq!(s, 200, "{p}");
        assert!(p["no_activity"].is_string() && p["events"] == json!([]));

        // A robot of another namespace is refused; so is a cursor holding a forged token.
        let (s, _) = v
            .call("robot_activity", json!({"namespace": "acme", "robot": "globex+metrics", "range": range(7)}))
            .await;
        assert_eq!(s, 400);
        let forged = json!({"usage": {"position": {"Next": "a b"}, "reached": 1}, "changes": {"position": "Done", "reached": null}});
        let (s, _) = v
            .call("robot_activity_events", json!({"namespace": "acme", "robot": "acme+deployer", "range": range(7), "filter": {}, "cursor": forged}))
            .await;
        assert_eq!(s, 400);

        // A plain member (bob reads acme, is not its admin) is refused with the page's words
        // (naming the admin teams) before Quay is asked.
        let (_, t) = be
            .send(reqwest::Method::POST, "/sandbox/tokens", Some(json!({"user": "bob"})))
            .await;
        let mut bob = Visitor::new(&app.url()).await;
        bob.sign_in(t["token"].as_str().unwrap()).await;
        be.send(reqwest::Method::DELETE, "/sandbox/requests", None).await;
        let (s, e) = bob
            .call("robot_activity", json!({"namespace": "acme", "robot": "acme+deployer", "range": range(7)}))
            .await;
        assert_eq!(s, 403, "{e}");
        assert!(e["message"].as_str().unwrap().starts_with("Only administrators of acme (the members of team owners)"), "{e}");
        let log = be.get("/sandbox/requests").await;
        assert!(!log.to_string().contains("/logs"), "nothing reached Quay's logs: {log}");
        app.shutdown().await;
    });
}
