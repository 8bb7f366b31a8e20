//! Robot identity federation config: `.../robots/{short}/federation` (organization and user
//! routes, one handler for both).

use axum::{body::Bytes, extract::State};
use serde_json::{json, Value};

use super::errors::{no_content, ok_json};
use super::robot_path::{admin_robot, find_robot, resolve_ns, Ns, RobotPath};
use super::{audit, parse_body, ApiError, ApiResult, Ctx, St};
use crate::store::{self, User};
use crate::util::py_repr;

const ITEM_SCHEMA: &str = "{'properties': {'issuer': {'description': 'The issuer of the token',\n                               'type': 'string'},\n                    'subject': {'description': 'The subject of the token',\n                                'type': 'string'}},\n     'required': ['issuer', 'subject'],\n     'type': 'object'}";

const ARRAY_SCHEMA: &str = "{'description': 'Federation configuration for the robot',\n     'items': {'properties': {'issuer': {'description': 'The issuer of the '\n                                                        'token',\n                                         'type': 'string'},\n                              'subject': {'description': 'The subject of '\n                                                         'the token',\n                                          'type': 'string'}},\n               'required': ['issuer', 'subject'],\n               'type': 'object'},\n     'type': 'array'}";

/// The stored list of a robot.
pub fn entries(robot: &User) -> Vec<(String, String)> {
    robot
        .federation
        .as_deref()
        .and_then(|f| serde_json::from_str::<Vec<Value>>(f).ok())
        .unwrap_or_default()
        .iter()
        .filter_map(|e| {
            Some((
                e.get("issuer")?.as_str()?.to_string(),
                e.get("subject")?.as_str()?.to_string(),
            ))
        })
        .collect()
}

fn to_json(list: &[(String, String)]) -> Value {
    Value::Array(
        list.iter()
            .map(|(i, s)| json!({"issuer": i, "subject": s}))
            .collect(),
    )
}

/// JSON-schema validation (array of objects with string issuer and subject).
fn schema_check(body: &Option<Value>) -> Result<&Vec<Value>, ApiError> {
    let Some(v) = body else {
        return Err(ApiError::invalid("Missing JSON body"));
    };
    let Some(arr) = v.as_array() else {
        return Err(ApiError::invalid(format!(
            "{} is not of type 'array'\n\nFailed validating 'type' in schema:\n    {ARRAY_SCHEMA}\n\nOn instance:\n    {}",
            py_repr(v),
            py_repr(v)
        )));
    };
    for (i, item) in arr.iter().enumerate() {
        let Some(obj) = item.as_object() else {
            return Err(ApiError::invalid(format!(
                "{} is not of type 'object'\n\nFailed validating 'type' in schema['items']:\n    {ITEM_SCHEMA}\n\nOn instance[{i}]:\n    {}",
                py_repr(item),
                py_repr(item)
            )));
        };
        for key in ["issuer", "subject"] {
            match obj.get(key) {
                None => {
                    return Err(ApiError::invalid(format!(
                        "'{key}' is a required property\n\nFailed validating 'required' in schema['items']:\n    {ITEM_SCHEMA}\n\nOn instance[{i}]:\n    {}",
                        py_repr(item)
                    )))
                }
                Some(x) if !x.is_string() => {
                    return Err(ApiError::invalid(format!(
                        "{} is not of type 'string'\n\nFailed validating 'type' in schema['items']['properties']['{key}']:\n    {{'description': 'The {key} of the token', 'type': 'string'}}\n\nOn instance[{i}]['{key}']:\n    {}",
                        py_repr(x),
                        py_repr(x)
                    )))
                }
                _ => {}
            }
        }
    }
    Ok(arr)
}

/// Quay's checks after the schema: empty fields, issuer URL, duplicates.
fn normalize(arr: &[Value]) -> Result<Vec<(String, String)>, ApiError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for item in arr {
        let issuer = item.get("issuer").and_then(Value::as_str).unwrap_or("");
        let subject = item.get("subject").and_then(Value::as_str).unwrap_or("");
        if issuer.is_empty() || subject.is_empty() {
            return Err(ApiError::invalid(
                "Missing one or more required fields (issuer, subject)",
            ));
        }
        if !(issuer.starts_with("http://") || issuer.starts_with("https://")) {
            return Err(ApiError::invalid(
                "Issuer must be a URL (http:// or https://)",
            ));
        }
        let pair = (issuer.to_string(), subject.to_string());
        if out.contains(&pair) {
            return Err(ApiError::invalid("Duplicate federation config entry"));
        }
        out.push(pair);
    }
    Ok(out)
}

pub async fn get(State(st): State<St>, ctx: Ctx, RobotPath { ns, short }: RobotPath) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let robot = admin_robot(c, &auth, &ns, &short)?;
        Ok(ok_json(to_json(&entries(&robot))))
    })
    .await
}

pub async fn post(
    State(st): State<St>,
    ctx: Ctx,
    RobotPath { ns, short }: RobotPath,
    body: Bytes,
) -> ApiResult {
    st.call(ctx, move |c, auth| {
        let body = parse_body(&body);
        if matches!(ns, Ns::Org(_)) {
            auth.need("org:admin")?;
        }
        let arr = schema_check(&body)?.clone();
        let (ns_user, _) = resolve_ns(c, &auth, &ns, "org:admin", true)?;
        let robot = find_robot(c, &ns_user, &short)?;
        let list = normalize(&arr)?;
        let json = to_json(&list);
        store::set_federation(c, robot.id, &json.to_string()).map_err(ApiError::db)?;
        let metadata = json!({"config": json, "robot": short});
        audit::log_action(
            c,
            &auth,
            "create_robot_federation",
            &ns_user,
            None,
            metadata,
        );
        Ok(ok_json(json))
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
        store::set_federation(c, robot.id, "[]").map_err(ApiError::db)?;
        let metadata = json!({"robot": short});
        audit::log_action(
            c,
            &auth,
            "delete_robot_federation",
            &ns_user,
            None,
            metadata,
        );
        Ok(no_content())
    })
    .await
}
