//! Standalone quay-sandbox server.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Parser;
use quay_sandbox::{FaultConfig, OAuthAppConfig, SandboxConfig, SeedConfig};

/// A Quay-compatible registry API on SQLite, for demos and tests.
#[derive(Parser, Debug)]
#[command(name = "quay-sandbox", version)]
struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, env = "SANDBOX_ADDR", default_value = "127.0.0.1:8081")]
    addr: SocketAddr,
    /// Directory of the SQLite database (quay-sandbox.db); in-memory when absent.
    #[arg(long, env = "SANDBOX_DATA_DIR")]
    data_dir: Option<PathBuf>,
    /// Bearer token of the admin user `demo`; generated and persisted when absent.
    #[arg(long, env = "SANDBOX_ADMIN_TOKEN")]
    admin_token: Option<String>,
    /// SERVER_HOSTNAME reported in /config and used in the registry realm (default: the bound address).
    #[arg(long, env = "SANDBOX_SERVER_HOSTNAME")]
    server_hostname: Option<String>,
    /// Extra robots to seed into org acme (acme+bot0001...).
    #[arg(long, env = "SANDBOX_SEED_ROBOTS", default_value_t = 0)]
    seed_robots: usize,
    /// Extra repositories to seed into org acme (acme/repo-0001...).
    #[arg(long, env = "SANDBOX_SEED_REPOS", default_value_t = 0)]
    seed_repos: usize,
    /// Extra teams to seed into org acme (team-001...).
    #[arg(long, env = "SANDBOX_SEED_TEAMS", default_value_t = 0)]
    seed_teams: usize,
    /// Repository grants per seeded team (team-001...), spread over the seeded repositories.
    #[arg(long, env = "SANDBOX_SEED_TEAM_PERMS", default_value_t = 0)]
    seed_team_perms: usize,
    /// The first N seeded robots get no direct grant (access only through their team).
    #[arg(long, env = "SANDBOX_SEED_TEAM_ONLY_ROBOTS", default_value_t = 0)]
    seed_team_only_robots: usize,
    /// Latency added to every call, in milliseconds.
    #[arg(long, env = "SANDBOX_LATENCY_MS", default_value_t = 0)]
    latency_ms: u64,
    /// Random extra latency (0..=N ms) added to every call.
    #[arg(long, env = "SANDBOX_LATENCY_JITTER_MS", default_value_t = 0)]
    latency_jitter_ms: u64,
    /// Fraction (0..1) of /api calls answered with 500 or 503.
    #[arg(long, env = "SANDBOX_ERROR_RATE", default_value_t = 0.0)]
    error_rate: f64,
    /// Behave like Quay with ROBOTS_DISALLOW set.
    #[arg(long, env = "SANDBOX_ROBOTS_DISALLOW")]
    robots_disallow: bool,
    /// An OAuth application of org acme to create at start: CLIENT_ID:CLIENT_SECRET:REDIRECT_URI
    /// (repeatable; in the environment, several separated by commas).
    #[arg(long = "oauth-app", env = "SANDBOX_OAUTH_APP", value_delimiter = ',', value_parser = OAuthAppConfig::parse)]
    oauth_apps: Vec<OAuthAppConfig>,
    /// Keyless exchange: accept http:// issuers on loopback addresses (tests only).
    #[arg(long, env = "SANDBOX_ALLOW_HTTP_ISSUERS")]
    allow_http_issuers: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let a = Args::parse();
    let config = SandboxConfig {
        addr: a.addr,
        data_dir: a.data_dir,
        admin_token: a.admin_token,
        server_hostname: a.server_hostname,
        seed: SeedConfig {
            robots: a.seed_robots,
            repos: a.seed_repos,
            teams: a.seed_teams,
            team_repo_permissions: a.seed_team_perms,
            team_only_robots: a.seed_team_only_robots,
        },
        faults: FaultConfig {
            latency_ms: a.latency_ms,
            latency_jitter_ms: a.latency_jitter_ms,
            error_rate: a.error_rate,
        },
        robots_disallow: a.robots_disallow,
        allow_http_issuers: a.allow_http_issuers,
        oauth_apps: a.oauth_apps,
    };
    let sb = quay_sandbox::start(config).await?;
    if sb.admin_token_generated {
        eprintln!("admin token: {}", sb.admin_token);
    }
    println!(
        "quay-sandbox listening on {} (admin user {})",
        sb.base_url, sb.admin_user
    );
    shutdown_signal().await;
    sb.shutdown().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
