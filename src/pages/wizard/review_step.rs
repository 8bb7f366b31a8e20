//! The last step, "Review and Finish": the name, the description, and a toggle between the
//! chosen teams, repositories and default permission.

use super::teams_step::{TeamCells, TEAM_COLUMNS};
use super::WizardState;
use crate::components::table::{CheckCell, TableHead, ValueToggle};
use crate::components::text_field::TextField;
use crate::components::toggle_group::ToggleGroup;
use crate::dates::format_medium;
use crate::permissions::Perm;
use leptos::prelude::*;

/// What the review shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Review {
    Teams,
    Repositories,
    DefaultPermissions,
}

#[component]
pub fn ReviewStep(state: WizardState) -> impl IntoView {
    use crate::components::toggle_group::item;
    let items = if state.is_user {
        vec![item(
            Review::Repositories,
            "review-repositories",
            "Repositories",
        )]
    } else {
        vec![
            item(Review::Teams, "review-teams", "Teams"),
            item(Review::Repositories, "review-repositories", "Repositories"),
            item(
                Review::DefaultPermissions,
                "review-default-permissions",
                "Default permissions",
            ),
        ]
    };
    let shown = RwSignal::new(items[0].value);
    let view_of = move || match shown.get() {
        Review::Teams => view! { <ReviewTeams state /> }.into_any(),
        Review::DefaultPermissions => view! { <ReviewDefault state /> }.into_any(),
        Review::Repositories => view! { <ReviewRepositories state /> }.into_any(),
    };
    view! {
        <h1 class="pf-v6-c-title pf-m-xl">"Review and finish"</h1>
        <div class="pf-v6-c-form rc-wizard__form">
            <TextField id="review-robot-name" label="Provide a name for your robot account:" value=state.name disabled=true />
            <TextField
                id="review-robot-description"
                label="Provide an optional description for your robot account:"
                value=state.description
                disabled=true
            />
        </div>
        <div class="rc-wizard__review-toggle">
            <ToggleGroup items selected=shown aria_label="Review" />
        </div>
        {view_of}
    }
}

fn empty(text: &'static str) -> AnyView {
    view! { <p class="rc-wizard__empty">{text}</p> }.into_any()
}

#[component]
fn ReviewTeams(state: WizardState) -> impl IntoView {
    move || {
        let chosen: Vec<_> = match state.all_teams() {
            Some(Ok(all)) => state
                .teams
                .with(|s| all.into_iter().filter(|t| s.contains(&t.name)).collect()),
            _ => Vec::new(),
        };
        if chosen.is_empty() {
            return empty("No teams selected: the robot joins no team.");
        }
        view! {
            <table class="pf-v6-c-table pf-m-compact" data-testid="review-teams-table" aria-label="Selected teams">
                <TableHead columns=TEAM_COLUMNS check=true />
                <tbody class="pf-v6-c-table__tbody">
                    {chosen
                        .into_iter()
                        .map(|t| view! {
                            <tr class="pf-v6-c-table__tr">
                                <CheckCell name=t.name.clone() label=format!("Team {}", t.name) checked=Signal::stored(true) />
                                <TeamCells team=t />
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    }
}

#[component]
fn ReviewRepositories(state: WizardState) -> impl IntoView {
    move || {
        let chosen = state.repos.get();
        if chosen.is_empty() {
            return empty("No repositories selected: the robot gets no repository permission.");
        }
        let rows = match state.repo_list.get() {
            Some(Ok(r)) => r,
            _ => Vec::new(),
        };
        let updated = |repo: &str| {
            rows.iter()
                .find(|r| r.name == repo)
                .and_then(|r| r.last_modified)
                .map(format_medium)
                .unwrap_or_else(|| "Never".into())
        };
        view! {
            <table class="pf-v6-c-table pf-m-compact" data-testid="review-repositories-table" aria-label="Selected repositories">
                <TableHead columns=&["Repository", "Permissions", "Last Updated"] />
                <tbody class="pf-v6-c-table__tbody">
                    {chosen
                        .iter()
                        .map(|(repo, perm)| view! {
                            <tr class="pf-v6-c-table__tr" data-testid=format!("review-repo-{repo}")>
                                <td class="pf-v6-c-table__td" data-label="Repository">{repo.clone()}</td>
                                <td class="pf-v6-c-table__td" data-label="Permissions">
                                    <ValueToggle value=perm.label() />
                                </td>
                                <td class="pf-v6-c-table__td" data-label="Last Updated">{updated(repo)}</td>
                            </tr>
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    }
}

#[component]
fn ReviewDefault(state: WizardState) -> impl IntoView {
    move || {
        let perm = state.default_perm.get();
        if perm == Perm::None {
            return empty(
                "No default permission: repositories created later get nothing for this robot.",
            );
        }
        view! {
            <div class="pf-v6-c-form rc-wizard__form" data-testid="review-default-permission">
                <div class="pf-v6-c-form__group">
                    <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">"Applied To"</span></span>
                    <span class="pf-v6-c-form-control pf-m-disabled">
                        <input type="text" disabled aria-label="Applied To" prop:value=move || state.name.get() />
                    </span>
                </div>
                <div class="pf-v6-c-form__group">
                    <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">"Permission"</span></span>
                    <ValueToggle value=perm.label() />
                    <p class="rc-fed-note">{format!("{}: on repositories created from now on, by anyone in the organization.", perm.description())}</p>
                </div>
            </div>
        }
        .into_any()
    }
}
