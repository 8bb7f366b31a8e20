//! Benchmark of the permission save path against the embedded backend:
//! `cargo run --release --features ssr --example bench_permissions [CHANGES LATENCY_MS]`.
//!
//! Each run gives a fresh robot 100 permissions (set up without latency), then applies CHANGES
//! (default 500) changes with LATENCY_MS (default 50) injected on every call: 400 PUTs (300 added,
//! 100 changed) and 100 DELETEs. Rows:
//!  * our save path (the bulk engine `run_all`: pooled keep-alive client, bounded concurrency,
//!    retries) at
//!    the default setting (`DEFAULT_CONCURRENCY`, 40) and at 8, 16, 32 and 64;
//!  * a sequential baseline (one request at a time);
//!  * a 6-in-flight baseline (a browser firing every request at once over HTTP/1.1 gets 6
//!    connections per host: Quay's UI).
//!
//! Then the same save at the default setting with 10% injected 5xx, once with the retry policy
//! and once without retries followed by "Retry failed"; the final state is checked through the API.

use robot_console::bulk::RetryPolicy;
use robot_console::config::DEFAULT_CONCURRENCY;
use robot_console::permissions::{diff, Action, Change, Perm, PermMap};
use robot_console::quay::client::{QuayClient, RobotScope};
use robot_console::quay::ids::{Description, Namespace, RepoName, RobotName, RobotShort};
use robot_console::server::bulk::run_all;
use robot_console::server::permissions::ssr::{apply_one, to_map};
use std::time::{Duration, Instant};

const NS: &str = "acme";

fn repo(i: usize) -> RepoName {
    RepoName::parse(&format!("repo-{i:04}")).unwrap()
}

fn ns() -> Namespace {
    Namespace::parse(NS).unwrap()
}

fn scope() -> RobotScope {
    RobotScope::Org(ns())
}

/// `prev`: Read on the first 2n/5 repos. `new`: the first n/5 removed, the next n/5 changed to
/// Write, and 3n/5 more added (Read or Admin): n changes in all.
fn plan(changes: usize) -> (PermMap, PermMap) {
    let deletes = changes / 5; // 100 of 500
    let changed = changes / 5; // 100 of 500
    let added = changes - deletes - changed; // 300 of 500
    let mut prev = PermMap::new();
    for i in 1..=(deletes + changed) {
        prev.insert(repo(i), Perm::Read);
    }
    let mut new = PermMap::new();
    for i in (deletes + 1)..=(deletes + changed) {
        new.insert(repo(i), Perm::Write);
    }
    for i in (deletes + changed + 1)..=(deletes + changed + added) {
        new.insert(repo(i), if i % 3 == 0 { Perm::Admin } else { Perm::Read });
    }
    (prev, new)
}

async fn settings(http: &reqwest::Client, base: &str, admin: &str, body: serde_json::Value) {
    http.put(format!("{base}/sandbox/settings"))
        .bearer_auth(admin)
        .json(&body)
        .send()
        .await
        .expect("sandbox settings")
        .error_for_status()
        .expect("sandbox settings accepted");
}

struct Bench {
    quay: QuayClient,
    http: reqwest::Client,
    base: String,
    token: String,
    latency: u64,
    prev: PermMap,
    new: PermMap,
    runs: usize,
}

impl Bench {
    /// A fresh robot holding `prev`, set up with no latency and no errors.
    async fn fresh_robot(&mut self) -> RobotName {
        self.runs += 1;
        settings(
            &self.http,
            &self.base,
            &self.token,
            serde_json::json!({"latency_ms": 0, "error_rate": 0.0}),
        )
        .await;
        let short =
            RobotShort::parse(&format!("bench{}_{}", std::process::id(), self.runs)).unwrap();
        let description = Description::parse("bench").unwrap();
        self.quay
            .create_robot(&self.token, &scope(), &short, &description)
            .await
            .expect("create robot");
        let robot = RobotName::new(&ns(), &short);
        let setup = diff(&PermMap::new(), &self.prev);
        self.apply(&robot, setup, 16, RetryPolicy::default()).await;
        robot
    }

    async fn apply(
        &self,
        robot: &RobotName,
        changes: Vec<Change>,
        conc: usize,
        policy: RetryPolicy,
    ) -> Vec<Change> {
        let ns = ns();
        let (quay, token) = (&self.quay, &self.token);
        let op = |c: &Change| {
            let (ns, c) = (&ns, c.clone());
            async move { apply_one(quay, token, ns, robot, &c).await }
        };
        let mut failed = Vec::new();
        run_all(changes, conc, policy, op, |c, o| {
            if o.is_failed() {
                failed.push(c)
            }
        })
        .await;
        failed
    }

    async fn state(&self, robot: &RobotName) -> PermMap {
        settings(
            &self.http,
            &self.base,
            &self.token,
            serde_json::json!({"latency_ms": 0, "error_rate": 0.0}),
        )
        .await;
        to_map(
            self.quay
                .robot_permissions(&self.token, &scope(), &robot.short())
                .await
                .expect("read permissions"),
        )
    }

    /// One timed save; returns seconds and checks the final state.
    async fn timed(&mut self, conc: usize, policy: RetryPolicy) -> f64 {
        let robot = self.fresh_robot().await;
        let changes = diff(&self.prev, &self.new);
        settings(
            &self.http,
            &self.base,
            &self.token,
            serde_json::json!({"latency_ms": self.latency}),
        )
        .await;
        let t0 = Instant::now();
        let failed = self.apply(&robot, changes, conc, policy).await;
        let secs = t0.elapsed().as_secs_f64();
        assert!(failed.is_empty(), "{} changes failed", failed.len());
        assert_eq!(self.state(&robot).await, self.new, "final state of {robot}");
        secs
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n = args.first().copied().unwrap_or(500) as usize;
    let latency = args.get(1).copied().unwrap_or(50);
    let sb = quay_sandbox::start(quay_sandbox::SandboxConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        seed: quay_sandbox::SeedConfig {
            repos: n,
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .expect("sandbox starts");
    let (prev, new) = plan(n);
    let mut b = Bench {
        quay: QuayClient::new(&sb.base_url, Duration::from_secs(30)),
        http: reqwest::Client::new(),
        base: sb.base_url.clone(),
        token: sb.admin_token.clone(),
        latency,
        prev,
        new,
        runs: 0,
    };
    let changes = diff(&b.prev, &b.new);
    let puts = changes
        .iter()
        .filter(|c| matches!(c.action, Action::Put(_)))
        .count();
    println!(
        "{} changes ({} PUT, {} DELETE), {latency} ms injected latency per call, embedded backend\n",
        changes.len(),
        puts,
        changes.len() - puts
    );
    let policy = RetryPolicy::default();
    let seq = b.timed(1, policy).await;
    let six = b.timed(6, policy).await;
    let rows = [
        ("sequential baseline (1 in flight)", seq),
        ("browser baseline (6 in flight, HTTP/1.1)", six),
        ("our save path, concurrency 8", b.timed(8, policy).await),
        ("our save path, concurrency 16", b.timed(16, policy).await),
        ("our save path, concurrency 32", b.timed(32, policy).await),
        (
            "our save path, default setting (40)",
            b.timed(DEFAULT_CONCURRENCY, policy).await,
        ),
        ("our save path, concurrency 64", b.timed(64, policy).await),
    ];
    println!("| run | seconds | changes/s | vs sequential | vs 6-in-flight |");
    println!("|---|---:|---:|---:|---:|");
    for (name, s) in rows {
        println!(
            "| {name} | {s:.2} | {:.0} | {:.1}x | {:.2}x |",
            changes.len() as f64 / s,
            seq / s,
            six / s
        );
    }

    // 10% injected 5xx at the default setting.
    for (label, policy) in [
        ("with retries (4 attempts, backoff)", policy),
        (
            "without retries, then Retry failed",
            RetryPolicy {
                attempts: 1,
                ..policy
            },
        ),
    ] {
        let robot = b.fresh_robot().await;
        let changes = diff(&b.prev, &b.new);
        settings(
            &b.http,
            &b.base,
            &b.token,
            serde_json::json!({"latency_ms": latency, "error_rate": 0.1}),
        )
        .await;
        let t0 = Instant::now();
        let mut failed = b
            .apply(&robot, changes.clone(), DEFAULT_CONCURRENCY, policy)
            .await;
        let first = failed.len();
        // Nothing reported done may be missing: check every change not reported failed.
        let mid = b.state(&robot).await;
        let wrongly_done = changes
            .iter()
            .filter(|c| !failed.contains(c))
            .filter(|c| match c.action {
                Action::Put(p) => mid.get(&c.repo) != Some(&p),
                Action::Delete => mid.contains_key(&c.repo),
            })
            .count();
        let mut retries = 0;
        while !failed.is_empty() && retries < 10 {
            retries += 1;
            settings(
                &b.http,
                &b.base,
                &b.token,
                serde_json::json!({"latency_ms": latency, "error_rate": 0.1}),
            )
            .await;
            failed = b.apply(&robot, failed, DEFAULT_CONCURRENCY, policy).await;
        }
        let secs = t0.elapsed().as_secs_f64();
        let end = b.state(&robot).await;
        println!(
            "\n10% injected 5xx, {label}: {first} reported failed after the first pass, {wrongly_done} reported done but not applied, {retries} \"Retry failed\" round(s), final state {} ({:.2} s incl. checks)",
            if end == b.new { "matches every change" } else { "DIFFERS" },
            secs
        );
        assert_eq!(wrongly_done, 0);
        assert_eq!(end, b.new);
    }
    sb.shutdown().await;
}
