//! What Quay shows a plain member, an outsider, a narrow token and a superuser (demo users `bob`,
//! `olivia`, and `quayadmin`; tokens from `POST /sandbox/tokens`).

mod common;

use common::{cfg, robot_names, Api};
use quay_sandbox::{start, RunningSandbox};
use serde_json::{json, Value};

async fn token(sb: &RunningSandbox, body: Value) -> String {
    let (s, v) = Api::bearer(sb, &sb.admin_token)
        .post("/sandbox/tokens", body)
        .await;
    assert_eq!(s, 200, "{v}");
    v["token"].as_str().unwrap().to_string()
}

fn insufficient_scope(s: u16, v: &Value) {
    assert_eq!(s, 403, "{v}");
    assert_eq!(v["error_type"], "insufficient_scope");
    assert_eq!(v["detail"], "Unauthorized");
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "detail",
            "error_message",
            "error_type",
            "status",
            "title",
            "type"
        ]
    );
}

#[tokio::test]
async fn plain_member_sees_names_only() {
    let sb = start(cfg()).await.unwrap();
    let bob = Api::bearer(&sb, &token(&sb, json!({"user": "bob"})).await);
    let (s, v) = bob
        .get("/api/v1/organization/acme/robots?permissions=true&token=true")
        .await;
    assert_eq!(s, 200);
    assert_eq!(robot_names(&v).len(), 4);
    for r in v["robots"].as_array().unwrap() {
        let mut keys: Vec<&str> = r.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        keys.sort();
        assert_eq!(keys, ["created", "description", "last_accessed", "name"]);
    }
    let base = "/api/v1/organization/acme";
    let (s, v) = bob.get(&format!("{base}/robots/deployer")).await;
    insufficient_scope(s, &v);
    let (s, v) = bob.get(&format!("{base}/robots/deployer/federation")).await;
    insufficient_scope(s, &v);
    let (s, v) = bob
        .get(&format!("{base}/robots/deployer/permissions"))
        .await;
    assert_eq!(s, 403);
    assert!(v["message"]
        .as_str()
        .unwrap()
        .starts_with("You don't have the permission"));
    let (s, v) = bob.get(&format!("{base}/team/developers/members")).await;
    insufficient_scope(s, &v);
    let (s, v) = bob
        .get(&format!("{base}/team/developers/permissions"))
        .await;
    insufficient_scope(s, &v);
    let (s, v) = bob.get(&format!("{base}/members")).await;
    insufficient_scope(s, &v);
    let (s, v) = bob.put(&format!("{base}/robots/newbot"), json!({})).await;
    insufficient_scope(s, &v);
    // His own team's members are visible.
    assert_eq!(
        bob.get(&format!("{base}/team/readers/members")).await.0,
        200
    );
    let (s, org) = bob.get(base).await;
    assert_eq!(s, 200);
    assert_eq!(
        (org["is_admin"].as_bool(), org["is_member"].as_bool()),
        (Some(false), Some(true))
    );
    assert_eq!(org["email"], "");
    assert_eq!(org["teams"]["readers"]["can_view"], true);
    assert_eq!(org["teams"]["owners"]["can_view"], false);
    assert!(org.get("tag_expiration_s").is_none());
    let (_, me) = bob.get("/api/v1/user/").await;
    assert_eq!(
        me["organizations"],
        json!([{"name": "acme", "avatar": me["organizations"][0]["avatar"], "can_create_repo": false,
                "public": false, "is_org_admin": false, "preferred_namespace": false}])
    );
    assert!(me.get("super_user").is_none());
    sb.shutdown().await;
}

#[tokio::test]
async fn outsider_and_narrow_tokens() {
    let sb = start(cfg()).await.unwrap();
    let olivia = Api::bearer(&sb, &token(&sb, json!({"user": "olivia"})).await);
    let (s, v) = olivia.get("/api/v1/organization/acme/robots").await;
    insufficient_scope(s, &v);
    let (s, org) = olivia.get("/api/v1/organization/acme").await;
    assert_eq!(s, 200);
    assert_eq!(
        (org["is_admin"].as_bool(), org["is_member"].as_bool()),
        (Some(false), Some(false))
    );
    assert!(org.get("teams").is_none() && org.get("ordered_teams").is_none());
    let (_, me) = olivia.get("/api/v1/user/").await;
    assert_eq!(me["organizations"], json!([]));
    // The admin with a token lacking org:admin.
    let narrow = Api::bearer(
        &sb,
        &token(
            &sb,
            json!({"user": "demo", "scopes": ["repo:read", "user:read"]}),
        )
        .await,
    );
    let (s, v) = narrow.get("/api/v1/organization/acme/robots").await;
    insufficient_scope(s, &v);
    // Without user:admin, /api/v1/user/ shows only the basics (like OAUTH_24).
    let (s, me) = narrow.get("/api/v1/user/").await;
    assert_eq!(s, 200);
    let mut keys: Vec<&str> = me.as_object().unwrap().keys().map(|k| k.as_str()).collect();
    keys.sort();
    assert_eq!(keys, ["anonymous", "avatar", "organizations", "username"]);
    assert_eq!(me["organizations"][0]["can_create_repo"], false);
    assert!(me["organizations"][0].get("is_org_admin").is_none());
    sb.shutdown().await;
}

#[tokio::test]
async fn superuser_needs_the_super_user_scope() {
    let sb = start(cfg()).await.unwrap();
    let full = "org:admin repo:admin repo:create repo:read repo:write user:admin user:read";
    let su = Api::bearer(
        &sb,
        &token(
            &sb,
            json!({"user": "quayadmin", "scopes": format!("{full} super:user")}),
        )
        .await,
    );
    let plain = Api::bearer(
        &sb,
        &token(&sb, json!({"user": "quayadmin", "scopes": full})).await,
    );
    let (_, me) = su.get("/api/v1/user/").await;
    assert_eq!(me["super_user"], true);
    let (_, me) = plain.get("/api/v1/user/").await;
    assert!(me.get("super_user").is_none());

    let (s, users) = su.get("/api/v1/superuser/users/").await;
    assert_eq!(s, 200);
    let names: Vec<&str> = users["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["username"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"demo") && names.contains(&"olivia") && names.contains(&"quayadmin"));
    assert!(
        !names.iter().any(|n| n.contains('+') || *n == "acme"),
        "{names:?}"
    );
    let root = users["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["username"] == "quayadmin")
        .unwrap();
    assert_eq!(root["super_user"], true);
    let (_, page) = su.get("/api/v1/superuser/users/?limit=2").await;
    assert_eq!(page["users"].as_array().unwrap().len(), 2);
    let next = page["next_page"].as_str().unwrap().to_string();
    let (_, page2) = su
        .get(&format!(
            "/api/v1/superuser/users/?limit=2&next_page={next}"
        ))
        .await;
    assert_ne!(page2["users"][0]["username"], page["users"][0]["username"]);
    let (s, orgs) = su.get("/api/v1/superuser/organizations/").await;
    assert_eq!(s, 200);
    let org_names: Vec<&str> = orgs["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["name"].as_str().unwrap())
        .collect();
    assert_eq!(org_names, vec!["acme", "globex"]);

    let (s, v) = plain.get("/api/v1/superuser/users/").await;
    insufficient_scope(s, &v);
    // Not a superuser, even with the scope.
    let bob = Api::bearer(
        &sb,
        &token(
            &sb,
            json!({"user": "bob", "scopes": format!("{full} super:user")}),
        )
        .await,
    );
    let (s, v) = bob.get("/api/v1/superuser/organizations/").await;
    insufficient_scope(s, &v);

    // Full access to an organization it is not a member of.
    let (s, v) = su
        .get("/api/v1/organization/acme/robots?permissions=true&token=true")
        .await;
    assert_eq!(s, 200);
    assert!(v["robots"][0].get("token").is_some() && v["robots"][0].get("teams").is_some());
    let (s, v) = su
        .put(
            "/api/v1/organization/acme/robots/rootbot",
            json!({"description": "made by a superuser"}),
        )
        .await;
    assert_eq!((s, v["name"].as_str()), (201, Some("acme+rootbot")));
    let (s, v) = plain.get("/api/v1/organization/acme/robots").await;
    insufficient_scope(s, &v);
    // The org view as an admin.
    let (_, org) = su.get("/api/v1/organization/acme").await;
    assert_eq!(org["is_admin"], true);
    sb.shutdown().await;
}
