//! Every setting of the console, from flags and environment variables (one place; `--help`
//! lists them with their variables, README has the same table). The settings that say how to
//! reach Quay are global: the `export`, `plan` and `apply` commands (`crate::cli`) take them too.

use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Quay requests in flight per bulk operation. Quay's own UI fires every request at once and the
/// browser caps that at 6 per host over HTTP/1.1; 500 permission changes at 50 ms latency then
/// take ~4.4 s. 32 in flight measured 5.06x faster, too close to the 5x target to hold on a busy
/// machine; 40 gives ~6x and is still light work for a Quay deployment (each call is one small
/// database write). 8 would give only 8/6 = 1.33x. See `examples/bench_permissions.rs`.
pub const DEFAULT_CONCURRENCY: usize = 40;

#[derive(Parser, Clone, Debug)]
#[command(
    name = "robot-console",
    version,
    about = "A browser console for Red Hat Quay robot accounts.",
    long_about = "A browser console for Red Hat Quay robot accounts.\n\nWith no --quay-url it starts an embedded Quay-compatible API (SQLite, seeded demo data) and signs you in as its demo admin."
)]
pub struct Config {
    /// Base URL of the Quay server (e.g. https://quay.example.com). None: start the embedded
    /// Quay-compatible backend.
    #[arg(long, env = "QUAY_URL", global = true)]
    pub quay_url: Option<String>,

    /// Server-wide Quay OAuth token: every visitor acts with it (single-admin or kiosk use).
    #[arg(long, env = "QUAY_TOKEN", hide_env_values = true, global = true)]
    pub quay_token: Option<String>,

    /// Address the console listens on.
    #[arg(long, env = "ROBOT_CONSOLE_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Directory for the embedded backend's SQLite file and the session key file.
    #[arg(
        long,
        env = "ROBOT_CONSOLE_DATA_DIR",
        default_value = "data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// Where the embedded backend listens (registry clients expect /v2/ at the root, so it needs
    /// its own address).
    #[arg(
        long,
        env = "SANDBOX_ADDR",
        default_value = "127.0.0.1:8081",
        global = true
    )]
    pub sandbox_addr: SocketAddr,

    /// Bearer token of the embedded backend's demo admin (default: generated once, kept in the
    /// data directory). Lets tests and scripts drive its API.
    #[arg(
        long,
        env = "SANDBOX_ADMIN_TOKEN",
        hide_env_values = true,
        global = true
    )]
    pub admin_token: Option<String>,

    /// Registry host shown in credentials (default: Quay's /config SERVER_HOSTNAME).
    #[arg(long, env = "REGISTRY_HOST")]
    pub registry_host: Option<String>,

    /// Session cookie key: base64 of 64 random bytes. Set the same value on every replica.
    /// Default: generated once into <data-dir>/session.key.
    #[arg(long, env = "ROBOT_CONSOLE_SESSION_KEY", hide_env_values = true)]
    pub session_key: Option<String>,

    /// Mark the session cookie Secure (set this when the console is served over https; on by
    /// itself when --public-url is https).
    #[arg(long, env = "ROBOT_CONSOLE_SECURE_COOKIE")]
    pub secure_cookie: bool,

    /// The address people open the console at, e.g. https://robots.example.com (behind an
    /// ingress or proxy). Its host is the one the console answers; needed when listening on
    /// every interface.
    #[arg(long, env = "ROBOT_CONSOLE_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// More host names (host or host:port) the console answers, comma-separated. Loopback names
    /// are allowed when it listens on loopback; any other name is refused (DNS rebinding).
    #[arg(long, env = "ROBOT_CONSOLE_ALLOWED_HOSTS", value_delimiter = ',')]
    pub allowed_hosts: Vec<String>,

    /// Seconds to wait for Quay before giving up on a request.
    #[arg(long, env = "QUAY_TIMEOUT_SECS", default_value_t = 20, global = true)]
    pub quay_timeout_secs: u64,

    /// How many Quay requests one bulk operation runs at once.
    #[arg(long, env = "ROBOT_CONSOLE_CONCURRENCY", default_value_t = DEFAULT_CONCURRENCY, global = true)]
    pub concurrency: usize,

    /// Embedded backend: let the keyless token exchange accept `http://` OIDC issuers on
    /// loopback (for tests with a local issuer; real Quay only accepts https issuers).
    #[arg(long, env = "SANDBOX_ALLOW_HTTP_ISSUERS")]
    pub sandbox_allow_http_issuers: bool,

    /// Client id of the console's OAuth application in Quay: enables "Sign in with Quay".
    #[arg(long, env = "ROBOT_CONSOLE_OAUTH_CLIENT_ID")]
    pub oauth_client_id: Option<String>,

    /// Client secret of that OAuth application.
    #[arg(
        long,
        env = "ROBOT_CONSOLE_OAUTH_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub oauth_client_secret: Option<String>,

    /// The scopes "Sign in with Quay" asks for (space-separated).
    #[arg(long, env = "ROBOT_CONSOLE_OAUTH_SCOPES", default_value = crate::oauth::DEFAULT_SCOPES)]
    pub oauth_scopes: String,

    /// Log lines as `text` (for people) or `json` (one object per line, for log collectors).
    #[arg(long, env = "ROBOT_CONSOLE_LOG_FORMAT", value_enum, default_value_t = crate::observe::LogFormat::Text)]
    pub log_format: crate::observe::LogFormat,

    /// Open the console in the default browser once it is ready (desktop use).
    #[arg(long)]
    pub open: bool,
}

impl Config {
    /// Cookies are `Secure` when asked for, or when the public address is https.
    pub fn secure(&self) -> bool {
        self.secure_cookie
            || self
                .public_url
                .as_deref()
                .is_some_and(|u| u.trim().to_ascii_lowercase().starts_with("https://"))
    }

    /// `--quay-url` trimmed, when it is an http(s) URL.
    pub fn checked_quay_url(&self) -> Result<String, String> {
        let url = self.quay_url.as_deref().unwrap_or("").trim().to_string();
        if url.starts_with("http://") || url.starts_with("https://") {
            Ok(url)
        } else {
            Err(format!(
                "--quay-url must start with http:// or https:// (got '{url}')"
            ))
        }
    }

    pub fn embedded(&self) -> bool {
        self.quay_url
            .as_deref()
            .map(str::trim)
            .unwrap_or("")
            .is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_start_the_embedded_backend_on_loopback() {
        let c = Config::try_parse_from(["robot-console"]).unwrap();
        assert!(c.embedded());
        assert_eq!(c.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.sandbox_addr.to_string(), "127.0.0.1:8081");
        assert_eq!(c.concurrency, DEFAULT_CONCURRENCY);
        assert!(!c.sandbox_allow_http_issuers);
    }

    #[test]
    fn a_quay_url_turns_the_embedded_backend_off() {
        let c = Config::try_parse_from(["robot-console", "--quay-url", "https://quay.example"])
            .unwrap();
        assert!(!c.embedded());
    }
}
