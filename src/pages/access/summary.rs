//! The Summary view: one row per robot with its repositories by role, teams, last use,
//! federation, creation and risk flags.

use super::state::{use_access, AccessDialog};
use crate::access::export::Export;
use crate::access::risk::Risk;
use crate::access::summary::{SummaryRow, COLUMNS};
use crate::components::pagination::{page_slice, Pagination};
use crate::components::table::TableHead;
use crate::components::when::When;
use leptos::prelude::*;

/// The label colour of a flag.
fn flag_class(r: &Risk) -> &'static str {
    match r {
        Risk::Admin { .. } | Risk::ManyRepos { .. } => "pf-v6-c-label pf-m-red pf-m-compact",
        Risk::LongLivedToken { .. } => "pf-v6-c-label pf-m-orange pf-m-compact",
        Risk::NeverUsed | Risk::Unused { .. } => "pf-v6-c-label pf-m-yellow pf-m-compact",
    }
}

/// The flags of the shown rows, in shown order.
fn shown_flags(s: super::state::AccessState) -> Vec<Vec<Risk>> {
    let none = Vec::new();
    s.shown.with(|shown| {
        s.risks.with(|risks| {
            shown
                .rows
                .iter()
                .map(|&i| risks.get(i).unwrap_or(&none).clone())
                .collect()
        })
    })
}

#[component]
pub fn AccessSummary() -> impl IntoView {
    let s = use_access();
    let rows = Memo::new(move |_| {
        // Reading them here makes the memo follow every input of the export.
        s.shown.track();
        s.report.track();
        s.risks.track();
        let summary = super::actions::with_export(s, |e: &Export| e.summary_rows());
        summary.into_iter().zip(shown_flags(s)).collect::<Vec<_>>()
    });
    let total = Signal::derive(move || rows.with(Vec::len));
    let page = move || page_slice(&rows.get(), s.row_page.get(), s.rows_per_page.get());
    view! {
        <div class="rc-access-paging rc-no-print">
            <Pagination id="access-summary-pagination" total page=s.row_page per_page=s.rows_per_page />
        </div>
        <table class="pf-v6-c-table pf-m-compact rc-access-summary" id="access-summary" data-testid="access-summary" aria-label="Robot access summary">
            <TableHead columns=&COLUMNS />
            <tbody class="pf-v6-c-table__tbody">
                {move || page().into_iter().map(|(row, flags)| view! { <SummaryLine row flags /> }).collect_view()}
            </tbody>
        </table>
        <When when=move || total.get() == 0>
            <p class="rc-no-match" data-testid="access-no-match">"No robot accounts match the filters."</p>
        </When>
    }
}

#[component]
fn SummaryLine(row: SummaryRow, flags: Vec<Risk>) -> impl IntoView {
    let s = use_access();
    let name = row.robot.clone();
    let open = move |_| {
        let robot = s.report.with_untracked(|r| {
            r.rows
                .iter()
                .find(|x| x.robot.name.as_str() == name)
                .map(|x| x.robot.clone())
        });
        if let Some(robot) = robot {
            s.dialog.set(Some(AccessDialog::Permissions(robot)));
        }
    };
    let cells = row.cells();
    view! {
        <tr class="pf-v6-c-table__tr" data-testid=format!("access-summary-{}", row.robot)>
            <th class="pf-v6-c-table__th" scope="row" data-label=COLUMNS[0]>
                <button type="button" class="rc-link" title="Set repository permissions" on:click=open>
                    {cells[0].clone()}
                </button>
            </th>
            {cells[1..8]
                .iter()
                .enumerate()
                .map(|(k, c)| view! { <td class="pf-v6-c-table__td" data-label=COLUMNS[k + 1]>{c.clone()}</td> })
                .collect_view()}
            <td class="pf-v6-c-table__td" data-label=COLUMNS[8]>
                <span class="rc-access-flags">
                    {flags
                        .iter()
                        .map(|f| {
                            view! {
                                <span class=flag_class(f) data-testid=format!("risk-{}", f.kind().key())>
                                    <span class="pf-v6-c-label__content">
                                        <span class="pf-v6-c-label__text">{f.label()}</span>
                                    </span>
                                </span>
                            }
                        })
                        .collect_view()}
                </span>
            </td>
        </tr>
    }
}
