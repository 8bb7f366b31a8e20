//! Robots as code against the embedded backend: the `robot-console` binary's export, plan and
//! apply (exit codes, output, faults) against a Quay-compatible sandbox over loopback, and the
//! console's server functions doing the same for the UI.

use serde_json::{json, Value};
use std::path::Path;

const BIN: &str = env!("CARGO_BIN_EXE_robot-console");

/// A Quay-compatible sandbox (in memory, demo seed) with its Quay and admin APIs.
struct Quay {
    sb: quay_sandbox::RunningSandbox,
    http: reqwest::Client,
}

impl Quay {
    async fn start() -> Quay {
        let sb = quay_sandbox::start(quay_sandbox::SandboxConfig {
            addr: "127.0.0.1:0".parse().unwrap(),
            ..Default::default()
        })
        .await
        .expect("sandbox starts");
        Quay {
            sb,
            http: reqwest::Client::new(),
        }
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut req = self
            .http
            .request(method, format!("{}{path}", self.sb.base_url))
            .bearer_auth(&self.sb.admin_token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }

    async fn fault(&self, rule: Value) {
        self.send(reqwest::Method::POST, "/sandbox/faults", Some(rule))
            .await;
    }

    async fn clear_faults(&self) {
        self.send(reqwest::Method::DELETE, "/sandbox/faults", None)
            .await;
    }

    /// Runs the binary with `args` against this Quay (`--quay-url`, `--quay-token`).
    async fn cli(&self, args: &[&str]) -> Run {
        let mut all: Vec<&str> = args.to_vec();
        all.extend([
            "--quay-url",
            &self.sb.base_url,
            "--quay-token",
            &self.sb.admin_token,
        ]);
        run(&all).await
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// The binary with a clean environment (no QUAY_* from the caller's shell).
async fn run(args: &[&str]) -> Run {
    let out = tokio::process::Command::new(BIN)
        .args(args)
        .env_remove("QUAY_URL")
        .env_remove("QUAY_TOKEN")
        .env_remove("SANDBOX_ADMIN_TOKEN")
        .env_remove("SANDBOX_ADDR")
        .env_remove("ROBOT_CONSOLE_DATA_DIR")
        .stdin(std::process::Stdio::null())
        .output()
        .await
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

async fn export(q: &Quay, ns: &str) -> String {
    let r = q.cli(&["export", "--namespace", ns]).await;
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

/// Gives deployer a federation entry and scanner a default permission for alice's repositories,
/// so every part of the format is exercised.
async fn enrich(q: &Quay) {
    q.send(
        reqwest::Method::POST,
        "/api/v1/organization/acme/robots/deployer/federation",
        Some(json!([{"issuer": "https://issuer.example", "subject": "system:serviceaccount:ci:deployer"}])),
    )
    .await;
    q.send(
        reqwest::Method::POST,
        "/api/v1/organization/acme/prototypes",
        Some(json!({"delegate": {"name": "acme+scanner", "kind": "user", "is_robot": true}, "role": "read", "activating_user": {"name": "alice"}})),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_then_apply_to_an_emptied_namespace_reproduces_the_same_export() {
    let q = Quay::start().await;
    let dir = tempfile::tempdir().unwrap();
    enrich(&q).await;
    let first = export(&q, "acme").await;
    assert!(
        first.contains("subject: system:serviceaccount:ci:deployer"),
        "{first}"
    );
    assert!(first.contains("activating_user: alice"), "{first}");
    assert_eq!(
        export(&q, "acme").await,
        first,
        "two exports are the same bytes"
    );
    let file = write(dir.path(), "acme.yaml", &first);

    // Empty the namespace: a file without robots, pruned.
    let empty = write(
        dir.path(),
        "empty.yaml",
        "version: 1\nnamespace: acme\nrobots: []\n",
    );
    let kept = q.cli(&["plan", "-f", &empty]).await;
    assert_eq!(
        (kept.code, kept.stdout.trim()),
        (0, "No changes: the robots of acme match the file."),
        "without --prune nothing is deleted"
    );
    let r = q
        .cli(&["apply", "-f", &empty, "--prune", "--auto-approve"])
        .await;
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout.matches("done     delete robot acme+").count(),
        4,
        "{}",
        r.stdout
    );
    let emptied = export(&q, "acme").await;
    assert!(
        emptied.contains("robots: []\n") && !emptied.contains("default_permissions"),
        "{emptied}"
    );

    // Apply the first export: the same export comes back.
    let r = q.cli(&["apply", "-f", &file, "--auto-approve"]).await;
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(
            "New robot accounts: acme+backup.bot, acme+ci_builder, acme+deployer, acme+scanner."
        ),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("FAILED"), "{}", r.stdout);
    assert_eq!(export(&q, "acme").await, first);

    // The new robots' tokens appear nowhere in the output.
    for short in ["backup.bot", "ci_builder", "deployer", "scanner"] {
        let robot = q
            .send(
                reqwest::Method::GET,
                &format!("/api/v1/organization/acme/robots/{short}"),
                None,
            )
            .await;
        let token = robot["token"].as_str().unwrap();
        assert!(token.len() > 20);
        assert!(
            !r.stdout.contains(token) && !r.stderr.contains(token),
            "the token of {short} was printed"
        );
    }

    // Applying the same file again changes nothing.
    let again = q.cli(&["apply", "-f", &file, "--auto-approve"]).await;
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        again.stdout.trim(),
        "No changes: the robots of acme match the file."
    );
    q.sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_lists_exactly_the_changes_of_a_hand_edited_file_and_apply_twice_is_idempotent() {
    let q = Quay::start().await;
    let dir = tempfile::tempdir().unwrap();
    enrich(&q).await;
    let original = export(&q, "acme").await;
    let edited = original
        // deployer: billing write → read, leaves developers for readers, loses its federation.
        .replace("      billing: write\n", "      billing: read\n")
        .replace("      - developers\n", "      - readers\n")
        .replace("    federation:\n      - issuer: https://issuer.example\n        subject: system:serviceaccount:ci:deployer\n", "")
        // ci_builder: api-server revoked.
        .replace("    description: Builds images in CI\n    repositories:\n      api-server: read\n", "    description: Builds images in CI\n    repositories:\n")
        // A new robot with a team, a grant and a federation entry.
        .replace("  - name: deployer\n", "  - name: builder\n    description: Builds things\n    teams: [developers]\n    repositories:\n      gateway: write\n    federation:\n      - issuer: https://token.actions.example\n        subject: repo:acme/app:ref:refs/heads/main\n  - name: deployer\n")
        // Default permissions: deployer's becomes admin, builder gets one, scanner's goes.
        .replace("  - robot: deployer\n    role: write\n", "  - robot: builder\n    role: read\n  - robot: deployer\n    role: admin\n")
        .replace("  - robot: scanner\n    role: read\n    activating_user: alice\n", "");
    assert_ne!(edited, original);
    let file = write(dir.path(), "edited.yaml", &edited);
    let r = q.cli(&["plan", "-f", &file, "--json"]).await;
    assert_eq!(r.code, 2, "changes exit with 2: {}", r.stderr);
    let plan: Value = serde_json::from_str(&r.stdout).unwrap();
    let expected = json!([
        {"change": "create_robot", "robot": "builder", "description": "Builds things"},
        {"change": "grant_permission", "robot": "builder", "repository": "gateway", "role": "write"},
        {"change": "add_team_member", "robot": "builder", "team": "developers"},
        {"change": "set_federation", "robot": "builder", "entries": [{"issuer": "https://token.actions.example", "subject": "repo:acme/app:ref:refs/heads/main"}], "replaces": false},
        {"change": "change_permission", "robot": "deployer", "repository": "billing", "from": "write", "to": "read"},
        {"change": "add_team_member", "robot": "deployer", "team": "readers"},
        {"change": "add_default_permission", "robot": "builder", "activating_user": null, "role": "read"},
        {"change": "change_default_permission", "robot": "deployer", "activating_user": null, "from": "write", "to": "admin"},
        {"change": "revoke_permission", "robot": "ci_builder", "repository": "api-server", "role": "read"},
        {"change": "remove_team_member", "robot": "deployer", "team": "developers"},
        {"change": "clear_federation", "robot": "deployer"},
        {"change": "remove_default_permission", "robot": "scanner", "activating_user": "alice", "role": "read"},
    ]);
    assert_eq!(
        plan["changes"],
        expected,
        "{}",
        serde_json::to_string_pretty(&plan["changes"]).unwrap()
    );
    assert_eq!(plan["namespace"], "acme");

    // The text plan says the same in words; without the scanner and with --prune it goes.
    let text = q.cli(&["plan", "-f", &file]).await;
    assert_eq!(text.code, 2);
    assert!(
        text.stdout
            .starts_with("Plan for acme: 12 changes (6 to add, 2 to change, 4 to remove).\n"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("\n~ change acme+deployer on repository billing: write → read\n"),
        "{}",
        text.stdout
    );
    let no_scanner = edited.replace(
        "  - name: scanner\n    description: Scans images for vulnerabilities\n",
        "  - name: scanner_gone\n    description: x\n",
    );
    let pruned = write(
        dir.path(),
        "pruned.yaml",
        &no_scanner[..no_scanner.find("  - name: scanner_gone").unwrap()],
    );
    let p = q.cli(&["plan", "-f", &pruned, "--prune"]).await;
    assert!(
        p.stdout.ends_with("- delete robot acme+scanner\n"),
        "{}",
        p.stdout
    );

    // Apply, then again: nothing left to do, and the export is the file.
    let r = q.cli(&["apply", "-f", &file, "--auto-approve"]).await;
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(r.stdout.matches("\ndone     ").count(), 12, "{}", r.stdout);
    assert!(
        r.stderr
            .contains("[####################] 12 of 12 done, 0 failed"),
        "{}",
        r.stderr
    );
    let again = q.cli(&["apply", "-f", &file, "--auto-approve"]).await;
    assert_eq!(
        (again.code, again.stdout.trim()),
        (0, "No changes: the robots of acme match the file.")
    );
    assert_eq!(q.cli(&["plan", "-f", &file]).await.code, 0);
    let (parsed, _) = robot_console::iac::parse::parse(&edited).unwrap();
    assert_eq!(
        export(&q, "acme").await,
        robot_console::iac::export::to_yaml(&parsed)
    );
    q.sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partial_failure_is_reported_item_by_item_and_a_second_apply_converges() {
    let q = Quay::start().await;
    let dir = tempfile::tempdir().unwrap();
    let original = export(&q, "acme").await;
    let edited = original.replace(
        "  - name: ci_builder\n",
        "  - name: bot_one\n    repositories:\n      billing: read\n      gateway: write\n      inventory: admin\n  - name: bot_two\n    teams: [readers]\n    repositories:\n      checkout: read\n  - name: ci_builder\n",
    );
    let file = write(dir.path(), "faulty.yaml", &edited);
    // Quay refuses one grant, and the creation of bot_two (4xx: not retried).
    q.fault(json!({"method": "PUT", "path_contains": "/repository/acme/gateway/permissions/user/acme+bot_one", "status": 400, "times": null})).await;
    q.fault(
        json!({"method": "PUT", "path_contains": "/robots/bot_two", "status": 400, "times": null}),
    )
    .await;
    let r = q.cli(&["apply", "-f", &file, "--auto-approve"]).await;
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let failed: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("FAILED"))
        .collect();
    assert_eq!(failed.len(), 4, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("FAILED   create robot acme+bot_two: Injected fault (400) (status 400)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "FAILED   grant write on repository gateway to acme+bot_one: Injected fault (400)"
        ),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("FAILED   add acme+bot_two to team readers: Not attempted: the robot account acme+bot_two could not be created (status 424)"), "{}", r.stdout);
    assert_eq!(
        r.stdout.lines().filter(|l| l.starts_with("done")).count(),
        3,
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("3 of 7 done, 4 failed"), "{}", r.stderr);
    assert!(
        r.stderr.contains("Run apply again to complete the rest"),
        "{}",
        r.stderr
    );

    // Quay is fine again: the plan is what is left, and the second apply completes it.
    q.clear_faults().await;
    let rest = q.cli(&["plan", "-f", &file]).await;
    assert_eq!(rest.code, 2);
    assert!(
        rest.stdout
            .starts_with("Plan for acme: 4 changes (4 to add, 0 to change, 0 to remove)."),
        "{}",
        rest.stdout
    );
    let r = q.cli(&["apply", "-f", &file, "--auto-approve"]).await;
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(q.cli(&["plan", "-f", &file]).await.code, 0);
    q.sb.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_files_are_refused_with_their_line_and_column_and_nothing_changes() {
    let q = Quay::start().await;
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.yaml",
        "version: 1\nnamespace: acme\nrobots:\n  - name: builder\n    repos:\n      billing: write\n  - name: Bad Name\n    repositories:\n      billing: writer\n",
    );
    let r = q.cli(&["plan", "-f", &bad]).await;
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert!(lines[0].ends_with("bad.yaml:5:5: robots[0]: unknown key 'repos'. Did you mean 'repositories'? Allowed here: name, description, teams, repositories, federation."), "{}", r.stderr);
    assert!(
        lines[1].contains(
            "bad.yaml:7:11: robots[1].name: 'Bad Name' is not a valid robot account name."
        ),
        "{}",
        r.stderr
    );
    assert!(lines[2].ends_with("bad.yaml:9:16: robots[1].repositories.billing: 'writer' is not a role; use read, write or admin."), "{}", r.stderr);
    assert!(
        lines[3].ends_with("bad.yaml has 3 problems; nothing was changed."),
        "{}",
        r.stderr
    );

    // What only Quay knows: teams and repositories that do not exist.
    let unknown = write(
        dir.path(),
        "unknown.json",
        "{\n  \"version\": 1,\n  \"namespace\": \"acme\",\n  \"robots\": [\n    {\"name\": \"builder\", \"teams\": [\"ghosts\"],\n     \"repositories\": {\"nowhere\": \"read\"}}\n  ]\n}\n",
    );
    let r = q.cli(&["apply", "-f", &unknown, "--auto-approve"]).await;
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("unknown.json:5:35: robots[0].teams[0]: team 'ghosts' does not exist in acme (its teams: developers, owners, readers)."), "{}", r.stderr);
    assert!(r.stderr.contains("unknown.json:6:23: robots[0].repositories.nowhere: repository 'nowhere' does not exist in acme."), "{}", r.stderr);
    let robots = q
        .send(
            reqwest::Method::GET,
            "/api/v1/organization/acme/robots",
            None,
        )
        .await;
    assert_eq!(
        robots["robots"].as_array().unwrap().len(),
        4,
        "nothing was created"
    );
    let r = q
        .cli(&[
            "plan",
            "-f",
            &write(dir.path(), "syntax.yaml", "version: 1\nrobots: [\n"),
        ])
        .await;
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("syntax.yaml:3:1: YAML syntax: "),
        "{}",
        r.stderr
    );
    q.sb.shutdown().await;
}

// ---- the console: the CLI next to it without a URL, and its server functions ----

struct Visitor {
    base: String,
    cookies: std::collections::BTreeMap<String, String>,
    token: String,
}

impl Visitor {
    /// Loads `/signin` for the CSRF cookie and the page's token.
    async fn new(base: &str) -> Visitor {
        let resp = reqwest::get(format!("{base}/signin")).await.unwrap();
        let mut cookies = std::collections::BTreeMap::new();
        for c in resp.headers().get_all("set-cookie") {
            let pair = c.to_str().unwrap().split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            cookies.insert(k.to_string(), v.to_string());
        }
        let html = resp.text().await.unwrap();
        let i = html.find("name=\"csrf-token\"").unwrap();
        let rest = &html[i..];
        let c = rest.find("content=\"").unwrap() + 9;
        let token = rest[c..c + rest[c..].find('"').unwrap()].to_string();
        Visitor {
            base: base.to_string(),
            cookies,
            token,
        }
    }

    fn post(&self, name: &str) -> reqwest::RequestBuilder {
        let cookie: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        reqwest::Client::new()
            .post(format!("{}/api/{name}", self.base))
            .header("Accept", "application/json")
            .header("Origin", &self.base)
            .header("Cookie", cookie.join("; "))
            .header("x-csrf-token", &self.token)
    }

    async fn json(&self, name: &str, body: Value) -> Value {
        let resp = self.post(name).json(&body).send().await.unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        assert!(status.is_success(), "{name}: {status} {text}");
        serde_json::from_str(&text).unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_exports_plans_and_applies_and_its_cli_needs_no_url_next_to_it() {
    use clap::Parser;
    let dir = tempfile::tempdir().unwrap();
    let mut config = robot_console::config::Config::try_parse_from(["robot-console"]).unwrap();
    config.addr = "127.0.0.1:0".parse().unwrap();
    config.sandbox_addr = "127.0.0.1:0".parse().unwrap();
    config.data_dir = dir.path().join("data");
    (config.quay_url, config.quay_token, config.admin_token) = (None, None, None);
    config.session_key = None;
    let app = robot_console::serve::spawn(config)
        .await
        .expect("console starts");
    let sandbox_addr = app.sandbox.as_ref().unwrap().addr.to_string();

    // The CLI with no URL and no token: the running console's backend and its stored token.
    let data_dir = dir.path().join("data");
    let cli = run(&[
        "export",
        "-n",
        "acme",
        "--sandbox-addr",
        &sandbox_addr,
        "--data-dir",
        data_dir.to_str().unwrap(),
    ])
    .await;
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    assert!(
        cli.stdout.contains("  - name: deployer\n"),
        "{}",
        cli.stdout
    );

    // The UI's server functions: the same export, a plan, an apply streamed change by change.
    let v = Visitor::new(&app.url()).await;
    let resp = v
        .post("iac_export")
        .form(&[("namespace", "acme"), ("json", "false")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let exported: String = resp.json().await.unwrap();
    assert_eq!(
        exported, cli.stdout,
        "the UI downloads the file the CLI prints"
    );
    let edited = exported.replace(
        "  - name: scanner\n",
        "  - name: ui_bot\n    teams: [readers]\n  - name: scanner\n",
    );
    let answer = v
        .json(
            "iac_plan",
            json!({"namespace": "acme", "text": edited, "prune": false}),
        )
        .await;
    assert_eq!(answer["problems"], json!([]));
    let changes = answer["plan"]["changes"].clone();
    assert_eq!(
        changes,
        json!([
            {"change": "create_robot", "robot": "ui_bot", "description": ""},
            {"change": "add_team_member", "robot": "ui_bot", "team": "readers"},
        ])
    );
    let resp = v
        .post("iac_apply")
        .json(&json!({"namespace": "acme", "changes": changes}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let body = resp.text().await.unwrap();
    let events: Vec<Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(events[0], json!({"event": "started", "total": 2}));
    assert_eq!(events.last().unwrap(), &json!({"event": "finished"}));
    let outcomes: Vec<&Value> = events.iter().filter(|e| e["event"] == "item").collect();
    assert_eq!(outcomes.len(), 2);
    assert!(
        outcomes.iter().all(|e| e["outcome"]["result"] == "done"),
        "{body}"
    );
    assert!(
        outcomes[0]["item"]["change"] == "create_robot",
        "robots are created first: {body}"
    );
    let again = v
        .json(
            "iac_plan",
            json!({"namespace": "acme", "text": edited, "prune": false}),
        )
        .await;
    assert_eq!(again["plan"]["changes"], json!([]));

    // A bad file: problems with their places, no plan.
    let bad = v.json("iac_plan", json!({"namespace": "acme", "text": "version: 1\nnamespace: acme\nrobots:\n  - nme: x\n", "prune": false})).await;
    assert_eq!(bad["problems"][0]["line"], 4);
    assert_eq!(bad["problems"][0]["column"], 5);
    assert_eq!(bad["plan"]["changes"], json!([]));
    // Changes a user namespace cannot have are refused before anything runs.
    let resp = v.post("iac_apply").json(&json!({"namespace": "demo", "changes": [{"change": "add_team_member", "robot": "laptop", "team": "readers"}]})).send().await.unwrap();
    assert_eq!(resp.status(), 400);
    app.shutdown().await;
}
