//! `QuayClient`: one method per Quay endpoint the console uses (server side only).
//!
//! Every failure becomes an `AppError` whose message a person can act on: Quay's own message when
//! its body has one (either error body shape), otherwise a sentence naming the status and what to
//! try. Timeouts and unreachable servers say so, with the URL.

mod access;
mod credentials;
mod federation;
mod iac;
mod logs;
mod oauth;
mod permissions;
mod superuser;
mod teams;

pub use oauth::OAuthError;

use crate::error::{AppError, ErrorKind};
use crate::quay::ids::{Description, Namespace, RepoName, RobotShort};
use crate::quay::model::*;
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::time::Duration;

/// Where a robot lives: an organization, or the signed-in user's own namespace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RobotScope {
    Org(Namespace),
    User,
}

impl RobotScope {
    /// `/api/v1/organization/{org}/robots` or `/api/v1/user/robots`.
    pub fn robots_path(&self) -> Result<String, AppError> {
        match self {
            RobotScope::Org(org) => path(&["api", "v1", "organization", org, "robots"]),
            RobotScope::User => path(&["api", "v1", "user", "robots"]),
        }
    }

    /// `{robots_path}/{short}` followed by `rest` (`permissions`, `federation`, ...).
    pub fn robot_path(&self, short: &RobotShort, rest: &[&str]) -> Result<String, AppError> {
        let mut p = self.robots_path()?;
        p.push_str(&path(&[short])?);
        if !rest.is_empty() {
            p.push_str(&path(rest)?);
        }
        Ok(p)
    }
}

/// Percent-encodes one path segment. An empty, `.` or `..` segment is refused: the typed ids
/// cannot hold one, and this keeps a future caller from building a path that a URL-normalising
/// client would shorten (`/robots/..` became `DELETE /api/v1/user/`).
pub fn seg(s: &str) -> Result<String, AppError> {
    if s.is_empty() || s == "." || s == ".." {
        return Err(AppError::invalid(format!(
            "Refused to call Quay with the path segment '{}'.",
            crate::quay::ids::shown(s)
        )));
    }
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'+' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    Ok(out)
}

/// `/{seg}/{seg}...` from the given segments (each encoded and checked by [`seg`]).
pub fn path(segments: &[&str]) -> Result<String, AppError> {
    let mut out = String::new();
    for s in segments {
        out.push('/');
        out.push_str(&seg(s)?);
    }
    Ok(out)
}

/// `/api/v1/repository/{ns}/{repo}` followed by `rest`.
pub fn repo_path(ns: &Namespace, repo: &RepoName, rest: &[&str]) -> Result<String, AppError> {
    let mut segs: Vec<&str> = vec!["api", "v1", "repository", ns, repo];
    segs.extend_from_slice(rest);
    path(&segs)
}

/// Percent-encodes a query value (everything but unreserved characters, so `+` is `%2B`).
pub fn query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[derive(Clone, Debug)]
pub struct QuayClient {
    base: String,
    http: reqwest::Client,
    timeout: Duration,
}

impl QuayClient {
    pub fn new(base_url: &str, timeout: Duration) -> Self {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("robot-console/", env!("CARGO_PKG_VERSION")))
            .pool_max_idle_per_host(32)
            .build()
            .expect("reqwest client builds with static settings");
        Self {
            base: base_url.trim_end_matches('/').to_string(),
            http,
            timeout,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Sends one request and returns the status with the raw body.
    async fn raw(
        &self,
        token: Option<&str>,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(StatusCode, bytes::Bytes), AppError> {
        let url = format!("{}{}", self.base, path);
        let mut req = self
            .http
            .request(method.clone(), &url)
            .header("Accept", "application/json")
            // Quay refuses browser-looking GETs without it (BROWSER_API_CALLS_XHR_ONLY).
            .header("X-Requested-With", "XMLHttpRequest");
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(b);
        }
        if let Some(id) = crate::observe::current_request_id() {
            req = req.header(crate::observe::REQUEST_ID_HEADER, id.0);
        }
        let started = std::time::Instant::now();
        let answer = async {
            let resp = req.send().await?;
            let status = resp.status();
            Ok::<_, reqwest::Error>((status, resp.bytes().await?))
        }
        .await;
        crate::observe::metrics().quay_call(
            method.as_str(),
            path,
            answer.as_ref().ok().map(|(s, _)| s.as_u16()),
            started.elapsed(),
        );
        answer.map_err(|e| self.transport_error(&e, &url))
    }

    fn transport_error(&self, e: &reqwest::Error, url: &str) -> AppError {
        if e.is_timeout() {
            AppError::new(
                504,
                ErrorKind::Timeout,
                format!(
                    "Quay did not answer within {} s ({url}). Check that Quay is up and reachable, then retry.",
                    self.timeout.as_secs()
                ),
            )
        } else if e.is_connect() {
            AppError::new(
                502,
                ErrorKind::Upstream,
                format!(
                    "Cannot connect to Quay at {}. Check the Quay URL setting and that the server is running, then retry.",
                    self.base
                ),
            )
        } else {
            AppError::new(
                502,
                ErrorKind::Upstream,
                format!("The request to Quay failed ({url}): {e}. Retry in a moment."),
            )
        }
    }

    /// Sends a request and decodes a JSON answer, or maps Quay's error.
    async fn call<T: DeserializeOwned>(
        &self,
        token: Option<&str>,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<T, AppError> {
        let (status, bytes) = self.raw(token, method.clone(), path, body).await?;
        if !status.is_success() {
            return Err(call_error(status.as_u16(), &bytes, method.as_str(), path));
        }
        serde_json::from_slice(&bytes).map_err(|e| {
            AppError::new(
                502,
                ErrorKind::Upstream,
                format!("Quay answered {path} with JSON the console does not understand ({e}). Is the Quay URL pointing at a Quay API?"),
            )
        })
    }

    /// Sends a request whose success answer has no body we need (DELETE's 204).
    async fn call_empty(
        &self,
        token: Option<&str>,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(), AppError> {
        let (status, bytes) = self.raw(token, method.clone(), path, body).await?;
        if status.is_success() {
            Ok(())
        } else {
            Err(call_error(status.as_u16(), &bytes, method.as_str(), path))
        }
    }

    pub async fn current_user(&self, token: &str) -> Result<User, AppError> {
        self.call(Some(token), Method::GET, "/api/v1/user/", None)
            .await
    }

    pub async fn config(&self) -> Result<QuayConfig, AppError> {
        self.call(None, Method::GET, "/config", None).await
    }

    pub async fn organization(
        &self,
        token: &str,
        org: &Namespace,
    ) -> Result<Organization, AppError> {
        let path = path(&["api", "v1", "organization", org])?;
        self.call(Some(token), Method::GET, &path, None).await
    }

    pub async fn robots(
        &self,
        token: &str,
        scope: &RobotScope,
        permissions: bool,
    ) -> Result<Vec<Robot>, AppError> {
        let path = format!(
            "{}?permissions={permissions}&token=false",
            scope.robots_path()?
        );
        let list: RobotList = self.call(Some(token), Method::GET, &path, None).await?;
        Ok(list.robots)
    }

    pub async fn robot(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &RobotShort,
    ) -> Result<Robot, AppError> {
        let path = scope.robot_path(short, &[])?;
        self.call(Some(token), Method::GET, &path, None).await
    }

    pub async fn create_robot(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &RobotShort,
        description: &Description,
    ) -> Result<Robot, AppError> {
        let path = scope.robot_path(short, &[])?;
        let body = serde_json::json!({ "description": description.as_str() });
        self.call(Some(token), Method::PUT, &path, Some(&body))
            .await
    }

    pub async fn delete_robot(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &RobotShort,
    ) -> Result<(), AppError> {
        let path = scope.robot_path(short, &[])?;
        self.call_empty(Some(token), Method::DELETE, &path, None)
            .await
    }

    /// All repositories of a namespace, following `next_page` (Quay pages 100 at a time).
    pub async fn repositories(
        &self,
        token: &str,
        ns: &Namespace,
    ) -> Result<Vec<Repository>, AppError> {
        let mut out = Vec::new();
        let mut next: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut path = format!(
                "/api/v1/repository?last_modified=true&namespace={}&public=true",
                query_value(ns)
            );
            if let Some(n) = &next {
                path.push_str("&next_page=");
                path.push_str(&query_value(n));
            }
            let page: RepositoryPage = self.call(Some(token), Method::GET, &path, None).await?;
            out.extend(page.repositories);
            match page.next_page {
                Some(n) if !n.is_empty() => next = Some(n),
                _ => return Ok(out),
            }
        }
        Err(too_many_pages("repositories", ns))
    }
}

/// How many pages a listing follows before it stops: 1,000 pages of 100 = 100,000 repositories.
pub const MAX_PAGES: usize = 1000;

/// A listing that would not end: an error, not a silently cut list.
pub fn too_many_pages(what: &str, ns: &Namespace) -> AppError {
    AppError::new(
        502,
        ErrorKind::Upstream,
        format!("Quay kept answering more pages of {what} of {ns} after {MAX_PAGES} pages; the console stopped rather than show an incomplete list. Check the Quay server."),
    )
}

/// The error of a call to `path`: Quay's `insufficient_scope` says which scope the call needs.
fn call_error(status: u16, body: &[u8], method: &str, path: &str) -> AppError {
    let mut e = error_from_response(status, body);
    let insufficient = serde_json::from_slice::<QuayErrorBody>(body)
        .ok()
        .and_then(|b| b.error_type)
        .is_some_and(|t| t == "insufficient_scope");
    if insufficient {
        e.message = crate::standing::missing_scope_message(method, path);
    }
    e
}

/// Turns a Quay error answer into an `AppError` with the best message available.
pub fn error_from_response(status: u16, body: &[u8]) -> AppError {
    let kind = AppError::kind_for_status(status);
    let parsed: Option<QuayErrorBody> = serde_json::from_slice(body).ok();
    if let Some(msg) = parsed.as_ref().and_then(QuayErrorBody::best_message) {
        let kind = if msg == "Could not find robot with specified username" {
            // Quay answers 400 for a missing robot.
            ErrorKind::NotFound
        } else {
            kind
        };
        return AppError::new(status, kind, msg);
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let looks_like_html = text.starts_with('<');
    let message = if !text.is_empty() && !looks_like_html && text.len() <= 300 {
        text.to_string()
    } else {
        match status {
            401 => "Quay did not accept the access token. Sign in again with a valid token.".into(),
            403 => "Quay refused the request: your token lacks the permission (scope) for it, or you are not an administrator of this namespace.".into(),
            404 => "Quay answered Not Found. Check the namespace and name.".into(),
            s if s >= 500 => format!("Quay answered {s} (an error inside Quay). Retry; if it persists, check the Quay server's logs."),
            s => format!("Quay answered {s} without a message."),
        }
    };
    AppError::new(status, kind, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded_and_dot_segments_refused() {
        assert_eq!(seg("acme+bot").unwrap(), "acme+bot");
        assert_eq!(seg("Bad-Name!").unwrap(), "Bad-Name%21");
        assert_eq!(seg("a/b").unwrap(), "a%2Fb");
        for bad in ["", ".", ".."] {
            let e = seg(bad).unwrap_err();
            assert_eq!(e.status, 400);
        }
        assert!(path(&["api", "v1", "user", "robots", ".."]).is_err());
    }

    #[test]
    fn both_error_shapes_give_quays_message() {
        let e = error_from_response(
            400,
            br#"{"detail":"Existing robot with name: acme+x","error_message":"Existing robot with name: acme+x","error_type":"invalid_request","title":"invalid_request","status":400}"#,
        );
        assert_eq!(e.message, "Existing robot with name: acme+x");
        assert_eq!(e.kind, ErrorKind::InvalidRequest);
        let e = error_from_response(
            400,
            br#"{"message": "Could not find robot with specified username"}"#,
        );
        assert_eq!(e.kind, ErrorKind::NotFound);
        assert_eq!(e.status, 400);
    }

    #[test]
    fn a_missing_scope_is_named() {
        let body = br#"{"detail":"Unauthorized","error_message":"Unauthorized","error_type":"insufficient_scope","title":"insufficient_scope","status":403}"#;
        let e = call_error(
            403,
            body,
            "GET",
            "/api/v1/organization/acme/robots?permissions=true",
        );
        assert_eq!(e.status, 403);
        assert!(e.message.contains("org:admin"), "{}", e.message);
        let plain = call_error(
            403,
            br#"{"message":"Unauthorized"}"#,
            "GET",
            "/api/v1/organization/acme/robots",
        );
        assert_eq!(plain.message, "Unauthorized");
    }

    #[test]
    fn html_5xx_gets_an_actionable_message() {
        let e = error_from_response(500, b"<html><body>Internal Server Error</body></html>");
        assert!(e.message.contains("Quay answered 500"), "{}", e.message);
        assert_eq!(e.kind, ErrorKind::Upstream);
    }
}
