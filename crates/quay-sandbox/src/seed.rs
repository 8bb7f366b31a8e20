//! Seed data: the demo scenario, the scenario of the recordings, and bulk extra seeding.

use rusqlite::{params, Connection};

use crate::api::auth::ALL_SCOPES;
use crate::api::session::hash_password;
use crate::store::{self, User};
use crate::util;
use crate::SeedConfig;

/// Which starting state a new database gets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scenario {
    /// User `demo`, orgs `acme` and `globex` (the default).
    #[default]
    Demo,
    /// The state the reference recordings start from: user `devtable`, org `buynlarge`, ...
    Recorded,
}

impl Scenario {
    pub fn admin_user(self) -> &'static str {
        match self {
            Scenario::Demo => "demo",
            Scenario::Recorded => "devtable",
        }
    }
}

struct B<'a> {
    c: &'a Connection,
}

impl B<'_> {
    fn user(&self, name: &str, email: &str) -> User {
        let id = store::create_user(
            self.c,
            name,
            email,
            Some(&hash_password("password")),
            "user",
        )
        .expect("seed user");
        store::user_by_id(self.c, id).expect("seed user")
    }
    fn org(&self, name: &str, email: &str) -> User {
        let id = store::create_user(self.c, name, email, None, "org").expect("seed org");
        store::user_by_id(self.c, id).expect("seed org")
    }
    fn team(&self, org: &User, name: &str, role: &str, desc: &str, members: &[&User]) -> i64 {
        let (t, _) = store::upsert_team(self.c, org.id, name, role, Some(desc)).expect("seed team");
        for m in members {
            store::add_team_member(self.c, t.id, m.id).expect("seed member");
        }
        t.id
    }
    fn robot(&self, owner: &User, short: &str, desc: &str, last_accessed: Option<i64>) -> User {
        self.robot_aged(owner, short, desc, 30, last_accessed)
    }
    /// A robot created `days` days ago (varied ages make date sorting visible).
    fn robot_aged(
        &self,
        owner: &User,
        short: &str,
        desc: &str,
        days: i64,
        last_accessed: Option<i64>,
    ) -> User {
        let r = store::create_robot(
            self.c,
            owner,
            short,
            desc,
            None,
            util::now() - 86_400 * days,
        )
        .expect("seed robot");
        if let Some(t) = last_accessed {
            let _ = self.c.execute(
                "UPDATE users SET last_accessed = ?1 WHERE id = ?2",
                params![t, r.id],
            );
        }
        r
    }
    fn repo(&self, ns: &User, name: &str, desc: &str, public: bool, lm: Option<i64>) -> i64 {
        store::create_repo(self.c, ns.id, name, desc, public, lm).expect("seed repo")
    }
    fn perm(&self, repo: i64, u: &User, role: &str) {
        store::set_repo_perm(self.c, repo, u.id, role).expect("seed perm");
    }
}

/// Seed a new database; returns the admin user name.
pub fn seed(c: &mut Connection, scenario: Scenario) -> anyhow::Result<()> {
    let tx = c.transaction()?;
    {
        let b = B { c: &tx };
        match scenario {
            Scenario::Demo => seed_demo(&b),
            Scenario::Recorded => seed_recorded(&b),
        }
    }
    store::meta_set(&tx, "seeded", scenario.admin_user())?;
    tx.commit()?;
    Ok(())
}

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

fn seed_demo(b: &B) {
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
}

fn seed_recorded(b: &B) {
    let devtable = b.user("devtable", "jschorr@devtable.com");
    let public = b.user("public", "jacob.moshenko@gmail.com");
    let reader = b.user("reader", "reader@devtable.com");
    let creator = b.user("creator", "creator@devtable.com");
    let outside = b.user("outsideorg", "outside@devtable.com");
    b.user("freshuser", "no@thanks.com");

    let bl = b.org("buynlarge", "quay@devtable.com");
    store::meta_set(b.c, "quota:buynlarge", "3000").expect("seed quota");
    for billed in ["devtable", "buynlarge"] {
        store::meta_set(b.c, &format!("billing:{billed}"), "cus_test").expect("seed billing");
    }
    for name in [
        "testorgforautoprune",
        "library",
        "titi",
        "sellnsmall",
        "proxyorg",
    ] {
        let o = b.org(name, &format!("{name}@devtable.com"));
        b.team(&o, "owners", "admin", "", &[&devtable]);
    }
    let coolrobot = b.robot(&bl, "coolrobot", "", None);
    let _ = coolrobot;
    b.robot(&bl, "neworgrobot", "", None);
    let ownerbot = b.robot(&bl, "ownerbot", "", None);
    let creatorbot = b.robot(&bl, "creatorbot", "", None);
    b.team(
        &bl,
        "owners",
        "admin",
        "Owners have unfetterd access across the entire org.",
        &[&devtable, &ownerbot],
    );
    b.team(
        &bl,
        "creators",
        "creator",
        "Creators of orgrepo.",
        &[&creator, &creatorbot],
    );
    let readers = b.team(
        &bl,
        "readers",
        "member",
        "Readers of orgrepo.",
        &[&public, &reader],
    );
    b.team(&bl, "synced", "member", "Some synced team.", &[]);
    let orgrepo = b.repo(&bl, "orgrepo", "Repository owned by an org.", false, None);
    b.repo(
        &bl,
        "anotherorgrepo",
        "Another repository owned by an org.",
        false,
        None,
    );
    let _ = store::set_team_repo_perm(b.c, orgrepo, readers, "read");
    b.perm(orgrepo, &outside, "read");
    let _ = store::create_prototype(
        b.c,
        "100b98a5-939c-4976-89db-0263de76e238",
        bl.id,
        Some(devtable.id),
        Some(public.id),
        None,
        "read",
    );
    let _ = store::create_prototype(
        b.c,
        "3a51c9f1-ea33-4830-a70d-159f68bbd856",
        bl.id,
        Some(devtable.id),
        None,
        Some(readers),
        "read",
    );
    let _ = store::create_prototype(
        b.c,
        "010b7c2c-9c67-44cf-ad20-8f912ade8231",
        bl.id,
        Some(public.id),
        Some(devtable.id),
        None,
        "write",
    );

    let dtrobot = b.robot(&devtable, "dtrobot", "", None);
    let dtrobot2 = b.robot(&devtable, "dtrobot2", "", None);
    b.repo(&devtable, "simple", "", false, None);
    let shared = b.repo(&devtable, "sharedtags", "", false, None);
    let complex = b.repo(&devtable, "complex", "", false, None);
    let mirrored = b.repo(&devtable, "mirrored", "", false, None);
    b.perm(shared, &dtrobot, "read");
    b.perm(complex, &dtrobot, "read");
    b.perm(mirrored, &dtrobot, "write");
    b.perm(mirrored, &dtrobot2, "write");
}

/// The admin token: the configured one, or the one persisted, or a new one. Ensures its row.
pub fn admin_token(
    c: &Connection,
    admin_user: &str,
    configured: Option<&str>,
) -> anyhow::Result<(String, bool)> {
    let user = store::user_by_name(c, admin_user)
        .ok_or_else(|| anyhow::anyhow!("admin user {admin_user} missing"))?;
    let (token, generated) = match configured {
        Some(t) => (t.to_string(), false),
        None => match store::meta_get(c, "admin_token") {
            Some(t) => (t, false),
            None => (
                util::random_string(40, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"),
                true,
            ),
        },
    };
    store::create_token(c, user.id, ALL_SCOPES, Some(&token));
    store::meta_set(c, "admin_token", &token)?;
    Ok((token, generated))
}

/// Bulk extra seeding into org `acme` (or the scenario's org). Idempotent: only adds what is missing.
pub fn seed_extra(c: &mut Connection, org_name: &str, cfg: &SeedConfig) -> anyhow::Result<()> {
    if cfg.robots == 0 && cfg.repos == 0 && cfg.teams == 0 {
        return Ok(());
    }
    let org =
        store::user_by_name(c, org_name).ok_or_else(|| anyhow::anyhow!("no org {org_name}"))?;
    let now = util::now();
    let tx = c.transaction()?;
    {
        let mut team_ids = Vec::with_capacity(cfg.teams);
        for i in 1..=cfg.teams {
            let name = format!("team-{i:03}");
            let (t, _) = store::upsert_team(
                &tx,
                org.id,
                &name,
                "member",
                Some(&format!("Seeded team {i}")),
            )?;
            team_ids.push(t.id);
        }
        let mut repo_ids = Vec::with_capacity(cfg.repos);
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO repos(ns_id, name, description, is_public, last_modified) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut get =
                tx.prepare_cached("SELECT id FROM repos WHERE ns_id = ?1 AND name = ?2")?;
            for i in 1..=cfg.repos {
                let name = format!("repo-{i:04}");
                let lm = if i % 10 == 0 {
                    None
                } else {
                    Some(now - (i as i64) * 600)
                };
                ins.execute(params![
                    org.id,
                    name,
                    format!("Seeded repository {i}"),
                    (i % 4 == 0) as i64,
                    lm
                ])?;
                repo_ids.push(get.query_row(params![org.id, name], |r| r.get::<_, i64>(0))?);
            }
        }
        {
            let mut ins = tx.prepare_cached(
                "INSERT OR IGNORE INTO users(username, kind, owner_id, robot_token, description, created, last_accessed) VALUES (?1, 'robot', ?2, ?3, ?4, ?5, ?6)",
            )?;
            let mut get = tx.prepare_cached("SELECT id FROM users WHERE username = ?1")?;
            let mut member = tx.prepare_cached(
                "INSERT OR IGNORE INTO team_members(team_id, user_id) VALUES (?1, ?2)",
            )?;
            let mut perm = tx.prepare_cached(
                "INSERT OR IGNORE INTO repo_perms(repo_id, user_id, role) VALUES (?1, ?2, ?3)",
            )?;
            for i in 1..=cfg.robots {
                let name = format!("{}+bot{i:04}", org.username);
                let la = if i % 3 == 0 {
                    Some(now - (i as i64) * 120)
                } else {
                    None
                };
                let created = now - 86_400 * 60 + i as i64;
                if ins.execute(params![
                    name,
                    org.id,
                    util::robot_token(),
                    format!("Seeded robot {i}"),
                    created,
                    la
                ])? == 0
                {
                    continue;
                }
                let id: i64 = get.query_row([&name], |r| r.get(0))?;
                if !team_ids.is_empty() {
                    member.execute(params![team_ids[i % team_ids.len()], id])?;
                }
                if !repo_ids.is_empty() {
                    perm.execute(params![repo_ids[i % repo_ids.len()], id, "read"])?;
                    if i % 3 == 0 {
                        perm.execute(params![repo_ids[(i * 7) % repo_ids.len()], id, "write"])?;
                    }
                }
            }
        }
    }
    tx.commit()?;
    Ok(())
}
