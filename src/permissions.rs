//! Repository permissions of a robot: the permission values, the diff between the permissions a
//! robot has and the ones the user chose, and the table's filtering. Plain functions, shared by
//! the browser and the server.

use crate::quay::ids::RepoName;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A robot's permission on one repository. `None` means "no permission" (the row is unchecked).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Perm {
    None,
    Read,
    Write,
    Admin,
}

impl Perm {
    pub const ALL: [Perm; 4] = [Perm::None, Perm::Read, Perm::Write, Perm::Admin];

    /// Title Case, as the dropdown shows it (also the `{Name}-permission-type` test id).
    pub fn label(self) -> &'static str {
        match self {
            Perm::None => "None",
            Perm::Read => "Read",
            Perm::Write => "Write",
            Perm::Admin => "Admin",
        }
    }

    /// The description under each item. Quay says "Full admin access to the organization" for
    /// Admin, which is wrong: it is admin of the repository.
    pub fn description(self) -> &'static str {
        match self {
            Perm::None => "No permissions on the repository",
            Perm::Read => "Can view and pull from the repository",
            Perm::Write => "Can view, pull, and push to the repository",
            Perm::Admin => "Full admin access to the repository",
        }
    }

    /// Quay's role string (`read`/`write`/`admin`); None has no role.
    pub fn role(self) -> Option<&'static str> {
        match self {
            Perm::None => None,
            Perm::Read => Some("read"),
            Perm::Write => Some("write"),
            Perm::Admin => Some("admin"),
        }
    }

    /// Parses Quay's role, case-insensitively (`write` is Write: PROJQUAY-10084 showed it as Read).
    pub fn from_role(role: &str) -> Perm {
        match role.to_ascii_lowercase().as_str() {
            "read" => Perm::Read,
            "write" => Perm::Write,
            "admin" => Perm::Admin,
            _ => Perm::None,
        }
    }
}

/// Checked repositories and their permission. A repository absent from the map is unchecked.
pub type PermMap = BTreeMap<RepoName, Perm>;

/// What to do to one repository.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    Put(Perm),
    Delete,
}

impl Action {
    /// Short text for failure reports: `set Write`, `remove`.
    pub fn describe(self) -> String {
        match self {
            Action::Put(p) => format!("set {}", p.label()),
            Action::Delete => "remove".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub repo: RepoName,
    pub action: Action,
}

crate::json::from_json_struct! {
    Change { repo, action }
}

/// Read as serde writes it: `"Delete"` or `{"Put": "Read"}`.
impl crate::json::FromJson for Action {
    fn from_json(v: &crate::json::Node) -> Option<Self> {
        match v.str() {
            Some(s) => (s == "Delete").then_some(Action::Delete),
            None => {
                let (k, perm) = crate::json::variant(v)?;
                (k == "Put").then_some(())?;
                crate::json::FromJson::from_json(&perm).map(Action::Put)
            }
        }
    }
}

crate::json::from_json_unit_enum!(Perm {
    "None" => None,
    "Read" => Read,
    "Write" => Write,
    "Admin" => Admin,
});

/// The calls that turn `prev` into `new`: a PUT for every repository added or changed, a DELETE
/// for every repository removed (or set to None). PUTs first, each group sorted by name.
pub fn diff(prev: &PermMap, new: &PermMap) -> Vec<Change> {
    let mut puts = Vec::new();
    let mut deletes = Vec::new();
    for (repo, &p) in new {
        if p == Perm::None {
            continue;
        }
        if prev.get(repo).copied().unwrap_or(Perm::None) != p {
            puts.push(Change {
                repo: repo.clone(),
                action: Action::Put(p),
            });
        }
    }
    for (repo, &p) in prev {
        if p != Perm::None && new.get(repo).copied().unwrap_or(Perm::None) == Perm::None {
            deletes.push(Change {
                repo: repo.clone(),
                action: Action::Delete,
            });
        }
    }
    puts.extend(deletes);
    puts
}

/// Checks a row: it keeps its permission if it had one, else defaults to Read.
pub fn check(map: &mut PermMap, repo: &RepoName) {
    map.entry(repo.clone()).or_insert(Perm::Read);
}

/// Sets a row's permission: None unchecks it, anything else checks it.
pub fn set_perm(map: &mut PermMap, repo: &RepoName, perm: Perm) {
    if perm == Perm::None {
        map.remove(repo);
    } else {
        map.insert(repo.clone(), perm);
    }
}

/// Sets `perm` on every checked row (the bulk kebab). None unchecks them all.
pub fn set_all_checked(map: &mut PermMap, perm: Perm) {
    if perm == Perm::None {
        map.clear();
    } else {
        for p in map.values_mut() {
            *p = perm;
        }
    }
}

/// A repository row of the table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepoRow {
    pub name: RepoName,
    /// Epoch seconds; None = never pushed.
    pub last_modified: Option<i64>,
}

crate::json::from_json_struct! {
    RepoRow { name, last_modified }
}

/// Newest first, never-pushed last, then by name (Quay sorts by `last_modified` descending).
pub fn sort_rows(rows: &mut [RepoRow]) {
    rows.sort_by(|a, b| {
        b.last_modified
            .cmp(&a.last_modified)
            .then_with(|| a.name.cmp(&b.name))
    });
}

/// The rows the table shows: a case-sensitive substring match on the name (as Quay), and only
/// the checked rows when `only_selected`.
pub fn filter_rows(
    rows: &[RepoRow],
    query: &str,
    only_selected: bool,
    map: &PermMap,
) -> Vec<RepoRow> {
    rows.iter()
        .filter(|r| query.is_empty() || r.name.contains(query))
        .filter(|r| !only_selected || map.contains_key(&r.name))
        .cloned()
        .collect()
}

/// A DELETE answered "User does not have permission for repo." means the permission is already
/// gone (e.g. an earlier attempt succeeded but its answer was lost): the change is done.
pub fn delete_already_done(status: u16, message: &str) -> bool {
    status == 400 && message.trim() == "User does not have permission for repo."
}

/// `Failed to update robot repository permission {repo}, {message}.` (Quay's line, with the
/// repository Quay forgets to fill in).
pub fn failure_line(change: &Change, message: &str) -> String {
    let msg = message.trim_end_matches('.');
    format!(
        "Failed to update robot repository permission {}, {msg}.",
        change.repo
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(items: &[(&str, Perm)]) -> PermMap {
        items.iter().map(|(r, p)| (repo(r), *p)).collect()
    }

    fn repo(s: &str) -> RepoName {
        RepoName::parse(s).unwrap()
    }

    #[test]
    fn diff_puts_added_and_changed_and_deletes_removed() {
        let prev = map(&[("a", Perm::Read), ("b", Perm::Write), ("c", Perm::Admin)]);
        let new = map(&[("a", Perm::Read), ("b", Perm::Admin), ("d", Perm::Write)]);
        assert_eq!(
            diff(&prev, &new),
            vec![
                Change {
                    repo: repo("b"),
                    action: Action::Put(Perm::Admin)
                },
                Change {
                    repo: repo("d"),
                    action: Action::Put(Perm::Write)
                },
                Change {
                    repo: repo("c"),
                    action: Action::Delete
                },
            ]
        );
    }

    #[test]
    fn diff_of_equal_maps_is_empty_and_none_counts_as_removed() {
        let prev = map(&[("a", Perm::Write)]);
        assert!(diff(&prev, &prev.clone()).is_empty());
        let new = map(&[("a", Perm::None), ("b", Perm::None)]);
        assert_eq!(
            diff(&prev, &new),
            vec![Change {
                repo: repo("a"),
                action: Action::Delete
            }]
        );
    }

    #[test]
    fn roles_parse_case_insensitively_and_write_stays_write() {
        assert_eq!(Perm::from_role("write"), Perm::Write);
        assert_eq!(Perm::from_role("ADMIN"), Perm::Admin);
        assert_eq!(Perm::from_role("Read").label(), "Read");
        assert_eq!(
            Perm::Admin.description(),
            "Full admin access to the repository"
        );
    }

    #[test]
    fn checking_defaults_to_read_and_none_unchecks() {
        let mut m = PermMap::new();
        let a = repo("a");
        check(&mut m, &a);
        assert_eq!(m.get("a"), Some(&Perm::Read));
        set_perm(&mut m, &a, Perm::Write);
        check(&mut m, &a);
        assert_eq!(m.get("a"), Some(&Perm::Write));
        set_perm(&mut m, &a, Perm::None);
        assert!(m.is_empty());
        set_perm(&mut m, &repo("b"), Perm::Admin);
        set_perm(&mut m, &repo("c"), Perm::Read);
        set_all_checked(&mut m, Perm::Write);
        assert_eq!(m, map(&[("b", Perm::Write), ("c", Perm::Write)]));
    }

    #[test]
    fn filter_is_case_sensitive_substring_and_selected_only() {
        let rows: Vec<RepoRow> = ["web", "web-api", "db"]
            .iter()
            .map(|n| repo(n))
            .map(|name| RepoRow {
                name,
                last_modified: None,
            })
            .collect();
        let m = map(&[("db", Perm::Read)]);
        let names = |v: Vec<RepoRow>| {
            v.into_iter()
                .map(|r| r.name.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(filter_rows(&rows, "eb", false, &m)),
            vec!["web", "web-api"]
        );
        assert!(names(filter_rows(&rows, "WEB", false, &m)).is_empty());
        assert_eq!(names(filter_rows(&rows, "", true, &m)), vec!["db"]);
    }

    #[test]
    fn rows_sort_newest_first_never_pushed_last() {
        let mut rows = vec![
            RepoRow {
                name: repo("never"),
                last_modified: None,
            },
            RepoRow {
                name: repo("old"),
                last_modified: Some(10),
            },
            RepoRow {
                name: repo("new"),
                last_modified: Some(20),
            },
        ];
        sort_rows(&mut rows);
        let names: Vec<_> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, vec!["new", "old", "never"]);
    }

    #[test]
    fn delete_of_a_missing_permission_counts_as_done() {
        assert!(delete_already_done(
            400,
            "User does not have permission for repo."
        ));
        assert!(!delete_already_done(
            400,
            "Namespace owner must always be admin."
        ));
        assert!(!delete_already_done(
            500,
            "User does not have permission for repo."
        ));
    }

    #[test]
    fn failure_lines_name_the_repository_and_quays_message() {
        let c = Change {
            repo: repo("web"),
            action: Action::Delete,
        };
        assert_eq!(
            failure_line(&c, "Injected fault (500)"),
            "Failed to update robot repository permission web, Injected fault (500)."
        );
    }
}
