//! The request guard every request passes (server side):
//!
//! - **Host allow-list**: only the console's own names are answered, so a DNS-rebinding page
//!   cannot reach a console that listens on loopback.
//! - **Cross-site requests refused**: a state-changing request must come from the console's own
//!   pages (`Origin` equal to the console's origin, or no `Origin` or `Origin: null` with
//!   `Sec-Fetch-Site: same-origin`, which is what a form posted without JavaScript sends under
//!   the pages' `no-referrer` policy) *and* carry the page's CSRF token.
//! - **Browser hardening headers**: CSP (the page's own with a per-request nonce is set while
//!   rendering, see [`page_csp`]), `frame-ancestors 'none'`, `nosniff`, `no-referrer`, ...
//! - **Honest status codes**: a server function's `AppError` answers with its own status (4xx
//!   for bad input), not the 500 Leptos uses for every error.

use crate::csrf::{CsrfToken, FIELD, HEADER};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::sync::Arc;

pub mod strict;

/// The per-browser nonce cookie the CSRF token is derived from.
pub const CSRF_COOKIE: &str = "rc_csrf";
/// Paths answered whatever the Host (Kubernetes probes and scrapers use the pod's IP).
const PROBE_PATHS: [&str; 3] = ["/healthz", "/readyz", "/metrics"];
/// The largest form body read to find the CSRF field.
const MAX_FORM: usize = 1 << 20;
/// The largest server-function error body read to find its status.
const MAX_ERROR_BODY: usize = 64 << 10;

/// What the guard knows: the names it answers, the key tokens are signed with, and whether the
/// console is served over https.
pub struct Guard {
    hosts: BTreeSet<String>,
    key: Vec<u8>,
    secure: bool,
    /// `cargo leptos watch` reloads pages through a websocket on this port.
    reload_port: Option<u16>,
}

/// A nonce found in (or made for) this request, for the page's token.
#[derive(Clone, Debug)]
pub struct CsrfNonce(pub String);

impl Guard {
    pub fn new(hosts: BTreeSet<String>, key: &cookie::Key, secure: bool) -> Self {
        let reload_port = std::env::var("LEPTOS_WATCH")
            .ok()
            .and(std::env::var("LEPTOS_RELOAD_PORT").ok())
            .and_then(|p| p.parse().ok());
        Guard {
            hosts,
            key: key.signing().to_vec(),
            secure,
            reload_port,
        }
    }

    pub fn hosts(&self) -> &BTreeSet<String> {
        &self.hosts
    }

    /// The token of `nonce`: base64url(HMAC-SHA256(key, "rc-csrf-v1:" + nonce)).
    pub fn token(&self, nonce: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("any key length works");
        mac.update(b"rc-csrf-v1:");
        mac.update(nonce.as_bytes());
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    }

    fn token_matches(&self, nonce: &str, sent: &str) -> bool {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("any key length works");
        mac.update(b"rc-csrf-v1:");
        mac.update(nonce.as_bytes());
        match base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(sent.trim()) {
            // Constant-time comparison.
            Ok(bytes) => mac.verify_slice(&bytes).is_ok(),
            Err(_) => false,
        }
    }

    /// The CSP of a rendered page, whose scripts carry `nonce`.
    pub fn page_csp(&self, nonce: &str) -> String {
        csp(Some(nonce), self.reload_port)
    }
}

/// `default-src 'none'` and only what the console uses: its own scripts (and the page's nonce),
/// wasm, its own styles (inline `style=` attributes too), fonts and images, calls to itself;
/// never framed.
fn csp(nonce: Option<&str>, reload_port: Option<u16>) -> String {
    let script = match nonce {
        Some(n) => format!("script-src 'self' 'nonce-{n}' 'wasm-unsafe-eval'"),
        None => "script-src 'self' 'wasm-unsafe-eval'".into(),
    };
    let connect = match reload_port {
        Some(p) => format!("connect-src 'self' ws://127.0.0.1:{p} ws://localhost:{p}"),
        None => "connect-src 'self'".into(),
    };
    format!(
        "default-src 'none'; {script}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; {connect}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; manifest-src 'self'"
    )
}

/// The Host names the console answers: those of `--public-url` and `--allowed-hosts`, plus the
/// loopback names when it listens on loopback. Listening on every interface (`0.0.0.0`) needs
/// one of the two settings, or any name would do and DNS rebinding could not be refused.
pub fn allowed_hosts(
    public_url: Option<&str>,
    extra: &[String],
    bound: SocketAddr,
) -> Result<BTreeSet<String>, String> {
    let mut hosts = BTreeSet::new();
    if let Some(url) = public_url.map(str::trim).filter(|u| !u.is_empty()) {
        let parsed = reqwest::Url::parse(url)
            .map_err(|e| format!("--public-url '{url}' is not a URL: {e}"))?;
        let host = parsed
            .host_str()
            .ok_or_else(|| format!("--public-url '{url}' has no host"))?
            .to_ascii_lowercase();
        match parsed.port() {
            Some(p) => {
                hosts.insert(format!("{host}:{p}"));
            }
            None => {
                hosts.insert(host.clone());
                let default = if parsed.scheme() == "https" { 443 } else { 80 };
                hosts.insert(format!("{host}:{default}"));
            }
        }
    }
    for h in extra
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .filter(|h| !h.is_empty())
    {
        hosts.insert(h);
    }
    let port = bound.port();
    let ip = bound.ip();
    if ip.is_loopback() || ip.is_unspecified() {
        for name in ["127.0.0.1", "localhost", "[::1]"] {
            hosts.insert(format!("{name}:{port}"));
        }
    } else {
        let shown = match ip {
            std::net::IpAddr::V6(v6) => format!("[{v6}]:{port}"),
            v4 => format!("{v4}:{port}"),
        };
        hosts.insert(shown);
    }
    if ip.is_unspecified() && public_url.is_none() && extra.is_empty() {
        return Err(format!(
            "listening on {bound} (every interface) needs --public-url (the address people open, e.g. https://robots.example.com) or --allowed-hosts, so the console can refuse requests for other host names (DNS rebinding)"
        ));
    }
    Ok(hosts)
}

fn refuse(status: StatusCode, message: &str) -> Response {
    let body =
        serde_json::json!({ "status": status.as_u16(), "kind": "forbidden", "message": message });
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
        .filter(|v| {
            v.len() == 43
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

/// The host the request is for (`Host`, or the authority of an HTTP/2 request), lowercase.
fn request_host(req: &Request) -> Option<String> {
    req.headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()))
        .map(|h| h.to_ascii_lowercase())
}

/// `Origin` must be this console's own origin; without one, `Sec-Fetch-Site` must say the
/// request comes from the same origin.
fn same_origin(headers: &HeaderMap, host: &str) -> bool {
    let origins: Vec<_> = headers.get_all(header::ORIGIN).iter().collect();
    if origins.len() > 1 {
        return false;
    }
    let fetched_by_own_page = || {
        headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == "same-origin")
    };
    match origins.first().map(|o| o.to_str().unwrap_or("invalid")) {
        // What a form posted without JavaScript sends, since the console's pages have
        // `Referrer-Policy: no-referrer`. So does a page with an opaque origin (a sandboxed frame,
        // a data: URL), but the browser marks that request `cross-site`, and no page can set
        // Sec-Fetch-Site itself.
        Some("null") => fetched_by_own_page(),
        Some(origin) => {
            let origin = origin.to_ascii_lowercase();
            origin == format!("http://{host}") || origin == format!("https://{host}")
        }
        None => fetched_by_own_page(),
    }
}

/// Reads a state-changing request's body (put back for the handler): the CSRF token it carries
/// (the header, else a form's field), and for a server function, the argument names it does not
/// take (refused: serde would ignore them silently).
async fn inspect(req: Request) -> Result<(Request, Option<String>), Response> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    let is_json = content_type.starts_with("application/json");
    let header_token = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let path = req.uri().path().to_string();
    let (parts, body) = req.into_parts();
    let limit = if is_form { MAX_FORM } else { MAX_BODY };
    let bytes = to_bytes(body, limit).await.map_err(|_| {
        refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!(
                "The request is larger than the console accepts ({} MiB).",
                limit >> 20
            ),
        )
    })?;
    let token = header_token.or_else(|| {
        is_form
            .then(|| {
                String::from_utf8_lossy(&bytes)
                    .split('&')
                    .filter_map(|kv| kv.split_once('='))
                    .find(|(k, _)| *k == FIELD)
                    .map(|(_, v)| v.to_string())
            })
            .flatten()
    });
    if is_form || is_json {
        if let Some(keys) = strict::body_keys(&bytes, is_json) {
            let unknown = strict::unknown_fields(&path, &keys);
            if !unknown.is_empty() {
                let shown: Vec<String> = unknown
                    .iter()
                    .take(5)
                    .map(|k| crate::quay::ids::shown(k))
                    .collect();
                return Err(refuse_invalid(&format!(
                    "Invalid request: unknown field(s) {} for {}. Nothing was sent to Quay.",
                    shown.join(", "),
                    path.trim_start_matches("/api/")
                )));
            }
        }
    }
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}

/// The largest body read (the router's own limit is the same).
pub const MAX_BODY: usize = 4 << 20;

fn refuse_invalid(message: &str) -> Response {
    let body = serde_json::json!({ "status": 400, "kind": "invalid_request", "message": message });
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

/// The guard itself (an axum middleware).
pub async fn guard(State(g): State<Arc<Guard>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if PROBE_PATHS.contains(&path.as_str()) {
        return harden(next.run(req).await, &g);
    }
    let Some(host) = request_host(&req).filter(|h| g.hosts.contains(h)) else {
        return harden(
            refuse(
                StatusCode::MISDIRECTED_REQUEST,
                "This console does not answer for that host name. Open it at its own address, or add the name to --allowed-hosts.",
            ),
            &g,
        );
    };
    let cookie_nonce = cookie_value(req.headers(), CSRF_COOKIE);
    let nonce = cookie_nonce.clone().unwrap_or_else(|| {
        let bytes: [u8; 32] = rand::random();
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    });
    let mut req = req;
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        if !same_origin(req.headers(), &host) {
            return harden(
                refuse(
                    StatusCode::FORBIDDEN,
                    "Cross-site request refused: open the console at its own address and use it from there.",
                ),
                &g,
            );
        }
        let (r, sent) = match inspect(req).await {
            Ok(v) => v,
            Err(resp) => return harden(resp, &g),
        };
        req = r;
        let valid = match (&cookie_nonce, sent) {
            (Some(n), Some(t)) => g.token_matches(n, &t),
            _ => false,
        };
        if !valid {
            return harden(
                refuse(
                    StatusCode::FORBIDDEN,
                    "The request did not carry this page's security token (CSRF). Reload the page, then try again.",
                ),
                &g,
            );
        }
    }
    req.extensions_mut().insert(CsrfNonce(nonce.clone()));
    req.extensions_mut().insert(CsrfToken(g.token(&nonce)));
    let mut resp = honest_status(next.run(req).await).await;
    if cookie_nonce.is_none() {
        if let Ok(v) = HeaderValue::from_str(&csrf_cookie(&nonce, g.secure)) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    harden(resp, &g)
}

fn csrf_cookie(nonce: &str, secure: bool) -> String {
    cookie::Cookie::build((CSRF_COOKIE, nonce.to_string()))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Strict)
        .secure(secure)
        .max_age(cookie::time::Duration::days(30))
        .build()
        .encoded()
        .to_string()
}

/// Headers every answer carries (a page's own CSP, set while rendering, is kept).
fn harden(mut resp: Response, g: &Guard) -> Response {
    let h = resp.headers_mut();
    let mut set = |name: &'static str, value: &str| {
        if !h.contains_key(name) {
            if let Ok(v) = HeaderValue::from_str(value) {
                h.insert(name, v);
            }
        }
    };
    set("content-security-policy", &csp(None, g.reload_port));
    set("x-frame-options", "DENY");
    set("x-content-type-options", "nosniff");
    set("referrer-policy", "no-referrer");
    set("cross-origin-opener-policy", "same-origin");
    set("cross-origin-resource-policy", "same-origin");
    set(
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    );
    if g.secure {
        set("strict-transport-security", "max-age=31536000");
    }
    resp
}

/// Leptos answers every server-function error with 500; the `AppError` inside knows better
/// (400 for bad input, Quay's own 4xx, 502/504 for an unreachable Quay).
async fn honest_status(resp: Response) -> Response {
    if resp.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !resp.headers().contains_key("serverfnerror")
    {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "error body unreadable").into_response();
    };
    let status = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|v| v.get("status").and_then(|s| s.as_u64()))
        .map(|s| match s {
            400..=599 => s as u16,
            // 0: the console could not reach Quay.
            _ => 502,
        })
        .and_then(|s| StatusCode::from_u16(s).ok())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    parts.status = status;
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn loopback_consoles_answer_only_loopback_names() {
        let h = allowed_hosts(None, &[], addr("127.0.0.1:3000")).unwrap();
        assert!(h.contains("127.0.0.1:3000") && h.contains("localhost:3000"));
        assert!(!h.contains("evil.example:3000"));
    }

    #[test]
    fn every_interface_needs_a_public_url() {
        let e = allowed_hosts(None, &[], addr("0.0.0.0:3000")).unwrap_err();
        assert!(e.contains("--public-url"), "{e}");
        let h = allowed_hosts(
            Some("https://Robots.Example.com"),
            &[],
            addr("0.0.0.0:3000"),
        )
        .unwrap();
        assert!(h.contains("robots.example.com") && h.contains("robots.example.com:443"));
        let h = allowed_hosts(
            None,
            &["console.internal:8080".into()],
            addr("0.0.0.0:8080"),
        )
        .unwrap();
        assert!(h.contains("console.internal:8080"));
    }

    #[test]
    fn origins_must_be_the_consoles_own_and_null_only_from_its_own_page() {
        let mut h = HeaderMap::new();
        assert!(!same_origin(&h, "127.0.0.1:3000"), "no evidence at all");
        h.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(!same_origin(&h, "127.0.0.1:3000"), "null alone");
        h.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(
            !same_origin(&h, "127.0.0.1:3000"),
            "null from an opaque origin"
        );
        // A form posted without JavaScript from the console's own page (no-referrer policy).
        h.insert("sec-fetch-site", HeaderValue::from_static("same-origin"));
        assert!(same_origin(&h, "127.0.0.1:3000"));
        h.remove(header::ORIGIN);
        assert!(same_origin(&h, "127.0.0.1:3000"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:3001"),
        );
        assert!(!same_origin(&h, "127.0.0.1:3000"));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:3000"),
        );
        assert!(same_origin(&h, "127.0.0.1:3000"));
    }

    #[test]
    fn tokens_are_bound_to_the_nonce_and_the_key() {
        let key = cookie::Key::generate();
        let g = Guard::new(BTreeSet::new(), &key, false);
        let t = g.token("nonce-a");
        assert!(g.token_matches("nonce-a", &t));
        assert!(!g.token_matches("nonce-b", &t));
        let other = Guard::new(BTreeSet::new(), &cookie::Key::generate(), false);
        assert!(!other.token_matches("nonce-a", &t));
        assert!(!g.token_matches("nonce-a", "garbage!"));
    }

    #[test]
    fn the_csp_allows_only_the_consoles_own_code_and_no_framing() {
        let c = csp(Some("abc"), None);
        assert!(c.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(c.contains("frame-ancestors 'none'"));
        assert!(c.starts_with("default-src 'none'"));
        assert!(!c.contains("unsafe-eval'") || c.contains("wasm-unsafe-eval"));
    }
}
