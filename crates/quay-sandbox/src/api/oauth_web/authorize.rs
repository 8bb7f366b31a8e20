//! `GET /oauth/authorize`, `POST /oauth/authorizeapp`, `POST /oauth/denyapp`.

use std::collections::HashMap;

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode, Uri},
    response::Response,
};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::{
    csrf_error, html, not_found, oauth_json, pages, redirect, required_param, session,
    unauthorized, with_cookie,
};
use crate::api::St;
use crate::oauth::redirect::{build_url, parse_form, redirect_ok};
use crate::oauth::scopes;
use crate::store::{self, App, User};
use crate::util::avatar;

/// The user may authorize the application: an admin of the organization that owns it (Quay's
/// `is_org_admin`; a signed-in superuser counts, as its session has full access).
fn may_authorize(c: &Connection, user: &User, app: &App) -> bool {
    user.superuser || store::is_org_admin(c, app.org_id, user.id)
}

/// Scope strings of the user's tokens issued through the app (Quay's auto-approval source).
fn granted_scopes(c: &Connection, app: &App, user: &User) -> Vec<String> {
    let mut st = c
        .prepare_cached("SELECT scopes FROM tokens WHERE app_id = ?1 AND user_id = ?2")
        .expect("granted query");
    st.query_map(rusqlite::params![app.id, user.id], |r| r.get(0))
        .map(|it| it.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

fn forbidden(app: &App, org: &str) -> Response {
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
fn code_response(
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

/// The consent data as `format=json` returns it (the avatars are JSON strings, as in Quay).
fn consent_json(
    app: &App,
    org: &str,
    q: &HashMap<String, String>,
    csrf: &str,
    scopes: &[&'static scopes::Scope],
) -> Value {
    json!({
        "application": {
            "avatar": avatar(&app.name, "app").to_string(),
            "description": app.description,
            "name": app.name,
            "organization": {"avatar": avatar(org, "org").to_string(), "name": org},
            "url": app.application_uri,
        },
        "assignment_uuid": q.get("assignment_uuid"),
        "client_id": q.get("client_id"),
        "csrf_token_val": csrf,
        "has_dangerous_scopes": scopes.iter().any(|s| s.dangerous),
        "redirect_uri": q.get("redirect_uri"),
        "response_type": q.get("response_type").map(String::as_str).unwrap_or("code"),
        "scope": q.get("scope"),
        "scopes": scopes.iter().map(|s| scopes::info_json(s)).collect::<Vec<_>>(),
        "state": q.get("state"),
    })
}

/// `GET /oauth/authorize?response_type=code&client_id&redirect_uri&scope&state[&format=json]`.
///
/// Without a signed-in session Quay answers 401 HTML; the sandbox answers 401 with its own
/// sign-in page, which continues here once signed in. Then, as Quay: an unknown client_id 404;
/// a user who is not an admin of the app's organization 403; when the user already holds a token
/// of this app with these scopes, a new code at once; otherwise a wrong redirect_uri redirects to
/// `{registered}?error=redirect_uri_mismatch`, an unknown scope 404, else the consent page.
pub async fn authorize(State(st): State<St>, headers: HeaderMap, uri: Uri) -> Response {
    let q = parse_form(uri.query().unwrap_or(""));
    for p in ["client_id", "redirect_uri", "scope"] {
        if !q.contains_key(p) {
            return required_param(p);
        }
    }
    let next = uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    st.db
        .run(move |c| {
            let s = session(c, &headers);
            let Some(user) = s.user.clone() else {
                let page = pages::signin(&next, &s.csrf, None);
                return with_cookie(html(StatusCode::UNAUTHORIZED, page), &s);
            };
            let Some(app) = store::app_by_client_id(c, &q["client_id"]) else {
                return not_found();
            };
            let org = store::user_by_id(c, app.org_id)
                .map(|o| o.username)
                .unwrap_or_default();
            if !may_authorize(c, &user, &app) {
                return forbidden(&app, &org);
            }
            let (redirect_uri, scope) = (&q["redirect_uri"], &q["scope"]);
            let state = q.get("state").map(String::as_str);
            let response_type = q.get("response_type").map(String::as_str).unwrap_or("code");
            if scopes::is_subset(&granted_scopes(c, &app, &user), scope) {
                return code_response(c, &app, &user, response_type, redirect_uri, scope, state);
            }
            if !redirect_ok(&app.redirect_uri, redirect_uri) {
                return redirect(&build_url(
                    &app.redirect_uri,
                    &[("error", Some("redirect_uri_mismatch"))],
                ));
            }
            let Some(list) = scopes::parse(scope) else {
                return not_found();
            };
            if q.get("format")
                .is_some_and(|f| f.eq_ignore_ascii_case("json"))
            {
                let mut r = oauth_json(
                    StatusCode::OK,
                    &consent_json(&app, &org, &q, &s.csrf, &list),
                );
                r.headers_mut().remove(axum::http::header::PRAGMA);
                r.headers_mut().insert(
                    axum::http::header::CONTENT_TYPE,
                    axum::http::HeaderValue::from_static("application/json"),
                );
                return r;
            }
            let page = pages::consent(&pages::Consent {
                app_name: &app.name,
                org_name: &org,
                username: &user.username,
                scopes: &list,
                response_type,
                client_id: &app.client_id,
                redirect_uri,
                scope,
                state,
                csrf: &s.csrf,
            });
            html(StatusCode::OK, page)
        })
        .await
}

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
