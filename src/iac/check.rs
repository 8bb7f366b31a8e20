//! The checks that need the live namespace: teams and repositories the file names must exist,
//! and a user namespace has neither teams nor default permissions. Problems point at the place
//! in the file (from the parser's `SourceMap`).

use super::format::RobotsFile;
use super::parse::SourceMap;
use super::problem::{ordered, Problem};
use crate::quay::ids::{RepoName, TeamName};
use std::collections::BTreeSet;

/// What the namespace has.
pub struct Facts<'a> {
    pub is_user: bool,
    pub teams: &'a BTreeSet<TeamName>,
    pub repositories: &'a BTreeSet<RepoName>,
}

fn some_of<T: std::fmt::Display>(items: &BTreeSet<T>) -> String {
    let mut names: Vec<String> = items.iter().take(8).map(|t| t.to_string()).collect();
    if items.len() > 8 {
        names.push(format!("and {} more", items.len() - 8));
    }
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

pub fn check(file: &RobotsFile, map: &SourceMap, facts: &Facts) -> Vec<Problem> {
    let ns = &file.namespace;
    let mut out = Vec::new();
    for ((_, team), (pos, path)) in &map.teams {
        if facts.is_user {
            out.push(Problem::new(*pos, path, format!("{ns} is a user namespace: it has no teams, so its robots cannot be team members. Remove `teams`.")));
        } else if !facts.teams.contains(team) {
            out.push(Problem::new(
                *pos,
                path,
                format!(
                    "team '{team}' does not exist in {ns} (its teams: {}). Create it in Quay first, or fix the name.",
                    some_of(facts.teams)
                ),
            ));
        }
    }
    for ((_, repo), (pos, path)) in &map.repositories {
        if !facts.repositories.contains(repo) {
            out.push(Problem::new(
                *pos,
                path,
                format!(
                    "repository '{repo}' does not exist in {ns}. Create it first, or fix the name."
                ),
            ));
        }
    }
    if facts.is_user {
        for (pos, path) in map.default_permissions.values() {
            out.push(Problem::new(*pos, path, format!("{ns} is a user namespace: default permissions exist only in organizations. Remove `default_permissions`.")));
        }
    }
    ordered(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iac::parse::parse;

    const FILE: &str = "version: 1\nnamespace: acme\nrobots:\n  - name: bot\n    teams: [devs, ghosts]\n    repositories:\n      api: read\n      nope: write\ndefault_permissions:\n  - robot: bot\n    role: read\n";

    #[test]
    fn unknown_teams_and_repositories_are_refused_at_their_place() {
        let (f, map) = parse(FILE).unwrap();
        let teams: BTreeSet<TeamName> = [TeamName::parse("devs").unwrap()].into();
        let repos: BTreeSet<RepoName> = [RepoName::parse("api").unwrap()].into();
        let facts = Facts {
            is_user: false,
            teams: &teams,
            repositories: &repos,
        };
        let p: Vec<String> = check(&f, &map, &facts)
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(
            p,
            vec![
                "line 5, column 19: robots[0].teams[1]: team 'ghosts' does not exist in acme (its teams: devs). Create it in Quay first, or fix the name.",
                "line 8, column 7: robots[0].repositories.nope: repository 'nope' does not exist in acme. Create it first, or fix the name.",
            ]
        );
        let user = Facts {
            is_user: true,
            ..facts
        };
        let p = check(&f, &map, &user);
        assert_eq!(p.len(), 4, "{p:?}");
        assert!(p[3]
            .message
            .contains("default permissions exist only in organizations"));
    }
}
