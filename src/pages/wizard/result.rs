//! After the robot is created: every follow-up step with its outcome as it arrives (a progress
//! bar while they run), Quay's message for failures, and "Retry failed", which re-runs only
//! those against the new robot.

use super::WizardState;
use crate::bulk::Outcome;
use crate::components::bulk::{BulkProgress, BulkRun};
use crate::components::toast::use_toasts;
use crate::components::when::When;
use crate::quay::ids::RobotName;
use crate::server::wizard::wizard_retry_steps;
use crate::wizard::{failed_steps, record, FollowUp, StepOutcomes};
use leptos::prelude::*;

/// A created robot and its follow-up steps.
#[derive(Clone, Copy)]
pub struct Created {
    pub name: StoredValue<RobotName>,
    pub steps: RwSignal<StepOutcomes>,
    pub run: BulkRun<FollowUp>,
}

impl Created {
    pub fn new(name: RobotName, steps: Vec<FollowUp>) -> Self {
        Created {
            name: StoredValue::new(name),
            steps: RwSignal::new(steps.into_iter().map(|s| (s, None)).collect()),
            run: BulkRun::new(),
        }
    }

    /// Records each outcome of a run of this robot's steps as it arrives.
    pub fn recorder(self) -> impl Fn(&FollowUp, &Outcome) {
        move |step, outcome| {
            self.steps.try_update(|v| record(v, step, outcome.clone()));
        }
    }
}

#[component]
pub fn FollowUpResults(
    state: WizardState,
    created: Created,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let Created { name, steps, run } = created;
    let failed = Memo::new(move |_| steps.with(|o| failed_steps(o).len()));
    let toasts = use_toasts();
    let retry = Action::new_local(move |failed: &Vec<FollowUp>| {
        let failed = failed.clone();
        async move {
            let short = name.get_value().short();
            let call = wizard_retry_steps(state.namespace.get_value(), short, failed);
            let tally = run.follow(call, created.recorder()).await;
            on_changed.run(());
            if tally.finished && steps.with_untracked(|o| failed_steps(o).is_empty()) {
                toasts.success(format!("Every step for {} succeeded", name.get_value()));
            }
        }
    });
    let busy = move || run.running.get();
    let total = steps.with_untracked(|o| o.len());
    view! {
        <div class="rc-wizard-result" data-testid="wizard-result">
            <h1 class="pf-v6-c-title pf-m-xl">{move || format!("Robot account {} created", name.get_value())}</h1>
            <p class="rc-wizard__text" data-testid="wizard-result-summary" aria-live="polite">
                {move || {
                    let f = failed.get();
                    if busy() {
                        format!("Applying {total} follow-up steps…")
                    } else if f == 0 {
                        format!("All {total} follow-up steps succeeded.")
                    } else {
                        format!("{} of {total} follow-up steps succeeded; {f} failed. The robot exists: retry the failed steps, or close and fix them later.", total - f)
                    }
                }}
            </p>
            <BulkProgress run prefix="wizard" running_title="Applying follow-up steps" done_title="Follow-up steps finished" />
            <ul class="pf-v6-c-list pf-m-plain rc-wizard-result__list" data-testid="wizard-outcomes">
                {move || steps.get().into_iter().map(|(s, o)| view! { <OutcomeItem step=s outcome=o /> }).collect_view()}
            </ul>
            <div class="rc-wizard-result__actions">
                <When when=move || { failed.get() > 0 && !busy() }>
                    <button
                        class="pf-v6-c-button pf-m-primary"
                        type="button"
                        id="wizard-retry-failed-btn"
                        data-testid="retry-failed-btn"
                        on:click=move |_| {
                            retry.dispatch(steps.with_untracked(failed_steps));
                        }
                    >
                        "Retry failed"
                    </button>
                </When>
                <button
                    class=move || { if failed.get() > 0 { "pf-v6-c-button pf-m-link" } else { "pf-v6-c-button pf-m-primary" } }
                    type="button"
                    data-testid="wizard-result-close"
                    on:click=move |_| on_close.run(())
                >
                    "Close"
                </button>
            </div>
        </div>
    }
}

#[component]
fn OutcomeItem(step: FollowUp, outcome: Option<Outcome>) -> impl IntoView {
    let (testid, class, icon, label) = match &outcome {
        None => (
            "outcome-pending",
            "rc-status-pending",
            "fas fa-circle-notch",
            "Pending:",
        ),
        Some(o) if o.is_failed() => (
            "outcome-failed",
            "rc-status-failed",
            "fas fa-exclamation-circle",
            "Failed:",
        ),
        Some(_) => (
            "outcome-ok",
            "rc-status-ok",
            "fas fa-check-circle",
            "Succeeded:",
        ),
    };
    let message = outcome
        .as_ref()
        .filter(|o| o.is_failed())
        .and_then(|o| o.message().map(str::to_string));
    view! {
        <li class="rc-wizard-result__item" data-testid=testid>
            <span class=class aria-hidden="true">
                <i class=icon></i>
            </span>
            <span class="pf-v6-screen-reader">{label}</span>
            " "
            {step.describe()}
            {message.map(|m| view! { <span class="rc-wizard-result__error">{format!(" — {m}")}</span> })}
        </li>
    }
}
