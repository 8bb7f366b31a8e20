//! One robot in the table: name (opens the credentials), teams, repositories, last accessed,
//! created, the kebab of actions, and the expandable description. A plain member of the
//! organization sees names only: no actions, and nothing where Quay did not answer.

use super::state::ListState;
use super::{use_robot_tab, RobotDialog};
use crate::components::kebab::{Kebab, MenuAction};
use crate::components::when::When;
use crate::dates::display_rfc2822;
use crate::robot_list::RobotRow;
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
pub fn RobotRowView(row: RobotRow) -> impl IntoView {
    let tab = use_robot_tab();
    let state = expect_context::<ListState>();
    let manage = tab.can_manage.get_untracked();
    let description = row.description.clone();
    let has_description = !description.trim().is_empty();
    let name = row.name.clone();
    let key = StoredValue::new(name.clone());
    let expanded = move || has_description && key.with_value(|k| state.is_expanded(k));
    let checked = move || key.with_value(|k| tab.selected.with(|s| s.contains(k)));
    let on_check = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let k = key.get_value();
        tab.selected.update(|s| {
            if on {
                s.insert(k);
            } else {
                s.remove(&k);
            }
        });
    };
    view! {
        <tbody
            class=move || if expanded() { "pf-v6-c-table__tbody pf-m-expanded" } else { "pf-v6-c-table__tbody" }
            data-testid=format!("row-{name}")
        >
            <tr class="pf-v6-c-table__tr pf-m-expandable">
                <td class="pf-v6-c-table__td pf-v6-c-table__toggle">
                    <When when=move || has_description>
                        <button
                            class=move || if expanded() { "pf-v6-c-button pf-m-plain pf-m-expanded" } else { "pf-v6-c-button pf-m-plain" }
                            type="button"
                            aria-label="Details"
                            aria-expanded=move || expanded().to_string()
                            on:click=move |_| key.with_value(|k| state.toggle_row(k))
                        >
                            <div class="pf-v6-c-table__toggle-icon">
                                <i class="fas fa-angle-down" aria-hidden="true"></i>
                            </div>
                        </button>
                    </When>
                </td>
                <td class="pf-v6-c-table__td pf-v6-c-table__check">
                    {manage.then(|| view! {
                        <label>
                            <input
                                type="checkbox"
                                aria-label=format!("Select {name}")
                                prop:checked=checked
                                on:change=on_check
                            />
                        </label>
                    })}
                </td>
                <RowCells row manage />
            </tr>
            <When when=expanded>
                <tr class="pf-v6-c-table__tr pf-v6-c-table__expandable-row pf-m-expanded">
                    <td class="pf-v6-c-table__td" colspan="8" data-label="Robot Account description">
                        <div class="pf-v6-c-table__expandable-row-content">{description.clone()}</div>
                    </td>
                </tr>
            </When>
        </tbody>
    }
}

/// The data cells and the kebab; links and actions only for those who can manage.
#[component]
fn RowCells(row: RobotRow, manage: bool) -> impl IntoView {
    let tab = use_robot_tab();
    let name = row.name.clone();
    let created = display_rfc2822(row.created.as_deref(), "N/A");
    let last_exact = row.last_accessed.clone().unwrap_or_default();
    let created_exact = row.created.clone().unwrap_or_default();
    let teams = row
        .teams
        .as_ref()
        .map(|t| (teams_label(t.len()), !t.is_empty()));
    let repos = row
        .repositories
        .as_ref()
        .map(|r| repositories_label(r.len()));
    let row = StoredValue::new(row);
    let open = move |d: fn(RobotRow) -> RobotDialog| move |_| tab.open(d(row.get_value()));
    let name_cell = if manage {
        view! {
            <button type="button" class="rc-link rc-robot-name" on:click=open(RobotDialog::Credentials)>
                {name.clone()}
            </button>
        }
        .into_any()
    } else {
        view! { <span class="rc-robot-name">{name.clone()}</span> }.into_any()
    };
    let teams_cell = teams.map(|(label, any)| {
        if any && manage {
            view! {
                <button type="button" class="rc-link" on:click=open(RobotDialog::Teams)>
                    {label}
                </button>
            }
            .into_any()
        } else {
            view! { <span>{label}</span> }.into_any()
        }
    });
    let repos_cell = repos.map(|label| {
        if manage {
            view! {
                <button type="button" class="rc-link" on:click=open(RobotDialog::Permissions)>
                    {label}
                </button>
            }
            .into_any()
        } else {
            view! { <span>{label}</span> }.into_any()
        }
    });
    let kebab = manage.then(|| {
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
            MenuAction::new(format!("{name}-activity-btn"), "View activity", move || {
                tab.open(RobotDialog::Activity(row.get_value()))
            }),
            MenuAction::new(format!("{name}-del-btn"), "Delete", move || {
                tab.open(RobotDialog::Delete(vec![row.get_value().name]))
            })
            .danger(),
        ];
        view! { <Kebab toggle_id=format!("{name}-toggle-kebab") aria_label=format!("Actions for {name}") actions /> }
    });
    view! {
        <td class="pf-v6-c-table__td" data-label="Robot account name">{name_cell}</td>
        <td class="pf-v6-c-table__td" data-label="Teams">{teams_cell}</td>
        <td class="pf-v6-c-table__td" data-label="Repositories">{repos_cell}</td>
        <td class="pf-v6-c-table__td" data-label="Last accessed" title=last_exact>
            <super::last_used::LastUsedCell name=name.clone() last_accessed=row.with_value(|r| r.last_accessed.clone()) />
        </td>
        <td class="pf-v6-c-table__td" data-label="Created" title=created_exact>{created}</td>
        <td class="pf-v6-c-table__td pf-v6-c-table__action">{kebab}</td>
    }
}
