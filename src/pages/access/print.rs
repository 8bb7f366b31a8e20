//! The printable view: what the report shows (every shown robot, not only a page), as the
//! summary table and each robot's access as a list, without the controls.

use super::actions::with_export;
use super::state::use_access;
use crate::access::export::Export;
use crate::access::summary::COLUMNS;
use crate::components::table::TableHead;
use leptos::prelude::*;

fn print_page() {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

#[component]
pub fn PrintableView() -> impl IntoView {
    let s = use_access();
    let ns = s.ns();
    let (summary, access, generated, filters) = with_export(s, |e: &Export| {
        let access: Vec<(String, Vec<(String, String)>)> = e
            .shown
            .rows
            .iter()
            .map(|&i| {
                let row = &e.report.rows[i];
                let cells = e
                    .shown
                    .columns
                    .iter()
                    .filter_map(|&c| {
                        row.cell(c)
                            .map(|cell| (e.report.columns[c].name.to_string(), cell.text()))
                    })
                    .collect();
                (row.robot.name.to_string(), cells)
            })
            .collect();
        (
            e.summary_rows(),
            access,
            crate::dates::format_medium(e.generated_at),
            format!(
                "{} robot accounts, {} repositories shown",
                e.shown.rows.len(),
                e.shown.columns.len()
            ),
        )
    });
    view! {
        <div class="rc-access-print" data-testid="access-print">
            <div class="rc-no-print rc-access-exports">
                <button type="button" class="pf-v6-c-button pf-m-primary" data-testid="access-print-btn" on:click=move |_| print_page()>
                    "Print"
                </button>
                <button type="button" class="pf-v6-c-button pf-m-link" data-testid="access-print-back" on:click=move |_| s.printable.set(false)>
                    "Back to the report"
                </button>
            </div>
            <h2 class="pf-v6-c-title pf-m-xl">{format!("Robot access of {ns}")}</h2>
            <p>{format!("Gathered {generated} (UTC). {filters}.")}</p>
            <table class="pf-v6-c-table pf-m-compact" aria-label="Robot access summary" data-testid="access-print-summary">
                <TableHead columns=&COLUMNS />
                <tbody class="pf-v6-c-table__tbody">
                    {summary
                        .into_iter()
                        .map(|r| {
                            view! {
                                <tr class="pf-v6-c-table__tr">
                                    {r.cells().into_iter().map(|c| view! { <td class="pf-v6-c-table__td">{c}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            {access
                .into_iter()
                .map(|(robot, cells)| {
                    view! {
                        <section class="rc-access-print__robot" data-testid="access-print-robot">
                            <h3 class="pf-v6-c-title pf-m-md">{robot}</h3>
                            {if cells.is_empty() {
                                view! { <p>"No access to the shown repositories."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="rc-access-print__list">
                                        {cells.into_iter().map(|(repo, text)| view! { <li>{format!("{repo}: {text}")}</li> }).collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }}
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}
