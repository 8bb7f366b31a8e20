//! The sandbox's own sign-in page for the OAuth flow (Quay answers 401 there; a browser test
//! needs a way in): `GET /oauth/signin?next=…` shows it, `POST /oauth/signin` checks the form
//! (`username`, `password`, `next`, `_csrf_token`) and continues to `next` (an `/oauth/authorize`
//! URL) signed in. Seeded users have the password `password`.

use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, StatusCode, Uri},
    response::Response,
};
use serde_json::json;

use super::{html, pages, redirect, session, with_cookie};
use crate::api::{audit, session::hash_password, St};
use crate::oauth::redirect::parse_form;
use crate::store;
use crate::util;

/// Only continue to the authorize endpoint (no open redirect).
fn safe_next(next: &str) -> &str {
    if next.starts_with("/oauth/authorize?") {
        next
    } else {
        "/oauth/signin"
    }
}

pub async fn page(State(st): State<St>, headers: HeaderMap, uri: Uri) -> Response {
    let q = parse_form(uri.query().unwrap_or(""));
    let next = q.get("next").cloned().unwrap_or_default();
    st.db
        .run(move |c| {
            let s = session(c, &headers);
            with_cookie(
                html(StatusCode::OK, pages::signin(&next, &s.csrf, None)),
                &s,
            )
        })
        .await
}

pub async fn submit(State(st): State<St>, headers: HeaderMap, body: Bytes) -> Response {
    let form = parse_form(&String::from_utf8_lossy(&body));
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    st.db
        .run(move |c| {
            let s = session(c, &headers);
            let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
            let next = safe_next(get("next")).to_string();
            if s.new || get("_csrf_token") != s.csrf {
                let page = pages::signin(
                    &next,
                    &s.csrf,
                    Some("Your session expired. Please sign in again."),
                );
                return with_cookie(html(StatusCode::FORBIDDEN, page), &s);
            }
            let candidate = crate::api::session::possible_user(c, get("username"));
            let ok = candidate
                .as_ref()
                .filter(|u| u.password.as_deref() == Some(hash_password(get("password")).as_str()));
            let Some(user) = ok else {
                let metadata = json!({"type": "quayauth", "kind": "user", "useragent": ua,
                    "username": get("username"), "message": "Invalid Username or Password"});
                let account = candidate
                    .as_ref()
                    .map(|u| u.id)
                    .or_else(|| audit::service_account(c));
                audit::write(
                    c,
                    "login_failure",
                    account,
                    None,
                    candidate.as_ref(),
                    None,
                    &metadata,
                );
                let page = pages::signin(&next, &s.csrf, Some("Invalid Username or Password"));
                return html(StatusCode::UNAUTHORIZED, page);
            };
            store::session_put(c, &s.id, &util::random_urlsafe(64), Some(user.id));
            let metadata = json!({"type": "quayauth", "useragent": ua});
            audit::write(
                c,
                "login_success",
                Some(user.id),
                None,
                None,
                None,
                &metadata,
            );
            redirect(&next)
        })
        .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn next_must_be_the_authorize_endpoint() {
        assert_eq!(
            super::safe_next("/oauth/authorize?client_id=x"),
            "/oauth/authorize?client_id=x"
        );
        assert_eq!(super::safe_next("https://evil.example/"), "/oauth/signin");
        assert_eq!(
            super::safe_next("//evil.example/oauth/authorize?"),
            "/oauth/signin"
        );
    }
}
