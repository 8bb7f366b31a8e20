//! The robot accounts table's logic, apart from any component: search, the stale filter,
//! sorting (chronological for dates, where Quay sorts Created by weekday name) and preferences.

use crate::quay::ids::{Namespace, RobotName};
use serde::{Deserialize, Serialize};

/// One row of the robot accounts table, with dates parsed for chronological sorting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotRow {
    pub name: RobotName,
    pub description: String,
    /// None when Quay did not say (a plain member gets robot names only).
    pub teams: Option<Vec<String>>,
    pub repositories: Option<Vec<String>>,
    pub last_accessed: Option<String>,
    pub last_accessed_epoch: Option<i64>,
    pub created: Option<String>,
    pub created_epoch: Option<i64>,
    /// The newest use found in Quay's usage logs, for a robot whose `last_accessed` is empty
    /// (filled in by the browser after the table shows; see `activity::last_used`).
    #[serde(default)]
    pub log_last_used: Option<i64>,
}

impl RobotRow {
    /// Quay's `last_accessed`, else the newest use in the usage logs.
    pub fn last_used_epoch(&self) -> Option<i64> {
        self.last_accessed_epoch.or(self.log_last_used)
    }
}

/// The robot accounts tab's data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotsPage {
    pub namespace: Namespace,
    /// The signed-in user's own namespace (uses `/api/v1/user/robots`).
    pub is_user: bool,
    /// What the user may do here.
    pub standing: crate::standing::Standing,
    /// `ROBOTS_DISALLOW` from Quay's `/config`.
    pub robots_disallow: bool,
    pub robots: Vec<RobotRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortColumn {
    Name,
    Teams,
    Repositories,
    LastAccessed,
    Created,
}

impl SortColumn {
    pub const ALL: [SortColumn; 5] = [
        SortColumn::Name,
        SortColumn::Teams,
        SortColumn::Repositories,
        SortColumn::LastAccessed,
        SortColumn::Created,
    ];

    pub fn header(self) -> &'static str {
        match self {
            SortColumn::Name => "Robot account name",
            SortColumn::Teams => "Teams",
            SortColumn::Repositories => "Repositories",
            SortColumn::LastAccessed => "Last accessed",
            SortColumn::Created => "Created",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sort {
    pub column: SortColumn,
    pub ascending: bool,
}

impl Default for Sort {
    /// Quay's default: Created, newest first.
    fn default() -> Self {
        Sort {
            column: SortColumn::Created,
            ascending: false,
        }
    }
}

impl Sort {
    /// Clicking a header: the same column flips direction, another column starts ascending.
    pub fn clicked(self, column: SortColumn) -> Sort {
        if self.column == column {
            Sort {
                column,
                ascending: !self.ascending,
            }
        } else {
            Sort {
                column,
                ascending: true,
            }
        }
    }
}

/// The "Usage" filter beyond Quay: find robots to prune.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Usage {
    #[default]
    All,
    /// Never used (`last_accessed` is null).
    NeverUsed,
    /// Never used, or not used for at least this many days.
    UnusedFor(u32),
}

impl Usage {
    pub const CHOICES: [Usage; 6] = [
        Usage::All,
        Usage::NeverUsed,
        Usage::UnusedFor(30),
        Usage::UnusedFor(90),
        Usage::UnusedFor(180),
        Usage::UnusedFor(365),
    ];

    pub fn label(self) -> String {
        match self {
            Usage::All => "All robot accounts".into(),
            Usage::NeverUsed => "Never used".into(),
            Usage::UnusedFor(d) => format!("Not used for {d} days"),
        }
    }

    /// A stable key for `<select>` values.
    pub fn key(self) -> String {
        match self {
            Usage::All => "all".into(),
            Usage::NeverUsed => "never".into(),
            Usage::UnusedFor(d) => format!("unused-{d}"),
        }
    }

    pub fn from_key(k: &str) -> Usage {
        match k {
            "never" => Usage::NeverUsed,
            _ => k
                .strip_prefix("unused-")
                .and_then(|d| d.parse().ok())
                .map(Usage::UnusedFor)
                .unwrap_or(Usage::All),
        }
    }

    pub fn matches(self, row: &RobotRow, now: i64) -> bool {
        match self {
            Usage::All => true,
            Usage::NeverUsed => row.last_used_epoch().is_none() && row.last_accessed.is_none(),
            Usage::UnusedFor(days) => match row.last_used_epoch() {
                None => true,
                Some(t) => now - t >= i64::from(days) * 86_400,
            },
        }
    }
}

/// Quay's search: the trimmed text as a case-sensitive substring of the full name.
pub fn matches_search(row: &RobotRow, search: &str) -> bool {
    let s = search.trim();
    s.is_empty() || row.name.contains(s)
}

/// How many of something Quay listed; unknown sorts before none.
fn count(v: &Option<Vec<String>>) -> i64 {
    v.as_ref().map_or(-1, |v| v.len() as i64)
}

fn compare(a: &RobotRow, b: &RobotRow, column: SortColumn) -> std::cmp::Ordering {
    match column {
        SortColumn::Name => a.name.cmp(&b.name),
        SortColumn::Teams => count(&a.teams).cmp(&count(&b.teams)),
        SortColumn::Repositories => count(&a.repositories).cmp(&count(&b.repositories)),
        // "Never" sorts as the oldest.
        SortColumn::LastAccessed => a
            .last_used_epoch()
            .unwrap_or(0)
            .cmp(&b.last_used_epoch().unwrap_or(0)),
        SortColumn::Created => a
            .created_epoch
            .unwrap_or(0)
            .cmp(&b.created_epoch.unwrap_or(0)),
    }
}

/// Filters and sorts; ties keep name order so the table is stable.
pub fn visible_rows(
    rows: &[RobotRow],
    search: &str,
    usage: Usage,
    sort: Sort,
    now: i64,
) -> Vec<RobotRow> {
    let mut out: Vec<RobotRow> = rows
        .iter()
        .filter(|r| matches_search(r, search) && usage.matches(r, now))
        .cloned()
        .collect();
    out.sort_by(|a, b| {
        let o = compare(a, b, sort.column).then_with(|| a.name.cmp(&b.name));
        if sort.ascending {
            o
        } else {
            o.reverse()
        }
    });
    out
}

/// Whether the rows show their descriptions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Expansion {
    Expanded,
    #[default]
    Collapsed,
}

impl Expansion {
    /// The toolbar's Expand/Collapse buttons (Quay's ids `expand-tab`, `collapse-tab`).
    pub fn toggle_items() -> Vec<crate::components::toggle_group::ToggleItem<Expansion>> {
        use crate::components::toggle_group::item;
        vec![
            item(Expansion::Expanded, "expand-tab", "Expand"),
            item(Expansion::Collapsed, "collapse-tab", "Collapse"),
        ]
    }
}

/// What the table remembers per browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TablePrefs {
    pub per_page: usize,
    pub sort: Sort,
    pub expanded: bool,
}

impl Default for TablePrefs {
    fn default() -> Self {
        TablePrefs {
            per_page: 20,
            sort: Sort::default(),
            expanded: false,
        }
    }
}

pub const PREFS_KEY: &str = "robot-console.robot-table";

/// Seconds since the epoch, in the browser and on the server.
pub fn now_epoch() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

crate::json::from_json_struct! {
    RobotRow { name, description, teams, repositories, last_accessed, last_accessed_epoch, created, created_epoch, log_last_used }
    RobotsPage { namespace, is_user, standing, robots_disallow, robots }
    Sort { column, ascending }
    TablePrefs { per_page, sort, expanded }
}
crate::json::from_json_unit_enum!(SortColumn {
    "Name" => Name,
    "Teams" => Teams,
    "Repositories" => Repositories,
    "LastAccessed" => LastAccessed,
    "Created" => Created,
});

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_rfc2822;

    fn row(name: &str, created: &str, last: Option<&str>, teams: usize, repos: usize) -> RobotRow {
        RobotRow {
            name: RobotName::parse(name).unwrap(),
            description: String::new(),
            teams: Some((0..teams).map(|i| format!("t{i}")).collect()),
            repositories: Some((0..repos).map(|i| format!("r{i}")).collect()),
            last_accessed: last.map(str::to_string),
            last_accessed_epoch: last.and_then(parse_rfc2822),
            created: Some(created.into()),
            created_epoch: parse_rfc2822(created),
            log_last_used: None,
        }
    }

    fn sample() -> Vec<RobotRow> {
        vec![
            row(
                "acme+old",
                "Wed, 01 Jan 2020 00:00:00 -0000",
                Some("Mon, 02 Mar 2020 00:00:00 -0000"),
                2,
                0,
            ),
            row("acme+new", "Tue, 29 Nov 2022 13:48:38 -0000", None, 0, 3),
            row(
                "acme+mid",
                "Fri, 01 Jul 2022 00:00:00 -0000",
                Some("Sat, 19 Nov 2022 00:00:00 -0000"),
                1,
                1,
            ),
        ]
    }

    fn names(rows: &[RobotRow]) -> Vec<&str> {
        rows.iter().map(|r| r.name.as_str()).collect()
    }

    #[test]
    fn created_sorts_chronologically_not_by_weekday_name() {
        // Quay's quirk would put "Wed, 01 Jan 2020" first in descending order.
        let v = visible_rows(&sample(), "", Usage::All, Sort::default(), 0);
        assert_eq!(names(&v), ["acme+new", "acme+mid", "acme+old"]);
    }

    #[test]
    fn never_accessed_sorts_as_oldest() {
        let s = Sort {
            column: SortColumn::LastAccessed,
            ascending: true,
        };
        let v = visible_rows(&sample(), "", Usage::All, s, 0);
        assert_eq!(names(&v), ["acme+new", "acme+old", "acme+mid"]);
    }

    #[test]
    fn counts_and_names_sort() {
        let teams = visible_rows(
            &sample(),
            "",
            Usage::All,
            Sort {
                column: SortColumn::Teams,
                ascending: false,
            },
            0,
        );
        assert_eq!(names(&teams), ["acme+old", "acme+mid", "acme+new"]);
        let repos = visible_rows(
            &sample(),
            "",
            Usage::All,
            Sort {
                column: SortColumn::Repositories,
                ascending: true,
            },
            0,
        );
        assert_eq!(names(&repos), ["acme+old", "acme+mid", "acme+new"]);
        let by_name = visible_rows(
            &sample(),
            "",
            Usage::All,
            Sort {
                column: SortColumn::Name,
                ascending: true,
            },
            0,
        );
        assert_eq!(names(&by_name), ["acme+mid", "acme+new", "acme+old"]);
    }

    #[test]
    fn search_is_a_trimmed_case_sensitive_substring() {
        assert_eq!(
            visible_rows(&sample(), "  new ", Usage::All, Sort::default(), 0).len(),
            1
        );
        assert_eq!(
            visible_rows(&sample(), "NEW", Usage::All, Sort::default(), 0).len(),
            0
        );
        assert_eq!(
            visible_rows(&sample(), "acme+", Usage::All, Sort::default(), 0).len(),
            3
        );
    }

    #[test]
    fn stale_filter_finds_unused_robots() {
        let now = parse_rfc2822("Mon, 21 Nov 2022 00:00:00 -0000").unwrap();
        let never = visible_rows(&sample(), "", Usage::NeverUsed, Sort::default(), now);
        assert_eq!(names(&never), ["acme+new"]);
        let d30 = visible_rows(&sample(), "", Usage::UnusedFor(30), Sort::default(), now);
        assert_eq!(names(&d30), ["acme+new", "acme+old"]);
        assert_eq!(
            Usage::from_key(&Usage::UnusedFor(90).key()),
            Usage::UnusedFor(90)
        );
        assert_eq!(Usage::from_key("nonsense"), Usage::All);
    }

    #[test]
    fn a_use_in_the_usage_logs_counts_where_last_accessed_is_empty() {
        let now = parse_rfc2822("Mon, 21 Nov 2022 00:00:00 -0000").unwrap();
        let mut rows = sample();
        // acme+new has no last_accessed, but the logs show a pull 3 days ago.
        rows[1].log_last_used = Some(now - 3 * 86_400);
        let never = visible_rows(&rows, "", Usage::NeverUsed, Sort::default(), now);
        assert!(names(&never).is_empty(), "{:?}", names(&never));
        let d30 = visible_rows(&rows, "", Usage::UnusedFor(30), Sort::default(), now);
        assert_eq!(names(&d30), ["acme+old"]);
        let by_use = visible_rows(
            &rows,
            "",
            Usage::All,
            Sort {
                column: SortColumn::LastAccessed,
                ascending: false,
            },
            now,
        );
        assert_eq!(names(&by_use), ["acme+mid", "acme+new", "acme+old"]);
    }

    #[test]
    fn clicking_headers_toggles_direction() {
        let s = Sort::default().clicked(SortColumn::Created);
        assert!(s.ascending);
        let s = s.clicked(SortColumn::Name);
        assert_eq!(
            s,
            Sort {
                column: SortColumn::Name,
                ascending: true
            }
        );
    }
}
