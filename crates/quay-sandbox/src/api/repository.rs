//! `GET /api/v1/repository/{ns}/{repo}`: one repository (the fields of Quay's view without tags
//! and stats).

use axum::extract::{Path, State};
use serde_json::json;

use super::errors::ok_json;
use super::{ns_access, ApiError, ApiResult, Auth, Ctx, St};
use crate::store;

pub async fn get(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo)): Path<(String, String)>,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        if matches!(auth, Auth::Invalid) {
            return Err(ApiError::anon());
        }
        let who = match &auth {
            Auth::User { .. } => Some(auth.need("repo:read")?.clone()),
            _ => None,
        };
        let acc = who.as_ref().and_then(|w| ns_access(c, w, &ns));
        let ns_user = store::user_by_name(c, &ns).filter(|u| !u.is_robot());
        let r = ns_user
            .as_ref()
            .and_then(|n| store::repo_by_name(c, n.id, &repo));
        let ns_admin = acc.as_ref().is_some_and(|a| a.is_admin);
        let superuser = who.as_ref().is_some_and(|w| w.superuser);
        let Some(r) = r else {
            // Admins of the namespace (and superusers) may read any repository of it: they learn
            // it does not exist. Anyone else is refused.
            return Err(if ns_admin || superuser {
                ApiError::not_found()
            } else if who.is_none() {
                ApiError::anon()
            } else {
                ApiError::unauthorized()
            });
        };
        let role = who
            .as_ref()
            .and_then(|w| store::effective_repo_role(c, r.id, w.id));
        let can_admin = ns_admin || role.as_deref() == Some("admin");
        let can_write = can_admin || role.as_deref() == Some("write");
        if !(r.is_public || can_admin || role.is_some()) {
            return Err(if who.is_none() {
                ApiError::anon()
            } else {
                ApiError::unauthorized()
            });
        }
        let ns_user = ns_user.expect("repository has a namespace");
        Ok(ok_json(json!({
            "namespace": ns_user.username,
            "name": r.name,
            "kind": "image",
            "description": r.description,
            "is_public": r.is_public,
            "is_organization": ns_user.is_org(),
            "is_starred": false,
            "status_token": "",
            "trust_enabled": false,
            "tag_expiration_s": 1209600,
            "is_free_account": !super::user_view::has_billing(c, &ns_user.username),
            "state": "NORMAL",
            "can_write": can_write,
            "can_admin": can_admin,
        })))
    })
    .await
}
