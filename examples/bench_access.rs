//! Benchmark of the access report on a large namespace:
//! `cargo run --release --features ssr --example bench_access [ROBOTS REPOS TEAMS LATENCY_MS]`
//! (defaults 200 robots, 2,000 repositories, 10 teams with 50 grants each, 50 ms latency on
//! every Quay call).
//!
//! Runs what the server does for the Robot access tab, in process against the embedded backend:
//! the plan (robots list and organization, at once), then every fetch through the bulk engine
//! (the repository list, following its pages; each robot's permissions and federation; each
//! team's permissions) at the console's default concurrency, then the browser's part: assembling
//! the matrix, the risk flags, the shown selection and the CSV and JSON exports. Prints the time
//! of each step (median of 3 runs), and the same gathering 6 requests at a time (a browser
//! calling Quay directly over HTTP/1.1, as Quay's UI does) for comparison.

use robot_console::access::export::Export;
use robot_console::access::filter::{shown, Filters};
use robot_console::access::risk::{risks, RiskSettings};
use robot_console::access::{build_report, AccessPlan, Fetch, Gathered};
use robot_console::bulk::{Outcome, RetryPolicy};
use robot_console::config::DEFAULT_CONCURRENCY;
use robot_console::quay::client::{QuayClient, RobotScope};
use robot_console::quay::ids::Namespace;
use robot_console::server::access::ssr::{fetch_one, plan};
use robot_console::server::bulk::run_all_with;
use std::time::{Duration, Instant};

struct Timings {
    plan: f64,
    gather: f64,
    assemble: f64,
    export: f64,
    cells: usize,
    fetches: usize,
}

async fn gather(
    quay: &QuayClient,
    token: &str,
    ns: &Namespace,
    p: &AccessPlan,
    concurrency: usize,
) -> Gathered {
    let scope = RobotScope::Org(ns.clone());
    let mut g = Gathered::default();
    let op = |f: &Fetch| {
        let (scope, f) = (&scope, f.clone());
        async move { fetch_one(quay, token, scope, ns, &f).await }
    };
    run_all_with(
        p.fetches(),
        concurrency,
        RetryPolicy::default(),
        op,
        |f, r| match r {
            Ok(d) => g.record(&f, &Outcome::Done, Some(d)),
            Err(e) => g.record(&f, &Outcome::failed(&e), None),
        },
    )
    .await;
    g
}

async fn run(quay: &QuayClient, token: &str, ns: &Namespace, concurrency: usize) -> Timings {
    let t0 = Instant::now();
    let p = plan(quay, token, ns, false).await.expect("plan");
    let plan_s = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let g = gather(quay, token, ns, &p, concurrency).await;
    let gather_s = t1.elapsed().as_secs_f64();
    assert!(g.failed.is_empty(), "failed fetches: {:?}", g.failed);
    let t2 = Instant::now();
    let report = build_report(&p, &g);
    let flags: Vec<_> = report
        .rows
        .iter()
        .map(|r| risks(r, &RiskSettings::default(), p.generated_at))
        .collect();
    let all = shown(&report, &flags, &Filters::default());
    let assemble_s = t2.elapsed().as_secs_f64();
    let t3 = Instant::now();
    let e = Export {
        namespace: ns,
        generated_at: p.generated_at,
        report: &report,
        shown: &all,
        risks: &flags,
    };
    let bytes = e.matrix_csv().len() + e.matrix_json().len() + e.summary_csv().len();
    let export_s = t3.elapsed().as_secs_f64();
    assert!(bytes > 0);
    Timings {
        plan: plan_s,
        gather: gather_s,
        assemble: assemble_s,
        export: export_s,
        cells: report.rows.iter().map(|r| r.cells.len()).sum(),
        fetches: p.fetches().len(),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

#[tokio::main]
async fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let robots = args.first().copied().unwrap_or(200) as usize;
    let repos = args.get(1).copied().unwrap_or(2000) as usize;
    let teams = args.get(2).copied().unwrap_or(10) as usize;
    let latency = args.get(3).copied().unwrap_or(50);
    let sb = quay_sandbox::start(quay_sandbox::SandboxConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        seed: quay_sandbox::SeedConfig {
            robots,
            repos,
            teams,
            team_repo_permissions: 50,
            team_only_robots: robots / 10,
        },
        faults: quay_sandbox::FaultConfig {
            latency_ms: latency,
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .expect("sandbox starts");
    let quay = QuayClient::new(&sb.base_url, Duration::from_secs(60));
    let ns = Namespace::parse("acme").unwrap();
    let token = sb.admin_token.clone();

    let mut runs = Vec::new();
    for _ in 0..3 {
        runs.push(run(&quay, &token, &ns, DEFAULT_CONCURRENCY).await);
    }
    let base = run(&quay, &token, &ns, 6).await;
    let first = &runs[0];
    println!(
        "Access report of acme: {} robots × {} repositories ({} robots, {} repositories, {} teams seeded; the demo's added), {} fetches, {} non-empty cells; {latency} ms latency per Quay call\n",
        robots + 4,
        repos + 30,
        robots,
        repos,
        teams,
        first.fetches,
        first.cells,
    );
    let m = |f: fn(&Timings) -> f64| median(runs.iter().map(f).collect());
    let total = |t: &Timings| t.plan + t.gather + t.assemble + t.export;
    println!("| step | {DEFAULT_CONCURRENCY} in flight (the console, median of 3) | 6 in flight (a browser, 1 run) |");
    println!("|---|---|---|");
    println!(
        "| plan: robots list + organization | {:.0} ms | {:.0} ms |",
        m(|t| t.plan) * 1e3,
        base.plan * 1e3
    );
    println!("| gather: repository pages, robots (permissions + federation), teams | {:.0} ms | {:.0} ms |", m(|t| t.gather) * 1e3, base.gather * 1e3);
    println!(
        "| assemble: matrix, risk flags, shown selection | {:.1} ms | {:.1} ms |",
        m(|t| t.assemble) * 1e3,
        base.assemble * 1e3
    );
    println!(
        "| exports: matrix CSV + JSON, summary CSV | {:.1} ms | {:.1} ms |",
        m(|t| t.export) * 1e3,
        base.export * 1e3
    );
    println!(
        "| **report built** | **{:.0} ms** | **{:.0} ms** |",
        m(total) * 1e3,
        total(&base) * 1e3
    );
    sb.shutdown().await;
}
