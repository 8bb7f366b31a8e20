//! Direct and team grants merged into the matrix: each cell's effective role with every grant
//! behind it.

use super::{role_name, AccessPlan, Gathered, RepoInfo};
use crate::permissions::Perm;
use crate::quay::ids::{RepoName, TeamName};
use crate::robot_list::RobotRow;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// Where a grant comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Source {
    /// A permission of the robot itself.
    Direct,
    /// A repository permission of a team the robot is in.
    Team(TeamName),
    /// A team whose organization role is admin: admin on every repository.
    OrgAdmin(TeamName),
}

impl Source {
    pub fn team(&self) -> Option<&TeamName> {
        match self {
            Source::Direct => None,
            Source::Team(t) | Source::OrgAdmin(t) => Some(t),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub role: Perm,
    pub source: Source,
}

impl Grant {
    /// `write direct`, `write via team ci`, `admin via team owners (organization admin)`.
    pub fn text(&self) -> String {
        let role = role_name(self.role);
        match &self.source {
            Source::Direct => format!("{role} direct"),
            Source::Team(t) => format!("{role} via team {t}"),
            Source::OrgAdmin(t) => format!("{role} via team {t} (organization admin)"),
        }
    }
}

/// One cell: the effective role (the highest grant) and every grant, direct first, then teams
/// by name, then organization admin teams.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub role: Perm,
    pub grants: Vec<Grant>,
}

impl Cell {
    /// None without a grant.
    pub fn from_grants(mut grants: Vec<Grant>) -> Option<Cell> {
        grants.retain(|g| g.role != Perm::None);
        grants.sort_by(|a, b| a.source.cmp(&b.source));
        grants.dedup();
        let role = grants.iter().map(|g| g.role).max()?;
        Some(Cell { role, grants })
    }

    /// What the cell says: the grant (`write via team ci`), or with several grants the effective
    /// role first (`write: read direct; write via team ci`).
    pub fn text(&self) -> String {
        let parts: Vec<String> = self.grants.iter().map(Grant::text).collect();
        if parts.len() == 1 {
            parts.into_iter().next().unwrap_or_default()
        } else {
            format!("{}: {}", role_name(self.role), parts.join("; "))
        }
    }

    pub fn has_direct(&self) -> bool {
        self.grants.iter().any(|g| g.source == Source::Direct)
    }

    /// The teams behind the cell.
    pub fn teams(&self) -> Vec<&TeamName> {
        self.grants.iter().filter_map(|g| g.source.team()).collect()
    }
}

/// One robot's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RobotAccess {
    pub robot: RobotRow,
    /// Cells by column index; absent = no access.
    pub cells: BTreeMap<usize, Cell>,
    /// Whether a federation configuration exists; None while unknown (not read, or failed).
    pub federated: Option<bool>,
    /// What is missing from this row: its own grants or a team's could not be read (yet).
    pub missing: Vec<String>,
    /// Teams that make the robot an organization admin.
    pub admin_teams: Vec<TeamName>,
}

impl RobotAccess {
    pub fn cell(&self, column: usize) -> Option<&Cell> {
        self.cells.get(&column)
    }
}

/// The matrix: repository columns (sorted by name) and robot rows (sorted by name).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub columns: Vec<RepoInfo>,
    pub rows: Vec<RobotAccess>,
}

/// Merges the answers into the matrix. Answers still missing leave their part of a row empty,
/// and the row says what is missing.
pub fn build_report(plan: &AccessPlan, g: &Gathered) -> Report {
    let columns = columns(g);
    let index: HashMap<&RepoName, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, r)| (&r.name, i))
        .collect();
    let mut robots: Vec<&RobotRow> = plan.robots.iter().collect();
    robots.sort_by(|a, b| a.name.cmp(&b.name));
    robots.dedup_by(|a, b| a.name == b.name);
    let rows = robots
        .into_iter()
        .map(|robot| row(plan, g, robot, &index, columns.len()))
        .collect();
    Report { columns, rows }
}

/// The repository list, plus any repository a grant names that the list lacks.
fn columns(g: &Gathered) -> Vec<RepoInfo> {
    let mut by_name: BTreeMap<RepoName, bool> = BTreeMap::new();
    for r in g.repositories.iter().flatten() {
        by_name.insert(r.name.clone(), r.is_public);
    }
    let granted = g
        .robots
        .values()
        .flat_map(|r| r.grants.iter())
        .chain(g.teams.values().flatten());
    for grant in granted {
        by_name.entry(grant.repo.clone()).or_insert(false);
    }
    by_name
        .into_iter()
        .map(|(name, is_public)| RepoInfo { name, is_public })
        .collect()
}

fn row(
    plan: &AccessPlan,
    g: &Gathered,
    robot: &RobotRow,
    index: &HashMap<&RepoName, usize>,
    width: usize,
) -> RobotAccess {
    let mut grants: BTreeMap<usize, Vec<Grant>> = BTreeMap::new();
    let mut missing = Vec::new();
    let mut add = |repo: &RepoName, role: Perm, source: Source| {
        if let Some(&i) = index.get(repo) {
            grants.entry(i).or_default().push(Grant { role, source });
        }
    };
    let own = g.robots.get(&robot.name);
    match own {
        Some(f) => f
            .grants
            .iter()
            .for_each(|x| add(&x.repo, x.perm, Source::Direct)),
        None => missing.push(format!("the direct permissions of {}", robot.name)),
    }
    let mut admin_teams = Vec::new();
    if robot.teams.is_none() {
        missing.push(format!("the teams of {}", robot.name));
    }
    for team in robot.teams.iter().flatten() {
        let Ok(team) = TeamName::parse(team) else {
            continue;
        };
        if plan.team_role(&team) == Some("admin") {
            admin_teams.push(team.clone());
        }
        match g.teams.get(&team) {
            Some(list) => list
                .iter()
                .for_each(|x| add(&x.repo, x.perm, Source::Team(team.clone()))),
            None => missing.push(format!("the permissions of team {team}")),
        }
    }
    for team in &admin_teams {
        for i in 0..width {
            grants.entry(i).or_default().push(Grant {
                role: Perm::Admin,
                source: Source::OrgAdmin(team.clone()),
            });
        }
    }
    RobotAccess {
        robot: robot.clone(),
        cells: grants
            .into_iter()
            .filter_map(|(i, g)| Cell::from_grants(g).map(|c| (i, c)))
            .collect(),
        federated: own.map(|f| f.federated),
        missing,
        admin_teams,
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::{Fetch, Fetched};
    use super::*;
    use crate::bulk::Outcome;
    use crate::quay::ids::RobotName;

    fn cell_text(r: &Report, robot: &str, repo: &str) -> Option<String> {
        let col = r.columns.iter().position(|c| c.name == repo)?;
        let row = r.rows.iter().find(|x| x.robot.name.as_str() == robot)?;
        row.cell(col).map(Cell::text)
    }

    #[test]
    fn a_team_only_robot_reaches_through_its_team_as_quays_transitive_says() {
        // TEAM_18: no direct grant; TEAM_16/TEAM_13: its team has write, so it has write.
        let r = build_report(&plan(), &gathered());
        assert_eq!(
            cell_text(&r, "acme+teambot", "api").as_deref(),
            Some("write via team ci")
        );
        assert_eq!(
            cell_text(&r, "acme+teambot", "web").as_deref(),
            Some("read via team ci")
        );
        assert_eq!(cell_text(&r, "acme+teambot", "db"), None);
    }

    #[test]
    fn direct_and_team_grants_are_told_apart_and_the_highest_wins() {
        let r = build_report(&plan(), &gathered());
        let col = r.columns.iter().position(|c| c.name == "api").unwrap();
        let mixed = r
            .rows
            .iter()
            .find(|x| x.robot.name.as_str() == "acme+mixed")
            .unwrap();
        let cell = mixed.cell(col).unwrap();
        assert_eq!(cell.role, Perm::Write);
        assert_eq!(cell.text(), "write: read direct; write via team ci");
        assert!(cell.has_direct());
        assert_eq!(cell.teams(), vec![&TeamName::parse("ci").unwrap()]);
        assert_eq!(mixed.federated, Some(true));
    }

    #[test]
    fn an_admin_team_makes_its_robots_admin_of_every_repository() {
        let r = build_report(&plan(), &gathered());
        for repo in ["api", "db", "web"] {
            assert_eq!(
                cell_text(&r, "acme+boss", repo).as_deref(),
                Some("admin via team owners (organization admin)")
            );
        }
        let boss = r
            .rows
            .iter()
            .find(|x| x.robot.name.as_str() == "acme+boss")
            .unwrap();
        assert_eq!(boss.admin_teams, vec![TeamName::parse("owners").unwrap()]);
    }

    #[test]
    fn columns_are_sorted_and_include_repositories_only_a_grant_names() {
        let mut g = gathered();
        g.record(
            &Fetch::Team(TeamName::parse("ci").unwrap()),
            &Outcome::Done,
            Some(Fetched::Team {
                grants: grants(&[("zeta", Perm::Read)]),
            }),
        );
        let r = build_report(&plan(), &g);
        let names: Vec<&str> = r.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["api", "db", "web", "zeta"]);
        let rows: Vec<&str> = r.rows.iter().map(|x| x.robot.name.as_str()).collect();
        assert_eq!(
            rows,
            ["acme+boss", "acme+idle", "acme+mixed", "acme+teambot"]
        );
    }

    #[test]
    fn a_failed_fetch_empties_only_its_part_and_the_row_says_what_is_missing() {
        let mut g = gathered();
        let ci = Fetch::Team(TeamName::parse("ci").unwrap());
        g.teams.remove(&TeamName::parse("ci").unwrap());
        g.record(
            &ci,
            &Outcome::Failed {
                status: 500,
                message: "boom".into(),
            },
            None,
        );
        g.robots.remove(&RobotName::parse("acme+idle").unwrap());
        let r = build_report(&plan(), &g);
        // mixed keeps its direct read; the team part is missing and said so.
        assert_eq!(
            cell_text(&r, "acme+mixed", "api").as_deref(),
            Some("read direct")
        );
        let mixed = r
            .rows
            .iter()
            .find(|x| x.robot.name.as_str() == "acme+mixed")
            .unwrap();
        assert_eq!(mixed.missing, ["the permissions of team ci"]);
        let idle = r
            .rows
            .iter()
            .find(|x| x.robot.name.as_str() == "acme+idle")
            .unwrap();
        assert_eq!(idle.missing, ["the direct permissions of acme+idle"]);
        assert_eq!(idle.federated, None);
        // Other rows are whole.
        let boss = r
            .rows
            .iter()
            .find(|x| x.robot.name.as_str() == "acme+boss")
            .unwrap();
        assert!(boss.missing.is_empty());
    }

    #[test]
    fn teams_quay_did_not_list_are_missing_not_empty() {
        let mut p = plan();
        p.robots[0].teams = None;
        let r = build_report(&p, &gathered());
        let teambot = r
            .rows
            .iter()
            .find(|x| x.robot.name.as_str() == "acme+teambot")
            .unwrap();
        assert_eq!(teambot.missing, ["the teams of acme+teambot"]);
        assert!(teambot.cells.is_empty());
    }

    #[test]
    fn a_cell_without_grants_does_not_exist_and_duplicates_collapse() {
        assert_eq!(Cell::from_grants(vec![]), None);
        let g = Grant {
            role: Perm::Read,
            source: Source::Direct,
        };
        let c = Cell::from_grants(vec![g.clone(), g]).unwrap();
        assert_eq!(c.grants.len(), 1);
        assert_eq!(c.text(), "read direct");
    }
}
