//! Error bodies in Quay's shapes. API errors need the server hostname for their `type` URL,
//! so `IntoResponse` stores the error in the response extensions and the `render_errors`
//! middleware writes the body.

use std::sync::Arc;

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde_json::{json, Value};

use super::AppState;

pub const HTML_500: &str = "<html>\n  <head>\n    <title>Internal Server Error</title>\n  </head>\n  <body>\n    <h1><p>Internal Server Error</p></h1>\n    \n  </body>\n</html>\n";
pub const HTML_404: &str = "<!DOCTYPE html>\n<html ng-app=\"quay\" class=\"hosted\">\n  <head>\n    <title>Quay</title>\n  </head>\n  <body>\n    <h1>Not Found</h1>\n  </body>\n</html>\n";

#[derive(Clone, Debug)]
pub enum ApiError {
    /// `{"detail","error_message","error_type","title","type","status"}`.
    Api {
        status: u16,
        kind: &'static str,
        detail: String,
        session_required: bool,
    },
    /// `{"message": ...}`.
    Message { status: u16, message: String },
    /// `{"error": ...}`; `html` sets the text/html content type Quay uses for CSRF aborts.
    Error {
        status: u16,
        error: String,
        html: bool,
    },
    /// A plain HTML page.
    Html { status: u16, body: &'static str },
    /// Any JSON body.
    Json { status: u16, body: Value },
}

impl ApiError {
    pub fn anon() -> Self {
        ApiError::Api {
            status: 401,
            kind: "invalid_token",
            detail: "Requires authentication".into(),
            session_required: false,
        }
    }
    pub fn unauthorized() -> Self {
        ApiError::Api {
            status: 403,
            kind: "insufficient_scope",
            detail: "Unauthorized".into(),
            session_required: false,
        }
    }
    pub fn invalid(msg: impl Into<String>) -> Self {
        ApiError::Api {
            status: 400,
            kind: "invalid_request",
            detail: msg.into(),
            session_required: false,
        }
    }
    pub fn not_found() -> Self {
        ApiError::Api {
            status: 404,
            kind: "not_found",
            detail: "Not Found".into(),
            session_required: false,
        }
    }
    pub fn message(status: u16, msg: impl Into<String>) -> Self {
        ApiError::Message {
            status,
            message: msg.into(),
        }
    }
    pub fn no_robot() -> Self {
        Self::message(400, "Could not find robot with specified username")
    }
    pub fn forbidden_abort() -> Self {
        Self::message(403, "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.")
    }
    pub fn internal() -> Self {
        ApiError::Html {
            status: 500,
            body: HTML_500,
        }
    }
    pub fn db(e: rusqlite::Error) -> Self {
        eprintln!("quay-sandbox: database error: {e}");
        Self::internal()
    }
    /// Adds `"session_required": false` the way `/api/v1/user/` reports 401.
    pub fn with_session_required(self) -> Self {
        match self {
            ApiError::Api {
                status,
                kind,
                detail,
                ..
            } if status == 401 => ApiError::Api {
                status,
                kind,
                detail,
                session_required: true,
            },
            other => other,
        }
    }

    fn status(&self) -> u16 {
        match self {
            ApiError::Api { status, .. }
            | ApiError::Message { status, .. }
            | ApiError::Error { status, .. }
            | ApiError::Html { status, .. }
            | ApiError::Json { status, .. } => *status,
        }
    }

    /// The full response, with `host` used in the `type` URL.
    pub fn render(&self, host: &str) -> Response {
        let status =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        match self {
            ApiError::Api {
                status: code,
                kind,
                detail,
                session_required,
            } => {
                let mut body = serde_json::Map::new();
                if *session_required {
                    body.insert("session_required".into(), json!(false));
                }
                body.insert("detail".into(), json!(detail));
                body.insert("error_message".into(), json!(detail));
                body.insert("error_type".into(), json!(kind));
                body.insert("title".into(), json!(kind));
                body.insert(
                    "type".into(),
                    json!(format!("http://{host}/api/v1/error/{kind}")),
                );
                body.insert("status".into(), json!(code));
                json_response(status, &Value::Object(body))
            }
            ApiError::Message { message, .. } => {
                json_response(status, &json!({"message": message}))
            }
            ApiError::Error { error, html, .. } => {
                let mut r = json_response(status, &json!({"error": error}));
                if *html {
                    r.headers_mut().insert(
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("text/html; charset=utf-8"),
                    );
                }
                r
            }
            ApiError::Html { body, .. } => {
                let mut r = Response::new(Body::from(*body));
                *r.status_mut() = status;
                r.headers_mut()
                    .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html"));
                r
            }
            ApiError::Json { body, .. } => json_response(status, body),
        }
    }
}

pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut r = Response::new(Body::from(serde_json::to_vec(body).unwrap_or_default()));
    *r.status_mut() = status;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// Werkzeug's 308 redirect (strict slashes) with its small HTML page.
pub fn strict_slash_redirect(location: &str) -> Response {
    let body = format!(
        "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href=\"{location}\">{location}</a>. If not, click the link.\n"
    );
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = StatusCode::PERMANENT_REDIRECT;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(location) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

pub fn ok_json(body: Value) -> Response {
    json_response(StatusCode::OK, &body)
}

pub fn created_json(body: Value) -> Response {
    json_response(StatusCode::CREATED, &body)
}

pub fn no_content() -> Response {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::NO_CONTENT;
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = Response::new(Body::empty());
        *r.status_mut() =
            StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        r.extensions_mut().insert(self);
        r
    }
}

/// Middleware: render any `ApiError` left in a response's extensions.
pub async fn render_errors(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    if let Some(err) = resp.extensions_mut().remove::<ApiError>() {
        let host = st.host();
        let mut out = err.render(&host);
        for (k, v) in resp.headers() {
            if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
                out.headers_mut().insert(k.clone(), v.clone());
            }
        }
        return out;
    }
    resp
}

pub type ApiResult = Result<Response, ApiError>;
