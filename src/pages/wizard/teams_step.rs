//! Step 2 (organizations), "Add to team (optional)": the teams with bulk select, search, All /
//! Selected and paging, and "Create new team", which opens the drawer in place of the step.

use super::team_drawer::CreateTeamDrawer;
use super::typeahead::TeamTypeahead;
use super::WizardState;
use crate::components::alert::DangerAlert;
use crate::components::bulk_select::BulkSelect;
use crate::components::pagination::{page_slice, Pagination};
use crate::components::spinner::Loading;
use crate::components::table::{CheckCell, TableControls, TableHead};
use crate::components::toggle_group::ToggleGroup;
use crate::components::when::When;
use crate::pages::robots::teams::members_label;
use crate::server::robots::TeamSummary;
use leptos::prelude::*;

pub const TEAM_COLUMNS: &[&str] = &["Team", "Role", "Members"];

/// A team's name, role and member count cells.
#[component]
pub fn TeamCells(team: TeamSummary) -> impl IntoView {
    view! {
        <td class="pf-v6-c-table__td" data-label="Team">{team.name.clone()}</td>
        <td class="pf-v6-c-table__td" data-label="Role">{role_label(&team.role)}</td>
        <td class="pf-v6-c-table__td" data-label="Members">{members_label(team.member_count)}</td>
    }
}

/// `admin` → `Admin`.
pub fn role_label(role: &str) -> String {
    let mut c = role.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[component]
pub fn TeamsStep(state: WizardState, drawer_open: RwSignal<bool>) -> impl IntoView {
    let controls = TableControls::new();
    let TableControls {
        query,
        show,
        page,
        per_page,
    } = controls;
    let filtered = Memo::new(move |_| {
        let q = query.get();
        let only_selected = controls.only_selected();
        match state.all_teams() {
            Some(Ok(teams)) => state.teams.with(|sel| {
                teams
                    .into_iter()
                    .filter(|t| t.name.contains(q.trim()))
                    .filter(|t| !only_selected || sel.contains(&t.name))
                    .collect::<Vec<_>>()
            }),
            _ => Vec::new(),
        }
    });
    let visible = Memo::new(move |_| filtered.with(|f| page_slice(f, page.get(), per_page.get())));
    let select = move |teams: Vec<TeamSummary>| {
        state
            .teams
            .update(|s| s.extend(teams.into_iter().map(|t| t.name)))
    };
    let on_created = Callback::new(move |t: TeamSummary| {
        state.teams.update(|s| {
            s.insert(t.name.clone());
        });
        state.new_teams.update(|n| n.push(t));
        query.set(String::new());
        drawer_open.set(false);
    });
    let table = move || match state.all_teams() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(e)) => {
            view! { <DangerAlert title="Unable to fetch teams" message=e.message /> }.into_any()
        }
        Some(Ok(_)) => view! { <TeamTable visible state /> }.into_any(),
    };
    view! {
        <When
            when=move || drawer_open.get()
            fallback=move || {
                view! {
                    <h1 class="pf-v6-c-title pf-m-xl">"Add to team (optional)"</h1>
                    <div class="pf-v6-c-toolbar rc-toolbar">
                        <div class="pf-v6-c-toolbar__content-section">
                            <BulkSelect
                                id="add-team-bulk-select"
                                selected=Signal::derive(move || state.teams.with(|s| s.len()))
                                page_count=Signal::derive(move || visible.with(|v| v.len()))
                                total_count=Signal::derive(move || filtered.with(|f| f.len()))
                                on_none=move |_| state.teams.update(|s| s.clear())
                                on_page=move |_| select(visible.get_untracked())
                                on_all=move |_| select(filtered.get_untracked())
                            />
                            <TeamTypeahead query on_create=move |_| drawer_open.set(true) />
                            <ToggleGroup items=crate::components::table::Shown::toggle_items() selected=show />
                            <Pagination id="add-team-pagination" total=Signal::derive(move || filtered.with(|f| f.len())) page per_page />
                        </div>
                    </div>
                    {table}
                }
            }
        >
            <CreateTeamDrawer
                namespace=state.namespace.get_value()
                initial_name=query.get_untracked()
                on_created
                on_close=move |_| drawer_open.set(false)
            />
        </When>
    }
}

#[component]
fn TeamTable(visible: Memo<Vec<TeamSummary>>, state: WizardState) -> impl IntoView {
    view! {
        <table class="pf-v6-c-table pf-m-compact" id="add-team-table" aria-label="Teams">
            <TableHead columns=TEAM_COLUMNS check=true />
            <tbody class="pf-v6-c-table__tbody">
                <For each=move || visible.get() key=|t| t.name.clone() let:team>
                    <TeamRow team state />
                </For>
            </tbody>
        </table>
        <When when=move || visible.with(|v| v.is_empty())>
            <p class="rc-wizard__empty">"No teams match. Type a name and choose Create new team to add one."</p>
        </When>
    }
}

#[component]
fn TeamRow(team: TeamSummary, state: WizardState) -> impl IntoView {
    let name = StoredValue::new(team.name.clone());
    let checked = move || state.teams.with(|s| name.with_value(|n| s.contains(n)));
    let (row_id, label) = (
        format!("team-row-{}", team.name),
        format!("Select team {}", team.name),
    );
    let on_toggle = Callback::new(move |on: bool| {
        state.teams.update(|s| {
            if on {
                s.insert(name.get_value());
            } else {
                s.remove(&name.get_value());
            }
        });
    });
    view! {
        <tr class="pf-v6-c-table__tr" data-testid=row_id>
            <CheckCell name=team.name.clone() label=label checked=Signal::derive(checked) on_toggle />
            <TeamCells team />
        </tr>
    }
}
