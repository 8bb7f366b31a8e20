//! The access report over HTTP: a console in front of a seeded quay-sandbox (robots, teams with
//! repository grants, robots whose access comes only through a team), called the way the page
//! calls it. Every cell is checked against Quay's own answer for that robot and repository
//! (`permissions/user/{robot}/transitive`); failures name the robot or team with Quay's
//! message and do not hide the rest; Retry failed completes the report.

use robot_console::access::{build_report, AccessPlan, Fetch, Fetched, Gathered, Source};
use robot_console::bulk::{Event, LineDecoder, Outcome};
use robot_console::config::Config;
use robot_console::permissions::Perm;
use robot_console::quay::client::QuayClient;
use robot_console::quay::ids::{Namespace, RobotName};
use robot_console::serve::{spawn, Running};
use std::time::Duration;

mod common;
use common::client;

const TOKEN: &str = "access-test-admin-token";

/// A seeded sandbox (12 robots in 3 teams, the first 4 reaching only through their team, 40
/// repositories, 8 grants per team) and a console in front of it acting with the admin token.
async fn start() -> (quay_sandbox::RunningSandbox, Running) {
    let sb = quay_sandbox::start(quay_sandbox::SandboxConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        admin_token: Some(TOKEN.into()),
        seed: quay_sandbox::SeedConfig {
            robots: 12,
            repos: 40,
            teams: 3,
            team_repo_permissions: 8,
            team_only_robots: 4,
        },
        ..Default::default()
    })
    .await
    .expect("sandbox starts");
    let dir = tempfile::tempdir().unwrap().keep();
    use clap::Parser;
    let mut c = Config::try_parse_from(["robot-console"]).unwrap();
    c.addr = "127.0.0.1:0".parse().unwrap();
    c.data_dir = dir;
    c.quay_url = Some(sb.base_url.clone());
    c.quay_token = Some(TOKEN.into());
    c.admin_token = None;
    c.session_key = None;
    c.registry_host = None;
    c.quay_timeout_secs = 10;
    let app = spawn(c).await.expect("console starts");
    (sb, app)
}

/// The CSRF cookie and token a page gives a visitor.
async fn visitor(base: &str) -> (String, String) {
    let resp = client().get(format!("{base}/signin")).send().await.unwrap();
    let cookies: Vec<String> = resp
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .collect();
    let html = resp.text().await.unwrap();
    let i = html.find("name=\"csrf-token\"").expect("csrf meta");
    let rest = &html[i..];
    let c = rest.find("content=\"").unwrap() + 9;
    let token = rest[c..c + rest[c..].find('"').unwrap()].to_string();
    (cookies.join("; "), token)
}

fn post(base: &str, v: &(String, String), name: &str) -> reqwest::RequestBuilder {
    client()
        .post(format!("{base}/api/{name}"))
        .header("Accept", "application/json")
        .header("Origin", base)
        .header("Cookie", &v.0)
        .header("x-csrf-token", &v.1)
}

async fn plan(base: &str, v: &(String, String)) -> AccessPlan {
    let resp = post(base, v, "access_plan")
        .form(&[("namespace", "acme")])
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    resp.json().await.unwrap()
}

/// Gathers `fetches` and decodes the streamed events.
async fn gather(base: &str, v: &(String, String), fetches: &[Fetch]) -> Vec<Event<Fetch, Fetched>> {
    let resp = post(base, v, "access_gather")
        .json(&serde_json::json!({"namespace": "acme", "fetches": fetches}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let bytes = resp.bytes().await.unwrap();
    let mut d = LineDecoder::default();
    d.push::<Fetch, Fetched>(&bytes)
        .into_iter()
        .map(Result::unwrap)
        .collect()
}

fn record(g: &mut Gathered, events: &[Event<Fetch, Fetched>]) -> Vec<(Fetch, Outcome)> {
    let mut out = Vec::new();
    for e in events {
        if let Event::Item {
            item,
            outcome,
            data,
        } = e
        {
            g.record(item, outcome, data.clone());
            out.push((item.clone(), outcome.clone()));
        }
    }
    out
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn every_cell_of_the_report_is_the_role_quay_resolves_for_that_robot() {
    rt().block_on(async {
        let (sb, app) = start().await;
        let base = app.url();
        let http = client();
        // A robot in the owners team (organization admin role) administers every repository.
        let r = http
            .put(format!(
                "{}/api/v1/organization/acme/team/owners/members/acme+bot0005",
                sb.base_url
            ))
            .bearer_auth(TOKEN)
            .json(&serde_json::json!({}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        let v = visitor(&base).await;
        let p = plan(&base, &v).await;
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        assert_eq!(p.robots.len(), 12 + 4, "seeded robots and the demo's four");
        let events = gather(&base, &v, &p.fetches()).await;
        assert!(
            matches!(events.first(), Some(Event::Started { total }) if *total == p.fetches().len())
        );
        assert!(matches!(events.last(), Some(Event::Finished)));
        let mut g = Gathered::default();
        let outcomes = record(&mut g, &events);
        assert!(
            outcomes.iter().all(|(_, o)| *o == Outcome::Done),
            "{outcomes:?}"
        );
        let report = build_report(&p, &g);
        assert_eq!(
            report.columns.len(),
            40 + 30,
            "seeded repositories and the demo's"
        );

        let quay = QuayClient::new(&sb.base_url, Duration::from_secs(10));
        let ns = Namespace::parse("acme").unwrap();
        let mut team_only = 0;
        let mut checked = 0;
        for row in &report.rows {
            let boss = row.robot.name.as_str() == "acme+bot0005";
            for (c, repo) in report.columns.iter().enumerate() {
                let cell = row.cell(c);
                if boss {
                    let cell = cell.expect("the admin team's robot reaches everything");
                    assert_eq!(cell.role, Perm::Admin);
                    assert!(cell.grants.iter().any(
                        |g| matches!(&g.source, Source::OrgAdmin(t) if t.as_str() == "owners")
                    ));
                    continue;
                }
                // Quay's transitive answer lists repository grants only (no org-wide roles).
                let quay_role = quay
                    .transitive_role(TOKEN, &ns, &repo.name, &row.robot.name)
                    .await
                    .unwrap();
                assert_eq!(
                    cell.map(|c| c.role),
                    quay_role,
                    "{} on {}",
                    row.robot.name,
                    repo.name
                );
                if cell.is_some_and(|c| !c.has_direct()) {
                    team_only += 1;
                }
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
        assert!(team_only > 10, "access through teams only: {team_only}");
        // A team-only robot: no direct grant in Quay's robot view, yet access through its team.
        let bot1 = report
            .rows
            .iter()
            .find(|r| r.robot.name.as_str() == "acme+bot0001")
            .unwrap();
        assert!(!bot1.cells.is_empty());
        assert!(bot1.cells.values().all(|c| !c.has_direct()));
        assert!(bot1
            .cells
            .values()
            .all(|c| c.text().contains("via team team-002")));
        app.shutdown().await;
        sb.shutdown().await;
    });
}

#[test]
fn a_failing_robot_and_team_are_named_with_quays_message_and_retry_failed_completes_the_report() {
    rt().block_on(async {
        let (sb, app) = start().await;
        let base = app.url();
        let http = client();
        let fault = |rule: serde_json::Value| {
            http.post(format!("{}/sandbox/faults", sb.base_url))
                .bearer_auth(TOKEN)
                .json(&rule)
                .send()
        };
        // The robot is refused (a 4xx: reported at once); the team keeps failing (a 5xx: retried,
        // then reported).
        let r = fault(serde_json::json!({"path_contains": "/robots/bot0003/permissions", "status": 403, "body": {"message": "Not for you"}})).await.unwrap();
        assert!(r.status().is_success());
        let r = fault(serde_json::json!({"path_contains": "/team/team-002/permissions", "status": 500})).await.unwrap();
        assert!(r.status().is_success());
        let v = visitor(&base).await;
        let p = plan(&base, &v).await;
        let mut g = Gathered::default();
        let outcomes = record(&mut g, &gather(&base, &v, &p.fetches()).await);
        let failed: Vec<String> = outcomes
            .iter()
            .filter_map(|(f, o)| o.message().map(|m| f.failure_line(m)))
            .collect();
        let mut failed = failed;
        failed.sort();
        assert_eq!(failed.len(), 2, "{failed:?}");
        assert_eq!(failed[0], "Failed to read robot account acme+bot0003, Not for you.");
        assert!(
            failed[1].starts_with("Failed to read the permissions of team team-002, "),
            "{}",
            failed[1]
        );
        // The rest of the report is there; the rows that lack a part say which.
        let report = build_report(&p, &g);
        let bot3 = report.rows.iter().find(|r| r.robot.name.as_str() == "acme+bot0003").unwrap();
        assert_eq!(bot3.missing, ["the direct permissions of acme+bot0003"]);
        assert!(!bot3.cells.is_empty(), "its team's grants still show");
        // bot0004 is in team-002 (seed: team-{(i mod 3)+1}); bot0002, in team-003, is whole.
        let bot4 = report.rows.iter().find(|r| r.robot.name.as_str() == "acme+bot0004").unwrap();
        assert_eq!(bot4.missing, ["the permissions of team team-002"]);
        let bot2 = report.rows.iter().find(|r| r.robot.name.as_str() == "acme+bot0002").unwrap();
        assert!(bot2.missing.is_empty());
        assert!(!bot2.cells.is_empty());

        // Retry failed: only the failed fetches, once Quay answers again.
        http.delete(format!("{}/sandbox/faults", sb.base_url))
            .bearer_auth(TOKEN)
            .send()
            .await
            .unwrap();
        let retry: Vec<Fetch> = outcomes
            .iter()
            .filter(|(_, o)| o.is_failed())
            .map(|(f, _)| f.clone())
            .collect();
        let again = record(&mut g, &gather(&base, &v, &retry).await);
        assert_eq!(again.len(), 2);
        assert!(again.iter().all(|(_, o)| *o == Outcome::Done));
        assert!(g.failed.is_empty());
        let report = build_report(&p, &g);
        assert!(report.rows.iter().all(|r| r.missing.is_empty()));
        app.shutdown().await;
        sb.shutdown().await;
    });
}

#[test]
fn the_gathering_refuses_robots_of_another_namespace() {
    rt().block_on(async {
        let (sb, app) = start().await;
        let base = app.url();
        let v = visitor(&base).await;
        let other = Fetch::Robot(RobotName::parse("globex+release_bot").unwrap());
        let resp = post(&base, &v, "access_gather")
            .json(&serde_json::json!({"namespace": "acme", "fetches": [other]}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), 400);
        let body = resp.text().await.unwrap();
        assert!(
            body.contains("globex+release_bot is not a robot account of acme"),
            "{body}"
        );
        app.shutdown().await;
        sb.shutdown().await;
    });
}

#[test]
fn quays_recorded_team_answers_parse_into_the_models() {
    let dir = [
        std::env::var("QUAY_REFERENCE_DIR")
            .ok()
            .map(std::path::PathBuf::from),
        Some(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/quay-reference")),
        Some("/work/shared/quay-reference".into()),
    ]
    .into_iter()
    .flatten()
    .find(|p| p.join("recorded-more").exists())
    .expect("the Quay reference must be present; set QUAY_REFERENCE_DIR");
    let body = |f: &str| -> serde_json::Value {
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("recorded-more").join(f)).unwrap())
                .unwrap();
        v["response"]["body"].clone()
    };
    let team: robot_console::quay::model::TeamPermissions =
        serde_json::from_value(body("TEAM_16_GET_org_team_deployers_permissions.json")).unwrap();
    assert_eq!(team.permissions[0].repository.name, "anotherorgrepo");
    assert_eq!(team.permissions[0].role, "write");
    let t: robot_console::quay::model::TransitivePermissions =
        serde_json::from_value(body("TEAM_13_GET_repo_permission_teambot_transitive.json"))
            .unwrap();
    assert_eq!(t.permissions[0].role, "write");
    let robot: robot_console::quay::model::RobotPermissions =
        serde_json::from_value(body("TEAM_18_GET_org_robot_teambot_permissions.json")).unwrap();
    assert!(
        robot.permissions.is_empty(),
        "a team-only robot lists no permission"
    );
}
