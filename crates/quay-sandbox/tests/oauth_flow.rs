//! The OAuth2 "Sign in with Quay" round trip against the sandbox, as a browser does it (sign-in
//! page, consent page, Authorize/Cancel, code exchange), plus Quay's errors and quirks.

mod common;

use std::collections::HashMap;

use common::browser::{form_fields, Browser, Page};
use common::{cfg, Api};
use quay_sandbox::{start, OAuthAppConfig, RunningSandbox};
use serde_json::{json, Value};

const CB: &str = "http://127.0.0.1:3000/oauth/callback";
const SECRET: &str = "consolesecret0000000000000000000000000000";

fn query(location: &str) -> HashMap<String, String> {
    let q = location.split_once('?').map(|x| x.1).unwrap_or("");
    q.split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), v.replace('+', " ").replace("%3A", ":")))
        .collect()
}

fn authorize_path(scope: &str, state: &str) -> String {
    format!(
        "/oauth/authorize?response_type=code&client_id=consoleapp&redirect_uri={}&scope={}&state={state}",
        CB.replace(':', "%3A").replace('/', "%2F"),
        scope.replace(':', "%3A").replace(' ', "+")
    )
}

async fn sandbox() -> RunningSandbox {
    let mut c = cfg();
    c.oauth_apps = vec![OAuthAppConfig::parse(&format!("consoleapp:{SECRET}:{CB}")).unwrap()];
    start(c).await.unwrap()
}

/// Sign in through the sandbox's page, following `/oauth/authorize` there.
async fn sign_in(b: &mut Browser<'_>, user: &str, scope: &str, state: &str) -> Page {
    let p = b.get(&authorize_path(scope, state)).await;
    assert_eq!(p.status, 401, "no session: the sign-in page");
    assert!(p.body.contains("id=\"signin-username\"") && p.body.contains("id=\"signin-submit\""));
    let fields = form_fields(&p.body, "signin-form");
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).unwrap().1.clone();
    let (next, csrf) = (get("next"), get("_csrf_token"));
    let p = b
        .post(
            "/oauth/signin",
            &[
                ("username", user),
                ("password", "password"),
                ("next", &next),
                ("_csrf_token", &csrf),
            ],
        )
        .await;
    assert_eq!(
        (p.status, p.location.as_deref()),
        (302, Some(next.as_str()))
    );
    b.get(&next).await
}

fn exchange_form<'a>(code: &'a str, scope: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("client_id", "consoleapp"),
        ("client_secret", SECRET),
        ("redirect_uri", CB),
        ("scope", scope),
    ]
}

#[tokio::test]
async fn sign_in_with_quay_round_trip() {
    let sb = sandbox().await;
    let (s, app) = Api::anonymous(&sb).get("/api/v1/app/consoleapp").await;
    assert_eq!(
        (s, app["organization"]["name"].as_str()),
        (200, Some("acme"))
    );
    let mut b = Browser::new(&sb);
    let scope = "repo:read user:read";
    let consent = sign_in(&mut b, "demo", scope, "st-1").await;
    assert_eq!(consent.status, 200);
    assert!(
        consent.body.contains("Robot console")
            && consent.body.contains("View all visible repositories")
    );
    assert!(
        consent.body.contains("id=\"oauth-authorize\"")
            && consent.body.contains("id=\"oauth-deny\"")
    );
    let fields = form_fields(&consent.body, "oauth-authorize-form");
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let p = b.post("/oauth/authorizeapp", &form).await;
    assert_eq!(p.status, 302);
    let loc = p.location.unwrap();
    assert!(
        loc.starts_with(&format!(
            "{CB}?scope=repo%3Aread+user%3Aread&state=st-1&code="
        )),
        "{loc}"
    );
    let code = query(&loc)["code"].clone();
    assert_eq!(code.len(), 40);

    // A wrong secret first: the code is not used up.
    let mut wrong = exchange_form(&code, scope);
    wrong[3] = ("client_secret", "wrong");
    let p = b.post("/oauth/access_token", &wrong).await;
    assert_eq!(
        (p.status, p.body.as_str()),
        (400, r#"{"error":"invalid_client"}"#)
    );
    let p = b
        .post("/oauth/access_token", &exchange_form(&code, scope))
        .await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert_eq!(p.content_type, "application/json;charset=UTF-8");
    assert_eq!(
        p.headers["cache-control"],
        "no-cache, no-store, must-revalidate"
    );
    assert_eq!(p.headers["pragma"], "no-cache");
    let t: Value = serde_json::from_str(&p.body).unwrap();
    assert_eq!(
        (
            t["token_type"].as_str(),
            t["expires_in"].as_i64(),
            t["refresh_token"].clone()
        ),
        (Some("Bearer"), Some(315_576_000), Value::Null)
    );
    let token = t["access_token"].as_str().unwrap().to_string();
    assert_eq!(token.len(), 40);
    let api = Api::bearer(&sb, &token);
    let (s, me) = api.get("/api/v1/user/").await;
    assert_eq!((s, me["username"].as_str()), (200, Some("demo")));
    assert!(
        me.get("email").is_none(),
        "no user:admin scope: the short view"
    );
    let (s, v) = api.get("/api/v1/organization/acme/robots").await;
    assert_eq!(
        (s, v["error_type"].as_str()),
        (403, Some("insufficient_scope"))
    );
    // The code is gone now.
    let p = b
        .post("/oauth/access_token", &exchange_form(&code, scope))
        .await;
    assert_eq!(
        (p.status, p.body.as_str()),
        (400, r#"{"error":"invalid_grant"}"#)
    );
    // Approved already: a new code at once (also for a sub-path of the registered redirect).
    let p = b.get(&authorize_path(scope, "st-2")).await;
    assert_eq!(p.status, 302);
    assert!(p.location.unwrap().contains("&state=st-2&code="));
    // With org:admin (a dangerous scope): consent again, and the Authorize form has no state.
    let scope2 = "org:admin user:read";
    let p = b.get(&authorize_path(scope2, "st-admin")).await;
    assert_eq!(p.status, 200);
    let fields = form_fields(&p.body, "oauth-authorize-form");
    assert!(!fields.iter().any(|(k, _)| k == "state"));
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let p = b.post("/oauth/authorizeapp", &form).await;
    let loc = p.location.unwrap();
    assert!(
        loc.starts_with(&format!("{CB}?scope=org%3Aadmin+user%3Aread&code=")),
        "{loc}"
    );
    let code2 = query(&loc)["code"].clone();
    let p = b
        .post("/oauth/access_token", &exchange_form(&code2, scope2))
        .await;
    let token2: Value = serde_json::from_str(&p.body).unwrap();
    let admin = Api::bearer(&sb, token2["access_token"].as_str().unwrap());
    assert_eq!(admin.get("/api/v1/organization/acme/robots").await.0, 200);
    // The actions of the token are logged with its application.
    admin
        .put("/api/v1/organization/acme/robots/oauthbot", json!({}))
        .await;
    let (_, logs) = Api::bearer(&sb, &sb.admin_token)
        .get("/api/v1/organization/acme/logs")
        .await;
    assert_eq!(
        logs["logs"][0]["metadata"]["oauth_token_application_id"],
        "consoleapp"
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn authorize_errors_and_quirks() {
    let sb = sandbox().await;
    let mut b = Browser::new(&sb);
    let scope = "repo:read user:read";
    // A wrong password stays on the sign-in page.
    let p = b.get(&authorize_path(scope, "s")).await;
    let fields = form_fields(&p.body, "signin-form");
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).unwrap().1.clone();
    let p = b
        .post(
            "/oauth/signin",
            &[
                ("username", "demo"),
                ("password", "nope"),
                ("next", &get("next")),
                ("_csrf_token", &get("_csrf_token")),
            ],
        )
        .await;
    assert_eq!(p.status, 401);
    assert!(p.body.contains("id=\"signin-error\""));
    let consent = sign_in(&mut b, "demo", scope, "s").await;
    assert_eq!(consent.status, 200);
    let unknown = authorize_path(scope, "s").replace("consoleapp", "nosuchclient");
    assert_eq!(b.get(&unknown).await.status, 404);
    assert_eq!(
        b.get(&authorize_path("repo:read bogus:scope", "s"))
            .await
            .status,
        404
    );
    let p = b
        .get(&authorize_path(scope, "s").replace("oauth%2Fcallback", "elsewhere"))
        .await;
    assert_eq!(
        (p.status, p.location.as_deref()),
        (
            302,
            Some(format!("{CB}?error=redirect_uri_mismatch").as_str())
        )
    );
    let p = b
        .get(&authorize_path(scope, "s").replace("&scope", "&x"))
        .await;
    assert_eq!(
        (p.status, p.body.as_str()),
        (400, r#"{"error":"Required param: scope"}"#)
    );
    // Without the CSRF field: 403.
    let mut fields = form_fields(&consent.body, "oauth-authorize-form");
    fields.retain(|(k, _)| k != "_csrf_token");
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let p = b.post("/oauth/authorizeapp", &form).await;
    assert_eq!(
        (p.status, p.body.as_str()),
        (
            403,
            r#"{"error":"CSRF token was invalid or missing. (authorized: user demo)"}"#
        )
    );
    // Cancel: back to the app with authorization_denied and no state.
    let fields = form_fields(&consent.body, "oauth-deny-form");
    assert!(fields.iter().any(|(k, _)| k == "state"));
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let p = b.post("/oauth/denyapp", &form).await;
    assert_eq!(
        (p.status, p.location.as_deref()),
        (
            302,
            Some(format!("{CB}?error=authorization_denied").as_str())
        )
    );
    // A plain member of acme may not authorize acme's application.
    let mut bob = Browser::new(&sb);
    let p = sign_in(&mut bob, "bob", scope, "s").await;
    assert_eq!(p.status, 403);
    assert!(
        p.body.contains("id=\"oauth-error\"")
            && p.body
                .contains("Only administrators of the organization acme")
    );
    // A bearer token is no session.
    let r = common::request(
        &sb,
        "GET",
        &authorize_path(scope, "s"),
        &[("Authorization", &format!("Bearer {}", sb.admin_token))],
        None,
    )
    .await;
    assert_eq!(r.status().as_u16(), 401);
    sb.shutdown().await;
}

#[tokio::test]
async fn token_endpoint_errors() {
    let sb = sandbox().await;
    let mut b = Browser::new(&sb);
    let scope = "repo:read user:read";
    let consent = sign_in(&mut b, "demo", scope, "s").await;
    let fields = form_fields(&consent.body, "oauth-authorize-form");
    let form: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let code = query(&b.post("/oauth/authorizeapp", &form).await.location.unwrap())["code"].clone();
    let mut t = Browser::new(&sb);
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![("redirect_uri", "http://127.0.0.1:3000/other")],
            r#"{"error":"invalid_grant"}"#,
        ),
        (vec![("scope", "repo:read")], r#"{"error":"invalid_grant"}"#),
        (
            vec![("grant_type", "password")],
            r#"{"error":"unsupported_grant_type"}"#,
        ),
        (
            vec![("code", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")],
            r#"{"error":"invalid_grant"}"#,
        ),
    ];
    for (changes, want) in cases {
        let mut f = exchange_form(&code, scope);
        for (k, v) in &changes {
            f.iter_mut().find(|(fk, _)| fk == k).unwrap().1 = v;
        }
        let p = t.post("/oauth/access_token", &f).await;
        assert_eq!((p.status, p.body.as_str()), (400, want), "{changes:?}");
    }
    let mut f = exchange_form(&code, scope);
    f.retain(|(k, _)| *k != "scope");
    let p = t.post("/oauth/access_token", &f).await;
    assert_eq!(
        (p.status, p.body.as_str()),
        (400, r#"{"error":"Required param: scope"}"#)
    );
    assert!(p.content_type.starts_with("text/html"));
    // Client credentials in a Basic header: Quay's 400 without a client_id field, 500 with one.
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let url = format!("{}/oauth/access_token", sb.base_url);
    let basic = common::basic("consoleapp", SECRET);
    let mut f = exchange_form(&code, scope);
    f.retain(|(k, _)| *k != "client_id" && *k != "client_secret");
    let r = client
        .post(&url)
        .header("Authorization", &basic)
        .form(&f)
        .send()
        .await
        .unwrap();
    assert_eq!(
        (r.status().as_u16(), r.text().await.unwrap()),
        (400, r#"{"error":"Required param: client_id"}"#.to_string())
    );
    f.push(("client_id", "consoleapp"));
    let r = client
        .post(&url)
        .header("Authorization", &basic)
        .form(&f)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 500);
    // None of the failures used the code up.
    let p = t
        .post("/oauth/access_token", &exchange_form(&code, scope))
        .await;
    assert_eq!(p.status, 200, "{}", p.body);
    sb.shutdown().await;
}

#[tokio::test]
async fn applications_api() {
    let sb = sandbox().await;
    let api = Api::bearer(&sb, &sb.admin_token);
    let org = "/api/v1/organization/acme/applications";
    let (s, app) = api
        .post(org, json!({"name": "Second", "redirect_uri": CB, "application_uri": "http://127.0.0.1:3000", "description": "d"}))
        .await;
    assert_eq!(s, 200);
    let id = app["client_id"].as_str().unwrap().to_string();
    assert_eq!(
        (id.len(), app["client_secret"].as_str().unwrap().len()),
        (20, 40)
    );
    assert_eq!(app["avatar_email"], Value::Null);
    let (_, list) = api.get(org).await;
    let ids: Vec<&str> = list["applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["client_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["consoleapp", id.as_str()]);
    assert_eq!(api.get(&format!("{org}/{id}")).await.1, app);
    let (s, v) = api.post(org, json!({"description": "no name"})).await;
    assert_eq!(s, 400);
    assert!(v["error_message"]
        .as_str()
        .unwrap()
        .starts_with("'name' is a required property"));
    let (_, t) = api.post("/sandbox/tokens", json!({"user": "bob"})).await;
    let bob = Api::bearer(&sb, t["token"].as_str().unwrap());
    let (s, v) = bob.get(org).await;
    assert_eq!(
        (s, v["error_type"].as_str()),
        (403, Some("insufficient_scope"))
    );
    assert_eq!(
        Api::anonymous(&sb)
            .get(&format!("/api/v1/app/{id}"))
            .await
            .0,
        200
    );
    assert_eq!(Api::anonymous(&sb).get("/api/v1/app/nosuch").await.0, 404);
    // Deleting an application revokes the tokens issued through it.
    let (_, t) = api
        .post(
            "/sandbox/tokens",
            json!({"user": "demo", "application": id}),
        )
        .await;
    let via_app = Api::bearer(&sb, t["token"].as_str().unwrap());
    assert_eq!(via_app.get("/api/v1/user/").await.0, 200);
    assert_eq!(api.delete(&format!("{org}/{id}")).await.0, 204);
    assert_eq!(via_app.get("/api/v1/user/").await.0, 401);
    assert_eq!(api.get(&format!("{org}/{id}")).await.0, 404);
    sb.shutdown().await;
}

#[tokio::test]
async fn configured_app_is_updated_on_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = cfg();
    c.data_dir = Some(dir.path().to_path_buf());
    c.oauth_apps = vec![OAuthAppConfig::parse(&format!("consoleapp:{SECRET}:{CB}")).unwrap()];
    let sb = start(c.clone()).await.unwrap();
    sb.shutdown().await;
    c.oauth_apps =
        vec![OAuthAppConfig::parse("consoleapp:othersecret:http://127.0.0.1:4000/cb").unwrap()];
    let sb = start(c).await.unwrap();
    let (_, list) = Api::bearer(&sb, &sb.admin_token)
        .get("/api/v1/organization/acme/applications")
        .await;
    let apps = list["applications"].as_array().unwrap();
    assert_eq!(apps.len(), 1);
    assert_eq!(
        (
            apps[0]["client_secret"].as_str(),
            apps[0]["redirect_uri"].as_str()
        ),
        (Some("othersecret"), Some("http://127.0.0.1:4000/cb"))
    );
    sb.shutdown().await;
}
