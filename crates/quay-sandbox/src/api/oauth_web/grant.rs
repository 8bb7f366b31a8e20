//! Granting a code: who may authorize an application, what the user already approved, and
//! oauth2lib's `get_authorization_code`.

use axum::{http::StatusCode, response::Response};
use rusqlite::Connection;
use serde_json::json;

use super::{html, oauth_json, pages, redirect};
use crate::oauth::redirect::{build_url, redirect_ok};
use crate::oauth::scopes;
use crate::store::{self, App, User};

/// The user may authorize the application: an admin of the organization that owns it (Quay's
/// `is_org_admin`; a signed-in superuser counts, as its session has full access).
pub fn may_authorize(c: &Connection, user: &User, app: &App) -> bool {
    user.superuser || store::is_org_admin(c, app.org_id, user.id)
}

/// Scope strings of the user's tokens issued through the app (Quay's auto-approval source).
pub fn granted_scopes(c: &Connection, app: &App, user: &User) -> Vec<String> {
    let mut st = c
        .prepare_cached("SELECT scopes FROM tokens WHERE app_id = ?1 AND user_id = ?2")
        .expect("granted query");
    st.query_map(rusqlite::params![app.id, user.id], |r| r.get(0))
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

pub fn forbidden(app: &App, org: &str) -> Response {
    html(
        StatusCode::FORBIDDEN,
        pages::error(
            "Forbidden",
            &format!(
                "Only administrators of the organization {org} can authorize its application {}.",
                app.name
            ),
        ),
    )
}

/// oauth2lib's `get_authorization_code`: a new code in a redirect to `redirect_uri`.
pub fn code_response(
    c: &Connection,
    app: &App,
    user: &User,
    response_type: &str,
    redirect_uri: &str,
    scope: &str,
    state: Option<&str>,
) -> Response {
    if response_type != "code" {
        return redirect(&build_url(
            redirect_uri,
            &[("error", Some("unsupported_response_type"))],
        ));
    }
    if !redirect_ok(&app.redirect_uri, redirect_uri) {
        return oauth_json(
            StatusCode::BAD_REQUEST,
            &json!({"error": "invalid_request"}),
        );
    }
    if scopes::parse(scope).is_none() {
        return redirect(&build_url(
            redirect_uri,
            &[("error", Some("invalid_scope"))],
        ));
    }
    let code = store::Code {
        app_id: app.id,
        user_id: user.id,
        scope: scope.to_string(),
        redirect_uri: redirect_uri.to_string(),
    };
    match store::create_code(c, &code) {
        Ok(code) => redirect(&build_url(
            redirect_uri,
            &[
                ("scope", Some(scope)),
                ("state", state),
                ("code", Some(&code)),
            ],
        )),
        Err(e) => {
            eprintln!("quay-sandbox: storing an authorization code: {e}");
            html(
                StatusCode::INTERNAL_SERVER_ERROR,
                crate::api::errors::HTML_500.to_string(),
            )
        }
    }
}
