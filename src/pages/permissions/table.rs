//! "Add to repository (optional)": the repository permission table shared by the Set repository
//! permissions modal and the create wizard (spec §2.5). Edits `selection` (checked repo → perm).

use super::dropdown::PermissionDropdown;
use crate::components::bulk_select::BulkSelect;
use crate::components::kebab::{Kebab, MenuAction};
use crate::components::pagination::{page_slice, Pagination};
use crate::components::search_input::SearchInput;
use crate::components::table::{CheckCell, TableControls, TableHead};
use crate::components::toggle_group::ToggleGroup;
use crate::dates::format_medium;
use crate::permissions::{check, filter_rows, set_all_checked, set_perm, Perm, PermMap, RepoRow};
use leptos::prelude::*;

#[component]
pub fn RepoPermissionTable(repos: Vec<RepoRow>, selection: RwSignal<PermMap>) -> impl IntoView {
    let repos = StoredValue::new(repos);
    let controls = TableControls::new();
    let TableControls {
        query,
        show,
        page,
        per_page,
    } = controls;
    let filtered = Memo::new(move |_| {
        let only_selected = controls.only_selected();
        selection.with(|m| repos.with_value(|r| filter_rows(r, &query.get(), only_selected, m)))
    });
    let visible = Memo::new(move |_| filtered.with(|f| page_slice(f, page.get(), per_page.get())));
    let select_rows =
        move |rows: Vec<RepoRow>| selection.update(|m| rows.iter().for_each(|r| check(m, &r.name)));
    let bulk = Perm::ALL
        .iter()
        .map(|&p| {
            MenuAction::new(
                format!("bulk-{}-permission", p.label()),
                p.label(),
                move || selection.update(|m| set_all_checked(m, p)),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <h3 class="pf-v6-c-title pf-m-md rc-repo-perms__title">"Add to repository (optional)"</h3>
        <div class="pf-v6-c-toolbar rc-toolbar">
            <div class="pf-v6-c-toolbar__content-section">
                <BulkSelect
                    id="add-repository-bulk-select"
                    selected=Signal::derive(move || selection.with(|m| m.len()))
                    page_count=Signal::derive(move || visible.with(|v| v.len()))
                    total_count=Signal::derive(move || filtered.with(|f| f.len()))
                    on_none=move |_| selection.set(PermMap::new())
                    on_page=move |_| select_rows(visible.get_untracked())
                    on_all=move |_| select_rows(filtered.get_untracked())
                />
                <SearchInput id="robot-wizard-repo-search" placeholder="Search by Repository..." value=query />
                <ToggleGroup items=crate::components::table::Shown::toggle_items() selected=show />
                <Kebab toggle_id="toggle-bulk-perms-kebab" aria_label="Toggle bulk permissions" actions=bulk />
                <Pagination id="add-repository-pagination" total=Signal::derive(move || filtered.with(|f| f.len())) page per_page />
            </div>
        </div>
        <table class="pf-v6-c-table pf-m-compact" id="add-repository-table" aria-label="Repositories">
            <TableHead columns=&["Repository", "Permissions", "Last Updated"] check=true />
            <tbody class="pf-v6-c-table__tbody">
                <For each=move || visible.get() key=|r| r.name.clone() let:row>
                    <RepoRowView row selection />
                </For>
            </tbody>
        </table>
    }
}

#[component]
fn RepoRowView(row: RepoRow, selection: RwSignal<PermMap>) -> impl IntoView {
    let name = StoredValue::new(row.name.clone());
    let perm = Signal::derive(move || {
        selection.with(|m| name.with_value(|n| m.get(n).copied().unwrap_or(Perm::None)))
    });
    let on_check = Callback::new(move |checked: bool| {
        selection.update(|m| {
            name.with_value(|n| {
                if checked {
                    check(m, n)
                } else {
                    set_perm(m, n, Perm::None)
                }
            })
        });
    });
    let updated = row
        .last_modified
        .map(format_medium)
        .unwrap_or_else(|| "Never".into());
    view! {
        <tr class="pf-v6-c-table__tr" data-testid=format!("repo-row-{}", row.name)>
            <CheckCell
                name=row.name.clone()
                label=format!("Select {}", row.name)
                checked=Signal::derive(move || perm.get() != Perm::None)
                on_toggle=on_check
            />
            <td class="pf-v6-c-table__td" data-label="Repository">{row.name.clone()}</td>
            <td class="pf-v6-c-table__td" data-label="Permissions">
                <PermissionDropdown
                    repo=row.name.clone()
                    value=perm
                    on_select=move |p| selection.update(|m| name.with_value(|n| set_perm(m, n, p)))
                />
            </td>
            <td class="pf-v6-c-table__td" data-label="Last Updated">{updated}</td>
        </tr>
    }
}
