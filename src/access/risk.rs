//! The per-robot summary and its risk flags: admin anywhere, write or admin on many
//! repositories, never used, not used for a while, and a long-lived token with no federation.

use super::merge::RobotAccess;
use crate::permissions::Perm;
use serde::{Deserialize, Serialize};

/// The thresholds of the flags (the page lets people change them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskSettings {
    /// Flag write or admin on more than this many repositories.
    pub many_repos: usize,
    /// Flag a robot last used this many days ago or longer.
    pub unused_days: u32,
    /// Flag a robot without federation whose token is this many days old or older. Quay does not
    /// tell when a token was last regenerated, so its age counts from the robot's creation.
    pub token_days: u32,
}

impl Default for RiskSettings {
    fn default() -> Self {
        RiskSettings {
            many_repos: 10,
            unused_days: 90,
            token_days: 90,
        }
    }
}

/// Kinds of flags, for filtering and test ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RiskKind {
    Admin,
    ManyRepos,
    NeverUsed,
    Unused,
    LongLivedToken,
}

impl RiskKind {
    pub const ALL: [RiskKind; 5] = [
        RiskKind::Admin,
        RiskKind::ManyRepos,
        RiskKind::NeverUsed,
        RiskKind::Unused,
        RiskKind::LongLivedToken,
    ];

    /// A stable key (select values, test ids, JSON).
    pub fn key(self) -> &'static str {
        match self {
            RiskKind::Admin => "admin",
            RiskKind::ManyRepos => "many-repos",
            RiskKind::NeverUsed => "never-used",
            RiskKind::Unused => "unused",
            RiskKind::LongLivedToken => "long-lived-token",
        }
    }

    pub fn from_key(k: &str) -> Option<RiskKind> {
        RiskKind::ALL.into_iter().find(|r| r.key() == k)
    }

    /// The filter's label.
    pub fn label(self) -> &'static str {
        match self {
            RiskKind::Admin => "Admin on a repository",
            RiskKind::ManyRepos => "Write or admin on many repositories",
            RiskKind::NeverUsed => "Never used",
            RiskKind::Unused => "Not used for a while",
            RiskKind::LongLivedToken => "Long-lived token, no federation",
        }
    }
}

/// One flag on a robot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Risk {
    Admin { repos: usize },
    ManyRepos { repos: usize, limit: usize },
    NeverUsed,
    Unused { days: i64 },
    LongLivedToken { days: i64 },
}

fn repositories(n: usize) -> String {
    if n == 1 {
        "1 repository".into()
    } else {
        format!("{n} repositories")
    }
}

fn days_text(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

impl Risk {
    pub fn kind(&self) -> RiskKind {
        match self {
            Risk::Admin { .. } => RiskKind::Admin,
            Risk::ManyRepos { .. } => RiskKind::ManyRepos,
            Risk::NeverUsed => RiskKind::NeverUsed,
            Risk::Unused { .. } => RiskKind::Unused,
            Risk::LongLivedToken { .. } => RiskKind::LongLivedToken,
        }
    }

    /// What the flag says.
    pub fn label(&self) -> String {
        match self {
            Risk::Admin { repos } => format!("Admin on {}", repositories(*repos)),
            Risk::ManyRepos { repos, limit } => {
                format!(
                    "Write or admin on {} (more than {limit})",
                    repositories(*repos)
                )
            }
            Risk::NeverUsed => "Never used".into(),
            Risk::Unused { days } => format!("Not used for {}", days_text(*days)),
            Risk::LongLivedToken { days } => format!(
                "Long-lived token, no federation (robot created {} ago)",
                days_text(*days)
            ),
        }
    }
}

/// Repositories by effective role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleCounts {
    pub admin: usize,
    pub write: usize,
    pub read: usize,
}

pub fn role_counts(row: &RobotAccess) -> RoleCounts {
    let mut c = RoleCounts::default();
    for cell in row.cells.values() {
        match cell.role {
            Perm::Admin => c.admin += 1,
            Perm::Write => c.write += 1,
            Perm::Read => c.read += 1,
            Perm::None => {}
        }
    }
    c
}

/// The flags of one robot at `now` (epoch seconds). A flag that needs data not read yet (the
/// federation answer) is not raised; the row says what is missing.
pub fn risks(row: &RobotAccess, s: &RiskSettings, now: i64) -> Vec<Risk> {
    let days = |t: i64| crate::dates::days_between(t, now);
    let counts = role_counts(row);
    let mut out = Vec::new();
    if counts.admin > 0 {
        out.push(Risk::Admin {
            repos: counts.admin,
        });
    }
    let strong = counts.admin + counts.write;
    if strong > s.many_repos {
        out.push(Risk::ManyRepos {
            repos: strong,
            limit: s.many_repos,
        });
    }
    let robot = &row.robot;
    match robot.last_accessed_epoch {
        None if robot.last_accessed.is_none() => out.push(Risk::NeverUsed),
        // An unreadable date is not a reason to flag.
        None => {}
        Some(t) if days(t) >= i64::from(s.unused_days) => out.push(Risk::Unused { days: days(t) }),
        Some(_) => {}
    }
    if row.federated == Some(false) {
        if let Some(created) = robot.created_epoch {
            if days(created) >= i64::from(s.token_days) {
                out.push(Risk::LongLivedToken {
                    days: days(created),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::merge::build_report;
    use super::*;

    fn flags(robot: &str, s: &RiskSettings) -> Vec<String> {
        let r = build_report(&plan(), &gathered());
        let row = r
            .rows
            .iter()
            .find(|x| x.robot.name.as_str() == robot)
            .unwrap();
        risks(row, s, NOW).iter().map(Risk::label).collect()
    }

    #[test]
    fn each_flag_fires_at_its_threshold() {
        let s = RiskSettings::default();
        // boss: organization admin through owners (3 repositories), used 100 days ago, no
        // federation but created 5 days ago.
        assert_eq!(
            flags("acme+boss", &s),
            ["Admin on 3 repositories", "Not used for 100 days"]
        );
        // teambot: write on one repository, used yesterday, created 400 days ago, no federation.
        assert_eq!(
            flags("acme+teambot", &s),
            ["Long-lived token, no federation (robot created 400 days ago)"]
        );
        // mixed: never used, federated.
        assert_eq!(flags("acme+mixed", &s), ["Never used"]);
        let strict = RiskSettings {
            many_repos: 0,
            unused_days: 1,
            token_days: 0,
        };
        assert_eq!(
            flags("acme+teambot", &strict),
            [
                "Write or admin on 1 repository (more than 0)",
                "Not used for 1 day",
                "Long-lived token, no federation (robot created 400 days ago)"
            ]
        );
        // Federated robots never get the token flag.
        assert_eq!(
            flags("acme+mixed", &strict),
            ["Write or admin on 1 repository (more than 0)", "Never used"]
        );
    }

    #[test]
    fn counts_are_by_effective_role() {
        let r = build_report(&plan(), &gathered());
        let mixed = r
            .rows
            .iter()
            .find(|x| x.robot.name.as_str() == "acme+mixed")
            .unwrap();
        assert_eq!(
            role_counts(mixed),
            RoleCounts {
                admin: 0,
                write: 1,
                read: 1
            }
        );
    }

    #[test]
    fn an_unknown_federation_raises_no_token_flag() {
        let mut g = gathered();
        g.robots
            .remove(&crate::quay::ids::RobotName::parse("acme+teambot").unwrap());
        let r = build_report(&plan(), &g);
        let row = r
            .rows
            .iter()
            .find(|x| x.robot.name.as_str() == "acme+teambot")
            .unwrap();
        let strict = RiskSettings {
            token_days: 0,
            ..RiskSettings::default()
        };
        assert!(risks(row, &strict, NOW)
            .iter()
            .all(|r| r.kind() != RiskKind::LongLivedToken));
    }

    #[test]
    fn kinds_have_stable_keys() {
        for k in RiskKind::ALL {
            assert_eq!(RiskKind::from_key(k.key()), Some(k));
        }
        assert_eq!(RiskKind::from_key("nope"), None);
    }
}
