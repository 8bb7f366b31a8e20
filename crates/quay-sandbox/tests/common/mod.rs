//! Shared by the sandbox's integration tests (`mod common;`): a sandbox on a free loopback port,
//! an HTTP client that never uses a proxy, and calls that answer (status, JSON body).
#![allow(dead_code)] // each test binary uses only some of these

pub mod browser;
pub mod oidc;

use std::time::Duration;

use base64::Engine;
use quay_sandbox::{RunningSandbox, SandboxConfig};
use serde_json::Value;

/// The default sandbox on a free port of 127.0.0.1.
pub fn cfg() -> SandboxConfig {
    SandboxConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..Default::default()
    }
}

/// A client for 127.0.0.1 only: no proxy, 30 s timeout.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// An `Authorization: Basic` header value.
pub fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
}

/// The names in a robot list answer (`{"robots": [...]}`).
pub fn robot_names(v: &Value) -> Vec<String> {
    v["robots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

/// The status and the JSON body of a response (`Null` when the body is not JSON).
pub async fn status_json(r: reqwest::Response) -> (u16, Value) {
    let s = r.status().as_u16();
    (s, r.json().await.unwrap_or(Value::Null))
}

/// Sends `method` to `path` on the sandbox with extra headers and an optional JSON body.
pub async fn request(
    sb: &RunningSandbox,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&Value>,
) -> reqwest::Response {
    let mut rb = client().request(method.parse().unwrap(), format!("{}{}", sb.base_url, path));
    for (name, value) in headers {
        rb = rb.header(*name, *value);
    }
    if let Some(b) = body {
        rb = rb.json(b);
    }
    rb.send().await.unwrap()
}

/// Calls to one sandbox with one `Authorization` header (or none); each answers (status, JSON).
pub struct Api<'a> {
    sb: &'a RunningSandbox,
    authorization: Option<String>,
}

impl<'a> Api<'a> {
    /// `Authorization: Bearer {token}`, sent even when `token` is empty.
    pub fn bearer(sb: &'a RunningSandbox, token: &str) -> Self {
        Api {
            sb,
            authorization: Some(format!("Bearer {token}")),
        }
    }

    /// `Authorization: Basic user:pass`.
    pub fn basic(sb: &'a RunningSandbox, user: &str, pass: &str) -> Self {
        Api {
            sb,
            authorization: Some(basic(user, pass)),
        }
    }

    /// No `Authorization` header.
    pub fn anonymous(sb: &'a RunningSandbox) -> Self {
        Api {
            sb,
            authorization: None,
        }
    }

    pub async fn send(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let auth: Vec<(&str, &str)> = self
            .authorization
            .iter()
            .map(|a| ("Authorization", a.as_str()))
            .collect();
        status_json(request(self.sb, method, path, &auth, body.as_ref()).await).await
    }

    pub async fn get(&self, path: &str) -> (u16, Value) {
        self.send("GET", path, None).await
    }

    pub async fn put(&self, path: &str, body: Value) -> (u16, Value) {
        self.send("PUT", path, Some(body)).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.send("POST", path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> (u16, Value) {
        self.send("DELETE", path, None).await
    }
}

/// Sends one raw HTTP/1.1 request line as given (no URL normalisation: `..` and percent-encoding
/// reach the server untouched, like `curl --path-as-is`). Answers (status, JSON body or Null).
pub async fn raw_request(
    sb: &RunningSandbox,
    method: &str,
    raw_path: &str,
    authorization: Option<&str>,
) -> (u16, Value) {
    let headers: Vec<(&str, &str)> = authorization
        .map(|a| ("Authorization", a))
        .into_iter()
        .collect();
    let (status, _, body) = raw_exchange(sb.addr, method, raw_path, &headers, &[]).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// One raw HTTP/1.1 exchange with `addr`: (status, response headers, body text).
pub async fn raw_exchange(
    addr: std::net::SocketAddr,
    method: &str,
    raw_path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, Vec<(String, String)>, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut req = format!("{method} {raw_path} HTTP/1.1\r\nHost: {addr}\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut bytes = req.into_bytes();
    bytes.extend_from_slice(body);
    stream.write_all(&bytes).await.unwrap();
    let mut buf = Vec::new();
    stream.read_to_end(&mut buf).await.unwrap();
    let text = String::from_utf8_lossy(&buf).to_string();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let resp_headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked = resp_headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked {
        dechunk(rest)
    } else {
        rest.to_string()
    };
    (status, resp_headers, body)
}

fn dechunk(mut s: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = s.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        s = rest[n..].trim_start_matches("\r\n");
    }
    out
}
