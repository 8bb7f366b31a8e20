//! Configuration of a sandbox: [`SandboxConfig`] and its parts.

use std::net::SocketAddr;
use std::path::PathBuf;

/// How to run a sandbox.
#[derive(Clone, Debug)]
pub struct SandboxConfig {
    /// Address to bind; default 127.0.0.1:8081; port 0 picks a free port.
    pub addr: SocketAddr,
    /// None = in-memory SQLite; Some(dir) = dir/quay-sandbox.db, persisted across restarts.
    pub data_dir: Option<PathBuf>,
    /// Bearer token of the demo admin; None = generated once and persisted in the database.
    pub admin_token: Option<String>,
    /// SERVER_HOSTNAME in /config and the registry realm; default: the bound address.
    pub server_hostname: Option<String>,
    /// Extra bulk seeding into org `acme`.
    pub seed: SeedConfig,
    /// Latency and random errors.
    pub faults: FaultConfig,
    /// Quay's ROBOTS_DISALLOW.
    pub robots_disallow: bool,
    /// Keyless exchange: allow http:// issuers on loopback (tests).
    pub allow_http_issuers: bool,
    /// OAuth applications that must exist at start (created or updated), e.g. the console's
    /// "Sign in with Quay" client.
    pub oauth_apps: Vec<OAuthAppConfig>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 8081)),
            data_dir: None,
            admin_token: None,
            server_hostname: None,
            seed: SeedConfig::default(),
            faults: FaultConfig::default(),
            robots_disallow: false,
            allow_http_issuers: false,
            oauth_apps: Vec::new(),
        }
    }
}

/// Extra seeding: `acme+bot0001`..., `acme/repo-0001`..., `team-001`... (see
/// [`seed::seed_extra`] for who gets which grant; all of it is deterministic).
#[derive(Clone, Debug, Default)]
pub struct SeedConfig {
    pub robots: usize,
    pub repos: usize,
    pub teams: usize,
    /// Repository grants per seeded team (spread over the seeded repositories, read or write).
    pub team_repo_permissions: usize,
    /// The first N seeded robots get no direct grant: their access comes only through their team.
    pub team_only_robots: usize,
}

/// Latency for every call, and a fraction of `/api` calls answered 500/503.
#[derive(Clone, Debug, Default)]
pub struct FaultConfig {
    pub latency_ms: u64,
    pub latency_jitter_ms: u64,
    pub error_rate: f64,
}

/// An OAuth application to provide at start, owned by an organization (default: the scenario's,
/// `acme` in the demo).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OAuthAppConfig {
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uri: String,
    /// Default "Robot console".
    pub name: Option<String>,
    pub org: Option<String>,
}

impl OAuthAppConfig {
    /// `CLIENT_ID:CLIENT_SECRET:REDIRECT_URI` (the redirect URI may contain colons).
    pub fn parse(s: &str) -> Result<Self, String> {
        let mut it = s.splitn(3, ':');
        let (id, secret, uri) = (it.next(), it.next(), it.next());
        match (id, secret, uri) {
            (Some(id), Some(secret), Some(uri))
                if !id.is_empty() && !secret.is_empty() && uri.contains("://") =>
            {
                Ok(OAuthAppConfig {
                    client_id: id.to_string(),
                    client_secret: secret.to_string(),
                    redirect_uri: uri.to_string(),
                    name: None,
                    org: None,
                })
            }
            _ => Err(format!(
                "expected CLIENT_ID:CLIENT_SECRET:REDIRECT_URI (e.g. consoleapp:s3cret:http://127.0.0.1:3000/oauth/callback), got {s:?}"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::OAuthAppConfig;

    #[test]
    fn parses_the_flag() {
        let a = OAuthAppConfig::parse("cid:sec:http://127.0.0.1:3000/oauth/callback").unwrap();
        assert_eq!(
            (
                a.client_id.as_str(),
                a.client_secret.as_str(),
                a.redirect_uri.as_str()
            ),
            ("cid", "sec", "http://127.0.0.1:3000/oauth/callback")
        );
        assert!(OAuthAppConfig::parse("cid:sec").is_err());
        assert!(OAuthAppConfig::parse(":sec:http://x").is_err());
        assert!(OAuthAppConfig::parse("cid:sec:notaurl").is_err());
    }
}
