//! The permission save path against the embedded backend over loopback: 5,000 repositories are
//! fetched following `next_page`, and a save with injected 5xx ends with every change applied.
#![cfg(feature = "ssr")]

use robot_console::bulk::RetryPolicy;
use robot_console::permissions::{diff, filter_rows, Change, Perm, PermMap};
use robot_console::quay::client::{QuayClient, RobotScope};
use robot_console::quay::ids::{Description, Namespace, RepoName, RobotName, RobotShort};
use robot_console::server::bulk::run_all;
use robot_console::server::permissions::ssr::{apply_one, repo_rows, to_map};
use std::time::Duration;

async fn sandbox(repos: usize, error_rate: f64) -> quay_sandbox::RunningSandbox {
    quay_sandbox::start(quay_sandbox::SandboxConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        seed: quay_sandbox::SeedConfig {
            repos,
            ..Default::default()
        },
        faults: quay_sandbox::FaultConfig {
            error_rate,
            ..Default::default()
        },
        ..Default::default()
    })
    .await
    .expect("sandbox starts")
}

#[tokio::test]
async fn five_thousand_repositories_are_fetched_across_pages_and_search_covers_all() {
    let sb = sandbox(5000, 0.0).await;
    let quay = QuayClient::new(&sb.base_url, Duration::from_secs(30));
    let acme = Namespace::parse("acme").unwrap();
    let rows = repo_rows(&quay, &sb.admin_token, &acme).await.unwrap();
    // 5,000 seeded plus the 30 demo repositories, over 51 pages of 100.
    assert_eq!(rows.len(), 5030);
    let hits = filter_rows(&rows, "repo-49", false, &PermMap::new());
    assert_eq!(hits.len(), 100); // repo-4900..repo-4999
    sb.shutdown().await;
}

#[tokio::test]
async fn a_save_under_injected_5xx_applies_every_change_or_reports_it() {
    let sb = sandbox(60, 0.0).await;
    let quay = QuayClient::new(&sb.base_url, Duration::from_secs(30));
    let acme = Namespace::parse("acme").unwrap();
    let org = RobotScope::Org(acme.clone());
    let flaky = RobotShort::parse("flaky").unwrap();
    quay.create_robot(&sb.admin_token, &org, &flaky, &Description::empty())
        .await
        .unwrap();
    let robot = RobotName::new(&acme, &flaky);
    let token = sb.admin_token.clone();
    let op = |c: &Change| {
        let (quay, token, acme, robot, c) = (&quay, &token, &acme, &robot, c.clone());
        async move { apply_one(quay, token, acme, robot, &c).await }
    };
    let repo = |i: i32| RepoName::parse(&format!("repo-{i:04}")).unwrap();
    let prev: PermMap = (1..=10).map(|i| (repo(i), Perm::Read)).collect();
    run_all(
        diff(&PermMap::new(), &prev),
        8,
        RetryPolicy::default(),
        op,
        |_, o| assert!(!o.is_failed(), "{o:?}"),
    )
    .await;
    let new: PermMap = (6..=60)
        .map(|i| (repo(i), if i % 2 == 0 { Perm::Write } else { Perm::Admin }))
        .collect();
    // 30% of calls fail; a single attempt per change makes failures certain.
    reqwest::Client::new()
        .put(format!("{}/sandbox/settings", sb.base_url))
        .bearer_auth(&sb.admin_token)
        .json(&serde_json::json!({"error_rate": 0.3}))
        .send()
        .await
        .unwrap();
    let once = RetryPolicy {
        attempts: 1,
        ..RetryPolicy::default()
    };
    let mut pending = diff(&prev, &new);
    let mut rounds = 0;
    while !pending.is_empty() {
        rounds += 1;
        assert!(rounds < 30, "never converged");
        let mut failed = Vec::new();
        run_all(pending, 8, once, op, |c, o| {
            if let Some(m) = o.is_failed().then(|| o.message().unwrap_or("").to_string()) {
                assert!(m.contains("Injected fault"), "{m}");
                failed.push(c);
            }
        })
        .await;
        pending = failed;
    }
    assert!(rounds > 1, "the fault injection never hit");
    reqwest::Client::new()
        .put(format!("{}/sandbox/settings", sb.base_url))
        .bearer_auth(&sb.admin_token)
        .json(&serde_json::json!({"error_rate": 0.0}))
        .send()
        .await
        .unwrap();
    let end = to_map(
        quay.robot_permissions(&sb.admin_token, &org, &flaky)
            .await
            .unwrap(),
    );
    assert_eq!(end, new);
    sb.shutdown().await;
}
