//! Exports of exactly what the report shows: CSV (RFC 4180: a header row, fields quoted when
//! they hold a comma, quote or line break, quotes doubled, CRLF line ends) and JSON, for the
//! Matrix view (one row per robot, one column per repository) and the Summary view.

use super::filter::Shown;
use super::merge::{Report, Source};
use super::risk::Risk;
use super::role_name;
use super::summary::{summary_row, SummaryRow, COLUMNS};
use crate::quay::ids::Namespace;
use serde_json::{json, Value};

/// What an export is made of: the report, its shown selection and the flags of every row.
pub struct Export<'a> {
    pub namespace: &'a Namespace,
    pub generated_at: i64,
    pub report: &'a Report,
    pub shown: &'a Shown,
    /// Flags by row index of the report.
    pub risks: &'a [Vec<Risk>],
}

pub use crate::csv::{field as csv_field, line as csv_line};

/// The file name of an export: `robot-access-acme-matrix.csv`.
pub fn file_name(namespace: &Namespace, view: &str, ext: &str) -> String {
    format!("robot-access-{namespace}-{view}.{ext}")
}

impl Export<'_> {
    /// The Matrix view's header: `Robot account`, then every shown repository.
    pub fn matrix_header(&self) -> Vec<String> {
        std::iter::once("Robot account".to_string())
            .chain(
                self.shown
                    .columns
                    .iter()
                    .map(|&c| self.report.columns[c].name.to_string()),
            )
            .collect()
    }

    /// One shown row of the Matrix view: the robot, then each shown cell's text (empty: no
    /// access).
    pub fn matrix_row(&self, row: usize) -> Vec<String> {
        let r = &self.report.rows[row];
        std::iter::once(r.robot.name.to_string())
            .chain(
                self.shown
                    .columns
                    .iter()
                    .map(|&c| r.cell(c).map(|x| x.text()).unwrap_or_default()),
            )
            .collect()
    }

    pub fn matrix_csv(&self) -> String {
        let mut out = csv_line(&self.matrix_header());
        for &i in &self.shown.rows {
            out.push_str(&csv_line(&self.matrix_row(i)));
        }
        out
    }

    pub fn summary_rows(&self) -> Vec<SummaryRow> {
        let none = Vec::new();
        self.shown
            .rows
            .iter()
            .map(|&i| summary_row(&self.report.rows[i], self.risks.get(i).unwrap_or(&none)))
            .collect()
    }

    pub fn summary_csv(&self) -> String {
        let mut out = csv_line(&COLUMNS);
        for s in self.summary_rows() {
            out.push_str(&csv_line(&s.cells()));
        }
        out
    }

    fn head(&self, view: &str) -> serde_json::Map<String, Value> {
        let mut m = serde_json::Map::new();
        m.insert("namespace".into(), json!(self.namespace.as_str()));
        m.insert(
            "generated_at".into(),
            json!(crate::dates::format_rfc3339(self.generated_at)),
        );
        m.insert("view".into(), json!(view));
        m
    }

    /// `{namespace, generated_at, view, repositories: [...], robots: [{robot, cells: [{repository,
    /// role, text, grants: [{role, source, team?}]}]}]}`: the shown rows and columns; cells
    /// without access are left out.
    pub fn matrix_json(&self) -> String {
        let mut m = self.head("matrix");
        let repos: Vec<&str> = self
            .shown
            .columns
            .iter()
            .map(|&c| self.report.columns[c].name.as_str())
            .collect();
        m.insert("repositories".into(), json!(repos));
        let robots: Vec<Value> = self
            .shown
            .rows
            .iter()
            .map(|&i| {
                let r = &self.report.rows[i];
                let cells: Vec<Value> = self
                    .shown
                    .columns
                    .iter()
                    .filter_map(|&c| r.cell(c).map(|cell| (c, cell)))
                    .map(|(c, cell)| {
                        let grants: Vec<Value> = cell
                            .grants
                            .iter()
                            .map(|g| {
                                let mut v = json!({"role": role_name(g.role)});
                                let (source, team) = match &g.source {
                                    Source::Direct => ("direct", None),
                                    Source::Team(t) => ("team", Some(t)),
                                    Source::OrgAdmin(t) => ("organization_admin", Some(t)),
                                };
                                v["source"] = json!(source);
                                if let Some(t) = team {
                                    v["team"] = json!(t.as_str());
                                }
                                v
                            })
                            .collect();
                        json!({
                            "repository": self.report.columns[c].name.as_str(),
                            "role": role_name(cell.role),
                            "text": cell.text(),
                            "grants": grants,
                        })
                    })
                    .collect();
                json!({"robot": r.robot.name.as_str(), "cells": cells})
            })
            .collect();
        m.insert("robots".into(), json!(robots));
        serde_json::to_string_pretty(&Value::Object(m)).unwrap_or_default()
    }

    /// `{namespace, generated_at, view, robots: [{robot, admin, write, read, teams, last_accessed,
    /// federation, created, risks}]}`, the same texts as the Summary view.
    pub fn summary_json(&self) -> String {
        let mut m = self.head("summary");
        m.insert("robots".into(), json!(self.summary_rows()));
        serde_json::to_string_pretty(&Value::Object(m)).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::super::filter::{shown, Filters};
    use super::super::fixtures::*;
    use super::super::merge::build_report;
    use super::super::risk::{risks, RiskSettings};
    use super::*;

    fn with_export<T>(f: &Filters, run: impl FnOnce(&Export) -> T) -> T {
        let p = plan();
        let r = build_report(&p, &gathered());
        let flags: Vec<Vec<Risk>> = r
            .rows
            .iter()
            .map(|x| risks(x, &RiskSettings::default(), NOW))
            .collect();
        let s = shown(&r, &flags, f);
        run(&Export {
            namespace: &p.namespace,
            generated_at: NOW,
            report: &r,
            shown: &s,
            risks: &flags,
        })
    }

    #[test]
    fn the_matrix_csv_has_a_header_row_stable_columns_and_quoted_cells() {
        let f = Filters {
            robot: "mix".into(),
            ..Filters::default()
        };
        let csv = with_export(&f, |e| e.matrix_csv());
        assert_eq!(
            csv,
            "Robot account,api,db,web\r\n\
             acme+mixed,write: read direct; write via team ci,,read via team ci\r\n"
        );
    }

    #[test]
    fn the_summary_csv_quotes_lists_that_hold_commas() {
        let f = Filters {
            robot: "boss".into(),
            ..Filters::default()
        };
        let csv = with_export(&f, |e| e.summary_csv());
        let mut lines = csv.split("\r\n");
        assert_eq!(
            lines.next().unwrap(),
            "Robot account,Admin,Write,Read,Teams,Last accessed,Federation,Created,Risks"
        );
        assert_eq!(
            lines.next().unwrap(),
            "acme+boss,3,0,0,owners,\"Dec 1, 2026, 6:55 AM\",Not configured,\"Dec 1, 2026, 6:55 AM\",Admin on 3 repositories; Not used for 100 days"
        );
    }

    #[test]
    fn the_json_exports_hold_the_shown_rows_with_each_grant() {
        let f = Filters {
            repo: "api".into(),
            ..Filters::default()
        };
        let j: Value = serde_json::from_str(&with_export(&f, |e| e.matrix_json())).unwrap();
        assert_eq!(j["namespace"], "acme");
        assert_eq!(j["view"], "matrix");
        assert_eq!(j["generated_at"], "2033-05-18T03:33:20Z");
        assert_eq!(j["repositories"], json!(["api"]));
        let robots = j["robots"].as_array().unwrap();
        assert_eq!(robots.len(), 4);
        let mixed = robots.iter().find(|r| r["robot"] == "acme+mixed").unwrap();
        assert_eq!(
            mixed["cells"][0]["grants"],
            json!([
                {"role": "read", "source": "direct"},
                {"role": "write", "source": "team", "team": "ci"}
            ])
        );
        let idle = robots.iter().find(|r| r["robot"] == "acme+idle").unwrap();
        assert_eq!(idle["cells"], json!([]));
        let s: Value = serde_json::from_str(&with_export(&f, |e| e.summary_json())).unwrap();
        assert_eq!(s["robots"][0]["robot"], "acme+boss");
        assert_eq!(s["robots"][0]["teams"], json!(["owners"]));
    }

    #[test]
    fn file_names_say_what_they_hold() {
        let ns = Namespace::parse("acme").unwrap();
        assert_eq!(
            file_name(&ns, "matrix", "csv"),
            "robot-access-acme-matrix.csv"
        );
    }
}
