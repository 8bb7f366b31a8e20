//! Logins over real HTTP on 127.0.0.1:0: registry (`/v2/auth`), the keyless exchange's errors that
//! need no issuer, and browser sessions with CSRF tokens.

mod common;

use common::{cfg, request, status_json, Api};
use quay_sandbox::start;
use serde_json::{json, Value};

#[tokio::test]
async fn registry_login_and_exchange_errors() {
    let sb = start(cfg()).await.unwrap();
    let admin = Api::bearer(&sb, &sb.admin_token);
    let (_, robot) = admin
        .get("/api/v1/organization/acme/robots/backup.bot")
        .await;
    assert_eq!(robot["last_accessed"], Value::Null);
    let token = robot["token"].as_str().unwrap().to_string();
    let r = request(&sb, "GET", "/v2/", &[], None).await;
    assert_eq!(r.status().as_u16(), 401);
    let challenge = r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .to_string();
    assert_eq!(
        challenge,
        format!(
            "Bearer realm=\"http://{0}/v2/auth\",service=\"{0}\"",
            sb.addr
        )
    );
    let (s, v) = Api::basic(&sb, "acme+backup.bot", &token)
        .get(&format!(
            "/v2/auth?account=acme%2Bbackup.bot&service={}&scope=repository:acme/billing:pull",
            sb.addr
        ))
        .await;
    assert_eq!(s, 200);
    let jwt = v["token"].as_str().unwrap().to_string();
    let (s, _) = Api::bearer(&sb, &jwt).get("/v2/").await;
    assert_eq!(s, 200);
    let (_, robot) = admin
        .get("/api/v1/organization/acme/robots/backup.bot")
        .await;
    assert!(robot["last_accessed"].is_string());
    let (s, v) = Api::basic(&sb, "acme+backup.bot", "WRONG")
        .get("/v2/auth?account=acme%2Bbackup.bot")
        .await;
    assert_eq!(s, 401);
    assert_eq!(
        v["errors"][0]["message"],
        "Could not find robot with username: acme+backup.bot and supplied password."
    );
    // Keyless exchange errors that need no issuer.
    let url = "/oauth2/federation/robot/token";
    assert_eq!(
        Api::anonymous(&sb).get(url).await,
        (401, json!({"error": "No auth header"}))
    );
    assert_eq!(
        Api::basic(&sb, "demo", "x").get(url).await,
        (401, json!({"error": "Invalid robot"}))
    );
    assert_eq!(
        Api::basic(&sb, "acme+nosuchbot", "x").get(url).await,
        (
            400,
            json!({"message": "Could not find robot with specified username"})
        )
    );
    let (s, v) = Api::basic(&sb, "acme+backup.bot", "notajwt").get(url).await;
    assert_eq!(s, 400);
    assert!(v["message"].is_string());
    sb.shutdown().await;
}

#[tokio::test]
async fn session_signin_and_csrf() {
    let sb = start(cfg()).await.unwrap();
    let r = request(&sb, "GET", "/csrf_token", &[], None).await;
    let cookie = r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = r.json::<Value>().await.unwrap()["csrf_token"]
        .as_str()
        .unwrap()
        .to_string();
    let signin = json!({"username": "demo", "password": "password"});
    let headers = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];
    let r = request(&sb, "POST", "/api/v1/signin", &headers, Some(&signin)).await;
    assert_eq!(r.status().as_u16(), 200);
    let next = r.headers()["x-next-csrf-token"]
        .to_str()
        .unwrap()
        .to_string();
    let cookie_only = [("Cookie", cookie.as_str())];
    let r = request(
        &sb,
        "GET",
        "/api/v1/organization/acme/robots",
        &cookie_only,
        None,
    )
    .await;
    assert_eq!(r.status().as_u16(), 200);
    let path = "/api/v1/organization/acme/robots/sessbot";
    let (s, v) = status_json(request(&sb, "PUT", path, &cookie_only, Some(&json!({}))).await).await;
    assert_eq!(s, 403);
    assert_eq!(
        v["error"],
        "CSRF token was invalid or missing. (authorized: user demo)"
    );
    let headers = [("Cookie", cookie.as_str()), ("X-CSRF-Token", next.as_str())];
    let r = request(&sb, "PUT", path, &headers, Some(&json!({}))).await;
    assert_eq!(r.status().as_u16(), 201);
    sb.shutdown().await;
}
