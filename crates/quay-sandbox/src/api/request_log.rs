//! The request log: every request the sandbox answers (except `/sandbox/...`), in arrival order,
//! with its raw path as it came on the wire (still percent-encoded, dot segments kept), the
//! final status and the caller's `X-Request-ID`. Bounded to the last [`CAPACITY`] requests.
//! Read through `GET /sandbox/requests`.

use std::collections::VecDeque;
use std::sync::Mutex;

use axum::{extract::Request, extract::State, middleware::Next, response::Response};
use serde::Serialize;

use super::St;

/// How many requests are kept; older ones are dropped first.
pub const CAPACITY: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LoggedRequest {
    pub method: String,
    /// The raw path of the request line (percent-encoding and `..` segments untouched).
    pub path: String,
    /// The raw query string (without `?`), or null when the request had none.
    pub query: Option<String>,
    pub status: u16,
    /// The request's `X-Request-ID` header, when it had one (for matching a caller's log lines).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// A bounded, ordered log of requests.
pub struct RequestLog {
    entries: Mutex<VecDeque<LoggedRequest>>,
    capacity: usize,
}

impl Default for RequestLog {
    fn default() -> Self {
        Self::with_capacity(CAPACITY)
    }
}

impl RequestLog {
    pub fn with_capacity(capacity: usize) -> Self {
        RequestLog {
            entries: Mutex::new(VecDeque::new()),
            capacity: capacity.max(1),
        }
    }

    pub fn push(&self, entry: LoggedRequest) {
        let mut e = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        while e.len() >= self.capacity {
            e.pop_front();
        }
        e.push_back(entry);
    }

    /// Everything kept, oldest first.
    pub fn snapshot(&self) -> Vec<LoggedRequest> {
        let e = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        e.iter().cloned().collect()
    }

    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

/// Whether a raw path belongs to the test-support API (which is not logged).
pub fn is_admin_path(raw_path: &str) -> bool {
    raw_path == "/sandbox" || raw_path.starts_with("/sandbox/")
}

/// Outermost middleware: records the request as received and the status finally sent.
pub async fn layer(State(st): State<St>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if is_admin_path(&path) {
        return next.run(req).await;
    }
    let method = req.method().as_str().to_string();
    let query = req.uri().query().map(str::to_string);
    let request_id = req
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let resp = next.run(req).await;
    st.requests.push(LoggedRequest {
        method,
        path,
        query,
        status: resp.status().as_u16(),
        request_id,
    });
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: u16) -> LoggedRequest {
        LoggedRequest {
            method: "GET".into(),
            path: format!("/p/{i}"),
            query: None,
            status: i,
            request_id: None,
        }
    }

    #[test]
    fn keeps_the_last_entries_in_order() {
        let log = RequestLog::with_capacity(3);
        for i in 1..=5 {
            log.push(entry(i));
        }
        let kept: Vec<u16> = log.snapshot().iter().map(|e| e.status).collect();
        assert_eq!(kept, vec![3, 4, 5]);
        log.clear();
        assert!(log.snapshot().is_empty());
    }

    #[test]
    fn admin_paths() {
        assert!(is_admin_path("/sandbox/requests"));
        assert!(!is_admin_path("/sandboxes"));
        assert!(!is_admin_path("/api/v1/user/"));
    }
}
