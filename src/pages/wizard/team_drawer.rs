//! "Create new team": a panel that replaces the teams step (the wizard footer hides meanwhile).
//! The name is checked with Quay's server rule, the one that decides; Quay's UI checks a
//! stricter rule of its own that refuses names such as `dev-team`.

use crate::components::alert::DangerAlert;
use crate::components::text_field::{FieldStatus, TextField};
use crate::components::toast::use_toasts;
use crate::error::ErrorKind;
use crate::quay::names::{check_team_name, MAX_DESCRIPTION_LEN, ROBOT_NAME_PATTERN};
use crate::server::robots::TeamSummary;
use crate::server::wizard::wizard_create_team;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CreateTeamDrawer(
    namespace: crate::quay::ids::Namespace,
    /// What was typed in "Search, create team".
    initial_name: String,
    #[prop(into)] on_created: Callback<TeamSummary>,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let ns = StoredValue::new(namespace);
    let name = RwSignal::new(initial_name.trim().to_string());
    let description = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let valid = move || name.with(|n| check_team_name(n).is_ok());
    let status = Signal::derive(move || name.with(|n| FieldStatus::of(n, valid())));
    let toasts = use_toasts();
    let create = move || {
        if !valid() || busy.get_untracked() {
            return;
        }
        use crate::quay::ids::{Description, TeamName};
        let parsed = name.with_untracked(|n| TeamName::parse(n)).and_then(|n| {
            description
                .with_untracked(|d| Description::parse(d))
                .map(|d| (n, d))
        });
        let (n, d) = match parsed {
            Ok(v) => v,
            Err(e) => {
                error.set(Some(e.message));
                return;
            }
        };
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match wizard_create_team(ns.get_value(), n.clone(), d).await {
                Ok(team) => {
                    toasts.success(format!("Successfully created new team: {}", team.name));
                    on_created.run(team);
                }
                Err(e) => {
                    let title = if e.kind == ErrorKind::Conflict {
                        format!("Team \"{n}\" already exists")
                    } else {
                        "Failed to create new team".to_string()
                    };
                    toasts.danger(title, Some(e.message.clone()));
                    error.try_set(Some(e.message));
                    busy.try_set(false);
                }
            }
        });
    };
    view! {
        <section class="rc-team-drawer" data-testid="create-team-drawer" aria-labelledby="create-team-drawer-title">
            <div class="rc-team-drawer__head">
                <h2 class="pf-v6-c-title pf-m-lg" id="create-team-drawer-title">"Create team"</h2>
                <button class="pf-v6-c-button pf-m-plain" type="button" aria-label="Close drawer" on:click=move |_| on_close.run(())>
                    <i class="fas fa-times" aria-hidden="true"></i>
                </button>
            </div>
            {move || error.get().map(|m| view! { <DangerAlert title="The team was not created" message=m /> })}
            <form
                class="pf-v6-c-form"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    create();
                }
            >
                <TextField
                    id="create-team-name-input"
                    label="Provide a name for your new team account:"
                    value=name
                    helper=format!(
                        "Choose a name to inform your teammates about this new account. Must match {ROBOT_NAME_PATTERN} (lowercase letters, digits, and single separators . _ - between them), 2-255 characters."
                    )
                    status
                    required=true
                />
                <TextField
                    id="create-team-description-input"
                    label="Provide an optional description for your new team account:"
                    value=description
                    helper="Enter a description to provide extra information to your teammates about this new team account. Max length: 255"
                    max_len=MAX_DESCRIPTION_LEN
                />
                <p class="rc-fed-note">"The team is created with the role Member and is selected for this robot."</p>
                <div class="pf-v6-c-form__group pf-m-action">
                    <div class="pf-v6-c-form__actions">
                        <button
                            class="pf-v6-c-button pf-m-primary"
                            type="submit"
                            data-testid="add-team-account-btn"
                            disabled=move || !valid() || busy.get()
                        >
                            {move || if busy.get() { "Creating team…" } else { "Add team account" }}
                        </button>
                        <button class="pf-v6-c-button pf-m-link" type="button" on:click=move |_| on_close.run(())>
                            "Cancel"
                        </button>
                    </div>
                </div>
            </form>
        </section>
    }
}
