//! Usage logs (Quay's LOGS_*): entries the sandbox writes for its own actions, paging, date and
//! performer filters, aggregates, access rules, and history inserted through `/sandbox/logs`.

mod common;

use common::{basic, cfg, request, status_json, Api};
use quay_sandbox::start;
use serde_json::{json, Value};

fn kinds(v: &Value) -> Vec<String> {
    v["logs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect()
}

fn mdy(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%m/%d/%Y").to_string()
}

#[tokio::test]
async fn actions_write_quay_entries() {
    let sb = start(cfg()).await.unwrap();
    let api = Api::bearer(&sb, &sb.admin_token);
    let org = "/api/v1/organization/acme";
    api.put(&format!("{org}/robots/logbot"), json!({"description": "d"}))
        .await;
    api.put(
        "/api/v1/repository/acme/billing/permissions/user/acme+logbot",
        json!({"role": "read"}),
    )
    .await;
    api.put(&format!("{org}/team/logteam"), json!({"role": "member"}))
        .await;
    api.send(
        "PUT",
        &format!("{org}/team/logteam/members/acme+logbot"),
        None,
    )
    .await;
    api.send(
        "DELETE",
        &format!("{org}/team/logteam/members/acme+logbot"),
        None,
    )
    .await;
    api.put(
        "/api/v1/repository/acme/billing/permissions/team/logteam",
        json!({"role": "write"}),
    )
    .await;
    api.post(
        &format!("{org}/robots/logbot/federation"),
        json!([{"issuer": "https://i.example", "subject": "s"}]),
    )
    .await;
    api.delete(&format!("{org}/robots/logbot/federation")).await;
    api.send("POST", &format!("{org}/robots/logbot/regenerate"), None)
        .await;
    api.delete("/api/v1/repository/acme/billing/permissions/user/acme+logbot")
        .await;
    api.delete(&format!("{org}/robots/logbot")).await;

    let (s, v) = api.get(&format!("{org}/logs")).await;
    assert_eq!(s, 200);
    assert_eq!(
        kinds(&v),
        [
            "delete_robot",
            "delete_repo_permission",
            "regenerate_robot_token",
            "delete_robot_federation",
            "create_robot_federation",
            "change_repo_permission",
            "org_remove_team_member",
            "org_add_team_member",
            "org_create_team",
            "change_repo_permission",
            "create_robot",
        ]
    );
    let logs = v["logs"].as_array().unwrap();
    assert_eq!(
        logs[10]["metadata"],
        json!({"robot": "logbot", "description": "d", "unstructured_metadata": null})
    );
    assert_eq!(
        logs[9]["metadata"],
        json!({"username": "acme+logbot", "repo": "billing", "namespace": "acme", "role": "read"})
    );
    assert_eq!(
        logs[5]["metadata"],
        json!({"team": "logteam", "repo": "billing", "role": "write"})
    );
    assert_eq!(
        logs[4]["metadata"]["config"],
        json!([{"issuer": "https://i.example", "subject": "s"}])
    );
    assert_eq!(logs[0]["performer"]["name"], "demo");
    assert_eq!(logs[0]["performer"]["avatar"]["kind"], "user");
    assert_eq!(logs[0]["ip"], "127.0.0.1");
    // The demo admin token is not an OAuth application's: no oauth_token_* keys.
    assert!(logs[0]["metadata"].get("oauth_token_id").is_none());
    // Repository logs: the entries about billing only.
    let (_, v) = api.get("/api/v1/repository/acme/billing/logs").await;
    assert_eq!(
        kinds(&v),
        [
            "delete_repo_permission",
            "change_repo_permission",
            "change_repo_permission"
        ]
    );
    // Aggregates: one entry per kind per day, in Quay's kind order.
    let (_, v) = api.get(&format!("{org}/aggregatelogs")).await;
    let agg: Vec<(String, i64)> = v["aggregated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["kind"].as_str().unwrap().to_string(),
                a["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(agg[0], ("create_robot".to_string(), 1));
    assert!(agg.contains(&("change_repo_permission".to_string(), 2)));
    assert!(v["aggregated"][0]["datetime"]
        .as_str()
        .unwrap()
        .ends_with("00:00:00 -0000"));
    sb.shutdown().await;
}

#[tokio::test]
async fn registry_logins_and_pulls() {
    let sb = start(cfg()).await.unwrap();
    let api = Api::bearer(&sb, &sb.admin_token);
    let (_, robot) = api.get("/api/v1/organization/acme/robots/ci_builder").await;
    let token = robot["token"].as_str().unwrap().to_string();
    let ua = ("User-Agent", "docker/26.1.0 (test)");
    let auth = basic("acme+ci_builder", &token);
    let login = |path: &'static str, auth: String| {
        let sb = &sb;
        async move {
            status_json(request(sb, "GET", path, &[("Authorization", &auth), ua], None).await).await
        }
    };
    // A login without scope writes login_success; with a scope it writes nothing.
    assert_eq!(
        login("/v2/auth?account=acme%2Bci_builder", auth.clone())
            .await
            .0,
        200
    );
    let (_, v) = login(
        "/v2/auth?account=acme%2Bci_builder&scope=repository:acme/billing:pull",
        auth.clone(),
    )
    .await;
    let jwt = v["token"].as_str().unwrap().to_string();
    let manifest = request(
        &sb,
        "GET",
        "/v2/acme/billing/manifests/latest",
        &[("Authorization", &format!("Bearer {jwt}")), ua],
        None,
    )
    .await;
    assert_eq!(manifest.status().as_u16(), 200);
    assert_eq!(
        manifest.headers()["content-type"],
        "application/vnd.docker.distribution.manifest.v2+json"
    );
    assert!(manifest.headers()["docker-content-digest"]
        .to_str()
        .unwrap()
        .starts_with("sha256:"));
    // Without a pull grant: 401 with the challenge for that repository.
    let r = request(
        &sb,
        "GET",
        "/v2/acme/reporting/manifests/latest",
        &[("Authorization", &format!("Bearer {jwt}"))],
        None,
    )
    .await;
    assert_eq!(r.status().as_u16(), 401);
    assert!(r.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .contains("scope=\"repository:acme/reporting:pull\""));
    // A wrong token and an unknown robot.
    assert_eq!(
        login(
            "/v2/auth?account=acme%2Bci_builder",
            basic("acme+ci_builder", "WRONG")
        )
        .await
        .0,
        401
    );
    let (s, v) = login(
        "/v2/auth?account=acme%2Bghost",
        basic("acme+ghost", "WRONG"),
    )
    .await;
    assert_eq!(
        (s, v["errors"][0]["message"].as_str()),
        (401, Some("Could not find robot with specified username"))
    );

    let (_, v) = api
        .get("/api/v1/organization/acme/logs?performer=acme%2Bci_builder")
        .await;
    assert_eq!(kinds(&v), ["login_failure", "pull_repo", "login_success"]);
    let logs = v["logs"].as_array().unwrap();
    assert_eq!(
        logs[2]["metadata"],
        json!({"kind": "robot", "robot": "acme+ci_builder", "type": "v2auth", "useragent": "docker/26.1.0 (test)"})
    );
    assert_eq!(logs[2]["performer"]["is_robot"], true);
    assert_eq!(logs[1]["metadata"]["tag"], "latest");
    assert_eq!(logs[1]["metadata"]["username"], "acme+ci_builder");
    assert_eq!(logs[1]["metadata"]["is_robot"], true);
    assert_eq!(
        logs[0]["metadata"]["message"],
        "Could not find robot with username: acme+ci_builder and supplied password."
    );
    // The unknown robot's failure is filed under the service account (demo, the lowest id).
    let (_, v) = api.get("/api/v1/user/logs").await;
    let ghost = v["logs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "login_failure")
        .unwrap();
    assert_eq!(ghost["metadata"]["robot"], "acme+ghost");
    assert!(ghost.get("performer").is_none());
    sb.shutdown().await;
}

#[tokio::test]
async fn paging_filters_and_errors() {
    let sb = start(cfg()).await.unwrap();
    let api = Api::bearer(&sb, &sb.admin_token);
    // 45 entries over the last 5 days, the oldest first, two hours apart and half an hour off
    // the hour: none sits on the edge of the default window (now - 1 day .. now + 1 day), which
    // the sandbox computes a moment later than `now` here.
    let now = chrono::Utc::now();
    let at = |i: i64| now - chrono::Duration::minutes(60 * (100 - 2 * i) - 30);
    let entries: Vec<Value> = (0..45)
        .map(|i| {
            let t = at(i);
            json!({"kind": "pull_repo", "namespace": "acme", "repository": "billing",
                   "performer": "acme+scanner", "datetime": t.to_rfc3339(),
                   "metadata": {"repo": "billing", "namespace": "acme", "n": i}})
        })
        .collect();
    let (s, v) = api.post("/sandbox/logs", json!({"entries": entries})).await;
    assert_eq!((s, v["inserted"].as_i64()), (200, Some(45)));
    // All of them: page back to the oldest.
    let start = mdy(now - chrono::Duration::days(6));
    let base = format!("/api/v1/organization/acme/logs?starttime={start}");
    let mut path = base.clone();
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let (s, v) = api.get(&path).await;
        assert_eq!(s, 200);
        pages += 1;
        for e in v["logs"].as_array().unwrap() {
            seen.push(e["metadata"]["n"].as_i64().unwrap());
        }
        match v["next_page"].as_str() {
            Some(n) => path = format!("{base}&next_page={n}"),
            None => {
                assert!(
                    v["logs"].as_array().unwrap().is_empty(),
                    "the page without next_page is empty"
                );
                break;
            }
        }
    }
    assert_eq!(
        seen,
        (0..45).rev().collect::<Vec<_>>(),
        "newest first, each once"
    );
    assert_eq!(pages, 4, "20 + 20 + 5, then the empty page");
    // An invalid next_page gives the first page.
    let (_, first) = api.get(&base).await;
    let (_, v) = api.get(&format!("{base}&next_page=notavalidtoken")).await;
    assert_eq!(v["logs"], first["logs"]);
    // Default window: only what is within a day (entries 38..44, 23.5 to 11.5 hours ago).
    let (_, v) = api.get("/api/v1/organization/acme/logs").await;
    assert_eq!(v["logs"].as_array().unwrap().len(), 7);
    // endtime is inclusive; unparsable dates fall back to the defaults; end before start is 400.
    let today = mdy(now);
    let (_, v) = api
        .get(&format!(
            "/api/v1/organization/acme/logs?starttime={today}&endtime={today}"
        ))
        .await;
    assert!(v["start_time"]
        .as_str()
        .unwrap()
        .ends_with("00:00:00 -0000"));
    let (_, v) = api
        .get("/api/v1/organization/acme/logs?starttime=2026-12-01")
        .await;
    assert_eq!(v["logs"].as_array().unwrap().len(), 7);
    let (s, v) = api
        .get("/api/v1/organization/acme/logs?starttime=12/10/2026&endtime=01/01/2020")
        .await;
    assert_eq!(
        (s, v),
        (
            400,
            json!({"message": "The browser (or proxy) sent a request that this server could not understand."})
        )
    );
    let (s, v) = api
        .get("/api/v1/organization/acme/aggregatelogs?starttime=12/10/2026&endtime=01/01/2020")
        .await;
    assert_eq!(s, 400, "{v}");
    // Performer: percent-encoded robot name works; a raw + (a space) or an unknown name is a 500.
    let (_, v) = api.get(&format!("{base}&performer=acme%2Bscanner")).await;
    assert_eq!(v["logs"].as_array().unwrap().len(), 20);
    for p in ["acme+scanner", "nosuchuser"] {
        let r = request(
            &sb,
            "GET",
            &format!("/api/v1/organization/acme/logs?performer={p}"),
            &[("Authorization", &format!("Bearer {}", sb.admin_token))],
            None,
        )
        .await;
        assert_eq!(r.status().as_u16(), 500, "{p}");
        assert!(r.text().await.unwrap().contains("Internal Server Error"));
    }
    // Aggregates ignore an unknown performer; the repository endpoint ignores performer.
    let (s, _) = api
        .get("/api/v1/organization/acme/aggregatelogs?performer=nosuchuser")
        .await;
    assert_eq!(s, 200);
    let (s, v) = api
        .get("/api/v1/repository/acme/billing/logs?performer=nosuchuser")
        .await;
    assert_eq!((s, v["logs"].as_array().unwrap().len()), (200, 7));
    let (_, v) = api
        .get(&format!(
            "/api/v1/organization/acme/aggregatelogs?starttime={start}"
        ))
        .await;
    let total: i64 = v["aggregated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["count"].as_i64().unwrap())
        .sum();
    assert_eq!(total, 45);
    let days: std::collections::BTreeSet<String> =
        (0..45).map(|i| at(i).format("%F").to_string()).collect();
    assert_eq!(
        v["aggregated"].as_array().unwrap().len(),
        days.len(),
        "one entry per day"
    );
    // Access: a plain member gets insufficient_scope, no credentials 401, unknown repository 404.
    let (_, t) = api.post("/sandbox/tokens", json!({"user": "bob"})).await;
    let bob = Api::bearer(&sb, t["token"].as_str().unwrap());
    for path in [
        "/api/v1/organization/acme/logs",
        "/api/v1/organization/acme/aggregatelogs",
        "/api/v1/repository/acme/billing/logs",
    ] {
        let (s, v) = bob.get(path).await;
        assert_eq!(
            (s, v["error_type"].as_str()),
            (403, Some("insufficient_scope")),
            "{path}"
        );
    }
    let (s, v) = Api::anonymous(&sb)
        .get("/api/v1/organization/acme/logs")
        .await;
    assert_eq!((s, v["error_type"].as_str()), (401, Some("invalid_token")));
    let (s, v) = api.get("/api/v1/repository/acme/nosuchrepo/logs").await;
    assert_eq!((s, v["error_type"].as_str()), (404, Some("not_found")));
    // Bad history entries are refused, and nothing is inserted.
    let (s, _) = api.post("/sandbox/logs", json!({"entries": [{"kind": "pull_repo", "namespace": "acme", "datetime": 1}, {"kind": "nope", "namespace": "acme", "datetime": 1}]})).await;
    assert_eq!(s, 400);
    assert_eq!(api.delete("/sandbox/logs").await.0, 204);
    let (_, v) = api.get(&base).await;
    assert_eq!(v["logs"], json!([]));
    assert!(v.get("next_page").is_none());
    sb.shutdown().await;
}
