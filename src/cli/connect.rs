//! Where the CLI sends its Quay calls, and with which token.
//!
//! With `--quay-url`, that Quay with `--quay-token` (both also from `QUAY_URL`, `QUAY_TOKEN`).
//! Without it, the embedded backend of a console running on this machine: `--sandbox-addr`
//! (default `127.0.0.1:8081`) with `--quay-token`, else `--admin-token`, else the admin token
//! that backend keeps in `--data-dir` (so `robot-console export -n acme` next to a running
//! `make run` just works).

use crate::config::Config;
use crate::quay::client::QuayClient;
use std::time::Duration;

/// The Quay base URL and token to use, or what to do to get them.
pub fn endpoint(config: &Config) -> Result<(String, String), String> {
    let given = |t: &Option<String>| t.clone().filter(|t| !t.trim().is_empty());
    if !config.embedded() {
        let url = config.checked_quay_url()?;
        let token = given(&config.quay_token).ok_or_else(|| {
            format!("no token for {url}: set --quay-token (or QUAY_TOKEN) to a Quay OAuth access token with the scopes org:admin, repo:admin, repo:read, user:read and user:admin (see README, \"Using it with a real Quay\").")
        })?;
        return Ok((url, token.trim().to_string()));
    }
    let url = format!("http://{}", config.sandbox_addr);
    let token = given(&config.quay_token)
        .or_else(|| given(&config.admin_token))
        .or_else(|| quay_sandbox::stored_admin_token(&config.data_dir))
        .ok_or_else(|| {
            format!(
                "no --quay-url given, so the CLI uses the embedded backend of a running console ({url}), but found no token for it: pass --quay-token (or --admin-token) with its admin token, or --data-dir with the console's data directory (now '{}'). For a real Quay pass --quay-url and --quay-token.",
                config.data_dir.display()
            )
        })?;
    Ok((url, token))
}

pub fn client(config: &Config, url: &str) -> QuayClient {
    QuayClient::new(url, Duration::from_secs(config.quay_timeout_secs.max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn config(args: &[&str]) -> Config {
        let mut v = vec!["robot-console"];
        v.extend_from_slice(args);
        let mut c = Config::try_parse_from(v).unwrap();
        if !args.contains(&"--quay-url") {
            c.quay_url = None;
        }
        if !args.contains(&"--quay-token") {
            c.quay_token = None;
        }
        if !args.contains(&"--admin-token") {
            c.admin_token = None;
        }
        c
    }

    #[test]
    fn a_real_quay_needs_its_token() {
        let c = config(&["--quay-url", "https://quay.example/"]);
        let e = endpoint(&c).unwrap_err();
        assert!(e.starts_with("no token for https://quay.example/"), "{e}");
        let c = config(&["--quay-url", "https://quay.example", "--quay-token", "t"]);
        assert_eq!(
            endpoint(&c).unwrap(),
            ("https://quay.example".to_string(), "t".to_string())
        );
        let c = config(&["--quay-url", "quay.example", "--quay-token", "t"]);
        assert!(endpoint(&c).is_err());
    }

    #[test]
    fn without_a_url_the_embedded_backend_and_its_token_are_used() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().to_str().unwrap();
        let c = config(&["--data-dir", d, "--sandbox-addr", "127.0.0.1:9"]);
        let e = endpoint(&c).unwrap_err();
        assert!(
            e.contains("embedded backend of a running console (http://127.0.0.1:9)"),
            "{e}"
        );
        let c = config(&["--data-dir", d, "--admin-token", "adm"]);
        assert_eq!(endpoint(&c).unwrap().1, "adm");
    }
}
