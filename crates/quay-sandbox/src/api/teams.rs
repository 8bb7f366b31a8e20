//! Teams: create/update and delete a team, list, add and remove its members, its repository
//! permissions.

use axum::{
    body::Bytes,
    extract::{Path, State},
};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::errors::{no_content, ok_json};
use super::orgs::{member_json, org_admin};
use super::{audit, ns_access, parse_body, ApiError, ApiResult, Ctx, St};
use crate::store::{self, Team, User};
use crate::util::{self, avatar, py_repr};

pub(crate) fn find_team(c: &Connection, org: &User, name: &str) -> Result<Team, ApiError> {
    store::team_by_name(c, org.id, name).ok_or_else(ApiError::not_found)
}

const ROLE_SCHEMA: &str = "{'description': 'Org wide permissions that should apply to the team',\n     'enum': ['member', 'creator', 'admin'],\n     'type': 'string'}";

pub async fn put_team(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, team)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        auth.need("org:admin")?;
        let body = parse_body(&body).unwrap_or(json!({}));
        let role = match body.get("role") {
            None => {
                return Err(ApiError::invalid(format!(
                    "'role' is a required property\n\nFailed validating 'required' in schema:\n    {{'description': 'Description of a team',\n     'properties': {{'description': {{'description': 'Markdown description for the team', 'type': 'string'}},\n                    'role': {ROLE_SCHEMA}}},\n     'required': ['role'],\n     'type': 'object'}}\n\nOn instance:\n    {}",
                    py_repr(&body)
                )))
            }
            Some(r) if !matches!(r.as_str(), Some("member" | "creator" | "admin")) => {
                return Err(ApiError::invalid(format!(
                    "{} is not one of ['member', 'creator', 'admin']\n\nFailed validating 'enum' in schema['properties']['role']:\n    {ROLE_SCHEMA}\n\nOn instance['role']:\n    {}",
                    py_repr(r),
                    py_repr(r)
                )))
            }
            Some(r) => r.as_str().unwrap_or("member").to_string(),
        };
        let acc = org_admin(c, &auth, &org)?;
        if let Err(msg) = util::validate_name(&team) {
            return Err(ApiError::invalid(format!("Invalid team name {team}: {msg}")));
        }
        let description = body.get("description").and_then(Value::as_str);
        let before = store::team_by_name(c, acc.ns.id, &team);
        let (t, created) = store::upsert_team(c, acc.ns.id, &team, &role, description)
            .map_err(ApiError::db)?;
        let log = |kind: &str, metadata: Value| audit::log_action(c, &auth, kind, &acc.ns, None, metadata);
        match before {
            None => log("org_create_team", json!({"team": team})),
            Some(b) => {
                if description.is_some_and(|d| d != b.description) {
                    log("org_set_team_description", json!({"team": team, "description": t.description}));
                }
                if b.role != role {
                    log("org_set_team_role", json!({"team": team, "role": role}));
                }
            }
        }
        Ok(ok_json(json!({
            "name": t.name,
            "description": t.description,
            "can_view": true,
            "role": t.role,
            "avatar": avatar(&t.name, "team"),
            "new_team": created,
        })))
    })
    .await
}

pub async fn delete_team(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, team)): Path<(String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let acc = org_admin(c, &auth, &org)?;
        let t = find_team(c, &acc.ns, &team)?;
        c.execute("DELETE FROM team_members WHERE team_id = ?1", [t.id])
            .and_then(|_| c.execute("DELETE FROM team_repo_perms WHERE team_id = ?1", [t.id]))
            .and_then(|_| c.execute("DELETE FROM prototypes WHERE delegate_team_id = ?1", [t.id]))
            .and_then(|_| c.execute("DELETE FROM teams WHERE id = ?1", [t.id]))
            .map_err(ApiError::db)?;
        audit::log_action(
            c,
            &auth,
            "org_delete_team",
            &acc.ns,
            None,
            json!({"team": team}),
        );
        Ok(no_content())
    })
    .await
}

pub async fn team_members(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, team)): Path<(String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let who = auth.need("org:admin")?;
        let acc = ns_access(c, who, &org)
            .filter(|a| a.ns.is_org())
            .ok_or_else(ApiError::not_found)?;
        let t = find_team(c, &acc.ns, &team)?;
        let mine = store::user_teams_in(c, acc.ns.id, who.id)
            .iter()
            .any(|x| x.id == t.id);
        if !acc.is_admin && !mine {
            return Err(ApiError::unauthorized());
        }
        let members: Vec<Value> = store::team_members(c, t.id)
            .iter()
            .map(member_json)
            .collect();
        Ok(ok_json(
            json!({"name": t.name, "members": members, "can_edit": acc.is_admin}),
        ))
    })
    .await
}

pub async fn put_team_member(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, team, member)): Path<(String, String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let acc = org_admin(c, &auth, &org)?;
        let t = find_team(c, &acc.ns, &team)?;
        let u = store::user_by_name(c, &member)
            .filter(|u| !u.is_org())
            .ok_or_else(|| ApiError::invalid("Unknown user"))?;
        if u.is_robot() && u.owner_id != Some(acc.ns.id) {
            return Err(ApiError::invalid(
                "Cannot add the specified robot to this team, as it is not a member of the organization",
            ));
        }
        store::add_team_member(c, t.id, u.id).map_err(ApiError::db)?;
        let metadata = json!({"member": member, "team": team});
        audit::log_action(c, &auth, "org_add_team_member", &acc.ns, None, metadata);
        Ok(ok_json(member_json(&u)))
    })
    .await
}

pub async fn delete_team_member(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, team, member)): Path<(String, String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let acc = org_admin(c, &auth, &org)?;
        let t = find_team(c, &acc.ns, &team)?;
        let u = store::user_by_name(c, &member).ok_or_else(|| ApiError::invalid("Unknown user"))?;
        store::remove_team_member(c, t.id, u.id).map_err(ApiError::db)?;
        let metadata = json!({"member": member, "team": team});
        audit::log_action(c, &auth, "org_remove_team_member", &acc.ns, None, metadata);
        Ok(no_content())
    })
    .await
}

pub async fn team_permissions(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, team)): Path<(String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let acc = org_admin(c, &auth, &org)?;
        let t = find_team(c, &acc.ns, &team)?;
        let perms: Vec<Value> = store::team_repo_perms(c, t.id)
            .into_iter()
            .map(|(name, public, role)| json!({"repository": {"name": name, "is_public": public}, "role": role}))
            .collect();
        Ok(ok_json(json!({ "permissions": perms })))
    })
    .await
}
