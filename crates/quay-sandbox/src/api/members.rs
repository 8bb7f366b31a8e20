//! Organization members: `GET {org}/members` (users of the org's teams; robots are not listed) and
//! `GET {org}/members/{name}` (also robots of the org, with `kind: "robot"`).

use axum::extract::{Path, State};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::errors::ok_json;
use super::orgs::org_admin;
use super::{ApiError, ApiResult, Ctx, St};
use crate::store::{self, User};
use crate::util::avatar;

fn team_json(name: &str) -> Value {
    json!({"name": name, "avatar": avatar(name, "team")})
}

fn member_detail(c: &Connection, org: &User, u: &User, teams: &[String]) -> Value {
    let kind = if u.is_robot() { "robot" } else { "user" };
    json!({
        "name": u.username,
        "kind": kind,
        "avatar": avatar(&u.username, kind),
        "teams": teams.iter().map(|t| team_json(t)).collect::<Vec<_>>(),
        "repositories": store::member_repo_names(c, org.id, u.id),
    })
}

pub async fn members(State(st): State<St>, ctx: Ctx, Path(org): Path<String>) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let acc = org_admin(c, &auth, &org)?;
        let mut order: Vec<User> = Vec::new();
        let mut teams_of: std::collections::HashMap<i64, Vec<String>> = Default::default();
        for t in store::teams_of(c, acc.ns.id) {
            for u in store::team_members(c, t.id) {
                if u.is_robot() {
                    continue;
                }
                if !teams_of.contains_key(&u.id) {
                    order.push(u.clone());
                }
                teams_of.entry(u.id).or_default().push(t.name.clone());
            }
        }
        let members: Vec<Value> = order
            .iter()
            .map(|u| member_detail(c, &acc.ns, u, &teams_of[&u.id]))
            .collect();
        Ok(ok_json(json!({ "members": members })))
    })
    .await
}

/// `GET {org}/members/{name}`: a user in one of the org's teams, or a robot of the org (in teams
/// or not); 404 otherwise. `repositories` lists direct grants only.
pub async fn member(
    State(st): State<St>,
    ctx: Ctx,
    Path((org, name)): Path<(String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let acc = org_admin(c, &auth, &org)?;
        let u = store::user_by_name(c, &name)
            .filter(|u| !u.is_org())
            .ok_or_else(ApiError::not_found)?;
        let teams: Vec<String> = store::user_teams_in(c, acc.ns.id, u.id)
            .into_iter()
            .map(|t| t.name)
            .collect();
        if teams.is_empty() && !(u.is_robot() && u.owner_id == Some(acc.ns.id)) {
            return Err(ApiError::not_found());
        }
        Ok(ok_json(member_detail(c, &acc.ns, &u, &teams)))
    })
    .await
}
