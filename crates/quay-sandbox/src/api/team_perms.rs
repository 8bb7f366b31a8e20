//! Team-derived repository access: `.../permissions/team/` (list), `.../permissions/team/{team}`
//! (get, put, delete) and `.../permissions/user/{name}/transitive` (direct or through a team).

use axum::{
    body::Bytes,
    extract::{Path, State},
};
use serde_json::{json, Value};

use super::errors::{no_content, ok_json};
use super::repos::{parse_role, repo_admin};
use super::{audit, parse_body, ApiError, ApiResult, Ctx, St};
use crate::store;
use crate::util::avatar;

fn team_perm_json(team: &str, role: &str) -> Value {
    json!({"role": role, "name": team, "avatar": avatar(team, "team")})
}

/// `GET .../permissions/team/` → `{"permissions": {team: {role, name, avatar}}}`.
pub async fn list(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo)): Path<(String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let (_, r) = repo_admin(c, &auth, &ns, &repo)?;
        let r = r.ok_or_else(ApiError::not_found)?;
        let map: serde_json::Map<String, Value> = store::repo_team_perms(c, r.id)
            .into_iter()
            .map(|(team, role)| (team.clone(), team_perm_json(&team, &role)))
            .collect();
        Ok(ok_json(json!({ "permissions": map })))
    })
    .await
}

pub async fn get(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo, team)): Path<(String, String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let (ns_user, r) = repo_admin(c, &auth, &ns, &repo)?;
        let r = r.ok_or_else(ApiError::not_found)?;
        let missing = || ApiError::message(400, "Team does not have permission for repo.");
        let t = store::team_by_name(c, ns_user.id, &team).ok_or_else(missing)?;
        let role = store::get_team_repo_perm(c, r.id, t.id).ok_or_else(missing)?;
        Ok(ok_json(json!({ "role": role })))
    })
    .await
}

/// `PUT .../permissions/team/{team} {"role"}` → `{role, name, avatar}`.
pub async fn put(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo, team)): Path<(String, String, String)>,
    body: Bytes,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        auth.need("repo:admin")?;
        let body = parse_body(&body).unwrap_or(json!({}));
        let role = parse_role(&body, "team")?;
        let (ns_user, r) = repo_admin(c, &auth, &ns, &repo)?;
        let t = store::team_by_name(c, ns_user.id, &team)
            .ok_or_else(|| ApiError::invalid(format!("No team {team} in organization {ns}")))?;
        // Like for users, Quay answers an uncaught exception (500) for a missing repository.
        let r = r.ok_or_else(ApiError::internal)?;
        store::set_team_repo_perm(c, r.id, t.id, &role).map_err(ApiError::db)?;
        let metadata = json!({"team": team, "repo": repo, "role": role});
        audit::log_action(
            c,
            &auth,
            "change_repo_permission",
            &ns_user,
            Some(r.id),
            metadata,
        );
        Ok(ok_json(team_perm_json(&t.name, &role)))
    })
    .await
}

pub async fn delete(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo, team)): Path<(String, String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let (ns_user, r) = repo_admin(c, &auth, &ns, &repo)?;
        let r = r.ok_or_else(ApiError::internal)?;
        let missing = || ApiError::invalid("Team does not have permission for repo.");
        let t = store::team_by_name(c, ns_user.id, &team).ok_or_else(missing)?;
        if store::delete_team_repo_perm(c, r.id, t.id).map_err(ApiError::db)? == 0 {
            return Err(missing());
        }
        let metadata = json!({"team": team, "repo": repo});
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

/// `GET .../permissions/user/{name}/transitive` → `{"permissions": [{"role"}]}` (one entry per
/// direct or team grant), 404 when the user has no grant at all.
pub async fn transitive(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo, name)): Path<(String, String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let (_, r) = repo_admin(c, &auth, &ns, &repo)?;
        let r = r.ok_or_else(ApiError::not_found)?;
        let u = store::user_by_name(c, &name)
            .filter(|u| !u.is_org())
            .ok_or_else(ApiError::not_found)?;
        let roles = store::transitive_roles(c, r.id, u.id);
        if roles.is_empty() {
            return Err(ApiError::not_found());
        }
        let perms: Vec<Value> = roles.iter().map(|r| json!({ "role": r })).collect();
        Ok(ok_json(json!({ "permissions": perms })))
    })
    .await
}
