//! Default permissions (prototypes): `/api/v1/organization/{org}/prototypes`.

use axum::{
    body::Bytes,
    extract::{Path, State},
};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::errors::{no_content, ok_json};
use super::{ns_access, parse_body, ApiError, ApiResult, Auth, Ctx, NsAccess, St};
use crate::store::{self, Prototype, User};
use crate::util::{self, avatar, py_repr};

fn org_admin(c: &Connection, auth: &Auth, org: &str) -> Result<NsAccess, ApiError> {
    let who = auth.need("org:admin")?;
    let acc = ns_access(c, who, org)
        .filter(|a| a.ns.is_org())
        .ok_or_else(ApiError::not_found)?;
    if !acc.is_admin {
        return Err(ApiError::unauthorized());
    }
    Ok(acc)
}

fn user_entity(c: &Connection, org: &User, u: &User) -> Value {
    let member = if u.is_robot() {
        u.owner_id == Some(org.id)
    } else {
        store::is_org_member(c, org.id, u.id)
    };
    json!({
        "name": u.username,
        "is_robot": u.is_robot(),
        "kind": "user",
        "is_org_member": member,
        "avatar": avatar(&u.username, if u.is_robot() { "robot" } else { "user" }),
    })
}

fn proto_json(c: &Connection, org: &User, p: &Prototype) -> Value {
    let activating = p
        .activating_user_id
        .and_then(|id| store::user_by_id(c, id))
        .map(|u| user_entity(c, org, &u))
        .unwrap_or(Value::Null);
    let delegate = if let Some(tid) = p.delegate_team_id {
        store::team_by_id(c, tid)
            .map(|t| json!({"name": t.name, "kind": "team", "avatar": avatar(&t.name, "team")}))
            .unwrap_or(Value::Null)
    } else {
        p.delegate_user_id
            .and_then(|id| store::user_by_id(c, id))
            .map(|u| user_entity(c, org, &u))
            .unwrap_or(Value::Null)
    };
    json!({"activating_user": activating, "delegate": delegate, "role": p.role, "id": p.uuid})
}

/// Quay's `log_prototype_action` metadata.
fn log_prototype(
    c: &Connection,
    auth: &Auth,
    kind: &str,
    org: &User,
    p: &Prototype,
    original_role: Option<&str>,
) {
    let name = |id: Option<i64>| {
        id.and_then(|id| store::user_by_id(c, id))
            .map(|u| u.username)
    };
    let mut m = json!({
        "prototypeid": p.uuid,
        "username": auth.user().map(|u| u.username.clone()),
        "activating_username": name(p.activating_user_id),
        "role": p.role,
    });
    if let Some(r) = original_role {
        m["original_role"] = json!(r);
    }
    if let Some(u) = name(p.delegate_user_id) {
        m["delegate_user"] = json!(u);
    } else if let Some(t) = p.delegate_team_id.and_then(|id| store::team_by_id(c, id)) {
        m["delegate_team"] = json!(t.name);
    }
    super::audit::log_action(c, auth, kind, org, None, m);
}

fn check_role(body: &Value) -> Result<String, ApiError> {
    const SCHEMA: &str = "{'description': 'Role that should be applied to the delegate',\n     'enum': ['read', 'write', 'admin'],\n     'type': 'string'}";
    match body.get("role") {
        Some(Value::String(r)) if matches!(r.as_str(), "read" | "write" | "admin") => Ok(r.clone()),
        Some(r) => Err(ApiError::invalid(format!(
            "{} is not one of ['read', 'write', 'admin']\n\nFailed validating 'enum' in schema['properties']['role']:\n    {SCHEMA}\n\nOn instance['role']:\n    {}",
            py_repr(r),
            py_repr(r)
        ))),
        None => Err(ApiError::invalid(format!(
            "'role' is a required property\n\nFailed validating 'required' in schema:\n    {{'description': 'Information for creating a prototype',\n     'required': ['role', 'delegate'],\n     'type': 'object'}}\n\nOn instance:\n    {}",
            py_repr(body)
        ))),
    }
}

pub async fn list(State(st): State<St>, ctx: Ctx, Path(org): Path<String>) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let acc = org_admin(c, &auth, &org)?;
        let list: Vec<Value> = store::prototypes_of(c, acc.ns.id)
            .iter()
            .map(|p| proto_json(c, &acc.ns, p))
            .collect();
        Ok(ok_json(json!({ "prototypes": list })))
    })
    .await
}

pub async fn create(
    State(st): State<St>,
    ctx: Ctx,
    Path(org): Path<String>,
    body: Bytes,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        auth.need("org:admin")?;
        let body = parse_body(&body).unwrap_or(json!({}));
        let role = check_role(&body)?;
        let Some(delegate) = body.get("delegate").filter(|d| d.is_object()) else {
            return Err(ApiError::invalid(format!(
                "'delegate' is a required property\n\nFailed validating 'required' in schema:\n    {{'description': 'Information for creating a prototype',\n     'required': ['role', 'delegate'],\n     'type': 'object'}}\n\nOn instance:\n    {}",
                py_repr(&body)
            )));
        };
        let acc = org_admin(c, &auth, &org)?;
        let activating = match body
            .get("activating_user")
            .and_then(|a| a.get("name"))
            .and_then(Value::as_str)
        {
            Some(name) => Some(
                store::user_by_name(c, name)
                    .filter(|u| !u.is_org())
                    .ok_or_else(|| ApiError::invalid("Unknown activating user"))?
                    .id,
            ),
            None => None,
        };
        let name = delegate.get("name").and_then(Value::as_str).unwrap_or("");
        let kind = delegate.get("kind").and_then(Value::as_str).unwrap_or("user");
        let missing = || ApiError::invalid("Missing delegate user or team");
        let (du, dt) = if kind == "team" {
            let t = store::team_by_name(c, acc.ns.id, name).ok_or_else(missing)?;
            (None, Some(t.id))
        } else {
            let u = store::user_by_name(c, name)
                .filter(|u| !u.is_org())
                .ok_or_else(missing)?;
            (Some(u.id), None)
        };
        let uuid = util::uuid4();
        store::create_prototype(c, &uuid, acc.ns.id, activating, du, dt, &role).map_err(ApiError::db)?;
        let p = store::prototype_by_uuid(c, acc.ns.id, &uuid).ok_or_else(ApiError::internal)?;
        log_prototype(c, &auth, "create_prototype_permission", &acc.ns, &p, None);
        Ok(ok_json(proto_json(c, &acc.ns, &p)))
    })
    .await
}

pub async fn update(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        auth.need("org:admin")?;
        let body = parse_body(&body).unwrap_or(json!({}));
        let role = check_role(&body)?;
        let acc = org_admin(c, &auth, &org)?;
        let p = store::prototype_by_uuid(c, acc.ns.id, &id).ok_or_else(ApiError::not_found)?;
        store::update_prototype_role(c, p.id, &role).map_err(ApiError::db)?;
        let original = p.role.clone();
        let p = store::prototype_by_uuid(c, acc.ns.id, &id).ok_or_else(ApiError::not_found)?;
        log_prototype(
            c,
            &auth,
            "modify_prototype_permission",
            &acc.ns,
            &p,
            Some(&original),
        );
        Ok(ok_json(proto_json(c, &acc.ns, &p)))
    })
    .await
}

pub async fn delete(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, id)): Path<(String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let acc = org_admin(c, &auth, &org)?;
        let p = store::prototype_by_uuid(c, acc.ns.id, &id).ok_or_else(ApiError::not_found)?;
        store::delete_prototype(c, p.id).map_err(ApiError::db)?;
        log_prototype(c, &auth, "delete_prototype_permission", &acc.ns, &p, None);
        Ok(no_content())
    })
    .await
}
