//! The robot access report ("who can reach what", across every robot of a namespace), apart from
//! any component: what the server fetches, what each fetch answers, and the assembly into a
//! matrix, its risk flags, filters, keyboard movement and exports. Shared by the server (which
//! gathers) and the page (which assembles as the answers stream in).
//!
//! What Quay tells (recorded in `shared/quay-reference/recorded-more/TEAM_*`):
//! * Robot views list direct grants only: `robots/{r}/permissions` is `{"permissions": []}` for a
//!   robot whose access comes through a team (TEAM_18), and so is `repositories` in the robots
//!   list; only `teams` names the team (TEAM_20).
//! * A team's grants come from `organization/{org}/team/{team}/permissions` (TEAM_16); the teams
//!   and their organization roles from `organization/{org}` (TEAM_23): there is no team list.
//! * The effective role is the highest of the direct grant and the grants of the robot's teams,
//!   which `permissions/user/{r}/transitive` answers (TEAM_13).
//! * A team whose organization role is `admin` makes its members administrators of the
//!   organization: admin on every repository without any permission row (Quay's org-wide
//!   repository role; the registry grants it, `transitive` does not list it). The report shows it
//!   as its own source.

pub mod export;
pub mod filter;
pub mod grid;
pub mod merge;
pub mod risk;
pub mod summary;

use crate::bulk::Outcome;
use crate::permissions::Perm;
use crate::quay::ids::{Namespace, RepoName, RobotName, TeamName};
use crate::robot_list::RobotRow;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use merge::{build_report, Cell, Grant, Report, RobotAccess, Source};

/// One fetch the report needs (one item of the bulk engine).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "fetch", content = "name", rename_all = "snake_case")]
pub enum Fetch {
    /// Every repository of the namespace (the columns).
    Repositories,
    /// One robot's direct grants and whether it has a federation configuration.
    Robot(RobotName),
    /// One team's repository grants.
    Team(TeamName),
}

crate::json::from_json_serde!(Fetch, Fetched);

impl Fetch {
    /// The failure line: what could not be read, and Quay's message.
    pub fn failure_line(&self, message: &str) -> String {
        let what = match self {
            Fetch::Repositories => "Failed to list the repositories".to_string(),
            Fetch::Robot(r) => format!("Failed to read robot account {r}"),
            Fetch::Team(t) => format!("Failed to read the permissions of team {t}"),
        };
        format!("{what}, {}.", message.trim_end_matches('.'))
    }
}

/// A repository column.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepoInfo {
    pub name: RepoName,
    pub is_public: bool,
}

/// One grant as Quay lists it (for a robot or a team).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepoGrant {
    pub repo: RepoName,
    pub perm: Perm,
}

/// What one fetch found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fetched {
    Repositories {
        repositories: Vec<RepoInfo>,
    },
    Robot {
        grants: Vec<RepoGrant>,
        federated: bool,
    },
    Team {
        grants: Vec<RepoGrant>,
    },
}

/// A team of the organization and its organization-wide role (`member`, `creator`, `admin`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamInfo {
    pub name: TeamName,
    pub role: String,
}

/// What the report starts from, read in one call: the robots with their teams, and the teams.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessPlan {
    pub namespace: Namespace,
    /// The signed-in user's own namespace (no teams).
    pub is_user: bool,
    pub robots: Vec<RobotRow>,
    pub teams: Vec<TeamInfo>,
    /// When the plan was read (epoch seconds): "not used for N days" counts from here.
    pub generated_at: i64,
    /// What could not be read but does not stop the report.
    pub warnings: Vec<String>,
}

impl AccessPlan {
    /// The fetches: the repository list, every robot, and every team a robot is in (teams
    /// without robots do not change the report).
    pub fn fetches(&self) -> Vec<Fetch> {
        let mut teams = BTreeSet::new();
        for r in &self.robots {
            for t in r.teams.iter().flatten() {
                if let Ok(t) = TeamName::parse(t) {
                    teams.insert(t);
                }
            }
        }
        let mut out = vec![Fetch::Repositories];
        let mut robots: Vec<&RobotName> = self.robots.iter().map(|r| &r.name).collect();
        robots.sort();
        robots.dedup();
        out.extend(robots.into_iter().cloned().map(Fetch::Robot));
        out.extend(teams.into_iter().map(Fetch::Team));
        out
    }

    /// The organization role of `team`, when the organization listed it.
    pub fn team_role(&self, team: &str) -> Option<&str> {
        self.teams
            .iter()
            .find(|t| t.name.as_str() == team)
            .map(|t| t.role.as_str())
    }
}

/// A robot's answer: its direct grants and whether it has a federation configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RobotFetched {
    pub grants: Vec<RepoGrant>,
    pub federated: bool,
}

/// The answers so far, and what failed (Quay's message per fetch).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gathered {
    pub repositories: Option<Vec<RepoInfo>>,
    pub robots: HashMap<RobotName, RobotFetched>,
    pub teams: HashMap<TeamName, Vec<RepoGrant>>,
    pub failed: BTreeMap<Fetch, String>,
}

impl Gathered {
    /// Records one streamed outcome: an answer replaces an earlier failure (Retry failed), a
    /// failure keeps an earlier answer (a refresh that failed does not blank the row).
    pub fn record(&mut self, fetch: &Fetch, outcome: &Outcome, data: Option<Fetched>) {
        if let Outcome::Failed { message, .. } = outcome {
            self.failed.insert(fetch.clone(), message.clone());
            return;
        }
        let Some(data) = data else {
            return;
        };
        self.failed.remove(fetch);
        match (fetch, data) {
            (Fetch::Repositories, Fetched::Repositories { repositories }) => {
                self.repositories = Some(repositories)
            }
            (Fetch::Robot(r), Fetched::Robot { grants, federated }) => {
                self.robots
                    .insert(r.clone(), RobotFetched { grants, federated });
            }
            (Fetch::Team(t), Fetched::Team { grants }) => {
                self.teams.insert(t.clone(), grants);
            }
            // An answer of another kind than asked: nothing sensible to record.
            _ => {}
        }
    }

    /// Whether `fetch` failed, with Quay's message.
    pub fn failure(&self, fetch: &Fetch) -> Option<&str> {
        self.failed.get(fetch).map(String::as_str)
    }
}

/// Quay's role string in lower case (`read`, `write`, `admin`), as Quay writes it.
pub fn role_name(p: Perm) -> &'static str {
    p.role().unwrap_or("none")
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! A small namespace for the tests of the report's parts.
    use super::*;

    pub fn robot(name: &str, teams: &[&str], last: Option<i64>, created: Option<i64>) -> RobotRow {
        RobotRow {
            name: RobotName::parse(name).unwrap(),
            description: String::new(),
            teams: Some(teams.iter().map(|t| t.to_string()).collect()),
            repositories: Some(Vec::new()),
            last_accessed: last.map(|_| "Tue, 01 Dec 2026 06:55:03 -0000".to_string()),
            last_accessed_epoch: last,
            created: created.map(|_| "Tue, 01 Dec 2026 06:55:01 -0000".to_string()),
            created_epoch: created,
            log_last_used: None,
        }
    }

    pub fn grants(list: &[(&str, Perm)]) -> Vec<RepoGrant> {
        list.iter()
            .map(|(r, p)| RepoGrant {
                repo: RepoName::parse(r).unwrap(),
                perm: *p,
            })
            .collect()
    }

    pub fn repos(names: &[&str]) -> Vec<RepoInfo> {
        names
            .iter()
            .map(|n| RepoInfo {
                name: RepoName::parse(n).unwrap(),
                is_public: false,
            })
            .collect()
    }

    pub const NOW: i64 = 2_000_000_000;
    pub const DAY: i64 = 86_400;

    /// acme: `ci` (write on api, read on web), `owners` (organization admin), `empty` (no robot).
    /// `acme+teambot` reaches through `ci` only (as TEAM_18); `acme+mixed` has a direct read on
    /// api and is in `ci`; `acme+boss` is in `owners`; `acme+idle` has nothing.
    pub fn plan() -> AccessPlan {
        AccessPlan {
            namespace: Namespace::parse("acme").unwrap(),
            is_user: false,
            robots: vec![
                robot(
                    "acme+teambot",
                    &["ci"],
                    Some(NOW - DAY),
                    Some(NOW - 400 * DAY),
                ),
                robot("acme+mixed", &["ci"], None, Some(NOW - 10 * DAY)),
                robot(
                    "acme+boss",
                    &["owners"],
                    Some(NOW - 100 * DAY),
                    Some(NOW - 5 * DAY),
                ),
                robot("acme+idle", &[], None, Some(NOW - 200 * DAY)),
            ],
            teams: vec![
                TeamInfo {
                    name: TeamName::parse("owners").unwrap(),
                    role: "admin".into(),
                },
                TeamInfo {
                    name: TeamName::parse("ci").unwrap(),
                    role: "member".into(),
                },
                TeamInfo {
                    name: TeamName::parse("empty").unwrap(),
                    role: "member".into(),
                },
            ],
            generated_at: NOW,
            warnings: Vec::new(),
        }
    }

    pub fn gathered() -> Gathered {
        let mut g = Gathered::default();
        let done = Outcome::Done;
        g.record(
            &Fetch::Repositories,
            &done,
            Some(Fetched::Repositories {
                repositories: repos(&["api", "web", "db"]),
            }),
        );
        let robot = |n: &str| Fetch::Robot(RobotName::parse(n).unwrap());
        let answer = |grants, federated| Some(Fetched::Robot { grants, federated });
        g.record(&robot("acme+teambot"), &done, answer(vec![], false));
        g.record(
            &robot("acme+mixed"),
            &done,
            answer(super::fixtures::grants(&[("api", Perm::Read)]), true),
        );
        g.record(&robot("acme+boss"), &done, answer(vec![], false));
        g.record(&robot("acme+idle"), &done, answer(vec![], false));
        g.record(
            &Fetch::Team(TeamName::parse("ci").unwrap()),
            &done,
            Some(Fetched::Team {
                grants: super::fixtures::grants(&[("api", Perm::Write), ("web", Perm::Read)]),
            }),
        );
        g.record(
            &Fetch::Team(TeamName::parse("owners").unwrap()),
            &done,
            Some(Fetched::Team { grants: vec![] }),
        );
        g
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    #[test]
    fn the_plan_fetches_repositories_every_robot_and_only_teams_with_robots() {
        let f = plan().fetches();
        assert_eq!(f[0], Fetch::Repositories);
        let teams: Vec<_> = f
            .iter()
            .filter_map(|f| match f {
                Fetch::Team(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(teams, ["ci", "owners"], "team `empty` has no robot");
        assert_eq!(f.len(), 1 + 4 + 2);
    }

    #[test]
    fn a_retry_that_succeeds_replaces_the_failure_and_a_failed_refresh_keeps_the_answer() {
        let mut g = gathered();
        let ci = Fetch::Team(TeamName::parse("ci").unwrap());
        let failed = Outcome::Failed {
            status: 500,
            message: "Injected fault (500)".into(),
        };
        g.record(&ci, &failed, None);
        assert_eq!(g.failure(&ci), Some("Injected fault (500)"));
        assert_eq!(g.teams[&TeamName::parse("ci").unwrap()].len(), 2);
        g.record(&ci, &Outcome::Done, Some(Fetched::Team { grants: vec![] }));
        assert_eq!(g.failure(&ci), None);
        assert!(g.teams[&TeamName::parse("ci").unwrap()].is_empty());
    }

    #[test]
    fn failure_lines_name_what_failed_with_quays_message() {
        let r = Fetch::Robot(RobotName::parse("acme+bot0003").unwrap());
        assert_eq!(
            r.failure_line("Injected fault (500)"),
            "Failed to read robot account acme+bot0003, Injected fault (500)."
        );
        let t = Fetch::Team(TeamName::parse("team-002").unwrap());
        assert_eq!(
            t.failure_line("Unauthorized."),
            "Failed to read the permissions of team team-002, Unauthorized."
        );
    }

    #[test]
    fn fetches_travel_as_tagged_json() {
        let f = Fetch::Robot(RobotName::parse("acme+xy").unwrap());
        let j = serde_json::to_string(&f).unwrap();
        assert_eq!(j, r#"{"fetch":"robot","name":"acme+xy"}"#);
        assert_eq!(serde_json::from_str::<Fetch>(&j).unwrap(), f);
        assert_eq!(
            serde_json::to_string(&Fetch::Repositories).unwrap(),
            r#"{"fetch":"repositories"}"#
        );
        // A name that is not a robot name is refused at the door.
        assert!(serde_json::from_str::<Fetch>(r#"{"fetch":"robot","name":"../x"}"#).is_err());
    }
}
