//! `?tab=Robotaccess&summary=server`: the Summary view of every robot, gathered on the server
//! in one call and rendered in the page's HTML, so it shows without JavaScript.

use crate::access::summary::COLUMNS;
use crate::components::alert::WarningAlert;
use crate::components::spinner::Loading;
use crate::quay::ids::Namespace;
use crate::server::access::access_summary;
use leptos::prelude::*;

#[component]
pub fn ServerSummaryView(namespace: Namespace) -> impl IntoView {
    let live = format!("/organization/{namespace}?tab=Robotaccess");
    let summary = crate::json::resource(
        move || namespace.clone(),
        |ns| async move { access_summary(ns).await },
    );
    let body = move || {
        Suspend::new(async move {
            match summary.await {
                Err(e) => crate::pages::load_error_view(
                    "Failed to build the access report",
                    "Unable to read the robot accounts",
                    e,
                ),
                Ok(s) if s.rows.is_empty() => view! {
                    <p class="rc-no-match" data-testid="access-no-match">"This namespace has no robot accounts."</p>
                }
                .into_any(),
                Ok(s) => {
                    let notes = s
                        .warnings
                        .into_iter()
                        .chain(s.failed)
                        .map(|w| view! { <WarningAlert text=w testid="access-warning" /> })
                        .collect_view();
                    let rows = s
                        .rows
                        .into_iter()
                        .map(|cells| {
                            let cells = cells
                                .into_iter()
                                .zip(COLUMNS)
                                .map(|(c, label)| view! { <td class="pf-v6-c-table__td" data-label=label>{c}</td> })
                                .collect_view();
                            view! { <tr class="pf-v6-c-table__tr" data-testid="access-server-row">{cells}</tr> }
                        })
                        .collect_view();
                    view! {
                        {notes}
                        <table
                            class="pf-v6-c-table pf-m-compact rc-access-summary"
                            id="access-server-summary"
                            data-testid="access-server-summary"
                            aria-label="Robot access summary"
                        >
                            <thead class="pf-v6-c-table__thead">
                                <tr class="pf-v6-c-table__tr">
                                    {COLUMNS
                                        .map(|c| view! { <th class="pf-v6-c-table__th" scope="col">{c}</th> })
                                        .collect_view()}
                                </tr>
                            </thead>
                            <tbody class="pf-v6-c-table__tbody">{rows}</tbody>
                        </table>
                    }
                    .into_any()
                }
            }
        })
    };
    view! {
        <div class="rc-access" data-testid="robot-access-server">
            <p class="pf-v6-c-content">
                "The summary of every robot account, gathered on the server when this page was made. "
                <a href=live data-testid="access-live-link">"Open the live report"</a>
                " for its filters, matrix, exports and changes (it needs JavaScript)."
            </p>
            <Suspense fallback=|| view! { <Loading /> }>{body}</Suspense>
        </div>
    }
}
