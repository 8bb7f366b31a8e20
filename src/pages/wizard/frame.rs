//! The wizard's nav (steps can be visited in any order) and footer (Next, Back, Review and
//! Finish on the first and last steps, Cancel).

use super::WizardState;
use crate::components::when::When;
use crate::wizard::WizardStep;
use leptos::prelude::*;

#[component]
pub fn WizardNav(
    steps: &'static [WizardStep],
    current: RwSignal<usize>,
    disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <nav class="pf-v6-c-wizard__nav pf-m-expanded" aria-label="Steps">
            <ol class="pf-v6-c-wizard__nav-list">
                {steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let is_current = move || current.get() == i;
                        view! {
                            <li class="pf-v6-c-wizard__nav-item">
                                <button
                                    type="button"
                                    class=move || {
                                        if is_current() { "pf-v6-c-wizard__nav-link pf-m-current" } else { "pf-v6-c-wizard__nav-link" }
                                    }
                                    aria-current=move || is_current().then_some("step")
                                    disabled=move || disabled.get()
                                    on:click=move |_| current.set(i)
                                >
                                    <span class="pf-v6-c-wizard__nav-link-main">{s.title()}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

#[component]
pub fn WizardFooter(
    state: WizardState,
    steps: &'static [WizardStep],
    current: RwSignal<usize>,
    submitting: RwSignal<bool>,
    submit: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let last = steps.len() - 1;
    let at_last = move || current.get() >= last;
    let can_submit = move || state.name_valid() && !submitting.get();
    view! {
        <footer class="pf-v6-c-wizard__footer">
            <div class="pf-v6-c-action-list">
            <div class="pf-v6-c-action-list__group">
            <When when=move || !at_last()>
                <button class="pf-v6-c-button pf-m-primary" type="button" data-testid="next-btn" on:click=move |_| current.update(|c| *c = (*c + 1).min(last))>
                    "Next"
                </button>
            </When>
            <When when=move || { current.get() > 0 }>
                <button class="pf-v6-c-button pf-m-secondary" type="button" data-testid="back-btn" on:click=move |_| current.update(|c| *c = c.saturating_sub(1))>
                    "Back"
                </button>
            </When>
            <When when=move || current.get() == 0 || at_last()>
                <button
                    class=move || if at_last() { "pf-v6-c-button pf-m-primary" } else { "pf-v6-c-button pf-m-secondary" }
                    type="button"
                    id="create-robot-submit"
                    data-testid="create-robot-submit"
                    disabled=move || !can_submit()
                    title=move || (!state.name_valid()).then_some("Enter a valid robot name first")
                    on:click=move |_| submit.run(())
                >
                    "Review and Finish"
                </button>
            </When>
            </div>
            <div class="pf-v6-c-action-list__group">
                <button class="pf-v6-c-button pf-m-link" type="button" id="create-robot-cancel" data-testid="create-robot-cancel" on:click=move |_| on_cancel.run(())>
                    "Cancel"
                </button>
            </div>
            </div>
        </footer>
    }
}

/// Asked when the wizard is closed with something entered.
#[component]
pub fn DiscardConfirm(
    #[prop(into)] on_discard: Callback<()>,
    #[prop(into)] on_keep: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-alert pf-m-warning pf-m-inline" role="alertdialog" data-testid="discard-confirm" aria-label="Discard this robot account?">
            <div class="pf-v6-c-alert__icon" aria-hidden="true"><i class="fas fa-exclamation-triangle"></i></div>
            <p class="pf-v6-c-alert__title">"Discard this robot account?"</p>
            <div class="pf-v6-c-alert__description">
                <p>"The name, description and selections you entered will be lost."</p>
            </div>
            <div class="pf-v6-c-alert__action-group">
                <button class="pf-v6-c-button pf-m-danger" type="button" data-testid="discard-btn" on:click=move |_| on_discard.run(())>
                    "Discard"
                </button>
                " "
                <button class="pf-v6-c-button pf-m-link" type="button" data-testid="keep-editing-btn" on:click=move |_| on_keep.run(())>
                    "Keep editing"
                </button>
            </div>
        </div>
    }
}
