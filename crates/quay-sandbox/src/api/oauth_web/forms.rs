//! The consent page's forms: `POST /oauth/authorizeapp` and `POST /oauth/denyapp`.

use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::Response,
};
use rusqlite::Connection;
use serde_json::json;

use super::grant::{code_response, forbidden, may_authorize};
use super::{csrf_error, oauth_json, redirect, session, unauthorized};
use crate::api::St;
use crate::oauth::redirect::{build_url, parse_form, redirect_ok};
use crate::store::{self, User};

/// The signed-in user of a form post whose `_csrf_token` matches its session.
fn form_user(
    c: &Connection,
    headers: &HeaderMap,
    form: &HashMap<String, String>,
) -> Result<User, Box<Response>> {
    let s = session(c, headers);
    let Some(user) = s.user else {
        return Err(Box::new(unauthorized()));
    };
    let sent = form.get("_csrf_token").cloned().or_else(|| {
        headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    });
    if s.new || sent.as_deref() != Some(s.csrf.as_str()) {
        return Err(Box::new(csrf_error(&user)));
    }
    Ok(user)
}

/// `POST /oauth/authorizeapp` (the consent form): 302 to `{redirect_uri}?scope=…&state=…&code=…`.
/// Quay checks only the session and the CSRF token here; the sandbox also refuses (403) a user
/// who may not authorize the app, as `/oauth/authorize` does.
pub async fn authorize_app(State(st): State<St>, headers: HeaderMap, body: Bytes) -> Response {
    let form = parse_form(&String::from_utf8_lossy(&body));
    st.db
        .run(move |c| {
            let user = match form_user(c, &headers, &form) {
                Ok(u) => u,
                Err(r) => return *r,
            };
            let get = |k: &str| form.get(k).map(String::as_str);
            let Some(app) = get("client_id").and_then(|id| store::app_by_client_id(c, id)) else {
                return oauth_json(
                    StatusCode::BAD_REQUEST,
                    &json!({"error": "invalid_request"}),
                );
            };
            if !may_authorize(c, &user, &app) {
                let org = store::user_by_id(c, app.org_id)
                    .map(|o| o.username)
                    .unwrap_or_default();
                return forbidden(&app, &org);
            }
            let response_type = get("response_type").unwrap_or("code");
            let redirect_uri = get("redirect_uri").unwrap_or("");
            let scope = get("scope").unwrap_or("");
            code_response(
                c,
                &app,
                &user,
                response_type,
                redirect_uri,
                scope,
                get("state"),
            )
        })
        .await
}

/// `POST /oauth/denyapp` (Cancel): 302 to `{redirect_uri}?error=authorization_denied`, without
/// `state` (as Quay); 400 `invalid_request` for a redirect_uri the app did not register.
pub async fn deny_app(State(st): State<St>, headers: HeaderMap, body: Bytes) -> Response {
    let form = parse_form(&String::from_utf8_lossy(&body));
    st.db
        .run(move |c| {
            if let Err(r) = form_user(c, &headers, &form) {
                return *r;
            }
            let redirect_uri = form.get("redirect_uri").map(String::as_str).unwrap_or("");
            let ok = form
                .get("client_id")
                .and_then(|id| store::app_by_client_id(c, id))
                .is_some_and(|app| redirect_ok(&app.redirect_uri, redirect_uri));
            if !ok {
                return oauth_json(
                    StatusCode::BAD_REQUEST,
                    &json!({"error": "invalid_request"}),
                );
            }
            redirect(&build_url(
                redirect_uri,
                &[("error", Some("authorization_denied"))],
            ))
        })
        .await
}
