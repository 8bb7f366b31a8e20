//! What an operator watches: a request id per request (answered in `X-Request-ID` and passed
//! on to Quay), one log line per request, Prometheus metrics on `/metrics` and the readiness
//! probe. No metric label holds a name, and no log line a token or a query string.

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::Registry;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub const REQUEST_ID_HEADER: &str = "x-request-id";

tokio::task_local! {
    static REQUEST_ID: RequestId;
}

/// The id of one request: the client's `X-Request-ID` when it is a plain token, else a new one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestId(pub String);

impl RequestId {
    /// A client's id is taken when it is 1..=64 of `[A-Za-z0-9._-]` (it goes into logs and
    /// headers unchanged); anything else gets a fresh id.
    pub fn from_header(v: Option<&str>) -> RequestId {
        match v {
            Some(s)
                if (1..=64).contains(&s.len())
                    && s.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b)) =>
            {
                RequestId(s.to_string())
            }
            _ => RequestId::fresh(),
        }
    }

    pub fn fresh() -> RequestId {
        RequestId(format!("{:016x}", rand::random::<u64>()))
    }
}

/// The id of the request being served (in this task, or the page render's context).
pub fn current_request_id() -> Option<RequestId> {
    REQUEST_ID
        .try_with(Clone::clone)
        .ok()
        .or_else(leptos::prelude::use_context::<RequestId>)
}

/// Runs `fut` with the current request's id, for work spawned into a task of its own.
pub fn carry_request_id<F: std::future::Future>(
    fut: F,
) -> impl std::future::Future<Output = F::Output> {
    let id = current_request_id().unwrap_or_else(RequestId::fresh);
    REQUEST_ID.scope(id, fut)
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct HttpLabels {
    route: String,
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabel {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct QuayLabels {
    endpoint: String,
    method: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct QuayTimeLabels {
    endpoint: String,
    method: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabel {
    outcome: &'static str,
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;

fn seconds_histogram() -> Histogram {
    // 5 ms .. ~20 s
    Histogram::new(exponential_buckets(0.005, 2.0, 13))
}

/// Every metric the console exports (the README's table).
pub struct Metrics {
    registry: Registry,
    http_requests: Family<HttpLabels, Counter>,
    http_duration: Histograms<RouteLabel>,
    quay_requests: Family<QuayLabels, Counter>,
    quay_duration: Histograms<QuayTimeLabels>,
    bulk_items: Family<OutcomeLabel, Counter>,
    bulk_in_flight: Gauge,
}

pub fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let mut registry = Registry::default();
        let m = Metrics {
            http_requests: Family::default(),
            http_duration: Family::new_with_constructor(seconds_histogram as fn() -> Histogram),
            quay_requests: Family::default(),
            quay_duration: Family::new_with_constructor(seconds_histogram as fn() -> Histogram),
            bulk_items: Family::default(),
            bulk_in_flight: Gauge::default(),
            registry: Registry::default(),
        };
        registry.register(
            "robot_console_http_requests",
            "Requests answered",
            m.http_requests.clone(),
        );
        registry.register(
            "robot_console_http_request_duration_seconds",
            "Answer times",
            m.http_duration.clone(),
        );
        registry.register(
            "robot_console_quay_requests",
            "Calls to Quay (status 0: no answer)",
            m.quay_requests.clone(),
        );
        registry.register(
            "robot_console_quay_request_duration_seconds",
            "Quay's answer times",
            m.quay_duration.clone(),
        );
        registry.register(
            "robot_console_bulk_items",
            "Items of bulk work by outcome",
            m.bulk_items.clone(),
        );
        registry.register(
            "robot_console_bulk_runs_in_flight",
            "Bulk runs still working",
            m.bulk_in_flight.clone(),
        );
        registry.register(
            "robot_console_build",
            "The console's version",
            Info::new(vec![("version", env!("CARGO_PKG_VERSION"))]),
        );
        Metrics { registry, ..m }
    })
}

impl Metrics {
    /// The Prometheus/OpenMetrics text of every metric.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }

    pub fn quay_call(&self, method: &str, path: &str, status: Option<u16>, took: Duration) {
        let endpoint = endpoint_template(path);
        self.quay_requests
            .get_or_create(&QuayLabels {
                endpoint: endpoint.clone(),
                method: method.to_string(),
                status: status.unwrap_or(0),
            })
            .inc();
        self.quay_duration
            .get_or_create(&QuayTimeLabels {
                endpoint,
                method: method.to_string(),
            })
            .observe(took.as_secs_f64());
    }

    pub fn bulk_item(&self, outcome: &crate::bulk::Outcome) {
        let outcome = match outcome {
            crate::bulk::Outcome::Done => "done",
            crate::bulk::Outcome::Failed { .. } => "failed",
            crate::bulk::Outcome::Skipped { .. } => "skipped",
        };
        self.bulk_items
            .get_or_create(&OutcomeLabel { outcome })
            .inc();
    }

    /// Counts a bulk run as in flight until the guard is dropped.
    pub fn bulk_run(&'static self) -> impl Drop {
        struct InFlight(&'static Gauge);
        impl Drop for InFlight {
            fn drop(&mut self) {
                self.0.dec();
            }
        }
        self.bulk_in_flight.inc();
        InFlight(&self.bulk_in_flight)
    }
}

/// Quay's path with the names replaced, for a label: `/api/v1/organization/{}/robots/{}`.
/// A segment is kept only when it is one of Quay's own words and not in a name's position;
/// anything else (names, ids, unknown words) becomes `{}`, so no label holds a name.
pub fn endpoint_template(path: &str) -> String {
    const WORDS: &[&str] = &[
        "api",
        "v1",
        "v2",
        "config",
        "user",
        "users",
        "organization",
        "organizations",
        "robots",
        "repository",
        "permissions",
        "federation",
        "team",
        "teams",
        "members",
        "logs",
        "aggregatelogs",
        "regenerate",
        "superuser",
        "prototypes",
        "entities",
        "find",
        "tag",
        "manifest",
        "oauth",
        "authorize",
        "access_token",
        "applications",
        "messages",
        "auth",
        "token",
    ];
    // Words followed by a name; `repository` by two (namespace and repository).
    const NAMED_AFTER: &[&str] = &[
        "organization",
        "robots",
        "team",
        "members",
        "prototypes",
        "entities",
        "applications",
        "tag",
        "manifest",
    ];
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut out = String::new();
    let mut names_due = 0usize;
    let mut prev = "";
    for s in path.split('/').skip(1) {
        out.push('/');
        if s.is_empty() {
            continue;
        }
        if names_due > 0 {
            out.push_str("{}");
            names_due -= 1;
        } else if WORDS.contains(&s) {
            out.push_str(s);
            names_due = if s == "repository" {
                2
            } else if NAMED_AFTER.contains(&s)
                || (prev == "superuser" && s == "users")
                || (prev == "permissions" && s == "user")
            {
                1
            } else {
                0
            };
        } else {
            out.push_str("{}");
        }
        prev = s;
    }
    out
}

/// The request path for a log line: the path only (never the query); a sign-in's one-time
/// nonce is left out.
fn logged_path(path: &str) -> &str {
    if path.starts_with("/oauth/callback/") {
        "/oauth/callback/{nonce}"
    } else {
        path
    }
}

/// The route label: the matched route, or a fixed word for what no route matched (files,
/// unknown paths), so the label set stays small.
fn route_label(req_path: &str, matched: Option<&str>) -> String {
    match matched {
        Some(m) => m.to_string(),
        None if req_path.starts_with("/pkg/") || req_path == "/favicon.ico" => "(static)".into(),
        None => "(unmatched)".into(),
    }
}

/// The outermost layer: request id, per-request log line and HTTP metrics.
pub async fn layer(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let id = RequestId::from_header(
        req.headers()
            .get(REQUEST_ID_HEADER)
            .and_then(|v| v.to_str().ok()),
    );
    let method = req.method().as_str().to_string();
    let path = req.uri().path().to_string();
    let matched = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    let mut req = req;
    req.extensions_mut().insert(id.clone());
    let mut resp = REQUEST_ID.scope(id.clone(), next.run(req)).await;
    if let Ok(v) = HeaderValue::from_str(&id.0) {
        resp.headers_mut().insert(REQUEST_ID_HEADER, v);
    }
    let status = resp.status().as_u16();
    let took = started.elapsed();
    let route = route_label(&path, matched.as_deref());
    let m = metrics();
    m.http_requests
        .get_or_create(&HttpLabels {
            route: route.clone(),
            method: method.clone(),
            status,
        })
        .inc();
    m.http_duration
        .get_or_create(&RouteLabel { route })
        .observe(took.as_secs_f64());
    tracing::info!(
        target: "robot_console::http",
        method = %method,
        path = %logged_path(&path),
        status,
        ms = took.as_millis() as u64,
        request_id = %id.0,
        "request"
    );
    resp
}

/// `GET /metrics`.
pub async fn metrics_handler() -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        metrics().render(),
    )
        .into_response()
}

/// `GET /readyz`: 200 when Quay answers its `/config` within the timeout, 503 with the reason.
pub async fn readyz(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
) -> Response {
    let limit = Duration::from_secs(5);
    match tokio::time::timeout(limit, state.quay.config()).await {
        Ok(Ok(_)) => (StatusCode::OK, "ready\n").into_response(),
        Ok(Err(e)) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("not ready: {}\n", e.message),
        )
            .into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "not ready: Quay at {} did not answer within {} s\n",
                state.quay.base_url(),
                limit.as_secs()
            ),
        )
            .into_response(),
    }
}

/// The log output: `text` for people, `json` for log collectors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    #[default]
    Text,
    Json,
}

/// Installs the global log subscriber (`RUST_LOG` sets the level, `info` by default).
pub fn init_logging(format: LogFormat) {
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_templates_hold_no_names() {
        let cases = [
            ("/api/v1/user/", "/api/v1/user/"),
            ("/api/v1/user/robots", "/api/v1/user/robots"),
            ("/api/v1/user/robots/ci", "/api/v1/user/robots/{}"),
            (
                "/api/v1/organization/acme/robots/deployer/permissions",
                "/api/v1/organization/{}/robots/{}/permissions",
            ),
            (
                "/api/v1/organization/robots/robots/permissions/permissions",
                "/api/v1/organization/{}/robots/{}/permissions",
            ),
            (
                "/api/v1/repository/acme/logs/permissions/user/acme+logs",
                "/api/v1/repository/{}/{}/permissions/user/{}",
            ),
            (
                "/api/v1/repository/acme/web/permissions/team/owners",
                "/api/v1/repository/{}/{}/permissions/team/{}",
            ),
            (
                "/api/v1/organization/acme/team/owners/members",
                "/api/v1/organization/{}/team/{}/members",
            ),
            ("/api/v1/superuser/users/", "/api/v1/superuser/users/"),
            ("/api/v1/repository?namespace=acme", "/api/v1/repository"),
            ("/config", "/config"),
            ("/api/v1/secret-word/acme", "/api/v1/{}/{}"),
        ];
        for (path, want) in cases {
            assert_eq!(endpoint_template(path), want, "{path}");
        }
    }

    #[test]
    fn only_plain_request_ids_are_taken_from_the_client() {
        assert_eq!(RequestId::from_header(Some("abc-123_x.y")).0, "abc-123_x.y");
        for bad in ["", "a b", "x\r\ny", &"a".repeat(65), "tok=secret;"] {
            let id = RequestId::from_header(Some(bad));
            assert_ne!(id.0, bad);
            assert_eq!(id.0.len(), 16);
        }
        assert_eq!(RequestId::from_header(None).0.len(), 16);
    }

    #[test]
    fn the_metrics_text_lists_every_family_of_the_readme() {
        let m = metrics();
        m.quay_call(
            "GET",
            "/api/v1/organization/acme/robots",
            Some(200),
            Duration::from_millis(12),
        );
        m.bulk_item(&crate::bulk::Outcome::Done);
        let _run = m.bulk_run();
        let text = m.render();
        for name in [
            "robot_console_quay_requests_total{endpoint=\"/api/v1/organization/{}/robots\",method=\"GET\",status=\"200\"}",
            "robot_console_quay_request_duration_seconds_bucket",
            "robot_console_bulk_items_total{outcome=\"done\"}",
            "robot_console_bulk_runs_in_flight",
            "robot_console_build_info{version=\"",
        ] {
            assert!(text.contains(name), "{name} missing in\n{text}");
        }
        assert!(!text.contains("acme"));
    }
}
