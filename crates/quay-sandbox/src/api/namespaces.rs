//! Destructive namespace endpoints, as Quay has them: `DELETE /api/v1/user/` (the caller deletes
//! itself) and `DELETE /api/v1/organization/{org}`, plus `GET /api/v1/users/{name}`.
//!
//! They exist so that a console regression that sends one of these (for instance a URL-normalising
//! client turning `robots/..` into the namespace itself) really destroys data in tests.

use axum::extract::{Path, State};
use serde_json::json;

use super::errors::{no_content, ok_json};
use super::{ns_access, ApiError, ApiResult, Ctx, St};
use crate::store;

/// The message Quay gives when a user would leave organizations without an admin.
pub fn only_admin_message(username: &str, orgs: &[String]) -> String {
    format!(
        "Cannot delete {username} as you are the only admin for organizations: {}",
        orgs.join(", ")
    )
}

/// `DELETE /api/v1/user/`: delete the calling user (204), refused while it is the only admin of
/// an organization (400). Its tokens and sessions stop working at once.
pub async fn delete_current_user(State(st): State<St>, ctx: Ctx) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let who = auth.need("user:admin")?.clone();
        let orgs: Vec<String> = store::solely_admined_orgs(c, who.id)
            .into_iter()
            .map(|o| o.username)
            .collect();
        if !orgs.is_empty() {
            return Err(ApiError::message(
                400,
                only_admin_message(&who.username, &orgs),
            ));
        }
        let metadata = json!({"username": who.username});
        super::audit::log_action(c, &auth, "user_delete", &who, None, metadata);
        store::delete_namespace(c, who.id).map_err(ApiError::db)?;
        Ok(no_content())
    })
    .await
}

/// `DELETE /api/v1/organization/{org}`: delete the organization with its repositories, robots,
/// teams and applications (tokens issued through its applications stop working too).
pub async fn delete_org(State(st): State<St>, ctx: Ctx, Path(org): Path<String>) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let who = auth.need("org:admin")?.clone();
        let acc = match ns_access(c, &who, &org) {
            Some(acc) if acc.ns.is_org() && acc.is_admin => acc,
            None if who.superuser => return Err(ApiError::not_found()),
            _ => return Err(ApiError::unauthorized()),
        };
        let metadata = json!({"namespace": org});
        super::audit::log_action(c, &auth, "org_delete", &acc.ns, None, metadata);
        store::delete_namespace(c, acc.ns.id).map_err(ApiError::db)?;
        Ok(no_content())
    })
    .await
}

/// `GET /api/v1/users/{name}`: another user's public view; 404 `{"message"}` for a name that is
/// not an (enabled) user.
pub async fn get_user(State(st): State<St>, ctx: Ctx, Path(name): Path<String>) -> ApiResult {
    st.call(ctx, move |c, auth| {
        if matches!(auth, super::Auth::Invalid) {
            return Err(ApiError::anon());
        }
        let target = store::user_by_name(c, &name)
            .filter(|u| u.kind == "user" && u.enabled)
            .ok_or_else(|| ApiError::message(404, NOT_FOUND_MESSAGE))?;
        Ok(ok_json(super::user_view::user_view(c, &target, &auth)))
    })
    .await
}

/// Flask's message for `abort(404)` inside the API.
pub const NOT_FOUND_MESSAGE: &str = "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";

#[cfg(test)]
mod tests {
    #[test]
    fn only_admin_message_lists_the_orgs() {
        assert_eq!(
            super::only_admin_message("devtable", &["buynlarge".into(), "titi".into()]),
            "Cannot delete devtable as you are the only admin for organizations: buynlarge, titi"
        );
    }
}
