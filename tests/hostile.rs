//! The hostile-input suite: every server function, every argument, fed what an attacker sends —
//! wrong JSON types, missing and extra fields, empty and 1 MB strings, dot segments raw and
//! percent-encoded, `/ ? # +` where they do not belong, NUL, zero-width and right-to-left
//! characters, another namespace's robot, 10,000-item lists. Every answer must be a 4xx with a
//! message (never a 500 or a dropped connection), and the embedded backend's request log must
//! show that no call left the named robot's own endpoints.
//!
//! Then the request that deleted a real Quay user (issue 12) is replayed against the console
//! on the embedded backend and on a `--quay-url` backend: refused, and the user and the
//! organization still exist.
#![cfg(feature = "ssr")]

use robot_console::config::Config;
use robot_console::serve::{spawn, Running};
use serde_json::{json, Value};

mod common;
use common::{client, console_config, serial};

const ADMIN_TOKEN: &str = "hostile-test-admin-token";

fn config(dir: &std::path::Path) -> Config {
    Config {
        admin_token: Some(ADMIN_TOKEN.into()),
        quay_timeout_secs: 5,
        ..console_config(dir)
    }
}

/// The page's CSRF cookie and token, as a browser holds them after opening the console.
struct Page {
    base: String,
    cookie: String,
    token: String,
}

impl Page {
    async fn open(base: &str) -> Page {
        let resp = client().get(format!("{base}/signin")).send().await.unwrap();
        let cookie = resp
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("; ");
        let html = resp.text().await.unwrap();
        let i = html
            .find("name=\"csrf-token\" content=\"")
            .expect("token in page")
            + 27;
        let token = html[i..i + html[i..].find('"').unwrap()].to_string();
        Page {
            base: base.to_string(),
            cookie,
            token,
        }
    }

    fn post(&self, name: &str) -> reqwest::RequestBuilder {
        client()
            .post(format!("{}/api/{name}", self.base))
            .header("Accept", "application/json")
            .header("Origin", &self.base)
            .header("Cookie", &self.cookie)
            .header("x-csrf-token", &self.token)
    }
}

/// How an argument may be attacked.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// A name that ends up in a Quay URL (namespace, robot, team, repository, token, ...).
    Ident,
    /// Free text (a description): `/` or `..` are fine there, invisible characters are not.
    Text,
    /// A list or map of items (each item an identifier).
    List,
    /// A structured value (a plan, a step): only wrong types and junk apply.
    Value,
    /// A robots file: only reviewed, never applied, so hostile contents are answered as
    /// problems (see `hostile_files`); here only a missing field and wrong types apply.
    File,
}

struct Endpoint {
    name: &'static str,
    json: bool,
    /// A valid call (JSON object; for form endpoints, every value a string).
    valid: Value,
    kinds: &'static [(&'static str, Kind)],
}

fn endpoints() -> Vec<Endpoint> {
    use Kind::*;
    let ep = |name, json, valid, kinds| Endpoint {
        name,
        json,
        valid,
        kinds,
    };
    vec![
        ep(
            "list_robots",
            false,
            json!({"namespace": "acme"}),
            &[("namespace", Ident)],
        ),
        ep(
            "org_teams",
            false,
            json!({"namespace": "acme"}),
            &[("namespace", Ident)],
        ),
        ep(
            "namespace_repositories",
            false,
            json!({"namespace": "acme"}),
            &[("namespace", Ident)],
        ),
        ep(
            "robot_repo_permissions",
            false,
            json!({"namespace": "acme", "short": "scanner"}),
            &[("namespace", Ident), ("short", Ident)],
        ),
        ep(
            "robot_permission_map",
            false,
            json!({"namespace": "acme", "short": "scanner"}),
            &[("namespace", Ident), ("short", Ident)],
        ),
        ep(
            "robot_credentials",
            false,
            json!({"namespace": "acme", "short": "scanner"}),
            &[("namespace", Ident), ("short", Ident)],
        ),
        ep(
            "regenerate_robot_token",
            false,
            json!({"namespace": "acme", "short": "victim"}),
            &[("namespace", Ident), ("short", Ident)],
        ),
        ep(
            "wizard_create_team",
            false,
            json!({"namespace": "acme", "name": "hostile-team", "description": "d"}),
            &[("namespace", Ident), ("name", Ident), ("description", Text)],
        ),
        ep(
            "sign_in",
            false,
            json!({"token": "not-a-real-token"}),
            &[("token", Ident)],
        ),
        ep(
            "delete_robots",
            true,
            json!({"namespace": "acme", "names": ["acme+victim"]}),
            &[("namespace", Ident), ("names", List)],
        ),
        ep(
            "save_permissions",
            true,
            json!({"namespace": "acme", "short": "victim",
                "changes": [{"repo": "billing", "action": {"Put": "Read"}}]}),
            &[("namespace", Ident), ("short", Ident), ("changes", List)],
        ),
        ep(
            "wizard_create_robot",
            true,
            json!({"namespace": "acme", "plan": {"short": "victim", "description": "", "repos": {},
                "teams": [], "default_perm": "None"}}),
            &[("namespace", Ident), ("plan", Value)],
        ),
        ep(
            "wizard_retry_steps",
            true,
            json!({"namespace": "acme", "short": "victim", "steps": [{"Team": {"team": "owners"}}]}),
            &[("namespace", Ident), ("short", Ident), ("steps", List)],
        ),
        ep(
            "access_plan",
            false,
            json!({"namespace": "acme"}),
            &[("namespace", Ident)],
        ),
        ep(
            "access_summary",
            false,
            json!({"namespace": "acme"}),
            &[("namespace", Ident)],
        ),
        ep(
            "access_gather",
            true,
            json!({"namespace": "acme", "fetches": [{"fetch": "robot", "name": "acme+scanner"}]}),
            &[("namespace", Ident), ("fetches", List)],
        ),
        ep(
            "get_federation",
            false,
            json!({"namespace": "acme", "robot": "acme+victim"}),
            &[("namespace", Ident), ("robot", Ident)],
        ),
        ep(
            "save_federation",
            true,
            json!({"namespace": "acme", "robot": "acme+victim",
                "entries": [{"issuer": "https://issuer.example", "subject": "s"}]}),
            &[("namespace", Ident), ("robot", Ident), ("entries", List)],
        ),
        ep(
            "robot_activity",
            true,
            json!({"namespace": "acme", "robot": "acme+victim",
                "range": {"start": "2026-11-01", "end": "2026-11-30"}}),
            &[("namespace", Ident), ("robot", Ident), ("range", Value)],
        ),
        // `cursor` is optional (null starts at the newest event); hostile cursors are in
        // tests/activity_server.rs.
        ep(
            "robot_activity_events",
            true,
            json!({"namespace": "acme", "robot": "acme+victim",
                "range": {"start": "2026-11-01", "end": "2026-11-30"},
                "filter": {"kind": "pull_repo"}, "cursor": null}),
            &[
                ("namespace", Ident),
                ("robot", Ident),
                ("range", Value),
                ("filter", Value),
            ],
        ),
        ep(
            "robots_last_used",
            true,
            json!({"namespace": "acme", "robots": ["acme+victim"]}),
            &[("namespace", Ident), ("robots", List)],
        ),
        ep(
            "test_federation_exchange",
            true,
            json!({"namespace": "acme", "robot": "acme+victim", "jwt": "a.b.c"}),
            &[("namespace", Ident), ("robot", Ident), ("jwt", Ident)],
        ),
        ep(
            "iac_export",
            false,
            json!({"namespace": "acme", "json": "false"}),
            &[("namespace", Ident), ("json", Value)],
        ),
        ep(
            "iac_plan",
            true,
            json!({"namespace": "acme", "text": "version: 1\nnamespace: acme\n", "prune": false}),
            &[("namespace", Ident), ("text", File), ("prune", Value)],
        ),
        ep(
            "iac_apply",
            true,
            json!({"namespace": "acme", "changes": [
                {"change": "create_robot", "robot": "victim", "description": ""}]}),
            &[("namespace", Ident), ("changes", List)],
        ),
    ]
}

/// Strings that must never pass as an identifier.
fn hostile_idents() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        ".",
        "..",
        "%2e%2e",
        "%2E%2E",
        "..%2f",
        "/",
        "a/b",
        "../acme",
        "?",
        "a?b",
        "#",
        "a#b",
        "+",
        "acme+",
        "+bot",
        "acme+..",
        "a\u{0}b",
        "a\u{200B}b",
        "a\u{202E}b",
        " acme",
        "ACME",
        "other+bot",
        "globex+release_bot",
        "reader+..",
        "\\",
        "a b",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push("a".repeat(1 << 20));
    v
}

/// Text that must never pass as a description.
fn hostile_texts() -> Vec<String> {
    vec![
        "a\u{0}b".into(),
        "a\u{200B}b".into(),
        "evil\u{202E}gnp.exe".into(),
        "line\nbreak".into(),
        "x".repeat(1 << 20),
    ]
}

/// Values of the wrong JSON type.
fn wrong_types() -> Vec<Value> {
    vec![
        json!(123),
        json!(true),
        json!(null),
        json!([]),
        json!({}),
        json!(1.5),
    ]
}

/// The body of one call: JSON, or a form of the object's string values.
fn send(page: &Page, ep: &Endpoint, body: &Value) -> reqwest::RequestBuilder {
    let req = page.post(ep.name);
    if ep.json {
        req.json(body)
    } else {
        let form: Vec<(String, String)> = body
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), v)
            })
            .collect();
        req.form(&form)
    }
}

/// Every mutation of an endpoint's valid call, with a label.
fn mutations(ep: &Endpoint) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let valid = ep.valid.as_object().unwrap();
    for (field, kind) in ep.kinds {
        let with = |v: Value| {
            let mut m = valid.clone();
            m.insert(field.to_string(), v);
            Value::Object(m)
        };
        let mut missing = valid.clone();
        missing.remove(*field);
        out.push((format!("{field}: missing"), Value::Object(missing)));
        if ep.json {
            for t in wrong_types() {
                // An empty federation list is valid: it removes every entry; so is an empty
                // filter of the activity events (no filter).
                if (*field == "entries" && t == json!([])) || (*field == "filter" && t == json!({}))
                {
                    continue;
                }
                // `true` is a valid prune flag.
                if *field == "prune" && t == json!(true) {
                    continue;
                }
                out.push((format!("{field}: wrong type {t}"), with(t)));
            }
        }
        match kind {
            Kind::Ident => {
                for h in hostile_idents() {
                    out.push((format!("{field}: {:?}", short(&h)), with(json!(h))));
                }
            }
            Kind::Text => {
                for h in hostile_texts() {
                    out.push((format!("{field}: {:?}", short(&h)), with(json!(h))));
                }
            }
            Kind::List => {
                for item in list_items(ep.name, field) {
                    out.push((
                        format!("{field}: item {}", short(&item.to_string())),
                        with(json!([item])),
                    ));
                }
                let many = json!(vec![valid[*field][0].clone(); 10_000]);
                out.push((format!("{field}: 10,000 items"), with(many)));
            }
            Kind::Value => {
                out.push((format!("{field}: junk string"), with(json!(".."))));
                for v in value_items(field) {
                    out.push((format!("{field}: {}", short(&v.to_string())), with(v)));
                }
            }
            Kind::File => {}
        }
    }
    let mut extra = valid.clone();
    extra.insert("evil".into(), json!("../../user/"));
    out.push(("extra field".into(), Value::Object(extra)));
    out
}

/// Hostile values of a structured argument.
fn value_items(field: &str) -> Vec<Value> {
    match field {
        // Dates Quay would silently replace by its defaults, and ranges the console refuses.
        "range" => vec![
            json!({"start": "11/01/2026", "end": "11/30/2026"}),
            json!({"start": "2026-11-30", "end": "2026-11-01"}),
            json!({"start": "2026-02-30", "end": "2026-03-01"}),
            json!({"start": "2020-01-01", "end": "2026-11-30"}),
            json!({"start": "2999-01-01", "end": "2999-01-02"}),
            json!({"start": "2026-11-01"}),
            json!({"start": "2026-11-01", "end": "2026-11-30", "evil": 1}),
        ],
        "filter" => hostile_idents()
            .into_iter()
            .flat_map(|h| [json!({"kind": h.clone()}), json!({"repository": h})])
            .chain([json!({"kind": "pull_repo", "performer": "acme+other"})])
            .collect(),
        _ => Vec::new(),
    }
}

/// Hostile items of a list argument.
fn list_items(endpoint: &str, field: &str) -> Vec<Value> {
    match field {
        "changes" if endpoint == "iac_apply" => iac_changes(),
        "names" | "robots" => hostile_idents().into_iter().map(Value::from).collect(),
        "changes" => hostile_idents()
            .into_iter()
            .map(|r| json!({"repo": r, "action": {"Put": "Read"}}))
            .chain([
                json!({"repo": "billing", "action": {"Put": "Owner"}}),
                json!({"repo": "billing", "action": "DROP"}),
            ])
            .collect(),
        "steps" => hostile_idents()
            .into_iter()
            .map(|t| json!({"Team": {"team": t}}))
            .chain([
                json!({"Repository": {"repo": "..", "perm": "Read"}}),
                json!({"Nuke": {}}),
            ])
            .collect(),
        "fetches" => hostile_idents()
            .into_iter()
            .flat_map(|n| {
                [
                    json!({"fetch": "robot", "name": n}),
                    json!({"fetch": "team", "name": n}),
                ]
            })
            .chain([
                json!({"fetch": "nuke"}),
                json!({"fetch": "robot"}),
                json!({"fetch": "repositories", "name": "../user"}),
                json!("repositories"),
            ])
            .collect(),
        "entries" => vec![
            json!({"issuer": "", "subject": "s"}),
            json!({"issuer": "not-a-url", "subject": "s"}),
            json!({"issuer": "https://i.example", "subject": ""}),
            json!({"issuer": "https://i.example", "subject": "a\u{202E}b"}),
            json!({"issuer": "https://i.example\u{0}", "subject": "s"}),
            json!({"issuer": "https://i.example", "subject": "x".repeat(1 << 20)}),
            json!({"issuer": "https://i.example"}),
            json!("https://i.example"),
        ],
        _ => unreachable!("{field}"),
    }
}

/// Hostile changes for `iac_apply`: every name of every kind of change, roles, kinds.
fn iac_changes() -> Vec<Value> {
    let mut v = Vec::new();
    for h in hostile_idents() {
        v.push(json!({"change": "create_robot", "robot": h, "description": ""}));
        v.push(json!({"change": "delete_robot", "robot": h}));
        v.push(json!({"change": "grant_permission", "robot": "victim", "repository": h, "role": "read"}));
        v.push(json!({"change": "add_team_member", "robot": "victim", "team": h}));
        v.push(json!({"change": "add_default_permission", "robot": "victim", "activating_user": h, "role": "read"}));
    }
    for h in hostile_texts() {
        v.push(json!({"change": "create_robot", "robot": "victim", "description": h}));
    }
    v.extend([
        json!({"change": "grant_permission", "robot": "victim", "repository": "billing", "role": "owner"}),
        json!({"change": "set_federation", "robot": "victim", "entries": [{"issuer": "not-a-url", "subject": "s"}]}),
        json!({"change": "drop_namespace", "robot": "victim"}),
        json!({"robot": "victim"}),
        json!("create_robot"),
    ]);
    v
}

/// Robots files with hostile contents: reviewing one answers its problems (200), reads
/// nothing outside the named namespace and writes nothing.
fn hostile_files() -> Vec<(String, String)> {
    let file =
        |robot: Value| json!({"version": 1, "namespace": "acme", "robots": [robot]}).to_string();
    let mut out = Vec::new();
    for h in hostile_idents() {
        out.push((
            format!("robot name {:?}", short(&h)),
            file(json!({"name": h})),
        ));
        out.push((
            format!("team {:?}", short(&h)),
            file(json!({"name": "victim", "teams": [h]})),
        ));
        let mut repos = serde_json::Map::new();
        repos.insert(h.clone(), json!("read"));
        out.push((
            format!("repository {:?}", short(&h)),
            file(json!({"name": "victim", "repositories": repos})),
        ));
    }
    for h in hostile_texts() {
        out.push((
            format!("description {:?}", short(&h)),
            file(json!({"name": "victim", "description": h})),
        ));
    }
    out.push(("not a mapping".into(), "- ..\n- ../../user/\n".into()));
    out.push(("alias bomb".into(), "a: &a [x]\nb: [*a, *a]\n".into()));
    out.push((
        "tab and NUL".into(),
        "version: 1\n\tnamespace: \u{0}\n".into(),
    ));
    out
}

fn short(s: &str) -> String {
    s.chars().take(24).collect()
}

/// The plan field of the wizard, attacked inside.
fn plan_mutations() -> Vec<(String, Value)> {
    let base = json!({"short": "victim", "description": "", "repos": {}, "teams": [], "default_perm": "None"});
    let mut out = Vec::new();
    let with = |k: &str, v: Value| {
        let mut p = base.clone();
        p[k] = v;
        json!({"namespace": "acme", "plan": p})
    };
    for h in hostile_idents() {
        out.push((
            format!("plan.short {:?}", short(&h)),
            with("short", json!(h)),
        ));
        out.push((
            format!("plan.teams {:?}", short(&h)),
            with("teams", json!([h])),
        ));
        let mut repos = serde_json::Map::new();
        repos.insert(h.clone(), json!("Read"));
        out.push((
            format!("plan.repos {:?}", short(&h)),
            with("repos", Value::Object(repos)),
        ));
    }
    for h in hostile_texts() {
        out.push((
            format!("plan.description {:?}", short(&h)),
            with("description", json!(h)),
        ));
    }
    out.push((
        "plan.default_perm Owner".into(),
        with("default_perm", json!("Owner")),
    ));
    let many: serde_json::Map<String, Value> = (0..10_000)
        .map(|i| (format!("repo-{i:05}"), json!("Read")))
        .collect();
    out.push((
        "plan.repos 10,000".into(),
        with("repos", Value::Object(many)),
    ));
    out.push((
        "plan.teams 10,000".into(),
        with("teams", json!(vec!["owners"; 10_000])),
    ));
    out
}

async fn assert_refused(label: &str, resp: reqwest::Response) {
    let status = resp.status().as_u16();
    let body = resp.text().await.unwrap_or_default();
    assert!(
        (400..500).contains(&status),
        "{label}: expected a 4xx, got {status}: {}",
        short(&body)
    );
    let message = serde_json::from_str::<Value>(&body)
        .ok()
        .and_then(|v| v["message"].as_str().map(str::to_string))
        .unwrap_or(body);
    assert!(
        !message.trim().is_empty(),
        "{label}: a 4xx without a message"
    );
    assert!(
        message.len() < 2000,
        "{label}: the message echoes the input"
    );
}

/// The calls the console made to the backend, as the backend received them.
async fn request_log(sandbox: &str) -> Vec<Value> {
    client()
        .get(format!("{sandbox}/sandbox/requests"))
        .bearer_auth(ADMIN_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// Where a write may go: only the named robot's own endpoints of `acme` (and the team and
/// default-permission endpoints the wizard uses).
fn allowed_write(method: &str, path: &str) -> bool {
    let re = |p: &str| regex_lite::Regex::new(p).unwrap().is_match(path);
    let robot = r"[a-z0-9]+(?:[._-][a-z0-9]+)*";
    let seg = r"[a-z0-9][a-z0-9._-]*";
    match method {
        "GET" | "HEAD" => true,
        "PUT" | "DELETE" | "POST" => {
            re(&format!(
                r"^/api/v1/(organization/acme|user)/robots/{robot}(/regenerate|/federation)?$"
            )) || re(&format!(
                r"^/api/v1/repository/acme/{seg}/permissions/user/acme\+{robot}$"
            )) || re(&format!(
                r"^/api/v1/organization/acme/team/{robot}(/members/acme\+{robot})?$"
            )) || re(r"^/api/v1/organization/acme/prototypes(/[A-Za-z0-9-]+)?$")
        }
        _ => false,
    }
}

#[test]
fn every_server_function_refuses_hostile_input_with_a_4xx_and_stays_inside_the_robot() {
    let _serial = serial();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let app: Running = spawn(config(dir.path())).await.expect("console starts");
        let sandbox = app.sandbox.as_ref().unwrap().base_url.clone();
        let page = Page::open(&app.url()).await;
        client()
            .delete(format!("{sandbox}/sandbox/requests"))
            .bearer_auth(ADMIN_TOKEN)
            .send()
            .await
            .unwrap();
        let mut calls = 0;
        for ep in endpoints() {
            let mut all = mutations(&ep);
            if ep.name == "wizard_create_robot" {
                all.extend(plan_mutations());
            }
            for (label, body) in all {
                calls += 1;
                let resp = send(&page, &ep, &body)
                    .send()
                    .await
                    .unwrap_or_else(|e| panic!("{} {label}: the connection failed: {e}", ep.name));
                assert_refused(&format!("{} {label}", ep.name), resp).await;
            }
            // Bodies that are not an argument object at all.
            let junk: [&[u8]; 4] = [b"", b"{", b"[1,2]", b"\"acme\""];
            for raw in junk {
                calls += 1;
                let ct = if ep.json {
                    "application/json"
                } else {
                    "application/x-www-form-urlencoded"
                };
                let resp = page
                    .post(ep.name)
                    .header("Content-Type", ct)
                    .body(raw.to_vec())
                    .send()
                    .await
                    .unwrap();
                assert_refused(
                    &format!("{} raw {:?}", ep.name, String::from_utf8_lossy(raw)),
                    resp,
                )
                .await;
            }
        }
        for (label, text) in hostile_files() {
            calls += 1;
            let resp = page
                .post("iac_plan")
                .json(&json!({"namespace": "acme", "text": text, "prune": true}))
                .send()
                .await
                .unwrap_or_else(|e| panic!("iac_plan {label}: the connection failed: {e}"));
            let status = resp.status().as_u16();
            let body: Value = resp.json().await.unwrap_or_default();
            assert_eq!(status, 200, "iac_plan {label}: {body}");
            assert!(
                !body["problems"].as_array().unwrap().is_empty(),
                "iac_plan {label}: no problem reported"
            );
            assert!(
                body["plan"]["changes"]
                    .as_array()
                    .is_none_or(|c| c.is_empty()),
                "iac_plan {label}: a plan"
            );
        }
        // A file over the request limit is refused before it is read.
        calls += 1;
        // The console answers 413 as soon as the length is known and may close the connection
        // while the client is still writing: either way nothing was read.
        match page
            .post("iac_plan")
            .json(&json!({"namespace": "acme", "text": "#".repeat(5 << 20), "prune": false}))
            .send()
            .await
        {
            Ok(big) => assert_refused("iac_plan 5 MB", big).await,
            Err(e) => assert!(e.is_request(), "iac_plan 5 MB: {e}"),
        }
        assert!(calls > 1000, "the suite ran {calls} calls");
        // None of that reached Quay as a write. A valid call does, so the check below is not
        // vacuous.
        let writes = |log: &[Value]| log.iter().filter(|r| r["method"] != "GET").count();
        assert_eq!(
            writes(&request_log(&sandbox).await),
            0,
            "a hostile call wrote to Quay"
        );
        let made = client()
            .put(format!("{sandbox}/api/v1/organization/acme/robots/victim"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(made.status(), 201);
        let ok = page
            .post("delete_robots")
            .json(&json!({"namespace": "acme", "names": ["acme+victim"]}))
            .send()
            .await
            .unwrap();
        assert_eq!(ok.status(), 200);
        assert!(ok.text().await.unwrap().contains(r#""result":"done""#));

        // What reached the backend: only well-formed paths of the named robot's endpoints.
        let log = request_log(&sandbox).await;
        assert!(log
            .iter()
            .any(|r| r["method"] == "DELETE"
                && r["path"] == "/api/v1/organization/acme/robots/victim"));
        for r in &log {
            let (method, path) = (r["method"].as_str().unwrap(), r["path"].as_str().unwrap());
            let normalised = reqwest::Url::parse(&format!("http://h{path}"))
                .unwrap()
                .path()
                .to_string();
            assert_eq!(normalised, path, "a path a normalising client would change");
            let lower = path.to_ascii_lowercase();
            assert!(
                !lower.contains("%2e") && !lower.contains("%2f") && !lower.contains("/../"),
                "{path}"
            );
            assert!(
                allowed_write(method, path),
                "{method} {path} left the robot's endpoints"
            );
        }
        // The user and the organization are still there.
        for p in ["/api/v1/user/", "/api/v1/organization/acme"] {
            let s = client()
                .get(format!("{sandbox}{p}"))
                .bearer_auth(ADMIN_TOKEN)
                .send()
                .await
                .unwrap();
            assert_eq!(s.status(), 200, "{p}");
        }
        app.shutdown().await;
    });
}

/// The exact request of issue 12, which made a console send `DELETE /api/v1/user/`.
async fn replay_the_deleting_request(console: &str, sandbox: &str, token: &str) {
    let body = json!({"namespace": "reader", "names": ["reader+.."]});
    let cross = client()
        .post(format!("{console}/api/delete_robots"))
        .header("Origin", "null")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), 403, "Origin: null is refused");
    // Even from the console's own page (right origin, valid token) the name does not parse.
    let page = Page::open(console).await;
    let own = page.post("delete_robots").json(&body).send().await.unwrap();
    assert_eq!(own.status(), 400);
    let msg = own.text().await.unwrap();
    assert!(
        msg.contains("robot: 'reader+..' is not a robot account name"),
        "{msg}"
    );
    let org = page
        .post("delete_robots")
        .json(&json!({"namespace": "acme", "names": ["acme+.."]}))
        .send()
        .await
        .unwrap();
    assert_eq!(org.status(), 400);
    for p in ["/api/v1/user/", "/api/v1/organization/acme"] {
        let s = client()
            .get(format!("{sandbox}{p}"))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(s.status(), 200, "{p} still exists");
    }
    let log = request_log(sandbox).await;
    assert!(
        !log.iter().any(|r| r["method"] == "DELETE"),
        "no DELETE reached the backend: {log:?}"
    );
}

#[test]
fn the_request_that_deleted_a_quay_user_is_refused_in_embedded_and_quay_url_modes() {
    let _serial = serial();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        // Embedded backend.
        let dir = tempfile::tempdir().unwrap();
        let app = spawn(config(dir.path())).await.unwrap();
        let sandbox = app.sandbox.as_ref().unwrap().base_url.clone();
        replay_the_deleting_request(&app.url(), &sandbox, ADMIN_TOKEN).await;
        app.shutdown().await;

        // A separate Quay-compatible server, `--quay-url` with a server-wide `--quay-token`: the
        // setup the issue found the hole in.
        let remote = quay_sandbox::start(quay_sandbox::SandboxConfig {
            addr: "127.0.0.1:0".parse().unwrap(),
            admin_token: Some(ADMIN_TOKEN.into()),
            ..Default::default()
        })
        .await
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut c = config(dir.path());
        c.quay_url = Some(remote.base_url.clone());
        c.quay_token = Some(ADMIN_TOKEN.into());
        let app = spawn(c).await.unwrap();
        replay_the_deleting_request(&app.url(), &remote.base_url, ADMIN_TOKEN).await;
        app.shutdown().await;
        remote.shutdown().await;
    });
}

#[test]
fn a_description_with_markup_renders_as_text_on_the_server() {
    let _serial = serial();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let app = spawn(config(dir.path())).await.unwrap();
        let sandbox = app.sandbox.as_ref().unwrap().base_url.clone();
        let evil = r#"<script>alert(1)</script><img src=x onerror=alert(2)>"#;
        let made = client()
            .put(format!("{sandbox}/api/v1/organization/acme/robots/xss_bot"))
            .bearer_auth(ADMIN_TOKEN)
            .json(&json!({ "description": evil }))
            .send()
            .await
            .unwrap();
        assert_eq!(made.status(), 201);
        let html = client()
            .get(format!("{}/organization/acme?tab=Robotaccounts", app.url()))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(html.contains("acme+xss_bot"));
        // The rows' data travels in the page for hydration, with `<` escaped; the description
        // itself shows when a row is expanded (the browser test checks that it shows as text).
        assert!(
            html.contains(
                r#"\\u003cscript>alert(1)\\u003c/script>\\u003cimg src=x onerror=alert(2)>"#
            ),
            "the data is escaped"
        );
        assert!(
            !html.contains("<script>alert(1)"),
            "no live script from data"
        );
        assert!(!html.contains("<img src=x"), "no live element from data");
        assert!(
            !html.contains(ADMIN_TOKEN),
            "the Quay token never reaches a page"
        );
        app.shutdown().await;
    });
}
