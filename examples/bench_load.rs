//! Load benchmark: the robots tab of a 1,000-robot namespace, rendered on the server, requested
//! by this process (a second process on loopback) with many clients at once.
//!
//! `cargo run --release --features ssr --example bench_load [CLIENTS SECONDS ROBOTS]`
//! (defaults 16, 10, 1000; needs `make build-release` for the two binaries). Starts a quay-sandbox
//! seeded with ROBOTS robots in `acme` and a console pointed at it (`--quay-url`, server token),
//! then prints requests/s, p50/p90/p99 latency, and the console's resident memory idle and under
//! load (peak of samples every 50 ms).

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const TOKEN: &str = "bench-load-token";

struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn bin(name: &str) -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let release = root.join("target/release").join(name);
    if release.exists() {
        release
    } else {
        root.join("target/debug").join(name)
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Resident memory of `pid` in KiB (Linux `/proc/<pid>/status`).
fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

async fn wait_for(url: &str) {
    for _ in 0..600 {
        if let Ok(r) = reqwest::get(url).await {
            if r.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{url} did not come up");
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let clients = args.first().copied().unwrap_or(16) as usize;
    let seconds = args.get(1).copied().unwrap_or(10);
    let robots = args.get(2).copied().unwrap_or(1000);
    let dir = tempfile::tempdir().unwrap();
    let (sb_port, c_port) = (free_port(), free_port());
    let sandbox = format!("http://127.0.0.1:{sb_port}");
    let console = format!("http://127.0.0.1:{c_port}");
    let _sb = Proc(
        Command::new(bin("quay-sandbox"))
            .args(["--addr", &format!("127.0.0.1:{sb_port}")])
            .args(["--admin-token", TOKEN, "--seed-robots", &robots.to_string()])
            .arg("--data-dir")
            .arg(dir.path().join("sb"))
            .stdout(Stdio::null())
            .spawn()
            .expect("quay-sandbox starts (make build-release)"),
    );
    wait_for(&format!("{sandbox}/config")).await;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let console_proc = Proc(
        Command::new(bin("robot-console"))
            .args(["--addr", &format!("127.0.0.1:{c_port}")])
            .args(["--quay-url", &sandbox, "--quay-token", TOKEN])
            .arg("--data-dir")
            .arg(dir.path().join("console"))
            .env("LEPTOS_SITE_ROOT", root.join("target/site"))
            .env("RUST_LOG", "warn")
            .stdout(Stdio::null())
            .spawn()
            .expect("robot-console starts (make build-release)"),
    );
    let pid = console_proc.0.id();
    wait_for(&format!("{console}/healthz")).await;
    let url = format!("{console}/organization/acme?tab=Robotaccounts");
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .unwrap();
    // Warm up, and check that the page holds the robots.
    let body = http.get(&url).send().await.unwrap().text().await.unwrap();
    assert!(
        body.contains("acme+bot0001"),
        "the seeded robots are not in the page"
    );
    let page_bytes = body.len();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle = rss_kib(pid);

    let stop = Arc::new(AtomicBool::new(false));
    let peak = {
        let stop = stop.clone();
        tokio::spawn(async move {
            let mut peak = 0;
            while !stop.load(Ordering::Relaxed) {
                peak = peak.max(rss_kib(pid));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            peak
        })
    };
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let mut workers = Vec::new();
    for _ in 0..clients {
        let (http, url) = (http.clone(), url.clone());
        workers.push(tokio::spawn(async move {
            let mut times = Vec::new();
            let mut errors = 0u64;
            while Instant::now() < deadline {
                let t = Instant::now();
                match http.get(&url).send().await {
                    Ok(r) if r.status().is_success() => {
                        let _ = r.bytes().await;
                        times.push(t.elapsed());
                    }
                    _ => errors += 1,
                }
            }
            (times, errors)
        }));
    }
    let mut times = Vec::new();
    let mut errors = 0;
    for w in workers {
        let (t, e) = w.await.unwrap();
        times.extend(t);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let peak = peak.await.unwrap();
    times.sort();
    println!(
        "robots tab of {} robots (server render, {page_bytes} bytes of HTML), {clients} clients for {seconds} s, {} build",
        robots + 4,
        if bin("robot-console").starts_with(root.join("target/release")) {
            "release"
        } else {
            "debug"
        }
    );
    println!(
        "| requests | errors | requests/s | p50 | p90 | p99 | RSS idle | RSS under load (peak) |"
    );
    println!("|--:|--:|--:|--:|--:|--:|--:|--:|");
    println!(
        "| {} | {errors} | {:.1} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} MiB | {:.1} MiB |",
        times.len(),
        times.len() as f64 / elapsed,
        pct(&times, 0.50),
        pct(&times, 0.90),
        pct(&times, 0.99),
        idle as f64 / 1024.0,
        peak as f64 / 1024.0
    );
}
