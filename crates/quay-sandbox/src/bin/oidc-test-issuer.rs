//! A local OIDC issuer for browser and end-to-end tests (test-only; loopback only).
//!
//! Usage: `oidc-test-issuer [--addr 127.0.0.1:PORT]` (default `127.0.0.1:0`). Prints
//! `oidc-test-issuer listening on http://ADDR` once ready, then serves discovery, `/jwks`,
//! `/healthz` and `POST /mint` until interrupted.

use std::io::Write;
use std::net::SocketAddr;

use anyhow::Context;
use quay_sandbox::test_issuer::TestIssuer;

const USAGE: &str = "usage: oidc-test-issuer [--addr 127.0.0.1:PORT]";

fn parse_addr(args: impl IntoIterator<Item = String>) -> anyhow::Result<Option<SocketAddr>> {
    let mut args = args.into_iter();
    let mut addr = SocketAddr::from(([127, 0, 0, 1], 0));
    while let Some(arg) = args.next() {
        let value = match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--addr" => args.next().context("--addr needs a value")?,
            other => match other.strip_prefix("--addr=") {
                Some(v) => v.to_string(),
                None => anyhow::bail!("unknown argument {other:?}\n{USAGE}"),
            },
        };
        addr = value
            .parse()
            .with_context(|| format!("--addr {value:?} is not IP:PORT"))?;
    }
    anyhow::ensure!(
        addr.ip().is_loopback(),
        "--addr must be a loopback address (this is a test-only token minter), not {addr}"
    );
    Ok(Some(addr))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let Some(addr) = parse_addr(std::env::args().skip(1))? else {
        println!("{USAGE}");
        return Ok(());
    };
    let issuer = TestIssuer::start_on(addr, true).await?;
    println!("oidc-test-issuer listening on {}", issuer.url);
    std::io::stdout().flush()?;
    wait_for_stop().await;
    issuer.shutdown().await;
    Ok(())
}

async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
