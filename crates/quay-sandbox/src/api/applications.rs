//! OAuth applications of organizations: `GET|POST /api/v1/organization/{org}/applications`,
//! `GET|PUT|DELETE .../applications/{client_id}` (org admins, `org:admin`), and the public
//! `GET /api/v1/app/{client_id}`.

use axum::{
    body::Bytes,
    extract::{Path, State},
};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::errors::{no_content, ok_json};
use super::orgs::org_admin;
use super::{audit, parse_body, ApiError, ApiResult, Ctx, NsAccess, St};
use crate::store::{self, App};
use crate::util::{avatar, py_repr};

/// An application as its organization's admins see it (with the secret).
pub fn app_json(a: &App) -> Value {
    json!({
        "name": a.name,
        "description": a.description,
        "application_uri": a.application_uri,
        "client_id": a.client_id,
        "client_secret": a.client_secret,
        "redirect_uri": a.redirect_uri,
        "avatar_email": a.avatar_email,
    })
}

const FIELDS: [&str; 5] = [
    "name",
    "redirect_uri",
    "application_uri",
    "description",
    "avatar_email",
];

/// Quay's JSON-schema checks: `required` fields present, every known field a string.
fn validate(body: &Value, schema: &str, required: &[&str]) -> Result<(), ApiError> {
    let Some(obj) = body.as_object() else {
        return Err(ApiError::invalid(format!(
            "{} is not of type 'object'",
            py_repr(body)
        )));
    };
    for r in required {
        if !obj.contains_key(*r) {
            return Err(ApiError::invalid(format!(
                "'{r}' is a required property\n\nFailed validating 'required' in schema:\n    {{'description': '{schema}', ...}}\n\nOn instance:\n    {}",
                py_repr(body)
            )));
        }
    }
    for f in FIELDS {
        if let Some(v) = obj.get(f).filter(|v| !v.is_string()) {
            return Err(ApiError::invalid(format!(
                "{} is not of type 'string'\n\nFailed validating 'type' in schema['properties']['{f}']",
                py_repr(v)
            )));
        }
    }
    Ok(())
}

fn field<'a>(body: &'a Value, k: &str) -> &'a str {
    body.get(k).and_then(Value::as_str).unwrap_or("")
}

fn find(c: &Connection, acc: &NsAccess, client_id: &str) -> Result<App, ApiError> {
    store::app_by_client_id(c, client_id)
        .filter(|a| a.org_id == acc.ns.id)
        .ok_or_else(ApiError::not_found)
}

pub async fn list(State(st): State<St>, ctx: Ctx, Path(org): Path<String>) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let acc = org_admin(c, &auth, &org)?;
        let apps: Vec<Value> = store::apps_of(c, acc.ns.id).iter().map(app_json).collect();
        Ok(ok_json(json!({ "applications": apps })))
    })
    .await
}

/// `POST {org}/applications {name, redirect_uri?, application_uri?, description?, avatar_email?}`:
/// a new application with a 20-character client_id and a 40-character secret.
pub async fn create(
    State(st): State<St>,
    ctx: Ctx,
    Path(org): Path<String>,
    body: Bytes,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        auth.need("org:admin")?;
        let body = parse_body(&body).unwrap_or(json!({}));
        validate(
            &body,
            "Description of a new organization application.",
            &["name"],
        )?;
        let acc = org_admin(c, &auth, &org)?;
        let app = store::create_app(
            c,
            acc.ns.id,
            &store::NewApp {
                name: field(&body, "name"),
                description: field(&body, "description"),
                application_uri: field(&body, "application_uri"),
                redirect_uri: field(&body, "redirect_uri"),
                avatar_email: body.get("avatar_email").and_then(Value::as_str),
                client_id: None,
                client_secret: None,
            },
        )
        .map_err(ApiError::db)?;
        let mut metadata = body.clone();
        metadata["application_name"] = json!(app.name);
        metadata["client_id"] = json!(app.client_id);
        audit::log_action(c, &auth, "create_application", &acc.ns, None, metadata);
        Ok(ok_json(app_json(&app)))
    })
    .await
}

pub async fn get_one(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, client_id)): Path<(String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let acc = org_admin(c, &auth, &org)?;
        Ok(ok_json(app_json(&find(c, &acc, &client_id)?)))
    })
    .await
}

pub async fn update(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, client_id)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        auth.need("org:admin")?;
        let body = parse_body(&body).unwrap_or(json!({}));
        validate(&body, "Description of an updated application.", &["name", "redirect_uri", "application_uri"])?;
        let acc = org_admin(c, &auth, &org)?;
        let app = find(c, &acc, &client_id)?;
        c.execute(
            "UPDATE applications SET name = ?1, application_uri = ?2, redirect_uri = ?3, description = ?4, avatar_email = ?5 WHERE id = ?6",
            rusqlite::params![
                field(&body, "name"),
                field(&body, "application_uri"),
                field(&body, "redirect_uri"),
                field(&body, "description"),
                body.get("avatar_email").and_then(Value::as_str),
                app.id
            ],
        )
        .map_err(ApiError::db)?;
        let app = store::app_by_id(c, app.id).ok_or_else(ApiError::internal)?;
        let mut metadata = body.clone();
        metadata["application_name"] = json!(app.name);
        metadata["client_id"] = json!(app.client_id);
        audit::log_action(c, &auth, "update_application", &acc.ns, None, metadata);
        Ok(ok_json(app_json(&app)))
    })
    .await
}

/// `DELETE {org}/applications/{client_id}`: the application and every token issued through it.
pub async fn delete(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, client_id)): Path<(String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let acc = org_admin(c, &auth, &org)?;
        let app = find(c, &acc, &client_id)?;
        for sql in [
            "DELETE FROM tokens WHERE app_id = ?1",
            "DELETE FROM oauth_codes WHERE app_id = ?1",
            "DELETE FROM applications WHERE id = ?1",
        ] {
            c.execute(sql, [app.id]).map_err(ApiError::db)?;
        }
        let metadata = json!({"application_name": app.name, "client_id": client_id});
        audit::log_action(c, &auth, "delete_application", &acc.ns, None, metadata);
        Ok(no_content())
    })
    .await
}

/// `GET /api/v1/app/{client_id}`: public information about an application.
pub async fn public(State(st): State<St>, ctx: Ctx, Path(client_id): Path<String>) -> ApiResult {
    st.call(ctx, move |c, _auth| {
        let app = store::app_by_client_id(c, &client_id).ok_or_else(ApiError::not_found)?;
        let org = store::user_by_id(c, app.org_id).ok_or_else(ApiError::not_found)?;
        Ok(ok_json(json!({
            "name": app.name,
            "description": app.description,
            "uri": app.application_uri,
            "avatar": avatar(&app.name, "app"),
            "organization": {
                "name": org.username,
                "email": "",
                "avatar": avatar(&org.username, "user"),
                "is_admin": false,
                "is_member": false,
                "teams": {},
                "ordered_teams": [],
            },
        })))
    })
    .await
}
