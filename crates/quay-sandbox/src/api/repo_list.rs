//! `GET /api/v1/repository?namespace=…|starred|public`: the repositories a caller can see, 100 per
//! page with an opaque `next_page`.

use axum::extract::State;
use rusqlite::Connection;
use serde_json::{json, Value};

use super::errors::ok_json;
use super::{ns_access, qbool, ApiError, ApiResult, Auth, Ctx, St, Q};
use crate::store::{self, Repo, User};
use crate::util;

pub const PAGE_SIZE: usize = 100;

fn can_see(c: &Connection, who: Option<&User>, ns_admin: bool, repo: &Repo) -> bool {
    repo.is_public
        || ns_admin
        || who.is_some_and(|u| store::effective_repo_role(c, repo.id, u.id).is_some())
}

pub async fn list(State(st): State<St>, ctx: Ctx, q: Q) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let q = q.0;
        if matches!(auth, Auth::Invalid) {
            return Err(ApiError::anon());
        }
        let who = match &auth {
            Auth::User { .. } => Some(auth.need("repo:read")?.clone()),
            _ => None,
        };
        let namespace = q.get("namespace").filter(|s| !s.is_empty()).cloned();
        let starred = qbool(&q, "starred", false);
        let public = qbool(&q, "public", false);
        if namespace.is_none() && !starred && !public {
            return Err(ApiError::invalid(
                "namespace, starred or public are required for this API call",
            ));
        }
        let with_lm = qbool(&q, "last_modified", false);
        let mut after = q.get("next_page").and_then(|p| util::decode_page(p)).unwrap_or(0);
        let ns_user = namespace.as_deref().and_then(|n| store::user_by_name(c, n));
        if namespace.is_some() && ns_user.is_none() {
            return Ok(ok_json(json!({"repositories": []})));
        }
        if starred && namespace.is_none() && !public {
            return Ok(ok_json(json!({"repositories": []})));
        }
        let ns_admin = match (&who, &ns_user) {
            (Some(w), Some(n)) => ns_access(c, w, &n.username).is_some_and(|a| a.is_admin),
            _ => false,
        };
        let mut out: Vec<Repo> = Vec::new();
        let mut more = false;
        // Bounded scan: pages of 500 rows until the page is full or rows run out.
        for _ in 0..10_000 {
            let batch = match &ns_user {
                Some(n) => store::repos_page(c, n.id, after, 500),
                None => store::public_repos_page(c, after, 500),
            };
            if batch.is_empty() {
                break;
            }
            for r in batch {
                after = r.id;
                if can_see(c, who.as_ref(), ns_admin, &r) {
                    if out.len() == PAGE_SIZE {
                        more = true;
                        break;
                    }
                    out.push(r);
                }
            }
            if more {
                break;
            }
        }
        let mut names = std::collections::HashMap::new();
        let items: Vec<Value> = out
            .iter()
            .map(|r| {
                let ns_name = names
                    .entry(r.ns_id)
                    .or_insert_with(|| {
                        store::user_by_id(c, r.ns_id)
                            .map(|u| u.username)
                            .unwrap_or_default()
                    })
                    .clone();
                let mut m = serde_json::Map::new();
                m.insert("namespace".into(), json!(ns_name));
                m.insert("name".into(), json!(r.name));
                m.insert("description".into(), json!(r.description));
                m.insert("is_public".into(), json!(r.is_public));
                m.insert("kind".into(), json!("image"));
                m.insert("state".into(), json!("NORMAL"));
                if with_lm {
                    m.insert("last_modified".into(), json!(r.last_modified));
                }
                if who.is_some() {
                    m.insert("is_starred".into(), json!(false));
                }
                m.insert(
                    "quota_report".into(),
                    json!({"quota_bytes": 0, "configured_quota": super::orgs::configured_quota(c, &ns_name)}),
                );
                Value::Object(m)
            })
            .collect();
        let mut body = json!({ "repositories": items });
        if more {
            if let Some(last) = out.last() {
                body["next_page"] = json!(util::encode_page(last.id));
            }
        }
        Ok(ok_json(body))
    })
    .await
}
