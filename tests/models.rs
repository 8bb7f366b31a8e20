//! Every JSON body a real Quay answered (`../shared/quay-reference/recorded*/`) that our models
//! cover deserializes into them, and error bodies give a message through `best_message`.

use robot_console::quay::model::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn reference_dir() -> PathBuf {
    let candidates = [
        std::env::var("QUAY_REFERENCE_DIR").ok().map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/quay-reference")),
        Some(PathBuf::from("/work/shared/quay-reference")),
    ];
    candidates
        .into_iter()
        .flatten()
        .find(|p| p.join("recorded/_index.json").exists())
        .expect(
            "the Quay reference (../shared/quay-reference) must be present; set QUAY_REFERENCE_DIR",
        )
}

/// Which model a recorded answer should parse into, by method, path and status.
fn model_for(method: &str, path: &str, status: u64) -> Option<&'static str> {
    let p = path.split('?').next().unwrap_or(path);
    if p == "/v2/" {
        // The registry ping answers `true`; the console never reads it.
        return None;
    }
    if status >= 400 {
        return Some("error");
    }
    if status == 204 {
        return None;
    }
    let robots_list = p.ends_with("/robots");
    Some(match method {
        "GET" if p == "/api/v1/user/" => "user",
        "GET" if p == "/config" => "config",
        "GET" if robots_list => "robot_list",
        "GET" if p.ends_with("/permissions") && p.contains("/robots/") => "robot_permissions",
        "GET" | "POST" if p.ends_with("/federation") => "federation",
        "GET" if p.contains("/robots/") => "robot",
        "PUT" if p.contains("/robots/") => "robot",
        "POST" if p.ends_with("/regenerate") => "robot",
        "GET" if p == "/api/v1/repository" => "repository_page",
        "GET" if p.ends_with("/permissions/user/") => "user_permission_list",
        "GET" | "PUT" if p.contains("/permissions/user/") => "user_permission",
        "GET" if p.ends_with("/members") && p.contains("/team/") => "team_members",
        "PUT" if p.contains("/members/") => "entity",
        "PUT" if p.contains("/team/") => "team",
        "GET" if p.ends_with("/prototypes") => "prototype_list",
        "POST" | "PUT" if p.contains("/prototypes") => "prototype",
        "GET" if p.starts_with("/api/v1/organization/") && p.matches('/').count() == 4 => {
            "organization"
        }
        "GET" if p.starts_with("/oauth2/federation/robot/token") || p.starts_with("/v2/auth") => {
            "token"
        }
        _ => return None,
    })
}

fn check(kind: &str, body: &Value) -> Result<(), String> {
    let v = body.clone();
    let r = match kind {
        "user" => serde_json::from_value::<User>(v).map(|_| ()),
        "config" => serde_json::from_value::<QuayConfig>(v).map(|c| {
            assert!(
                c.config.SERVER_HOSTNAME.is_some(),
                "SERVER_HOSTNAME present"
            );
        }),
        "robot_list" => serde_json::from_value::<RobotList>(v).map(|_| ()),
        "robot" => serde_json::from_value::<Robot>(v).map(|_| ()),
        "robot_permissions" => serde_json::from_value::<RobotPermissions>(v).map(|_| ()),
        "federation" => serde_json::from_value::<Vec<FederationEntry>>(v).map(|_| ()),
        "repository_page" => serde_json::from_value::<RepositoryPage>(v).map(|_| ()),
        "user_permission_list" => serde_json::from_value::<UserPermissionList>(v).map(|_| ()),
        "user_permission" => serde_json::from_value::<UserPermission>(v).map(|_| ()),
        "team_members" => serde_json::from_value::<TeamMembers>(v).map(|_| ()),
        "entity" => serde_json::from_value::<Entity>(v).map(|_| ()),
        "team" => serde_json::from_value::<Team>(v).map(|_| ()),
        "prototype_list" => serde_json::from_value::<PrototypeList>(v).map(|_| ()),
        "prototype" => serde_json::from_value::<Prototype>(v).map(|_| ()),
        "organization" => serde_json::from_value::<Organization>(v).map(|_| ()),
        "token" => serde_json::from_value::<TokenResponse>(v).map(|_| ()),
        "error" => serde_json::from_value::<QuayErrorBody>(v).map(|b| {
            assert!(
                b.best_message().is_some(),
                "an error body without a message: {body}"
            );
        }),
        other => panic!("unknown model {other}"),
    };
    r.map_err(|e| e.to_string())
}

#[test]
fn every_recorded_quay_body_deserializes_into_our_models() {
    let dir = reference_dir();
    let mut checked = 0;
    let mut failures = Vec::new();
    for sub in ["recorded", "recorded-extra"] {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(sub))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('_'))
            .collect();
        files.sort();
        for f in files {
            let rec: Value = serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            let req = &rec["request"];
            let resp = &rec["response"];
            if resp["body_is_json"] != Value::Bool(true) {
                continue;
            }
            let (method, path, status) = (
                req["method"].as_str().unwrap(),
                req["path"].as_str().unwrap(),
                resp["status"].as_u64().unwrap(),
            );
            // Cookie sign-in answers (`{"success": true}`, csrf tokens) are not console models.
            if path.starts_with("/csrf_token") || path.starts_with("/api/v1/signin") && status < 400
            {
                continue;
            }
            let Some(kind) = model_for(method, path, status) else {
                continue;
            };
            checked += 1;
            if let Err(e) = check(kind, &resp["body"]) {
                failures.push(format!(
                    "{sub}/{}: {kind}: {e}",
                    f.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    println!(
        "models: {checked} recorded bodies checked, {} failed",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(
        checked > 100,
        "expected the recordings to be found, checked {checked}"
    );
}
