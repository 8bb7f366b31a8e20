//! CORS as Quay without CORS_ORIGIN, and Quay's BROWSER_API_CALLS_XHR_ONLY check.

use axum::{extract::State, middleware, response::Response};

use super::{ApiError, St};

/// Looks like a browser to ua-parser (Chrome, Firefox, Safari, Opera, Edge...).
fn is_browser(ua: &str) -> bool {
    ua.starts_with("Mozilla/")
        && ["Chrome/", "Firefox/", "Safari/", "OPR/", "Edg/", "Trident/"]
            .iter()
            .any(|b| ua.contains(b))
}

/// CORS as Quay without CORS_ORIGIN (`Access-Control-Allow-Origin: *` on API responses, preflights
/// answered), and Quay's BROWSER_API_CALLS_XHR_ONLY check on browser GETs.
pub async fn cors(
    State(st): State<St>,
    req: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    use axum::http::{header, HeaderValue, Method};
    let is_api = req.uri().path().starts_with("/api/");
    if is_api && req.method() == Method::OPTIONS {
        let mut r = Response::new(axum::body::Body::empty());
        let h = r.headers_mut();
        h.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, HEAD, OPTIONS, POST, DELETE, PUT"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Authorization, Content-Type, X-Requested-With, X-CSRF-Token"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("21600"),
        );
        return r;
    }
    if is_api && req.method() == Method::GET && st.settings().browser_xhr_only {
        let ua = req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let xhr = req
            .headers()
            .get("x-requested-with")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("XMLHttpRequest"));
        if is_browser(ua) && !xhr {
            let mut r = ApiError::Error {
                status: 400,
                error: "API calls must be invoked with an X-Requested-With header if called from a browser".into(),
                html: false,
            }
            .render(&st.host());
            r.headers_mut().insert(
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            );
            return r;
        }
    }
    let mut r = next.run(req).await;
    if is_api {
        r.headers_mut().insert(
            axum::http::header::ACCESS_CONTROL_ALLOW_ORIGIN,
            axum::http::HeaderValue::from_static("*"),
        );
    }
    r
}
