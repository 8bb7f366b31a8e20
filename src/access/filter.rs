//! Which rows and columns of the matrix are shown: by robot name, repository name, role, source
//! of the grant and risk. The exports and the printable view take exactly this selection.

use super::merge::{Cell, Report, Source};
use super::risk::{Risk, RiskKind};
use crate::permissions::Perm;
use crate::quay::ids::TeamName;

/// Which grants a cell must have.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SourceFilter {
    #[default]
    Any,
    /// A permission of the robot itself.
    Direct,
    /// Any team (repository grants and organization admin teams).
    AnyTeam,
    /// This team.
    Team(TeamName),
}

impl SourceFilter {
    /// A stable key for `<select>` values.
    pub fn key(&self) -> String {
        match self {
            SourceFilter::Any => "any".into(),
            SourceFilter::Direct => "direct".into(),
            SourceFilter::AnyTeam => "team".into(),
            SourceFilter::Team(t) => format!("team:{t}"),
        }
    }

    pub fn from_key(k: &str) -> SourceFilter {
        match k {
            "direct" => SourceFilter::Direct,
            "team" => SourceFilter::AnyTeam,
            _ => k
                .strip_prefix("team:")
                .and_then(|t| TeamName::parse(t).ok())
                .map(SourceFilter::Team)
                .unwrap_or_default(),
        }
    }

    pub fn label(&self) -> String {
        match self {
            SourceFilter::Any => "Any source".into(),
            SourceFilter::Direct => "Direct grant".into(),
            SourceFilter::AnyTeam => "Through any team".into(),
            SourceFilter::Team(t) => format!("Through team {t}"),
        }
    }

    fn admits(&self, source: &Source) -> bool {
        match self {
            SourceFilter::Any => true,
            SourceFilter::Direct => *source == Source::Direct,
            SourceFilter::AnyTeam => source.team().is_some(),
            SourceFilter::Team(t) => source.team() == Some(t),
        }
    }
}

/// Which robots by their flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RiskFilter {
    #[default]
    All,
    /// At least one flag.
    Any,
    Kind(RiskKind),
}

impl RiskFilter {
    pub fn key(self) -> String {
        match self {
            RiskFilter::All => "all".into(),
            RiskFilter::Any => "any".into(),
            RiskFilter::Kind(k) => k.key().into(),
        }
    }

    pub fn from_key(k: &str) -> RiskFilter {
        match k {
            "any" => RiskFilter::Any,
            _ => RiskKind::from_key(k)
                .map(RiskFilter::Kind)
                .unwrap_or_default(),
        }
    }

    fn admits(self, risks: &[Risk]) -> bool {
        match self {
            RiskFilter::All => true,
            RiskFilter::Any => !risks.is_empty(),
            RiskFilter::Kind(k) => risks.iter().any(|r| r.kind() == k),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    /// Part of the robot's full name (case-insensitive).
    pub robot: String,
    /// Part of the repository name (case-insensitive).
    pub repo: String,
    /// The effective role a cell must have.
    pub role: Option<Perm>,
    pub source: SourceFilter,
    pub risk: RiskFilter,
    /// Leave out repositories that no shown robot reaches.
    pub hide_unreached: bool,
}

impl Filters {
    /// A role or source filter is set: rows and columns narrow to the cells that match.
    pub fn on_cells(&self) -> bool {
        self.role.is_some() || self.source != SourceFilter::Any
    }

    /// Whether `cell` passes the role and source filters.
    pub fn admits(&self, cell: &Cell) -> bool {
        self.role.is_none_or(|r| cell.role == r)
            && cell.grants.iter().any(|g| self.source.admits(&g.source))
    }
}

/// The shown selection: indices of rows and columns of the report, in report order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub rows: Vec<usize>,
    pub columns: Vec<usize>,
}

fn contains(hay: &str, needle: &str) -> bool {
    let n = needle.trim().to_lowercase();
    n.is_empty() || hay.to_lowercase().contains(&n)
}

/// Rows: robots whose name matches, with a matching flag, and (with a role or source filter) a
/// matching cell in a matching repository. Columns: repositories whose name matches and (with a
/// role or source filter) a matching cell in a shown row, or (hiding unreached ones) any cell.
/// `risks` holds each row's flags, by row index.
pub fn shown(report: &Report, risks: &[Vec<Risk>], f: &Filters) -> Shown {
    let by_name: Vec<bool> = report
        .columns
        .iter()
        .map(|c| contains(&c.name, &f.repo))
        .collect();
    let none = Vec::new();
    let candidates = report.rows.iter().enumerate().filter(|(i, r)| {
        contains(&r.robot.name, &f.robot) && f.risk.admits(risks.get(*i).unwrap_or(&none))
    });
    let mut reached = vec![false; report.columns.len()];
    let mut rows = Vec::new();
    for (i, r) in candidates {
        let mut keep = !f.on_cells();
        for (&c, cell) in &r.cells {
            if !by_name[c] {
                continue;
            }
            if f.on_cells() {
                if f.admits(cell) {
                    keep = true;
                    reached[c] = true;
                }
            } else {
                reached[c] = true;
            }
        }
        if keep {
            rows.push(i);
        }
    }
    let need_reach = f.on_cells() || f.hide_unreached;
    let columns = (0..report.columns.len())
        .filter(|&c| by_name[c] && (!need_reach || reached[c]))
        .collect();
    Shown { rows, columns }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::merge::build_report;
    use super::super::risk::{risks, RiskSettings};
    use super::*;

    fn names(f: &Filters) -> (Vec<String>, Vec<String>) {
        let r = build_report(&plan(), &gathered());
        let flags: Vec<Vec<Risk>> = r
            .rows
            .iter()
            .map(|x| risks(x, &RiskSettings::default(), NOW))
            .collect();
        let s = shown(&r, &flags, f);
        (
            s.rows
                .iter()
                .map(|&i| r.rows[i].robot.name.to_string())
                .collect(),
            s.columns
                .iter()
                .map(|&i| r.columns[i].name.to_string())
                .collect(),
        )
    }

    #[test]
    fn without_filters_everything_shows() {
        let (rows, cols) = names(&Filters::default());
        assert_eq!(rows.len(), 4);
        assert_eq!(cols, ["api", "db", "web"]);
    }

    #[test]
    fn name_filters_pick_rows_and_columns_case_insensitively() {
        let f = Filters {
            robot: " MIX ".into(),
            repo: "a".into(),
            ..Filters::default()
        };
        assert_eq!(names(&f), (vec!["acme+mixed".into()], vec!["api".into()]));
    }

    #[test]
    fn a_role_filter_keeps_rows_and_columns_with_a_matching_cell() {
        let f = Filters {
            role: Some(Perm::Write),
            ..Filters::default()
        };
        assert_eq!(
            names(&f),
            (
                vec!["acme+mixed".into(), "acme+teambot".into()],
                vec!["api".into()]
            )
        );
    }

    #[test]
    fn source_filters_tell_direct_from_team_grants() {
        let direct = Filters {
            source: SourceFilter::Direct,
            ..Filters::default()
        };
        assert_eq!(
            names(&direct),
            (vec!["acme+mixed".into()], vec!["api".into()])
        );
        let ci = Filters {
            source: SourceFilter::Team(TeamName::parse("ci").unwrap()),
            ..Filters::default()
        };
        assert_eq!(
            names(&ci),
            (
                vec!["acme+mixed".into(), "acme+teambot".into()],
                vec!["api".into(), "web".into()]
            )
        );
        let any_team = Filters {
            source: SourceFilter::AnyTeam,
            ..Filters::default()
        };
        assert_eq!(names(&any_team).0.len(), 3, "boss, mixed, teambot");
    }

    #[test]
    fn the_risk_filter_picks_flagged_robots() {
        let f = Filters {
            risk: RiskFilter::Kind(RiskKind::NeverUsed),
            ..Filters::default()
        };
        assert_eq!(names(&f).0, ["acme+idle", "acme+mixed"]);
        let any = Filters {
            risk: RiskFilter::Any,
            ..Filters::default()
        };
        assert_eq!(names(&any).0.len(), 4);
    }

    #[test]
    fn unreached_repositories_can_be_hidden() {
        let mut g = gathered();
        g.robots.clear();
        g.teams.clear();
        let p = plan();
        let r = build_report(&p, &g);
        let f = Filters {
            hide_unreached: true,
            ..Filters::default()
        };
        // Only boss (organization admin) reaches anything now, and he reaches every repository.
        let s = shown(&r, &[], &f);
        assert_eq!(s.columns.len(), 3);
        let f = Filters {
            robot: "idle".into(),
            hide_unreached: true,
            ..Filters::default()
        };
        assert!(shown(&r, &[], &f).columns.is_empty());
    }

    #[test]
    fn filter_keys_round_trip() {
        for s in [
            SourceFilter::Any,
            SourceFilter::Direct,
            SourceFilter::AnyTeam,
            SourceFilter::Team(TeamName::parse("team-001").unwrap()),
        ] {
            assert_eq!(SourceFilter::from_key(&s.key()), s);
        }
        for r in [
            RiskFilter::All,
            RiskFilter::Any,
            RiskFilter::Kind(RiskKind::LongLivedToken),
        ] {
            assert_eq!(RiskFilter::from_key(&r.key()), r);
        }
    }
}
