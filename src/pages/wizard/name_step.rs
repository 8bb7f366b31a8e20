//! Step 1, "Robot name and description": the name is checked with Quay's rule as the user types.

use super::WizardState;
use crate::components::text_field::{FieldStatus, TextField};
use crate::quay::names::MAX_DESCRIPTION_LEN;
use leptos::prelude::*;

pub const NAME_HELP: &str = "Choose a name to inform your teammates about this robot account. Can contain lowercase letters, digits, and separators (period, hyphen, underscore) but must start and end with a letter or digit. 2-255 characters.";
pub const DESCRIPTION_HELP: &str = "Enter a description to provide extra information to your teammates about this robot account. Max length: 255";

#[component]
pub fn NameStep(
    state: WizardState,
    /// Enter in a field submits, as "Review and Finish" does.
    #[prop(into)]
    on_enter: Callback<()>,
) -> impl IntoView {
    let status =
        Signal::derive(move || state.name.with(|n| FieldStatus::of(n, state.name_valid())));
    let full_name = move || {
        state
            .name_valid()
            .then(|| format!("{}+{}", state.namespace.get_value(), state.name.get()))
    };
    view! {
        <h1 class="pf-v6-c-title pf-m-xl">"Provide robot account name and description"</h1>
        <form
            class="pf-v6-c-form rc-wizard__form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                on_enter.run(());
            }
        >
            <TextField
                id="robot-wizard-form-name"
                autofocus=true
                label="Provide a name for your robot account:"
                value=state.name
                helper=NAME_HELP
                status
                required=true
            />
            <p class="rc-wizard__full-name" data-testid="robot-full-name">
                {move || full_name().map(|n| format!("The robot will be {n}."))}
            </p>
            <TextField
                id="robot-wizard-form-description"
                label="Provide an optional description for your new robot:"
                value=state.description
                helper=DESCRIPTION_HELP
                max_len=MAX_DESCRIPTION_LEN
            />
            // Enter in a text field submits the form only when it has a submit button.
            <button type="submit" hidden></button>
        </form>
    }
}
