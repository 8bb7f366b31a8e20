//! After a create whose follow-ups did not all succeed: every step with its outcome (Quay's
//! message for failures) and "Retry failed", which re-runs only those against the new robot.

use super::WizardState;
use crate::components::alert::DangerAlert;
use crate::components::toast::use_toasts;
use crate::server::wizard::wizard_retry_steps;
use crate::wizard::{failed_steps, merge_outcomes, CreateResult, StepOutcome};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn FollowUpResults(
    state: WizardState,
    result: CreateResult,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let name = StoredValue::new(result.name.clone());
    let outcomes = RwSignal::new(result.outcomes);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let failed = Memo::new(move |_| outcomes.with(|o| failed_steps(o).len()));
    let toasts = use_toasts();
    let retry = move |_| {
        let steps = outcomes.with_untracked(|o| failed_steps(o));
        if steps.is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let short = name.get_value().short();
            match wizard_retry_steps(state.namespace.get_value(), short, steps).await {
                Ok(retried) => {
                    outcomes.update(|o| merge_outcomes(o, retried));
                    on_changed.run(());
                    if outcomes.with_untracked(|o| failed_steps(o).is_empty()) {
                        toasts.success(format!("Every step for {} succeeded", name.get_value()));
                    }
                }
                Err(e) => {
                    error.try_set(Some(e.message));
                }
            }
            busy.try_set(false);
        });
    };
    let total = outcomes.with_untracked(|o| o.len());
    view! {
        <div class="rc-wizard-result" data-testid="wizard-result">
            <h1 class="pf-v6-c-title pf-m-xl">{move || format!("Robot account {} created", name.get_value())}</h1>
            <p class="rc-wizard__text" data-testid="wizard-result-summary">
                {move || {
                    let f = failed.get();
                    if f == 0 {
                        format!("All {total} follow-up steps succeeded.")
                    } else {
                        format!("{} of {total} follow-up steps succeeded; {f} failed. The robot exists: retry the failed steps, or close and fix them later.", total - f)
                    }
                }}
            </p>
            {move || error.get().map(|m| view! { <DangerAlert title="Retrying failed" message=m /> })}
            <ul class="pf-v6-c-list pf-m-plain rc-wizard-result__list" data-testid="wizard-outcomes">
                {move || outcomes.get().into_iter().map(|o| view! { <OutcomeItem o /> }).collect_view()}
            </ul>
            <div class="rc-wizard-result__actions">
                <Show when=move || { failed.get() > 0 }>
                    <button
                        class="pf-v6-c-button pf-m-primary"
                        type="button"
                        id="wizard-retry-failed-btn"
                        data-testid="retry-failed-btn"
                        disabled=move || busy.get()
                        on:click=retry
                    >
                        {move || if busy.get() { "Retrying…" } else { "Retry failed" }}
                    </button>
                </Show>
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
fn OutcomeItem(o: StepOutcome) -> impl IntoView {
    let ok = o.error.is_none();
    view! {
        <li class="rc-wizard-result__item" data-testid=if ok { "outcome-ok" } else { "outcome-failed" }>
            <span class=if ok { "rc-status-ok" } else { "rc-status-failed" } aria-hidden="true">
                <i class=if ok { "fas fa-check-circle" } else { "fas fa-exclamation-circle" }></i>
            </span>
            <span class="pf-v6-screen-reader">{if ok { "Succeeded:" } else { "Failed:" }}</span>
            " "
            {o.step.describe()}
            {o.error.map(|m| view! { <span class="rc-wizard-result__error">{format!(" — {m}")}</span> })}
        </li>
    }
}
