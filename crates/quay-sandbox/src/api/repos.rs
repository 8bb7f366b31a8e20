//! Repository user permissions (and the admin check and role parsing the permission endpoints share).

use axum::{
    body::Bytes,
    extract::{Path, State},
};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::errors::{no_content, ok_json};
use super::{audit, ns_access, parse_body, ApiError, ApiResult, Auth, Ctx, St};
use crate::store::{self, Repo, User};
use crate::util::{avatar, py_repr};

/// Checks that the caller administers `ns/repo`. Returns (namespace, repo or None when missing).
pub(crate) fn repo_admin(
    c: &Connection,
    auth: &Auth,
    ns: &str,
    repo: &str,
) -> Result<(User, Option<Repo>), ApiError> {
    let who = auth.need("repo:admin")?;
    let acc = ns_access(c, who, ns).ok_or_else(ApiError::unauthorized)?;
    let r = store::repo_by_name(c, acc.ns.id, repo);
    let ok = acc.is_admin
        || r.as_ref()
            .and_then(|r| store::effective_repo_role(c, r.id, who.id))
            .is_some_and(|role| role == "admin");
    if !ok {
        return Err(ApiError::unauthorized());
    }
    Ok((acc.ns, r))
}

fn perm_json(c: &Connection, ns: &User, u: &User, role: &str) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("role".into(), json!(role));
    m.insert("name".into(), json!(u.username));
    m.insert("is_robot".into(), json!(u.is_robot()));
    m.insert(
        "avatar".into(),
        avatar(&u.username, if u.is_robot() { "robot" } else { "user" }),
    );
    if ns.is_org() {
        let member = if u.is_robot() {
            u.owner_id == Some(ns.id)
        } else {
            store::is_org_member(c, ns.id, u.id)
        };
        m.insert("is_org_member".into(), json!(member));
    }
    Value::Object(m)
}

pub async fn list_perms(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo)): Path<(String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let (ns_user, r) = repo_admin(c, &auth, &ns, &repo)?;
        let r = r.ok_or_else(ApiError::not_found)?;
        let mut map = serde_json::Map::new();
        for (uid, role) in store::repo_user_perms(c, r.id) {
            if let Some(u) = store::user_by_id(c, uid) {
                map.insert(u.username.clone(), perm_json(c, &ns_user, &u, &role));
            }
        }
        Ok(ok_json(json!({ "permissions": map })))
    })
    .await
}

pub async fn get_perm(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo, name)): Path<(String, String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let (ns_user, r) = repo_admin(c, &auth, &ns, &repo)?;
        let r = r.ok_or_else(ApiError::not_found)?;
        let u = store::user_by_name(c, &name)
            .ok_or_else(|| ApiError::invalid(format!("Invalid username: {name}")))?;
        let role = store::get_repo_perm(c, r.id, u.id)
            .ok_or_else(|| ApiError::message(400, "User does not have permission for repo."))?;
        Ok(ok_json(perm_json(c, &ns_user, &u, &role)))
    })
    .await
}

/// The `role` of a permission body, validated like Quay's JSON schema (`entity`: user or team).
pub(crate) fn parse_role(body: &Value, entity: &str) -> Result<String, ApiError> {
    let schema = format!("{{'description': 'Role to use for the {entity}',\n     'enum': ['read', 'write', 'admin'],\n     'type': 'string'}}");
    match body.get("role") {
        Some(Value::String(r)) if matches!(r.as_str(), "read" | "write" | "admin") => Ok(r.clone()),
        Some(r) => Err(ApiError::invalid(format!(
            "{} is not one of ['read', 'write', 'admin']\n\nFailed validating 'enum' in schema['properties']['role']:\n    {schema}\n\nOn instance['role']:\n    {}",
            py_repr(r),
            py_repr(r)
        ))),
        None => Err(ApiError::invalid(format!(
            "'role' is a required property\n\nFailed validating 'required' in schema:\n    {{'description': 'Description of a {entity} permission.',\n     'properties': {{'role': {schema}}},\n     'required': ['role'],\n     'type': 'object'}}\n\nOn instance:\n    {}",
            py_repr(body)
        ))),
    }
}

pub async fn put_perm(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo, name)): Path<(String, String, String)>,
    body: Bytes,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        auth.need("repo:admin")?;
        let body = parse_body(&body).unwrap_or(json!({}));
        let role = parse_role(&body, "user")?;
        let (ns_user, r) = repo_admin(c, &auth, &ns, &repo)?;
        let u = store::user_by_name(c, &name)
            .filter(|u| !u.is_org())
            .ok_or_else(|| ApiError::invalid(format!("Invalid username: {name}")))?;
        if u.is_robot() && u.owner_id != Some(ns_user.id) {
            return Err(ApiError::invalid(format!(
                "Cannot add robot {name} under namespace {ns}"
            )));
        }
        if u.id == ns_user.id {
            return Err(ApiError::invalid("Namespace owner must always be admin."));
        }
        // Quay answers an uncaught exception (500) for a repository that does not exist.
        let r = r.ok_or_else(ApiError::internal)?;
        store::set_repo_perm(c, r.id, u.id, &role).map_err(ApiError::db)?;
        let metadata = json!({"username": name, "repo": repo, "namespace": ns, "role": role});
        audit::log_action(
            c,
            &auth,
            "change_repo_permission",
            &ns_user,
            Some(r.id),
            metadata,
        );
        Ok(ok_json(perm_json(c, &ns_user, &u, &role)))
    })
    .await
}

pub async fn delete_perm(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo, name)): Path<(String, String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let (ns_user, r) = repo_admin(c, &auth, &ns, &repo)?;
        let u = store::user_by_name(c, &name)
            .ok_or_else(|| ApiError::invalid(format!("Invalid username: {name}")))?;
        if u.id == ns_user.id {
            return Err(ApiError::invalid("Namespace owner must always be admin."));
        }
        let r = r.ok_or_else(ApiError::internal)?;
        if store::delete_repo_perm(c, r.id, u.id).map_err(ApiError::db)? == 0 {
            return Err(ApiError::invalid("User does not have permission for repo."));
        }
        let metadata = json!({"username": name, "repo": repo, "namespace": ns});
        audit::log_action(
            c,
            &auth,
            "delete_repo_permission",
            &ns_user,
            Some(r.id),
            metadata,
        );
        Ok(no_content())
    })
    .await
}
