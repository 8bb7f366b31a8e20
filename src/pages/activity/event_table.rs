//! The events as a table: time, event, repository, IP address, actor and details.

use crate::activity::Event;
use crate::components::when::When;
use crate::dates::format_medium;
use leptos::prelude::*;

#[component]
pub fn EventTable(events: Signal<Vec<Event>>) -> impl IntoView {
    view! {
        <div class="rc-activity-table">
            <table class="pf-v6-c-table pf-m-compact pf-m-grid-md" data-testid="activity-events" aria-label="Events, newest first">
                <thead class="pf-v6-c-table__thead">
                    <tr class="pf-v6-c-table__tr">
                        <th class="pf-v6-c-table__th" scope="col">"Time (UTC)"</th>
                        <th class="pf-v6-c-table__th" scope="col">"Event"</th>
                        <th class="pf-v6-c-table__th" scope="col">"Repository"</th>
                        <th class="pf-v6-c-table__th" scope="col">"IP address"</th>
                        <th class="pf-v6-c-table__th" scope="col">"Actor"</th>
                        <th class="pf-v6-c-table__th" scope="col">"Details"</th>
                    </tr>
                </thead>
                <tbody class="pf-v6-c-table__tbody">
                    {move || events.with(|list| list.iter().map(row).collect_view())}
                </tbody>
            </table>
            <When when=move || events.with(Vec::is_empty)>
                <p class="rc-no-match" data-testid="activity-no-events">"No events match."</p>
            </When>
        </div>
    }
}

fn row(e: &Event) -> impl IntoView {
    let dash = || "—".to_string();
    view! {
        <tr class="pf-v6-c-table__tr" data-testid="activity-event" data-kind=e.kind.clone() data-epoch=e.epoch.to_string()>
            <td class="pf-v6-c-table__td" data-label="Time (UTC)">{format_medium(e.epoch)}</td>
            <td class="pf-v6-c-table__td" data-label="Event" title=e.kind.clone()>{e.label()}</td>
            <td class="pf-v6-c-table__td" data-label="Repository">{e.repository.clone().unwrap_or_else(dash)}</td>
            <td class="pf-v6-c-table__td" data-label="IP address">{e.ip.clone().unwrap_or_else(dash)}</td>
            <td class="pf-v6-c-table__td" data-label="Actor">{e.actor.clone().unwrap_or_else(dash)}</td>
            <td class="pf-v6-c-table__td rc-activity-details-cell" data-label="Details">{e.details.clone()}</td>
        </tr>
    }
}
