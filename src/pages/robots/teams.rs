//! The Teams modal: the organization teams a robot belongs to (spec §1.5).

use crate::components::modal::{Modal, ModalSize};
use crate::components::pagination::{page_slice, Pagination};
use crate::components::search_input::SearchInput;
use crate::components::spinner::Loading;
use crate::components::table::TableHead;
use crate::robot_list::RobotRow;
use crate::server::robots::{org_teams, TeamSummary};
use leptos::prelude::*;

pub fn members_label(n: u64) -> String {
    if n > 1 {
        format!("{n} Members")
    } else {
        format!("{n} Member")
    }
}

#[component]
pub fn TeamsModal(
    namespace: crate::quay::ids::Namespace,
    robot: RobotRow,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let teams = crate::json::page_resource(move || namespace.clone(), org_teams);
    let robot_teams = StoredValue::new(robot.teams.unwrap_or_default());
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(1usize);
    let per_page = RwSignal::new(20usize);
    let footer = move || {
        view! {
            <button class="pf-v6-c-button pf-m-primary" type="button" on:click=move |_| on_close.run(())>
                "Close"
            </button>
        }
        .into_any()
    };
    view! {
        <Modal title="Teams" id="robot-teams-modal" size=ModalSize::Medium on_close footer=std::sync::Arc::new(footer)>
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match teams.await {
                        Err(e) => view! { <p class="rc-error-text" role="alert">{e.message}</p> }.into_any(),
                        Ok(all) => {
                            let mine: Vec<TeamSummary> = all
                                .into_iter()
                                .filter(|t| robot_teams.with_value(|r| r.iter().any(|x| x == t.name.as_str())))
                                .collect();
                            let mine = StoredValue::new(mine);
                            let filtered = Memo::new(move |_| {
                                let q = search.get().trim().to_lowercase();
                                mine.with_value(|m| {
                                    m.iter().filter(|t| t.name.to_lowercase().contains(&q)).cloned().collect::<Vec<_>>()
                                })
                            });
                            view! {
                                <div class="rc-modal-toolbar">
                                    <SearchInput id="robot-teams-search" placeholder="Search by name..." value=search />
                                    <Pagination
                                        id="robot-teams-pagination"
                                        total=Signal::derive(move || filtered.with(Vec::len))
                                        page
                                        per_page
                                    />
                                </div>
                                <table class="pf-v6-c-table pf-m-compact" aria-label="Teams">
                                    <TableHead columns=&["Team", "Role", "Members"] />
                                    <tbody class="pf-v6-c-table__tbody">
                                        <For each=move || page_slice(&filtered.get(), page.get(), per_page.get()) key=|t| t.name.clone() let:t>
                                            <tr class="pf-v6-c-table__tr">
                                                <td class="pf-v6-c-table__td" data-label="Team">{t.name.clone()}</td>
                                                <td class="pf-v6-c-table__td" data-label="Role">{t.role.clone()}</td>
                                                <td class="pf-v6-c-table__td" data-label="Members">{members_label(t.member_count)}</td>
                                                // The organization API has no last-updated time for teams.
                                            </tr>
                                        </For>
                                    </tbody>
                                </table>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </Modal>
    }
}
