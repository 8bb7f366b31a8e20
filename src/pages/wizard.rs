//! Create robot account wizard (spec §2): five steps for an organization, three for a user
//! namespace. The nav steps can be visited in any order; only submitting needs a valid name, and
//! "Review and Finish" submits from step 1 or from the last step. What the user entered lives
//! here, so it survives moving between steps and a refused create.

mod frame;
mod name_step;
mod result;
mod review_step;
mod simple_steps;
mod state;
mod team_drawer;
mod teams_step;
mod typeahead;

use crate::components::alert::DangerAlert;
use crate::components::modal::{Modal, ModalSize};
use crate::components::spinner::Loading;
use crate::components::toast::use_toasts;
use crate::components::when::When;
use crate::server::wizard::wizard_create_robot;
use crate::wizard::{create_error_text, created_text, WizardStep};
use leptos::prelude::*;
use leptos::task::spawn_local;
pub use state::WizardState;

#[component]
pub fn CreateRobotWizard(
    namespace: crate::quay::ids::Namespace,
    is_user: bool,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let state = WizardState::new(namespace, is_user);
    let steps = WizardStep::all(is_user);
    let current = RwSignal::new(0usize);
    let drawer_open = RwSignal::new(false);
    // The team drawer belongs to its step: leaving the step closes it (and shows the footer).
    crate::components::effect::on_change(move || current.get(), move || drawer_open.set(false));
    let submitting = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let result = RwSignal::new(None::<result::Created>);
    let confirm_discard = RwSignal::new(false);
    // Closing with something entered asks first: nothing is lost by a stray Escape or X.
    let request_close = Callback::new(move |_: ()| {
        if state.is_dirty() && result.with_untracked(Option::is_none) {
            confirm_discard.set(true);
        } else {
            on_close.run(());
        }
    });
    let toasts = use_toasts();
    let submit = Callback::new(move |_: ()| {
        if submitting.get_untracked() {
            return;
        }
        let plan = match state.plan() {
            Ok(p) => p,
            Err(e) => {
                error.set(Some(e.message));
                return;
            }
        };
        submitting.set(true);
        error.set(None);
        spawn_local(async move {
            let ns = state.namespace.get_value();
            let name = crate::quay::ids::RobotName::new(&ns, &plan.short);
            let steps = plan.follow_ups(state.is_user);
            match wizard_create_robot(ns, plan).await {
                Err(e) => {
                    let text = create_error_text(&e.message);
                    toasts.danger(text.clone(), None);
                    error.try_set(Some(text));
                }
                Ok(stream) => {
                    toasts.success(created_text(&name));
                    on_changed.run(());
                    if steps.is_empty() {
                        on_close.run(());
                        return;
                    }
                    // The robot exists: from here on the wizard shows its follow-up steps.
                    let created = result::Created::new(name, steps);
                    result.try_set(Some(created));
                    submitting.try_set(false);
                    let tally = created
                        .run
                        .follow(async move { Ok(stream) }, created.recorder())
                        .await;
                    on_changed.run(());
                    if tally.finished && tally.failed == 0 {
                        on_close.run(());
                    }
                    return;
                }
            }
            submitting.try_set(false);
        });
    });
    let step_view = move || {
        let step = steps[current.get().min(steps.len() - 1)];
        match step {
            WizardStep::Name => view! { <name_step::NameStep state on_enter=submit /> }.into_any(),
            WizardStep::Teams => view! { <teams_step::TeamsStep state drawer_open /> }.into_any(),
            WizardStep::Repositories => {
                view! { <simple_steps::RepositoriesStep state /> }.into_any()
            }
            WizardStep::DefaultPermissions => {
                view! { <simple_steps::DefaultPermissionStep state /> }.into_any()
            }
            WizardStep::Review => view! { <review_step::ReviewStep state /> }.into_any(),
        }
    };
    let body = move || {
        if let Some(r) = result.get() {
            return view! { <result::FollowUpResults state created=r on_close on_changed /> }
                .into_any();
        }
        view! {
            <div class="pf-v6-c-wizard rc-wizard">
                <div class="pf-v6-c-wizard__outer-wrap">
                    <div class="pf-v6-c-wizard__inner-wrap">
                        <frame::WizardNav steps current disabled=submitting.into() />
                        <main class="pf-v6-c-wizard__main">
                            <div class="pf-v6-c-wizard__main-body">
                                <When when=move || confirm_discard.get()>
                                    <frame::DiscardConfirm on_discard=on_close on_keep=move |_| confirm_discard.set(false) />
                                </When>
                                {move || error.get().map(|m| view! { <DangerAlert title=m message="Nothing you entered was lost: correct it and submit again." /> })}
                                {step_view}
                                <When when=move || submitting.get()>
                                    <div class="rc-wizard__creating" data-testid="wizard-creating">
                                        <Loading />
                                        <p>{move || creating_text(&state)}</p>
                                    </div>
                                </When>
                            </div>
                        </main>
                    </div>
                    <When when=move || !drawer_open.get()>
                        <frame::WizardFooter state steps current submitting submit on_cancel=request_close />
                    </When>
                </div>
            </div>
        }
        .into_any()
    };
    view! {
        <Modal
            title="Create robot account (organization/namespace)"
            id="create-robot-account-modal"
            aria_label="CreateRobotAccount"
            description="Robot Accounts are named tokens that can be granted permissions on multiple repositories under this organization."
            size=ModalSize::Large
            on_close=request_close
        >
            {body}
        </Modal>
    }
}

/// `Creating robot account acme+bot, then 5 follow-up steps…`
fn creating_text(state: &WizardState) -> String {
    let n = state
        .plan()
        .map(|p| p.follow_ups(state.is_user).len())
        .unwrap_or(0);
    let name = format!(
        "{}+{}",
        state.namespace.get_value(),
        state.name.get_untracked()
    );
    match n {
        0 => format!("Creating robot account {name}…"),
        1 => format!("Creating robot account {name}, then 1 follow-up step…"),
        n => format!("Creating robot account {name}, then {n} follow-up steps…"),
    }
}
