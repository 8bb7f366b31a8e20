//! Startup and list-latency benchmark:
//! `cargo run --release --example bench_seed [ROBOTS REPOS TEAMS RUNS]`.

use std::time::{Duration, Instant};

use quay_sandbox::{start, SandboxConfig, SeedConfig};

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let idx = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[idx.min(sorted.len() - 1)]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let robots = args.first().copied().unwrap_or(1000);
    let repos = args.get(1).copied().unwrap_or(5000);
    let teams = args.get(2).copied().unwrap_or(20);
    let runs = args.get(3).copied().unwrap_or(20).max(1);
    let dir = tempfile::tempdir()?;
    let config = SandboxConfig {
        addr: "127.0.0.1:0".parse()?,
        data_dir: Some(dir.path().to_path_buf()),
        seed: SeedConfig {
            robots,
            repos,
            teams,
            ..Default::default()
        },
        ..Default::default()
    };

    let t0 = Instant::now();
    let sb = start(config.clone()).await?;
    let first = t0.elapsed();
    println!("seed robots={robots} repos={repos} teams={teams}");
    println!(
        "startup (new database, seeding): {:.3} s",
        first.as_secs_f64()
    );

    let client = reqwest::Client::builder().no_proxy().build()?;
    let url = format!(
        "{}/api/v1/organization/acme/robots?permissions=true&token=false",
        sb.base_url
    );
    let mut times = Vec::with_capacity(runs);
    let mut count = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let body: serde_json::Value = client
            .get(&url)
            .bearer_auth(&sb.admin_token)
            .send()
            .await?
            .json()
            .await?;
        times.push(t.elapsed());
        count = body["robots"].as_array().map(Vec::len).unwrap_or(0);
    }
    times.sort();
    println!(
        "GET robots?permissions=true&token=false ({count} robots, {runs} runs): median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        pct(&times, 0.5).as_secs_f64() * 1000.0,
        pct(&times, 0.95).as_secs_f64() * 1000.0,
        times.last().unwrap().as_secs_f64() * 1000.0
    );
    sb.shutdown().await;

    let t1 = Instant::now();
    let sb = start(config).await?;
    println!(
        "restart (existing database): {:.3} s",
        t1.elapsed().as_secs_f64()
    );
    sb.shutdown().await;
    let ok = first < Duration::from_secs(10) && pct(&times, 0.5) < Duration::from_millis(200);
    println!(
        "targets (start < 10 s, list < 200 ms): {}",
        if ok { "met" } else { "NOT met" }
    );
    Ok(())
}
