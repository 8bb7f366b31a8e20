//! The create robot account wizard (spec §2) without its views: the steps it shows, the plan the
//! user builds, the follow-up calls that plan turns into once the robot exists, and how each went.
//! Plain functions, shared by the browser and the server.

use crate::permissions::{Perm, PermMap};
use crate::quay::ids::{Description, RepoName, RobotShort, TeamName};
use serde::{Deserialize, Serialize};

/// One page of the wizard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WizardStep {
    Name,
    Teams,
    Repositories,
    DefaultPermissions,
    Review,
}

impl WizardStep {
    /// The steps of an organization (five) or of a user namespace (three).
    pub fn all(is_user: bool) -> &'static [WizardStep] {
        use WizardStep::*;
        if is_user {
            &[Name, Repositories, Review]
        } else {
            &[Name, Teams, Repositories, DefaultPermissions, Review]
        }
    }

    /// The nav item's name, exactly as Quay's (its tests assert them).
    pub fn title(self) -> &'static str {
        match self {
            WizardStep::Name => "Robot name and description",
            WizardStep::Teams => "Add to team (optional)",
            WizardStep::Repositories => "Add to repository (optional)",
            WizardStep::DefaultPermissions => "Default permissions (optional)",
            WizardStep::Review => "Review and Finish",
        }
    }
}

/// Everything the user chose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WizardPlan {
    pub short: RobotShort,
    pub description: Description,
    /// Checked repositories and their permission.
    pub repos: PermMap,
    /// Selected teams, in the order the table lists them.
    pub teams: Vec<TeamName>,
    /// The default permission for repositories created later; None = no rule.
    pub default_perm: Perm,
}

/// One call made after the robot exists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUp {
    /// Give the robot `perm` on `repo`.
    Repository { repo: RepoName, perm: Perm },
    /// Add the robot to `team`.
    Team { team: TeamName },
    /// A default permission: `perm` on every repository created later, by anyone.
    DefaultPermission { perm: Perm },
}

/// Read as serde writes it: `{"Repository": {"repo": …, "perm": …}}`, `{"Team": {"team": …}}`,
/// `{"DefaultPermission": {"perm": …}}`.
impl crate::json::FromJson for FollowUp {
    fn from_json(v: &crate::json::Node) -> Option<Self> {
        let (k, f) = crate::json::variant(v)?;
        Some(match k.as_str() {
            "Repository" => FollowUp::Repository {
                repo: f.field("repo")?,
                perm: f.field("perm")?,
            },
            "Team" => FollowUp::Team {
                team: f.field("team")?,
            },
            "DefaultPermission" => FollowUp::DefaultPermission {
                perm: f.field("perm")?,
            },
            _ => return None,
        })
    }
}

impl FollowUp {
    /// What the step does, for the result list.
    pub fn describe(&self) -> String {
        match self {
            FollowUp::Repository { repo, perm } => {
                format!("{} permission on repository {repo}", perm.label())
            }
            FollowUp::Team { team } => format!("Member of team {team}"),
            FollowUp::DefaultPermission { perm } => {
                format!("Default permission {} on new repositories", perm.label())
            }
        }
    }
}

impl WizardPlan {
    /// The calls after creating the robot: repositories, then teams, then the default
    /// permission. A user namespace has no teams and no default permissions, whatever is sent.
    pub fn follow_ups(&self, is_user: bool) -> Vec<FollowUp> {
        let mut out: Vec<FollowUp> = self
            .repos
            .iter()
            .filter(|(_, p)| **p != Perm::None)
            .map(|(repo, &perm)| FollowUp::Repository {
                repo: repo.clone(),
                perm,
            })
            .collect();
        if !is_user {
            let mut seen = std::collections::BTreeSet::new();
            out.extend(
                self.teams
                    .iter()
                    .filter(|t| seen.insert(t.as_str()))
                    .map(|t| FollowUp::Team { team: t.clone() }),
            );
            if self.default_perm != Perm::None {
                out.push(FollowUp::DefaultPermission {
                    perm: self.default_perm,
                });
            }
        }
        out
    }
}

/// Every step of the plan with its latest outcome (None: not reported yet), in plan order.
pub type StepOutcomes = Vec<(FollowUp, Option<crate::bulk::Outcome>)>;

/// The steps to run again after "Retry failed".
pub fn failed_steps(outcomes: &StepOutcomes) -> Vec<FollowUp> {
    outcomes
        .iter()
        .filter(|(_, o)| o.as_ref().is_some_and(|o| o.is_failed()))
        .map(|(s, _)| s.clone())
        .collect()
}

/// Records `outcome` for `step` (reported by a run, in any order).
pub fn record(outcomes: &mut StepOutcomes, step: &FollowUp, outcome: crate::bulk::Outcome) {
    if let Some((_, o)) = outcomes.iter_mut().find(|(s, _)| s == step) {
        *o = Some(outcome);
    }
}

/// Quay's create-failure text: `Error, {detail}.`
pub fn create_error_text(message: &str) -> String {
    format!("Error, {}.", message.trim().trim_end_matches('.'))
}

/// Quay's success toast.
pub fn created_text(name: &str) -> String {
    format!("Successfully created robot account with robot name: {name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(s: &str) -> TeamName {
        TeamName::parse(s).unwrap()
    }

    fn repo(s: &str) -> RepoName {
        RepoName::parse(s).unwrap()
    }

    fn plan() -> WizardPlan {
        WizardPlan {
            short: RobotShort::parse("bot").unwrap(),
            description: Description::empty(),
            repos: [(repo("web"), Perm::Write), (repo("db"), Perm::Read)]
                .into_iter()
                .collect(),
            teams: vec![team("owners"), team("readers"), team("owners")],
            default_perm: Perm::Admin,
        }
    }

    #[test]
    fn steps_of_an_org_and_of_a_user_namespace() {
        let names = |u| {
            WizardStep::all(u)
                .iter()
                .map(|s| s.title())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(false),
            vec![
                "Robot name and description",
                "Add to team (optional)",
                "Add to repository (optional)",
                "Default permissions (optional)",
                "Review and Finish"
            ]
        );
        assert_eq!(
            names(true),
            vec![
                "Robot name and description",
                "Add to repository (optional)",
                "Review and Finish"
            ]
        );
    }

    #[test]
    fn follow_ups_cover_repos_teams_once_and_the_default_permission() {
        let steps = plan().follow_ups(false);
        assert_eq!(
            steps,
            vec![
                FollowUp::Repository {
                    repo: repo("db"),
                    perm: Perm::Read
                },
                FollowUp::Repository {
                    repo: repo("web"),
                    perm: Perm::Write
                },
                FollowUp::Team {
                    team: team("owners")
                },
                FollowUp::Team {
                    team: team("readers")
                },
                FollowUp::DefaultPermission { perm: Perm::Admin },
            ]
        );
    }

    #[test]
    fn a_user_namespace_gets_only_repositories_and_none_adds_no_rule() {
        assert_eq!(plan().follow_ups(true).len(), 2);
        let mut p = plan();
        p.default_perm = Perm::None;
        assert!(!p
            .follow_ups(false)
            .iter()
            .any(|s| matches!(s, FollowUp::DefaultPermission { .. })));
    }

    #[test]
    fn retry_reruns_only_failures_and_records_their_new_outcomes() {
        use crate::bulk::Outcome;
        let steps = plan().follow_ups(false);
        let mut outcomes: StepOutcomes = steps.iter().map(|s| (s.clone(), None)).collect();
        for (i, s) in steps.iter().enumerate().rev() {
            let o = if i == 1 {
                Outcome::Failed {
                    status: 500,
                    message: "Injected fault (500)".into(),
                }
            } else {
                Outcome::Done
            };
            record(&mut outcomes, s, o);
        }
        assert_eq!(failed_steps(&outcomes), vec![steps[1].clone()]);
        record(&mut outcomes, &steps[1], Outcome::Done);
        assert!(failed_steps(&outcomes).is_empty());
        assert!(outcomes.iter().all(|(_, o)| o.is_some()));
    }

    #[test]
    fn texts_match_quays() {
        assert_eq!(
            create_error_text("Existing robot with name: acme+bot"),
            "Error, Existing robot with name: acme+bot."
        );
        assert_eq!(create_error_text("Already ends."), "Error, Already ends.");
        assert_eq!(
            created_text("acme+bot"),
            "Successfully created robot account with robot name: acme+bot"
        );
        assert_eq!(
            FollowUp::Team {
                team: team("owners")
            }
            .describe(),
            "Member of team owners"
        );
    }
}
