//! Seed data: the demo scenario ([`demo`]), the scenario of the recordings ([`recorded`]) and
//! bulk extra seeding ([`bulk`]).

mod apps;
mod bulk;
mod demo;
mod recorded;
mod recorded_logs;

pub use apps::ensure_apps;
pub use bulk::seed_extra;
pub use demo::ensure_role_users;

use rusqlite::{params, Connection};

use crate::api::auth::ALL_SCOPES;
use crate::api::session::hash_password;
use crate::store::{self, User};
use crate::util;

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

pub(crate) struct B<'a> {
    pub c: &'a Connection,
}

impl B<'_> {
    pub(crate) fn user(&self, name: &str, email: &str) -> User {
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
    pub(crate) fn org(&self, name: &str, email: &str) -> User {
        let id = store::create_user(self.c, name, email, None, "org").expect("seed org");
        store::user_by_id(self.c, id).expect("seed org")
    }
    pub(crate) fn team(
        &self,
        org: &User,
        name: &str,
        role: &str,
        desc: &str,
        members: &[&User],
    ) -> i64 {
        let (t, _) = store::upsert_team(self.c, org.id, name, role, Some(desc)).expect("seed team");
        for m in members {
            store::add_team_member(self.c, t.id, m.id).expect("seed member");
        }
        t.id
    }
    pub(crate) fn robot(
        &self,
        owner: &User,
        short: &str,
        desc: &str,
        last_accessed: Option<i64>,
    ) -> User {
        self.robot_aged(owner, short, desc, 30, last_accessed)
    }
    /// A robot created `days` days ago (varied ages make date sorting visible).
    pub(crate) fn robot_aged(
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
    pub(crate) fn repo(
        &self,
        ns: &User,
        name: &str,
        desc: &str,
        public: bool,
        lm: Option<i64>,
    ) -> i64 {
        store::create_repo(self.c, ns.id, name, desc, public, lm).expect("seed repo")
    }
    pub(crate) fn perm(&self, repo: i64, u: &User, role: &str) {
        store::set_repo_perm(self.c, repo, u.id, role).expect("seed perm");
    }
}

/// Seed a new database; returns the admin user name.
pub fn seed(c: &mut Connection, scenario: Scenario) -> anyhow::Result<()> {
    let tx = c.transaction()?;
    {
        let b = B { c: &tx };
        match scenario {
            Scenario::Demo => demo::seed_demo(&b),
            Scenario::Recorded => recorded::seed_recorded(&b),
        }
    }
    store::meta_set(&tx, "seeded", scenario.admin_user())?;
    tx.commit()?;
    Ok(())
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
