//! The toolbar above the robot accounts table (Quay's RobotAccountsToolBar, plus a Usage filter).

use super::state::ListState;
use super::{use_robot_tab, RobotDialog};
use crate::components::bulk_select::BulkSelect;
use crate::components::pagination::Pagination;
use crate::components::search_input::SearchInput;
use crate::components::toggle_group::ToggleGroup;
use crate::components::when::When;
use crate::quay::ids::RobotName;
use crate::robot_list::Usage;
use leptos::prelude::*;

#[component]
pub fn RobotToolbar(state: ListState, robots_disallow: bool) -> impl IntoView {
    let tab = use_robot_tab();
    let selected = tab.selected;
    let total = Signal::derive(move || state.visible.with(Vec::len));
    let page_count = Signal::derive(move || state.page_rows.with(Vec::len));
    let select_names = move |names: Vec<RobotName>| selected.update(|s| s.extend(names));
    let on_none = Callback::new(move |_| selected.update(|s| s.clear()));
    let on_page = Callback::new(move |_| {
        select_names(
            state
                .page_rows
                .with_untracked(|r| r.iter().map(|r| r.name.clone()).collect()),
        )
    });
    let on_all = Callback::new(move |_| {
        select_names(
            state
                .visible
                .with_untracked(|r| r.iter().map(|r| r.name.clone()).collect()),
        )
    });
    let on_usage =
        move |ev: leptos::ev::Event| state.usage.set(Usage::from_key(&event_target_value(&ev)));
    view! {
        <div class="pf-v6-c-toolbar" id="robot-accounts-toolbar">
            <div class="pf-v6-c-toolbar__content">
                <div class="pf-v6-c-toolbar__content-section rc-toolbar">
                    <When when=move || tab.can_manage.get()>
                    <div class="pf-v6-c-toolbar__item">
                        <BulkSelect
                            id="robot-account-dropdown-checkbox"
                            selected=Signal::derive(move || selected.with(|s| s.len()))
                            page_count
                            total_count=total
                            on_none
                            on_page
                            on_all
                        />
                    </div>
                    </When>
                    <div class="pf-v6-c-toolbar__item">
                        <SearchInput
                            id="robot-account-search"
                            placeholder="Search by Robot account name..."
                            value=state.search
                        />
                    </div>
                    <div class="pf-v6-c-toolbar__item">
                        <span class="pf-v6-c-form-control">
                            <select
                                id="robot-usage-filter"
                                data-testid="robot-usage-filter"
                                aria-label="Filter by usage"
                                title="Find robot accounts that were never used, or not for a while, to prune them"
                                on:change=on_usage
                            >
                                {Usage::CHOICES
                                    .into_iter()
                                    .map(|u| {
                                        view! {
                                            <option value=u.key() selected=move || state.usage.get() == u>
                                                {u.label()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </span>
                    </div>
                    <When when=move || !robots_disallow && tab.can_manage.get()>
                        <div class="pf-v6-c-toolbar__item">
                            <super::CreateRobotButton />
                        </div>
                    </When>
                    <div class="pf-v6-c-toolbar__item">
                        <ToggleGroup
                            items=crate::robot_list::Expansion::toggle_items()
                            selected=state.expansion
                            aria_label="Expand or collapse descriptions"
                        />
                    </div>
                    <When when=move || tab.can_manage.get() && selected.with(|s| !s.is_empty())>
                        <div class="pf-v6-c-toolbar__item">
                            <button
                                class="pf-v6-c-button pf-m-plain"
                                type="button"
                                aria-label="Delete selected items"
                                data-testid="delete-selected-items"
                                on:click=move |_| {
                                    let mut names: Vec<RobotName> = selected.get_untracked().into_iter().collect();
                                    names.sort();
                                    tab.open(RobotDialog::Delete(names))
                                }
                            >
                                <i class="fas fa-trash" aria-hidden="true"></i>
                            </button>
                        </div>
                    </When>
                    <div class="pf-v6-c-toolbar__item pf-m-pagination">
                        <Pagination
                            id="robot-accounts-pagination"
                            total
                            page=state.page
                            per_page=state.per_page
                        />
                    </div>
                </div>
            </div>
        </div>
    }
}
