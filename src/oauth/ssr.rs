//! The handlers of "Sign in with Quay" (see the parent module for the flow).

use super::{authorize_url, redirect_uri, token_form};
use crate::session::{removal_cookie, session_cookie, Session, SIGNED_OUT_COOKIE};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use std::collections::HashMap;

/// The one-time nonce cookie of a sign-in in progress.
pub const OAUTH_COOKIE: &str = "rc_oauth";
const MAX_AGE_SECS: i64 = 600;

/// The console's OAuth application at Quay.
#[derive(Clone, Debug)]
pub struct OAuthClient {
    pub client_id: String,
    pub client_secret: String,
    pub scopes: String,
}

fn redirect(to: &str, cookies: &[String]) -> Response {
    let mut resp = (StatusCode::FOUND, [(header::LOCATION, to.to_string())]).into_response();
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(c) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn nonce_cookie(value: &str, secure: bool, max_age: i64) -> String {
    cookie::Cookie::build((OAUTH_COOKIE, value.to_string()))
        .path("/oauth/")
        .http_only(true)
        // Lax: sent on the top-level navigation back from Quay.
        .same_site(cookie::SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(max_age))
        .build()
        .encoded()
        .to_string()
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
}

fn is_nonce(s: &str) -> bool {
    s.len() == 43
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Equal, in time that does not depend on where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `GET /oauth/start`: to Quay's consent page, with a fresh nonce.
pub async fn start(State(state): State<AppState>) -> Response {
    let Some(client) = state.oauth.as_ref() else {
        return redirect("/signin?error=not_configured", &[]);
    };
    let nonce = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    let redirect_to = redirect_uri(&state.public_url, &nonce);
    let url = authorize_url(
        state.quay.base_url(),
        &client.client_id,
        &redirect_to,
        &client.scopes,
        &nonce,
    );
    redirect(
        &url,
        &[nonce_cookie(&nonce, state.secure_cookie, MAX_AGE_SECS)],
    )
}

/// `GET /oauth/callback/{nonce}`: back from Quay with a code (or an error).
pub async fn callback(
    State(state): State<AppState>,
    Path(nonce): Path<String>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let secure = state.secure_cookie;
    let clear = nonce_cookie("", secure, 0);
    let fail = |code: &str| {
        redirect(
            &format!("/signin?error={code}"),
            std::slice::from_ref(&clear),
        )
    };
    let Some(client) = state.oauth.as_ref() else {
        return fail("not_configured");
    };
    let started_here = is_nonce(&nonce)
        && cookie_value(&headers, OAUTH_COOKIE).is_some_and(|c| same(&c, &nonce))
        && q.get("state").is_none_or(|s| same(s, &nonce));
    if !started_here {
        tracing::warn!("sign-in with Quay refused: the nonce does not match this browser's");
        return fail("state_mismatch");
    }
    if let Some(error) = q.get("error") {
        let code = match error.as_str() {
            "authorization_denied" | "redirect_uri_mismatch" | "invalid_request" => error.as_str(),
            _ => "failed",
        };
        return fail(code);
    }
    let Some(code) = q.get("code").filter(|c| !c.is_empty() && c.len() <= 512) else {
        return fail("failed");
    };
    let redirect_to = redirect_uri(&state.public_url, &nonce);
    let form = token_form(
        code,
        &client.client_id,
        &client.client_secret,
        &redirect_to,
        &client.scopes,
    );
    let token = match state.quay.exchange_oauth_code(&form).await {
        Ok(t) => t,
        Err(crate::quay::client::OAuthError::Quay(e)) => {
            tracing::warn!(error = %e, "Quay refused the sign-in code exchange");
            let code = match e.as_str() {
                "invalid_client" | "invalid_grant" => e.as_str(),
                _ => "failed",
            };
            return fail(code);
        }
        Err(crate::quay::client::OAuthError::Transport(e)) => {
            tracing::warn!(error = %e.message, "the sign-in code exchange did not reach Quay");
            return fail("unreachable");
        }
    };
    let user = match state.quay.current_user(&token).await {
        Ok(u) if !u.anonymous && !u.username.is_empty() => u,
        _ => return fail("user"),
    };
    let session = Session {
        token,
        username: user.username,
        superuser: user.super_user,
    };
    redirect(
        "/organization",
        &[
            clear.clone(),
            session_cookie(&session, &state.session_key, secure),
            removal_cookie(SIGNED_OUT_COOKIE, secure),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_compared_exactly() {
        let n = "a".repeat(43);
        assert!(is_nonce(&n) && same(&n, &n));
        assert!(!same(&n, &"b".repeat(43)));
        assert!(!is_nonce("short") && !is_nonce(&format!("{}/", "a".repeat(42))));
    }
}
