//! Plan: the exact list of Quay API changes that turn the live state into the file's, in the
//! order they must run (robots exist before they are granted anything, removals after
//! additions, robot deletions last).
//!
//! The file is authoritative for the robots it lists: their teams, repository permissions,
//! federation entries and default permissions become exactly the file's. Robots absent from
//! the file are left alone, unless `prune` asks to delete them.

use super::format::{DefaultKey, RobotSpec, RobotsFile, Role};
use crate::federation::FederationList;
use crate::quay::ids::{Description, Namespace, RepoName, RobotShort, TeamName};
use serde::{Deserialize, Serialize};

/// One API change. Each is safe to repeat: running it when it is already done reports
/// "nothing to do" (see `crate::server::iac::apply`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    CreateRobot {
        robot: RobotShort,
        description: Description,
    },
    DeleteRobot {
        robot: RobotShort,
    },
    GrantPermission {
        robot: RobotShort,
        repository: RepoName,
        role: Role,
    },
    ChangePermission {
        robot: RobotShort,
        repository: RepoName,
        from: Role,
        to: Role,
    },
    RevokePermission {
        robot: RobotShort,
        repository: RepoName,
        role: Role,
    },
    AddTeamMember {
        robot: RobotShort,
        team: TeamName,
    },
    RemoveTeamMember {
        robot: RobotShort,
        team: TeamName,
    },
    /// Replaces the robot's whole federation list (Quay's POST takes the full list);
    /// `replaces`: the robot had entries before.
    SetFederation {
        robot: RobotShort,
        entries: FederationList,
        #[serde(default)]
        replaces: bool,
    },
    ClearFederation {
        robot: RobotShort,
    },
    AddDefaultPermission {
        robot: RobotShort,
        activating_user: Option<Namespace>,
        role: Role,
    },
    ChangeDefaultPermission {
        robot: RobotShort,
        activating_user: Option<Namespace>,
        from: Role,
        to: Role,
    },
    RemoveDefaultPermission {
        robot: RobotShort,
        activating_user: Option<Namespace>,
        role: Role,
    },
}

crate::json::from_json_serde!(Change);

/// What a change does to the namespace, as a diff shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sign {
    Add,
    Change,
    Remove,
}

impl Sign {
    pub fn symbol(self) -> char {
        match self {
            Sign::Add => '+',
            Sign::Change => '~',
            Sign::Remove => '-',
        }
    }

    /// Its name, for screen readers.
    pub fn label(self) -> &'static str {
        match self {
            Sign::Add => "Add",
            Sign::Change => "Change",
            Sign::Remove => "Remove",
        }
    }
}

/// The steps of an apply: each runs after the previous one has ended.
pub const PHASES: usize = 4;

impl Change {
    pub fn robot(&self) -> &RobotShort {
        use Change::*;
        match self {
            CreateRobot { robot, .. }
            | DeleteRobot { robot }
            | GrantPermission { robot, .. }
            | ChangePermission { robot, .. }
            | RevokePermission { robot, .. }
            | AddTeamMember { robot, .. }
            | RemoveTeamMember { robot, .. }
            | SetFederation { robot, .. }
            | ClearFederation { robot }
            | AddDefaultPermission { robot, .. }
            | ChangeDefaultPermission { robot, .. }
            | RemoveDefaultPermission { robot, .. } => robot,
        }
    }

    pub fn sign(&self) -> Sign {
        use Change::*;
        match self {
            CreateRobot { .. }
            | GrantPermission { .. }
            | AddTeamMember { .. }
            | AddDefaultPermission { .. }
            | SetFederation {
                replaces: false, ..
            } => Sign::Add,
            ChangePermission { .. }
            | ChangeDefaultPermission { .. }
            | SetFederation { replaces: true, .. } => Sign::Change,
            DeleteRobot { .. }
            | RevokePermission { .. }
            | RemoveTeamMember { .. }
            | ClearFederation { .. }
            | RemoveDefaultPermission { .. } => Sign::Remove,
        }
    }

    /// 0: create robots; 1: grant, add, set and change; 2: revoke and remove; 3: delete robots.
    pub fn phase(&self) -> usize {
        match (self, self.sign()) {
            (Change::CreateRobot { .. }, _) => 0,
            (Change::DeleteRobot { .. }, _) => 3,
            (_, Sign::Remove) => 2,
            _ => 1,
        }
    }

    /// Needs an organization (teams and default permissions do not exist in a user namespace).
    pub fn needs_organization(&self) -> bool {
        use Change::*;
        matches!(
            self,
            AddTeamMember { .. }
                | RemoveTeamMember { .. }
                | AddDefaultPermission { .. }
                | ChangeDefaultPermission { .. }
                | RemoveDefaultPermission { .. }
        )
    }
}

/// A plan: the changes in execution order, and what the console noticed but will not change.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub warnings: Vec<String>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Robots the plan creates: their credentials must be fetched after the apply.
    pub fn created_robots(&self) -> Vec<RobotShort> {
        self.changes
            .iter()
            .filter_map(|c| match c {
                Change::CreateRobot { robot, .. } => Some(robot.clone()),
                _ => None,
            })
            .collect()
    }
}

/// The changes that turn `live` into `desired`. `prune`: delete robots `desired` does not list.
pub fn plan(desired: &RobotsFile, live: &RobotsFile, prune: bool) -> Plan {
    let ns = &desired.namespace;
    let mut changes = Vec::new();
    let mut warnings = Vec::new();
    let none = RobotSpec::default();
    for (robot, want) in &desired.robots {
        let have = match live.robots.get(robot) {
            Some(h) => {
                if h.description != want.description {
                    warnings.push(format!(
                        "{ns}+{robot}: the description differs (Quay has \"{}\", the file \"{}\"). Quay cannot change a robot's description without deleting the robot and its token, so it is left as it is.",
                        h.description, want.description
                    ));
                }
                h
            }
            None => {
                changes.push(Change::CreateRobot {
                    robot: robot.clone(),
                    description: want.description.clone(),
                });
                &none
            }
        };
        robot_changes(robot, want, have, &mut changes, &mut warnings);
    }
    default_permission_changes(desired, live, &mut changes);
    if prune {
        for robot in live.robots.keys() {
            if !desired.robots.contains_key(robot) {
                changes.push(Change::DeleteRobot {
                    robot: robot.clone(),
                });
            }
        }
    }
    // Stable: phase first, then the order above (robots by name, then kind, then target).
    changes.sort_by_key(Change::phase);
    Plan { changes, warnings }
}

fn robot_changes(
    robot: &RobotShort,
    want: &RobotSpec,
    have: &RobotSpec,
    out: &mut Vec<Change>,
    warnings: &mut Vec<String>,
) {
    let r = || robot.clone();
    for (repo, &role) in &want.repositories {
        match have.repositories.get(repo) {
            None => out.push(Change::GrantPermission {
                robot: r(),
                repository: repo.clone(),
                role,
            }),
            Some(&from) if from != role => out.push(Change::ChangePermission {
                robot: r(),
                repository: repo.clone(),
                from,
                to: role,
            }),
            Some(_) => {}
        }
    }
    for (repo, &role) in &have.repositories {
        if !want.repositories.contains_key(repo) {
            out.push(Change::RevokePermission {
                robot: r(),
                repository: repo.clone(),
                role,
            });
        }
    }
    for team in want.teams.difference(&have.teams) {
        out.push(Change::AddTeamMember {
            robot: r(),
            team: team.clone(),
        });
    }
    for team in have.teams.difference(&want.teams) {
        out.push(Change::RemoveTeamMember {
            robot: r(),
            team: team.clone(),
        });
    }
    let (w, h) = (
        super::format::sorted_federation(&want.federation),
        super::format::sorted_federation(&have.federation),
    );
    if w != h {
        if w.is_empty() {
            out.push(Change::ClearFederation { robot: r() });
        } else {
            match FederationList::try_from(w) {
                Ok(entries) => out.push(Change::SetFederation {
                    robot: r(),
                    entries,
                    replaces: !h.is_empty(),
                }),
                Err(e) => warnings.push(format!("{robot}: federation not changed: {e}")),
            }
        }
    }
}

fn default_permission_changes(desired: &RobotsFile, live: &RobotsFile, out: &mut Vec<Change>) {
    let managed = |k: &DefaultKey| desired.robots.contains_key(&k.robot);
    for (key, &role) in &desired.default_permissions {
        match live.default_permissions.get(key) {
            None => out.push(Change::AddDefaultPermission {
                robot: key.robot.clone(),
                activating_user: key.activating_user.clone(),
                role,
            }),
            Some(&from) if from != role => out.push(Change::ChangeDefaultPermission {
                robot: key.robot.clone(),
                activating_user: key.activating_user.clone(),
                from,
                to: role,
            }),
            Some(_) => {}
        }
    }
    for (key, &role) in &live.default_permissions {
        if managed(key) && !desired.default_permissions.contains_key(key) {
            out.push(Change::RemoveDefaultPermission {
                robot: key.robot.clone(),
                activating_user: key.activating_user.clone(),
                role,
            });
        }
    }
}

/// The plan's changes grouped by phase, in phase order (empty phases left out).
pub fn phases(changes: Vec<Change>) -> Vec<Vec<Change>> {
    let mut out: Vec<Vec<Change>> = vec![Vec::new(); PHASES];
    for c in changes {
        out[c.phase()].push(c);
    }
    out.retain(|p| !p.is_empty());
    out
}

/// `3 to add, 1 to change, 2 to remove`.
pub fn summary(changes: &[Change]) -> String {
    let count = |s: Sign| changes.iter().filter(|c| c.sign() == s).count();
    format!(
        "{} to add, {} to change, {} to remove",
        count(Sign::Add),
        count(Sign::Change),
        count(Sign::Remove)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quay::model::FederationEntry;

    fn short(s: &str) -> RobotShort {
        RobotShort::parse(s).unwrap()
    }
    fn repo(s: &str) -> RepoName {
        RepoName::parse(s).unwrap()
    }
    fn team(s: &str) -> TeamName {
        TeamName::parse(s).unwrap()
    }
    fn file(robots: Vec<(&str, RobotSpec)>) -> RobotsFile {
        let mut f = RobotsFile::empty(Namespace::parse("acme").unwrap());
        for (n, s) in robots {
            f.robots.insert(short(n), s);
        }
        f
    }
    fn spec(repos: &[(&str, Role)], teams: &[&str]) -> RobotSpec {
        RobotSpec {
            description: Description::parse("d").unwrap(),
            teams: teams.iter().map(|t| team(t)).collect(),
            repositories: repos.iter().map(|(r, role)| (repo(r), *role)).collect(),
            federation: vec![],
        }
    }

    #[test]
    fn the_same_state_plans_nothing() {
        let f = file(vec![("bot", spec(&[("api", Role::Read)], &["devs"]))]);
        let p = plan(&f, &f, true);
        assert!(p.is_empty(), "{p:?}");
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn a_new_robot_is_created_before_it_is_granted_anything() {
        let want = file(vec![("bot", spec(&[("api", Role::Write)], &["devs"]))]);
        let live = file(vec![]);
        let p = plan(&want, &live, false);
        assert_eq!(
            p.changes,
            vec![
                Change::CreateRobot {
                    robot: short("bot"),
                    description: Description::parse("d").unwrap()
                },
                Change::GrantPermission {
                    robot: short("bot"),
                    repository: repo("api"),
                    role: Role::Write
                },
                Change::AddTeamMember {
                    robot: short("bot"),
                    team: team("devs")
                },
            ]
        );
        assert_eq!(p.created_robots(), vec![short("bot")]);
        assert_eq!(summary(&p.changes), "3 to add, 0 to change, 0 to remove");
    }

    #[test]
    fn grants_change_revoke_and_memberships_follow_the_file_and_deletes_come_last() {
        let want = file(vec![(
            "bot",
            spec(&[("api", Role::Admin), ("new", Role::Read)], &["aa"]),
        )]);
        let live = file(vec![
            (
                "bot",
                spec(&[("api", Role::Read), ("old", Role::Write)], &["bb"]),
            ),
            ("stale", spec(&[], &[])),
        ]);
        let kept = plan(&want, &live, false);
        assert!(!kept
            .changes
            .iter()
            .any(|c| matches!(c, Change::DeleteRobot { .. })));
        let p = plan(&want, &live, true);
        let phases_in_order: Vec<usize> = p.changes.iter().map(Change::phase).collect();
        let mut sorted = phases_in_order.clone();
        sorted.sort();
        assert_eq!(phases_in_order, sorted);
        assert_eq!(
            p.changes,
            vec![
                Change::ChangePermission {
                    robot: short("bot"),
                    repository: repo("api"),
                    from: Role::Read,
                    to: Role::Admin
                },
                Change::GrantPermission {
                    robot: short("bot"),
                    repository: repo("new"),
                    role: Role::Read
                },
                Change::AddTeamMember {
                    robot: short("bot"),
                    team: team("aa")
                },
                Change::RevokePermission {
                    robot: short("bot"),
                    repository: repo("old"),
                    role: Role::Write
                },
                Change::RemoveTeamMember {
                    robot: short("bot"),
                    team: team("bb")
                },
                Change::DeleteRobot {
                    robot: short("stale")
                },
            ]
        );
        let ph = phases(p.changes.clone());
        assert_eq!(ph.len(), 3);
        assert_eq!(
            ph[2],
            vec![Change::DeleteRobot {
                robot: short("stale")
            }]
        );
    }

    #[test]
    fn federation_is_set_as_a_whole_or_cleared_and_order_does_not_matter() {
        let e = |i: &str, s: &str| FederationEntry {
            issuer: i.into(),
            subject: s.into(),
        };
        let mut a = spec(&[], &[]);
        a.federation = vec![e("https://b", "1"), e("https://a", "2")];
        let mut b = spec(&[], &[]);
        b.federation = vec![e("https://a", "2"), e("https://b", "1")];
        assert!(plan(
            &file(vec![("xx", a.clone())]),
            &file(vec![("xx", b)]),
            false
        )
        .is_empty());
        let p = plan(
            &file(vec![("xx", spec(&[], &[]))]),
            &file(vec![("xx", a.clone())]),
            false,
        );
        assert_eq!(
            p.changes,
            vec![Change::ClearFederation { robot: short("xx") }]
        );
        let p = plan(
            &file(vec![("xx", a)]),
            &file(vec![("xx", spec(&[], &[]))]),
            false,
        );
        match &p.changes[..] {
            [Change::SetFederation { entries, .. }] => {
                assert_eq!(entries.entries()[0].issuer, "https://a")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn default_permissions_of_listed_robots_follow_the_file_others_are_left_alone() {
        let key = |r: &str, u: Option<&str>| DefaultKey {
            robot: short(r),
            activating_user: u.map(|u| Namespace::parse(u).unwrap()),
        };
        let mut want = file(vec![("bot", spec(&[], &[]))]);
        want.default_permissions
            .insert(key("bot", None), Role::Write);
        want.default_permissions
            .insert(key("bot", Some("alice")), Role::Read);
        let mut live = file(vec![("bot", spec(&[], &[])), ("other", spec(&[], &[]))]);
        live.default_permissions
            .insert(key("bot", None), Role::Read);
        live.default_permissions
            .insert(key("bot", Some("bob")), Role::Read);
        live.default_permissions
            .insert(key("other", None), Role::Admin);
        let p = plan(&want, &live, false);
        assert_eq!(
            p.changes,
            vec![
                Change::ChangeDefaultPermission {
                    robot: short("bot"),
                    activating_user: None,
                    from: Role::Read,
                    to: Role::Write
                },
                Change::AddDefaultPermission {
                    robot: short("bot"),
                    activating_user: Some(Namespace::parse("alice").unwrap()),
                    role: Role::Read
                },
                Change::RemoveDefaultPermission {
                    robot: short("bot"),
                    activating_user: Some(Namespace::parse("bob").unwrap()),
                    role: Role::Read
                },
            ]
        );
    }

    #[test]
    fn a_description_quay_cannot_change_is_a_warning_not_a_change() {
        let mut live_spec = spec(&[], &[]);
        live_spec.description = Description::parse("old").unwrap();
        let p = plan(
            &file(vec![("bot", spec(&[], &[]))]),
            &file(vec![("bot", live_spec)]),
            false,
        );
        assert!(p.is_empty());
        assert_eq!(p.warnings.len(), 1);
        assert!(
            p.warnings[0].starts_with("acme+bot: the description differs"),
            "{}",
            p.warnings[0]
        );
    }
}
