//! The robot accounts table (columns as Quay's §1.5).

use super::{use_robot_tab, RobotDialog};
use crate::components::kebab::{Kebab, MenuAction};
use crate::dates::display_rfc2822;
use crate::server::robots::{RobotRow, RobotsPage};
use leptos::prelude::*;

pub fn teams_label(n: usize) -> String {
    match n {
        0 => "No teams".into(),
        1 => "1 team".into(),
        n => format!("{n} teams"),
    }
}

pub fn repositories_label(n: usize) -> String {
    match n {
        0 => "No repositories".into(),
        1 => "1 repository".into(),
        n => format!("{n} repositories"),
    }
}

#[component]
pub fn RobotTable(page: RobotsPage) -> impl IntoView {
    let rows = page.robots;
    view! {
        <table
            class="pf-v6-c-table pf-m-compact pf-m-grid-md"
            id="robot-accounts-table"
            data-testid="robot-accounts-table"
            aria-label="Expandable table"
        >
            <thead class="pf-v6-c-table__thead">
                <tr class="pf-v6-c-table__tr">
                    <td class="pf-v6-c-table__td"></td>
                    <td class="pf-v6-c-table__td"></td>
                    <th class="pf-v6-c-table__th" scope="col">"Robot account name"</th>
                    <th class="pf-v6-c-table__th" scope="col">"Teams"</th>
                    <th class="pf-v6-c-table__th" scope="col">"Repositories"</th>
                    <th class="pf-v6-c-table__th" scope="col">"Last accessed"</th>
                    <th class="pf-v6-c-table__th" scope="col">"Created"</th>
                    <td class="pf-v6-c-table__td"></td>
                </tr>
            </thead>
            {rows.into_iter().map(|r| view! { <RobotRowView row=r /> }).collect_view()}
        </table>
    }
}

#[component]
fn RobotRowView(row: RobotRow) -> impl IntoView {
    let last = row.last_accessed.clone().unwrap_or_else(|| "Never".into());
    let created = display_rfc2822(row.created.as_deref(), "N/A");
    let teams = teams_label(row.teams.len());
    let repos = repositories_label(row.repositories.len());
    let has_teams = !row.teams.is_empty();
    let tab = use_robot_tab();
    let name = row.name.clone();
    let row = StoredValue::new(row);
    let open = move |d: fn(RobotRow) -> RobotDialog| move |_| tab.open(d(row.get_value()));
    let actions = vec![
        MenuAction::new(
            format!("{name}-set-repo-perms-btn"),
            "Set repository permissions",
            move || tab.open(RobotDialog::Permissions(row.get_value())),
        ),
        MenuAction::new(
            format!("{name}-set-robot-federation-btn"),
            "Set robot federation",
            move || tab.open(RobotDialog::Federation(row.get_value())),
        ),
        MenuAction::new(format!("{name}-del-btn"), "Delete", move || {
            tab.open(RobotDialog::Delete(vec![row.get_value().name]))
        })
        .danger(),
    ];
    view! {
        <tbody class="pf-v6-c-table__tbody" data-testid=format!("row-{name}")>
            <tr class="pf-v6-c-table__tr">
                <td class="pf-v6-c-table__td pf-v6-c-table__toggle"></td>
                <td class="pf-v6-c-table__td pf-v6-c-table__check">
                    <label>
                        <input type="checkbox" aria-label=format!("Select {name}") />
                    </label>
                </td>
                <td class="pf-v6-c-table__td" data-label="Robot account name">
                    <button type="button" class="rc-link rc-robot-name" on:click=open(RobotDialog::Credentials)>
                        {name.clone()}
                    </button>
                </td>
                <td class="pf-v6-c-table__td" data-label="Teams">
                    {if has_teams {
                        view! {
                            <button type="button" class="rc-link" on:click=open(RobotDialog::Teams)>
                                {teams}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! { <span>{teams}</span> }.into_any()
                    }}
                </td>
                <td class="pf-v6-c-table__td" data-label="Repositories">
                    <button type="button" class="rc-link" on:click=open(RobotDialog::Permissions)>
                        {repos}
                    </button>
                </td>
                <td class="pf-v6-c-table__td" data-label="Last accessed">{last}</td>
                <td class="pf-v6-c-table__td" data-label="Created">{created}</td>
                <td class="pf-v6-c-table__td pf-v6-c-table__action">
                    <Kebab toggle_id=format!("{name}-toggle-kebab") actions />
                </td>
            </tr>
        </tbody>
    }
}
