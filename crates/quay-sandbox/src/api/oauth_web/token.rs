//! `POST /oauth/access_token`: exchange an authorization code for a bearer token.

use axum::{
    body::Bytes,
    extract::State,
    http::{header, HeaderMap, StatusCode, Uri},
    response::Response,
};
use serde_json::json;

use super::{html, oauth_json, required_param};
use crate::api::St;
use crate::oauth::redirect::{parse_form, redirect_ok};
use crate::oauth::scopes;
use crate::store;

/// Quay's token lifetime: ten years.
pub const EXPIRES_IN: i64 = 315_576_000;

fn error(e: &str) -> Response {
    oauth_json(StatusCode::BAD_REQUEST, &json!({ "error": e }))
}

/// Form (or query) fields `grant_type, client_id, client_secret, redirect_uri, code, scope` →
/// `{"access_token", "token_type": "Bearer", "expires_in", "refresh_token": null}`: a token of the
/// code's user with exactly the granted scopes, issued through the application.
///
/// As Quay: a missing field is 400 `Required param: …` (checked in the order grant_type,
/// client_id, redirect_uri, code, scope); `grant_type` other than `authorization_code` is
/// `unsupported_grant_type`; a wrong secret `invalid_client`; a redirect_uri not under the
/// registered one, a scope other than the authorized one, or an unknown or used code
/// `invalid_grant`. Failed exchanges do not use up the code. Client credentials in an HTTP Basic
/// header make Quay fail with a 500 (a bytes/str bug), which the sandbox copies.
pub async fn access_token(
    State(st): State<St>,
    headers: HeaderMap,
    uri: Uri,
    body: Bytes,
) -> Response {
    let mut values = parse_form(uri.query().unwrap_or(""));
    values.extend(parse_form(&String::from_utf8_lossy(&body)));
    for p in ["grant_type", "client_id", "redirect_uri", "code", "scope"] {
        if !values.contains_key(p) {
            return required_param(p);
        }
    }
    let basic = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.len() > 6 && v[..6].eq_ignore_ascii_case("basic "));
    if basic {
        return html(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::api::errors::HTML_500.to_string(),
        );
    }
    st.db
        .run(move |c| {
            let v = |k: &str| values.get(k).map(String::as_str).unwrap_or("");
            if v("grant_type") != "authorization_code" {
                return error("unsupported_grant_type");
            }
            let app = store::app_by_client_id(c, v("client_id"));
            let Some(app) = app.filter(|a| a.client_secret == v("client_secret")) else {
                return error("invalid_client");
            };
            let code = store::code_get(c, v("code"))
                .filter(|code| code.app_id == app.id && code.scope == v("scope"));
            let Some(code) = code.filter(|_| redirect_ok(&app.redirect_uri, v("redirect_uri"))) else {
                return error("invalid_grant");
            };
            let Some(granted) = scopes::normalize(&code.scope) else {
                return error("invalid_scope");
            };
            if store::code_delete(c, v("code")).unwrap_or(0) == 0 {
                return error("invalid_grant");
            }
            let token = store::create_app_token(c, code.user_id, &granted, None, Some(app.id));
            oauth_json(
                StatusCode::OK,
                &json!({"access_token": token, "token_type": "Bearer", "expires_in": EXPIRES_IN, "refresh_token": null}),
            )
        })
        .await
}
