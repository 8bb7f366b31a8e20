//! Robot accounts: `/api/v1/organization/{org}/robots...` and `/api/v1/user/robots...`
//! (one handler for both, see [`super::robot_path`]).

use axum::{
    body::Bytes,
    extract::{Query, State},
};
use rusqlite::Connection;
use serde_json::{json, Value};

use super::errors::{created_json, no_content, ok_json};
use super::robot_path::{admin_robot, find_robot, resolve_ns, Ns, RobotPath};
use super::robot_schema::validate_create_body;
use super::{audit, ns_access, parse_body, qbool, ApiError, ApiResult, Ctx, St, Q};
use crate::store::{self, User};
use crate::util::{self, avatar, opt_date};

fn base(u: &User) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("name".into(), json!(u.username));
    m.insert("created".into(), json!(util::rfc2822(u.created)));
    m.insert("last_accessed".into(), opt_date(u.last_accessed));
    m.insert("description".into(), json!(u.description));
    m
}

fn metadata(u: &User) -> Value {
    u.metadata
        .as_deref()
        .and_then(|m| serde_json::from_str(m).ok())
        .unwrap_or(Value::Null)
}

/// GET one robot: token and `unstructured_metadata` (`{}` when none).
pub fn robot_full(u: &User) -> Value {
    let mut m = base(u);
    m.insert("token".into(), json!(u.robot_token));
    let md = metadata(u);
    m.insert(
        "unstructured_metadata".into(),
        if md.is_null() { json!({}) } else { md },
    );
    Value::Object(m)
}

pub fn list_json(
    c: &Connection,
    ns: &User,
    permissions: bool,
    token: bool,
    limit: Option<i64>,
) -> Value {
    let robots = store::robots_of(c, ns.id, limit);
    let (teams, repos) = if permissions {
        (
            store::robot_team_map(c, ns.id),
            store::robot_repo_map(c, ns.id),
        )
    } else {
        Default::default()
    };
    let items: Vec<Value> = robots
        .iter()
        .map(|u| {
            let mut m = base(u);
            if permissions {
                let t: Vec<Value> = teams
                    .get(&u.id)
                    .map(|v| {
                        v.iter()
                            .map(|n| json!({"name": n, "avatar": avatar(n, "team")}))
                            .collect()
                    })
                    .unwrap_or_default();
                m.insert("teams".into(), Value::Array(t));
                m.insert(
                    "repositories".into(),
                    json!(repos.get(&u.id).cloned().unwrap_or_default()),
                );
            }
            if token {
                m.insert("token".into(), json!(u.robot_token));
            }
            Value::Object(m)
        })
        .collect();
    json!({ "robots": items })
}

fn do_create(
    c: &Connection,
    ns: &User,
    short: &str,
    body: Option<Value>,
    disallow: bool,
) -> ApiResult {
    if disallow {
        return Err(ApiError::invalid(
            "Robot accounts have been disabled. Please contact your administrator.",
        ));
    }
    let (description, md) = validate_create_body(&body)?;
    if let Err(msg) = util::validate_name(short) {
        return Err(ApiError::invalid(format!(
            "The name for the robot '{short}' is invalid: {msg}"
        )));
    }
    let full = format!("{}+{}", ns.username, short);
    if store::user_by_name(c, &full).is_some() {
        return Err(ApiError::invalid(format!(
            "Existing robot with name: {full}"
        )));
    }
    let u = store::create_robot(c, ns, short, &description, md.as_deref(), util::now())
        .map_err(ApiError::db)?;
    let mut m = base(&u);
    m.insert("token".into(), json!(u.robot_token));
    m.insert("unstructured_metadata".into(), metadata(&u));
    Ok(created_json(Value::Object(m)))
}

// ---- handlers: each serves the organization route and the user route ---------

pub async fn list(State(st): State<St>, ctx: Ctx, ns: Ns, Query(q): Q) -> ApiResult {
    st.call(ctx, move |c, auth| {
        if let Ns::Org(name) = &ns {
            // A superuser lists the robots of an organization that does not exist: none.
            if auth.has_scope("org:admin")
                && auth.is_superuser()
                && ns_access(c, auth.user().expect("superuser"), name).is_none()
            {
                return Ok(ok_json(json!({"robots": []})));
            }
        }
        let (ns_user, admin) = resolve_ns(c, &auth, &ns, "org:admin", false)?;
        let permissions = qbool(&q, "permissions", false) && admin;
        let token = qbool(&q, "token", true) && admin;
        let limit = q.get("limit").and_then(|l| l.parse::<i64>().ok());
        Ok(ok_json(list_json(c, &ns_user, permissions, token, limit)))
    })
    .await
}

pub async fn get_one(
    State(st): State<St>,
    ctx: Ctx,
    RobotPath { ns, short }: RobotPath,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        Ok(ok_json(robot_full(&admin_robot(c, &auth, &ns, &short)?)))
    })
    .await
}

pub async fn create(
    State(st): State<St>,
    ctx: Ctx,
    RobotPath { ns, short }: RobotPath,
    body: Bytes,
) -> ApiResult {
    let disallow = st.settings().robots_disallow;
    st.call(ctx, move |c, auth| {
        let body = parse_body(&body);
        if matches!(ns, Ns::Org(_)) {
            auth.need("org:admin")?;
            validate_create_body(&body)?;
        }
        let (ns_user, _) = resolve_ns(c, &auth, &ns, "org:admin", true)?;
        let field = |k: &str| {
            body.as_ref()
                .and_then(|b| b.get(k))
                .cloned()
                .unwrap_or(Value::Null)
        };
        let metadata = json!({"robot": short, "description": field("description"),
            "unstructured_metadata": field("unstructured_metadata")});
        let created = do_create(c, &ns_user, &short, body, disallow)?;
        audit::log_action(c, &auth, "create_robot", &ns_user, None, metadata);
        Ok(created)
    })
    .await
}

pub async fn delete(
    State(st): State<St>,
    ctx: Ctx,
    RobotPath { ns, short }: RobotPath,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let (ns_user, _) = resolve_ns(c, &auth, &ns, "org:admin", true)?;
        let robot = find_robot(c, &ns_user, &short)?;
        store::delete_robot(c, robot.id).map_err(ApiError::db)?;
        audit::log_action(
            c,
            &auth,
            "delete_robot",
            &ns_user,
            None,
            json!({"robot": short}),
        );
        Ok(no_content())
    })
    .await
}

pub async fn regenerate(
    State(st): State<St>,
    ctx: Ctx,
    RobotPath { ns, short }: RobotPath,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let (ns_user, _) = resolve_ns(c, &auth, &ns, "org:admin", true)?;
        let robot = find_robot(c, &ns_user, &short)?;
        store::regenerate_robot_token(c, robot.id).map_err(ApiError::db)?;
        audit::log_action(
            c,
            &auth,
            "regenerate_robot_token",
            &ns_user,
            None,
            json!({"robot": short}),
        );
        let u = store::user_by_id(c, robot.id).ok_or_else(ApiError::no_robot)?;
        let mut m = base(&u);
        m.insert("token".into(), json!(u.robot_token));
        Ok(ok_json(Value::Object(m)))
    })
    .await
}

pub async fn permissions(
    State(st): State<St>,
    ctx: Ctx,
    RobotPath { ns, short }: RobotPath,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let ns_user = match &ns {
            Ns::User => auth.need("user:admin")?.clone(),
            Ns::Org(name) => {
                let who = auth.need("user:admin")?;
                match ns_access(c, who, name) {
                    Some(acc) if acc.is_admin => acc.ns,
                    _ => return Err(ApiError::forbidden_abort()),
                }
            }
        };
        let robot = find_robot(c, &ns_user, &short)?;
        let perms: Vec<Value> = store::user_repo_perms(c, robot.id)
            .into_iter()
            .map(|(name, public, role)| {
                json!({"repository": {"name": name, "is_public": public}, "role": role})
            })
            .collect();
        Ok(ok_json(json!({ "permissions": perms })))
    })
    .await
}
