//! Quay's user view (`GET /api/v1/user/`, `GET /api/v1/users/{name}`): which fields a caller
//! sees depends on who it is and on its token's scopes.

use rusqlite::Connection;
use serde_json::{json, Value};

use super::perms;
use super::quota;
use super::Auth;
use crate::store::{self, User};
use crate::util::avatar;

/// Quay reports `preferred_namespace` (and not `is_free_account`) for namespaces with a
/// billing (stripe) id: meta key `billing:{name}`.
pub fn has_billing(c: &Connection, name: &str) -> bool {
    store::meta_get(c, &format!("billing:{name}")).is_some()
}

fn org_view(c: &Connection, auth: &Auth, org: &User, user_admin: bool) -> Value {
    let mut v = json!({
        "name": org.username,
        "avatar": avatar(&org.username, "org"),
        "can_create_repo": perms::can_create_repo(c, auth, org),
        "public": false,
    });
    if user_admin {
        v["is_org_admin"] = json!(perms::administers(c, auth, org));
        v["preferred_namespace"] = json!(has_billing(c, &org.username));
    }
    v
}

/// The view of `target` for the caller `auth`.
pub fn user_view(c: &Connection, target: &User, auth: &Auth) -> Value {
    let caller = auth.user();
    let is_me = caller.is_some_and(|u| u.id == target.id);
    let is_admin = is_me && (auth.is_session() || auth.has_scope("user:admin"));
    let can_read = is_me && auth.has_scope("user:read");
    let mut v = json!({
        "anonymous": false,
        "username": target.username,
        "avatar": avatar(&target.username, "user"),
    });
    if is_admin {
        let billing = has_billing(c, &target.username);
        let q = quota::configured(c, &target.username);
        let fields = json!({
            "can_create_repo": true,
            "is_me": true,
            "verified": target.verified,
            "email": target.email,
            "logins": [],
            "invoice_email": false,
            "invoice_email_address": null,
            "preferred_namespace": billing,
            "tag_expiration_s": 1209600,
            "prompts": [],
            "company": null,
            "family_name": null,
            "given_name": null,
            "location": null,
            "is_free_account": !billing,
            "has_password_set": target.password.is_some(),
            "quotas": quota::quotas_json(q.as_ref()),
            "quota_report": quota::report_json(q.as_ref()),
        });
        if let (Some(m), Some(f)) = (v.as_object_mut(), fields.as_object()) {
            m.extend(f.clone());
        }
    }
    if can_read {
        let orgs: Vec<Value> = store::user_orgs(c, target.id)
            .iter()
            .map(|(o, _)| org_view(c, auth, o, is_admin))
            .collect();
        v["organizations"] = json!(orgs);
    }
    if auth.is_superuser() {
        v["super_user"] = json!(is_me);
    }
    v
}
