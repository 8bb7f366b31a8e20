//! The demo scenario: user `demo`, organizations `acme` and `globex`.

use super::B;
use crate::store;
use crate::util;

const DEMO_REPOS: [&str; 30] = [
    "api-server",
    "web-frontend",
    "billing",
    "auth-service",
    "payments-gateway",
    "notification-worker",
    "search-indexer",
    "inventory",
    "checkout",
    "user-profile",
    "image-resizer",
    "metrics-exporter",
    "log-shipper",
    "config-server",
    "feature-flags",
    "recommendation-engine",
    "email-templates",
    "mobile-backend",
    "admin-portal",
    "reporting",
    "data-pipeline",
    "ml-training",
    "cache-warmer",
    "rate-limiter",
    "gateway",
    "docs-site",
    "status-page",
    "cron-jobs",
    "legacy-monolith",
    "base-images",
];

pub(super) fn seed_demo(b: &B) {
    let now = util::now();
    let demo = b.user("demo", "demo@example.com");
    let alice = b.user("alice", "alice@example.com");
    let bob = b.user("bob", "bob@example.com");
    let gina = b.user("gina", "gina@example.com");

    let acme = b.org("acme", "admin@acme.example.com");
    b.team(
        &acme,
        "owners",
        "admin",
        "Owners have unfettered access across the entire org.",
        &[&demo],
    );
    let developers = b.team(
        &acme,
        "developers",
        "member",
        "Application developers",
        &[&alice],
    );
    let readers = b.team(&acme, "readers", "member", "Read-only access", &[&bob]);

    let mut repo_ids = Vec::new();
    for (i, name) in DEMO_REPOS.iter().enumerate() {
        let lm = if i % 7 == 3 {
            None
        } else {
            Some(now - (i as i64) * 36_000 - 600)
        };
        let desc = format!("The {} service", name.replace('-', " "));
        repo_ids.push(b.repo(&acme, name, &desc, i % 5 == 0, lm));
    }
    for (i, id) in repo_ids.iter().enumerate().take(10) {
        let role = if i < 5 { "write" } else { "read" };
        let _ = store::set_team_repo_perm(b.c, *id, developers, role);
    }
    let _ = store::set_team_repo_perm(b.c, repo_ids[0], readers, "read");

    let deployer = b.robot_aged(
        &acme,
        "deployer",
        "Deploys to production",
        120,
        Some(now - 7_200),
    );
    store::add_team_member(b.c, developers, deployer.id).expect("seed");
    for id in &repo_ids[0..3] {
        b.perm(*id, &deployer, "write");
    }
    let ci = b.robot_aged(
        &acme,
        "ci_builder",
        "Builds images in CI",
        45,
        Some(now - 86_400 * 3),
    );
    for id in &repo_ids[0..5] {
        b.perm(*id, &ci, "read");
    }
    b.robot_aged(&acme, "backup.bot", "", 400, None);
    let scanner = b.robot_aged(
        &acme,
        "scanner",
        "Scans images for vulnerabilities",
        10,
        Some(now - 86_400 * 200),
    );
    for id in repo_ids.iter().step_by(6) {
        b.perm(*id, &scanner, "read");
    }
    let _ = store::create_prototype(
        b.c,
        &util::uuid4(),
        acme.id,
        None,
        Some(deployer.id),
        None,
        "write",
    );
    let _ = store::create_prototype(
        b.c,
        &util::uuid4(),
        acme.id,
        Some(alice.id),
        None,
        Some(readers),
        "read",
    );

    let globex = b.org("globex", "it@globex.example.com");
    b.team(&globex, "owners", "admin", "", &[&gina]);
    b.team(&globex, "staff", "member", "Everyone at Globex", &[&demo]);
    let g1 = b.repo(
        &globex,
        "hammock",
        "Hammock district planner",
        false,
        Some(now - 50_000),
    );
    b.repo(&globex, "doomsday-device", "", false, None);
    let rel = b.robot(
        &globex,
        "release_bot",
        "Publishes releases",
        Some(now - 3_600),
    );
    b.perm(g1, &rel, "write");
    b.robot(&globex, "metrics", "", None);

    let laptop = b.robot(&demo, "laptop", "Pulls from my laptop", None);
    let d1 = b.repo(
        &demo,
        "sandbox",
        "Personal sandbox",
        false,
        Some(now - 1_000),
    );
    b.repo(&demo, "dotfiles", "", true, None);
    b.repo(
        &demo,
        "notes-app",
        "A small notes app",
        false,
        Some(now - 200_000),
    );
    b.perm(d1, &laptop, "read");

    ensure_role_users(b.c).expect("seed role users");
}

/// For roles tests: an outsider `olivia` (member of no organization) and a superuser `quayadmin`
/// (also of no organization; its powers need a session or a token with `super:user`). Also run
/// on databases seeded before they existed.
pub fn ensure_role_users(c: &rusqlite::Connection) -> rusqlite::Result<()> {
    for name in ["olivia", "quayadmin"] {
        if store::user_by_name(c, name).is_none() {
            let pw = crate::api::session::hash_password("password");
            store::create_user(c, name, &format!("{name}@example.com"), Some(&pw), "user")?;
        }
    }
    c.execute(
        "UPDATE users SET superuser = 1 WHERE username = 'quayadmin'",
        [],
    )?;
    Ok(())
}
