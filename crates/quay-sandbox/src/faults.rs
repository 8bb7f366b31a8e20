//! Fault injection: latency, a random error rate on `/api`, and targeted rules.

use std::sync::Arc;
use std::time::Duration;

use axum::{
    extract::{Request, State},
    http::StatusCode,
    middleware::Next,
    response::Response,
};
use rand::Rng;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::api::{errors, AppState};

/// A targeted fault: requests whose method matches (if given) and whose path+query contains
/// `path_contains` get `status` with `body` (or a Quay-style error body), `times` times (None = forever).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FaultRule {
    #[serde(default)]
    pub method: Option<String>,
    pub path_contains: String,
    #[serde(default = "default_status")]
    pub status: u16,
    #[serde(default)]
    pub body: Option<Value>,
    #[serde(default)]
    pub times: Option<u64>,
}

fn default_status() -> u16 {
    500
}

fn default_body(status: u16, host: &str) -> Response {
    let kind = match status {
        400 => "invalid_request",
        401 => "invalid_token",
        403 => "insufficient_scope",
        404 => "not_found",
        _ => "internal_error",
    };
    let detail = format!("Injected fault ({status})");
    let mut r = errors::json_response(
        StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        &json!({"detail": detail, "error_message": detail, "error_type": kind, "title": kind,
                "type": format!("http://{host}/api/v1/error/{kind}"), "status": status}),
    );
    r.headers_mut().insert(
        axum::http::header::ACCESS_CONTROL_ALLOW_ORIGIN,
        axum::http::HeaderValue::from_static("*"),
    );
    r
}

pub async fn layer(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_string();
    if path.starts_with("/sandbox/") {
        return next.run(req).await;
    }
    let full = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| path.clone());
    let settings = st.settings();
    if settings.latency_ms > 0 || settings.latency_jitter_ms > 0 {
        let jitter = if settings.latency_jitter_ms > 0 {
            rand::thread_rng().gen_range(0..=settings.latency_jitter_ms)
        } else {
            0
        };
        tokio::time::sleep(Duration::from_millis(settings.latency_ms + jitter)).await;
    }
    let hit = {
        let mut rules = st.faults.lock().unwrap_or_else(|e| e.into_inner());
        let method = req.method().as_str().to_string();
        let idx = rules.iter().position(|r| {
            r.method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(&method))
                && full.contains(&r.path_contains)
        });
        idx.map(|i| {
            let rule = rules[i].clone();
            if let Some(t) = rules[i].times.as_mut() {
                *t = t.saturating_sub(1);
                if *t == 0 {
                    rules.remove(i);
                }
            }
            rule
        })
    };
    if let Some(rule) = hit {
        let status = StatusCode::from_u16(rule.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return match rule.body {
            Some(b) => errors::json_response(status, &b),
            None => default_body(rule.status, &st.host()),
        };
    }
    if path.starts_with("/api/") && settings.error_rate > 0.0 {
        let mut rng = rand::thread_rng();
        if rng.gen::<f64>() < settings.error_rate {
            let status = if rng.gen_bool(0.5) { 500 } else { 503 };
            return default_body(status, &st.host());
        }
    }
    next.run(req).await
}
