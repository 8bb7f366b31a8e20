//! `GET /oauth/authorize`: the sign-in page, the consent page, or a code at once.

use std::collections::HashMap;

use axum::{
    extract::State,
    http::{HeaderMap, StatusCode, Uri},
    response::Response,
};
use serde_json::{json, Value};

use super::grant::{code_response, forbidden, granted_scopes, may_authorize};
use super::{html, not_found, oauth_json, pages, redirect, required_param, session, with_cookie};
use crate::api::St;
use crate::oauth::redirect::{build_url, parse_form, redirect_ok};
use crate::oauth::scopes;
use crate::store::{self, App};
use crate::util::avatar;

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
