//! The robot accounts table (columns as Quay's §1.5), sortable on every data column.

use super::row::RobotRowView;
use super::state::ListState;
use super::toolbar::RobotToolbar;
use crate::components::pagination::Pagination;
use crate::components::when::When;
use crate::robot_list::SortColumn;
use leptos::prelude::*;

#[component]
pub fn RobotTable(robots_disallow: bool) -> impl IntoView {
    let state = expect_context::<ListState>();
    let total = Signal::derive(move || state.visible.with(Vec::len));
    view! {
        <RobotToolbar state robots_disallow />
        <table
            class="pf-v6-c-table pf-m-compact pf-m-grid-md pf-m-expandable"
            id="robot-accounts-table"
            data-testid="robot-accounts-table"
            aria-label="Expandable table"
        >
            <thead class="pf-v6-c-table__thead">
                <tr class="pf-v6-c-table__tr">
                    <td class="pf-v6-c-table__td"></td>
                    <td class="pf-v6-c-table__td"></td>
                    {SortColumn::ALL.into_iter().map(|c| view! { <SortHeader column=c /> }).collect_view()}
                    <td class="pf-v6-c-table__td"></td>
                </tr>
            </thead>
            <For each=move || state.page_rows.get() key=|r| r.name.clone() let:row>
                <RobotRowView row />
            </For>
        </table>
        <When when=move || total.get() == 0>
            <p class="rc-no-match" data-testid="no-match">
                "No robot accounts match the search and filter."
            </p>
        </When>
        <Pagination
            id="robot-accounts-pagination-bottom"
            total
            page=state.page
            per_page=state.per_page
            bottom=true
        />
    }
}

#[component]
fn SortHeader(column: SortColumn) -> impl IntoView {
    let state = expect_context::<ListState>();
    let active = move || state.sort.get().column == column;
    let aria = move || match (active(), state.sort.get().ascending) {
        (false, _) => "none",
        (true, true) => "ascending",
        (true, false) => "descending",
    };
    let icon = move || match (active(), state.sort.get().ascending) {
        (false, _) => "fas fa-arrows-alt-v",
        (true, true) => "fas fa-long-arrow-alt-up",
        (true, false) => "fas fa-long-arrow-alt-down",
    };
    view! {
        <th
            class=move || {
                if active() {
                    "pf-v6-c-table__th pf-v6-c-table__sort pf-m-selected"
                } else {
                    "pf-v6-c-table__th pf-v6-c-table__sort"
                }
            }
            aria-sort=aria
            scope="col"
        >
            <button
                class="pf-v6-c-table__button"
                type="button"
                on:click=move |_| state.sort.update(|s| *s = s.clicked(column))
            >
                <div class="pf-v6-c-table__button-content">
                    <span class="pf-v6-c-table__text">{column.header()}</span>
                    <span class="pf-v6-c-table__sort-indicator">
                        <i class=icon aria-hidden="true"></i>
                    </span>
                </div>
            </button>
        </th>
    }
}
