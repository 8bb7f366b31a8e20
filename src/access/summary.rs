//! The per-robot summary as text: what the Summary view shows, and so what its exports hold.

use super::merge::RobotAccess;
use super::risk::{role_counts, Risk};
use crate::dates::display_rfc2822;
use serde::Serialize;

/// The Summary view's columns, in order (also the CSV header).
pub const COLUMNS: [&str; 9] = [
    "Robot account",
    "Admin",
    "Write",
    "Read",
    "Teams",
    "Last accessed",
    "Federation",
    "Created",
    "Risks",
];

/// One robot's summary, as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    pub robot: String,
    /// Repositories by effective role.
    pub admin: usize,
    pub write: usize,
    pub read: usize,
    pub teams: Vec<String>,
    pub last_accessed: String,
    pub federation: String,
    pub created: String,
    pub risks: Vec<String>,
}

impl SummaryRow {
    /// The row's cells as text, in [`COLUMNS`] order.
    pub fn cells(&self) -> Vec<String> {
        vec![
            self.robot.clone(),
            self.admin.to_string(),
            self.write.to_string(),
            self.read.to_string(),
            self.teams.join(", "),
            self.last_accessed.clone(),
            self.federation.clone(),
            self.created.clone(),
            self.risks.join("; "),
        ]
    }
}

/// `Configured`, `Not configured`, or `Unknown` while it could not be read.
pub fn federation_text(f: Option<bool>) -> &'static str {
    match f {
        Some(true) => "Configured",
        Some(false) => "Not configured",
        None => "Unknown",
    }
}

pub fn summary_row(row: &RobotAccess, risks: &[Risk]) -> SummaryRow {
    let c = role_counts(row);
    let r = &row.robot;
    SummaryRow {
        robot: r.name.to_string(),
        admin: c.admin,
        write: c.write,
        read: c.read,
        teams: r.teams.clone().unwrap_or_default(),
        last_accessed: display_rfc2822(r.last_accessed.as_deref(), "Never"),
        federation: federation_text(row.federated).to_string(),
        created: display_rfc2822(r.created.as_deref(), "N/A"),
        risks: risks.iter().map(Risk::label).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::super::merge::build_report;
    use super::super::risk::{risks, RiskSettings};
    use super::*;

    #[test]
    fn a_summary_row_reads_as_the_view_shows_it() {
        let r = build_report(&plan(), &gathered());
        let row = r
            .rows
            .iter()
            .find(|x| x.robot.name.as_str() == "acme+mixed")
            .unwrap();
        let s = summary_row(row, &risks(row, &RiskSettings::default(), NOW));
        assert_eq!(
            s.cells(),
            [
                "acme+mixed",
                "0",
                "1",
                "1",
                "ci",
                "Never",
                "Configured",
                "Dec 1, 2026, 6:55 AM",
                "Never used"
            ]
        );
        assert_eq!(s.cells().len(), COLUMNS.len());
    }
}

/// The Summary view gathered on the server in one call: what the tab shows without JavaScript
/// (`?tab=Robotaccess&summary=server`). Rows are text in [`COLUMNS`] order, every robot of the
/// namespace, no filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ServerSummary {
    pub rows: Vec<Vec<String>>,
    /// What could not be read, as the live report words it (the rows still show).
    pub failed: Vec<String>,
    /// The plan's warnings (e.g. team roles unknown).
    pub warnings: Vec<String>,
}

impl ServerSummary {
    /// The summary of `plan` and its gathered answers, as of the plan's time.
    pub fn of(plan: &super::AccessPlan, gathered: &super::Gathered) -> ServerSummary {
        let report = super::merge::build_report(plan, gathered);
        let settings = super::risk::RiskSettings::default();
        let risks: Vec<Vec<Risk>> = report
            .rows
            .iter()
            .map(|row| super::risk::risks(row, &settings, plan.generated_at))
            .collect();
        let shown = super::filter::shown(&report, &risks, &super::filter::Filters::default());
        let namespace = &plan.namespace;
        let export = super::export::Export {
            namespace,
            generated_at: plan.generated_at,
            report: &report,
            shown: &shown,
            risks: &risks,
        };
        ServerSummary {
            rows: export
                .summary_rows()
                .iter()
                .map(SummaryRow::cells)
                .collect(),
            failed: gathered
                .failed
                .iter()
                .map(|(f, m)| f.failure_line(m))
                .collect(),
            warnings: plan.warnings.clone(),
        }
    }
}
