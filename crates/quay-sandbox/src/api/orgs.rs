//! `GET /api/v1/organization/{org}` and what the org endpoints share (the admin check, member views).

use axum::extract::{Path, State};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::errors::ok_json;
use super::{ns_access, ApiError, ApiResult, Auth, Ctx, NsAccess, St};
use crate::store::{self, User};
use crate::util::avatar;

pub(crate) fn org_admin(c: &Connection, auth: &Auth, org: &str) -> Result<NsAccess, ApiError> {
    let who = auth.need("org:admin")?;
    match ns_access(c, who, org) {
        Some(acc) if acc.is_admin && acc.ns.is_org() => Ok(acc),
        _ => Err(ApiError::unauthorized()),
    }
}

/// The configured quota of a namespace (bytes), if any.
pub fn configured_quota(c: &Connection, ns: &str) -> Option<i64> {
    super::quota::configured(c, ns).map(|q| q.bytes)
}

pub fn member_json(u: &User) -> Value {
    json!({
        "name": u.username,
        "kind": "user",
        "is_robot": u.is_robot(),
        "avatar": avatar(&u.username, if u.is_robot() { "robot" } else { "user" }),
        "invited": false,
    })
}

pub async fn get_org(State(st): State<St>, ctx: Ctx, Path(org): Path<String>) -> ApiResult {
    st.call(ctx, move |c, auth| {
        if matches!(auth, Auth::Invalid) {
            return Err(ApiError::anon());
        }
        let o = store::user_by_name(c, &org)
            .filter(User::is_org)
            .ok_or_else(ApiError::not_found)?;
        let (is_admin, is_member) = match auth.user() {
            Some(who) => {
                let acc = ns_access(c, who, &org).ok_or_else(ApiError::not_found)?;
                (acc.is_admin, acc.is_member)
            }
            None => (false, false),
        };
        let mut m = serde_json::Map::new();
        m.insert("name".into(), json!(o.username));
        m.insert(
            "email".into(),
            json!(if is_admin { o.email.as_str() } else { "" }),
        );
        m.insert("avatar".into(), avatar(&o.username, "user"));
        m.insert("is_admin".into(), json!(is_admin));
        m.insert("is_member".into(), json!(is_member));
        if is_member {
            let who = auth.user().expect("member is a user");
            let mine: Vec<i64> = store::user_teams_in(c, o.id, who.id)
                .iter()
                .map(|t| t.id)
                .collect();
            let teams = store::teams_of(c, o.id);
            let mut dict = serde_json::Map::new();
            for t in &teams {
                dict.insert(
                    t.name.clone(),
                    json!({
                        "name": t.name,
                        "description": t.description,
                        "role": t.role,
                        "avatar": avatar(&t.name, "team"),
                        "can_view": is_admin || mine.contains(&t.id),
                        "repo_count": store::team_repo_count(c, t.id),
                        "member_count": store::team_member_count(c, t.id),
                        "is_synced": false,
                    }),
                );
            }
            m.insert("teams".into(), Value::Object(dict));
            m.insert(
                "ordered_teams".into(),
                json!(teams.iter().map(|t| t.name.clone()).collect::<Vec<_>>()),
            );
        }
        if is_admin {
            m.insert("invoice_email".into(), json!(false));
            m.insert("invoice_email_address".into(), Value::Null);
            m.insert("tag_expiration_s".into(), json!(1209600));
            m.insert("is_free_account".into(), json!(false));
        }
        if is_member {
            let q = super::quota::configured(c, &o.username);
            m.insert("quotas".into(), super::quota::quotas_json(q.as_ref()));
            m.insert("quota_report".into(), super::quota::report_json(q.as_ref()));
        }
        Ok(ok_json(Value::Object(m)))
    })
    .await
}
