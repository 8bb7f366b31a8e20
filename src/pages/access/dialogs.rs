//! The tab's dialogs: Set repository permissions for a robot (the robots tab's modal; after a
//! save the robot's row is read again), and where a team-derived cell's access comes from.

use super::state::{use_access, AccessDialog};
use crate::access::{role_name, Cell, Source};
use crate::components::modal::{Modal, ModalSize};
use crate::quay::ids::RepoName;
use crate::robot_list::RobotRow;
use leptos::prelude::*;

#[component]
pub fn AccessDialogs() -> impl IntoView {
    let s = use_access();
    let on_close = Callback::new(move |_| s.dialog.set(None));
    move || match s.dialog.get() {
        None => ().into_any(),
        Some(AccessDialog::Permissions(robot)) => {
            let name = robot.name.clone();
            let on_changed = Callback::new(move |_| {
                leptos::task::spawn_local(super::refresh_robot(s, name.clone()));
            });
            view! {
                <crate::pages::permissions::PermissionsModal namespace=s.ns() robot on_close on_changed />
            }
            .into_any()
        }
        Some(AccessDialog::Grant { robot, repo, cell }) => {
            view! { <GrantModal robot repo cell on_close /> }.into_any()
        }
    }
}

/// One line per grant: who grants what, and where to change it.
pub fn grant_lines(robot: &str, repo: &RepoName, cell: &Cell) -> Vec<String> {
    cell.grants
        .iter()
        .map(|g| {
            let role = role_name(g.role);
            match &g.source {
                Source::Direct => format!(
                    "{robot} has a direct {role} permission on {repo} (change it with Set repository permissions)."
                ),
                Source::Team(t) => format!(
                    "Team {t} grants {role} on {repo}, and {robot} is a member of team {t}."
                ),
                Source::OrgAdmin(t) => format!(
                    "Team {t} has the organization's admin role, so its member {robot} administers every repository, {repo} included."
                ),
            }
        })
        .collect()
}

#[component]
fn GrantModal(
    robot: RobotRow,
    repo: RepoName,
    cell: Cell,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let s = use_access();
    let lines = grant_lines(robot.name.as_str(), &repo, &cell);
    let title = format!("Access of {} to {repo}", robot.name);
    let summary = format!("Effective role: {}.", role_name(cell.role));
    let robot = StoredValue::new(robot);
    let footer: ChildrenFn = std::sync::Arc::new(move || {
        view! {
            <button
                class="pf-v6-c-button pf-m-secondary"
                type="button"
                data-testid="access-grant-set-permissions"
                on:click=move |_| s.dialog.set(Some(AccessDialog::Permissions(robot.get_value())))
            >
                "Set repository permissions"
            </button>
            <button class="pf-v6-c-button pf-m-primary" type="button" on:click=move |_| on_close.run(())>
                "Close"
            </button>
        }
        .into_any()
    });
    view! {
        <Modal title id="access-grant-modal" size=ModalSize::Medium on_close footer>
            <p data-testid="access-grant-role">{summary}</p>
            <ul class="rc-access-grant-lines">
                {lines.into_iter().map(|l| view! { <li data-testid="access-grant-line">{l}</li> }).collect_view()}
            </ul>
            <p class="rc-access-note">
                "Team grants change in the team's settings in Quay (or by removing the robot from the team); Set repository permissions changes only the robot's direct grants."
            </p>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Grant;
    use crate::permissions::Perm;
    use crate::quay::ids::TeamName;

    #[test]
    fn each_grant_says_which_team_grants_it() {
        let cell = Cell::from_grants(vec![
            Grant {
                role: Perm::Read,
                source: Source::Direct,
            },
            Grant {
                role: Perm::Write,
                source: Source::Team(TeamName::parse("ci").unwrap()),
            },
        ])
        .unwrap();
        let repo = RepoName::parse("api").unwrap();
        assert_eq!(
            grant_lines("acme+bot", &repo, &cell),
            [
                "acme+bot has a direct read permission on api (change it with Set repository permissions).",
                "Team ci grants write on api, and acme+bot is a member of team ci."
            ]
        );
    }
}
