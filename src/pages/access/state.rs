//! The Robot access tab's state: the plan, the answers gathered so far, the filters, the paging
//! and the focused cell, and the report derived from them (plain functions in `crate::access`).

use crate::access::filter::{shown, Filters, RiskFilter, Shown, SourceFilter};
use crate::access::grid::Pos;
use crate::access::risk::{risks, Risk, RiskSettings};
use crate::access::{build_report, AccessPlan, Cell, Fetch, Gathered, Report};
use crate::components::bulk::BulkRun;
use crate::error::AppError;
use crate::permissions::Perm;
use crate::quay::ids::{Namespace, RepoName};
use crate::robot_list::RobotRow;
use leptos::prelude::*;

/// The two views of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportView {
    Matrix,
    Summary,
}

impl ReportView {
    pub fn key(self) -> &'static str {
        match self {
            ReportView::Matrix => "matrix",
            ReportView::Summary => "summary",
        }
    }
}

/// The dialog the tab has open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessDialog {
    /// Set repository permissions for the robot.
    Permissions(RobotRow),
    /// Where a cell's access comes from (a team grants some of it).
    Grant {
        robot: RobotRow,
        repo: RepoName,
        cell: Cell,
    },
}

#[derive(Clone, Copy)]
pub struct AccessState {
    pub namespace: StoredValue<Namespace>,
    pub plan: RwSignal<Option<Result<AccessPlan, AppError>>>,
    pub gathered: RwSignal<Gathered>,
    /// The gathering (and Retry failed): its progress and failures show on the tab.
    pub run: BulkRun<Fetch>,
    /// Re-reading one robot after its permissions changed (quiet).
    pub refresh: BulkRun<Fetch>,
    /// The first gathering has ended: the report shows from then on.
    pub ready: RwSignal<bool>,
    pub robot_q: RwSignal<String>,
    pub repo_q: RwSignal<String>,
    pub role: RwSignal<Option<Perm>>,
    pub source: RwSignal<SourceFilter>,
    pub risk: RwSignal<RiskFilter>,
    pub hide_unreached: RwSignal<bool>,
    pub settings: RwSignal<RiskSettings>,
    pub view: RwSignal<ReportView>,
    pub printable: RwSignal<bool>,
    pub row_page: RwSignal<usize>,
    pub rows_per_page: RwSignal<usize>,
    pub col_page: RwSignal<usize>,
    pub cols_per_page: RwSignal<usize>,
    /// The matrix cell that holds the roving tab stop.
    pub focus: RwSignal<Pos>,
    pub dialog: RwSignal<Option<AccessDialog>>,
    pub report: Memo<Report>,
    /// Each row's flags, by row index of the report.
    pub risks: Memo<Vec<Vec<Risk>>>,
    pub filters: Memo<Filters>,
    pub shown: Memo<Shown>,
}

impl AccessState {
    pub fn new(namespace: Namespace) -> Self {
        let plan = RwSignal::new(None::<Result<AccessPlan, AppError>>);
        let gathered = RwSignal::new(Gathered::default());
        let report = Memo::new(move |_| {
            plan.with(|p| match p {
                Some(Ok(p)) => gathered.with(|g| build_report(p, g)),
                _ => Report::default(),
            })
        });
        let settings = RwSignal::new(RiskSettings::default());
        let generated_at = move || {
            plan.with(|p| match p {
                Some(Ok(p)) => p.generated_at,
                _ => 0,
            })
        };
        let flags = Memo::new(move |_| {
            let (s, now) = (settings.get(), generated_at());
            report.with(|r| {
                r.rows
                    .iter()
                    .map(|row| risks(row, &s, now))
                    .collect::<Vec<_>>()
            })
        });
        let (robot_q, repo_q) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
        let role = RwSignal::new(None);
        let source = RwSignal::new(SourceFilter::Any);
        let risk = RwSignal::new(RiskFilter::All);
        let hide_unreached = RwSignal::new(false);
        let filters = Memo::new(move |_| Filters {
            robot: robot_q.get(),
            repo: repo_q.get(),
            role: role.get(),
            source: source.get(),
            risk: risk.get(),
            hide_unreached: hide_unreached.get(),
        });
        let shown_memo =
            Memo::new(move |_| report.with(|r| flags.with(|x| shown(r, x, &filters.get()))));
        let state = AccessState {
            namespace: StoredValue::new(namespace),
            plan,
            gathered,
            run: BulkRun::new(),
            refresh: BulkRun::new(),
            ready: RwSignal::new(false),
            robot_q,
            repo_q,
            role,
            source,
            risk,
            hide_unreached,
            settings,
            view: RwSignal::new(ReportView::Matrix),
            printable: RwSignal::new(false),
            row_page: RwSignal::new(1),
            rows_per_page: RwSignal::new(20),
            col_page: RwSignal::new(1),
            cols_per_page: RwSignal::new(20),
            focus: RwSignal::new(Pos::default()),
            dialog: RwSignal::new(None),
            report,
            risks: flags,
            filters,
            shown: shown_memo,
        };
        // New filters start again at the first page and cell.
        crate::components::effect::on_change(
            move || filters.get(),
            move || {
                state.row_page.set(1);
                state.col_page.set(1);
                state.focus.set(Pos::default());
            },
        );
        state
    }

    /// The plan, when it loaded.
    pub fn loaded_plan(&self) -> Option<AccessPlan> {
        self.plan
            .with(|p| p.as_ref().and_then(|p| p.as_ref().ok().cloned()))
    }

    /// Records one streamed answer.
    pub fn recorder(
        self,
    ) -> impl Fn(&Fetch, &crate::bulk::Outcome, Option<crate::access::Fetched>) {
        move |fetch, outcome, data| {
            self.gathered.try_update(|g| g.record(fetch, outcome, data));
        }
    }

    /// The namespace's name for exports and titles.
    pub fn ns(&self) -> Namespace {
        self.namespace.get_value()
    }
}

pub fn use_access() -> AccessState {
    expect_context::<AccessState>()
}
