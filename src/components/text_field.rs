//! A PatternFly form group with one text input, its label and a helper text that turns
//! success/error with the value.

use leptos::prelude::*;

/// The helper text's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldStatus {
    Neutral,
    Success,
    Error,
}

impl FieldStatus {
    /// Neutral while empty, else success or error by `valid`.
    pub fn of(value: &str, valid: bool) -> Self {
        match (value.is_empty(), valid) {
            (true, _) => FieldStatus::Neutral,
            (false, true) => FieldStatus::Success,
            (false, false) => FieldStatus::Error,
        }
    }

    fn modifier(self) -> &'static str {
        match self {
            FieldStatus::Neutral => "",
            FieldStatus::Success => " pf-m-success",
            FieldStatus::Error => " pf-m-error",
        }
    }
}

#[component]
pub fn TextField(
    /// id and data-testid of the input.
    #[prop(into)]
    id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(optional, into)] helper: Option<String>,
    #[prop(optional, into)] status: Option<Signal<FieldStatus>>,
    #[prop(optional)] required: bool,
    #[prop(optional)] disabled: bool,
    /// The control a dialog focuses when it opens (see `super::modal`).
    #[prop(optional)]
    autofocus: bool,
    /// Also shows a `n/max` counter.
    #[prop(optional)]
    max_len: Option<usize>,
) -> impl IntoView {
    let status = status.unwrap_or_else(|| Signal::stored(FieldStatus::Neutral));
    let (for_id, testid, helper_id) = (id.clone(), id.clone(), format!("{id}-helper"));
    let described = helper_id.clone();
    let control = move || {
        let base = if disabled {
            "pf-v6-c-form-control pf-m-disabled"
        } else {
            "pf-v6-c-form-control"
        };
        format!("{base}{}", status.get().modifier())
    };
    let icon = move || match status.get() {
        FieldStatus::Error => Some(view! {
            <span class="pf-v6-c-helper-text__item-icon">
                <i class="fas fa-exclamation-circle" aria-hidden="true"></i>
            </span>
        }),
        _ => None,
    };
    view! {
        <div class="pf-v6-c-form__group">
            <div class="pf-v6-c-form__group-label">
                <label class="pf-v6-c-form__label" for=for_id>
                    <span class="pf-v6-c-form__label-text">{label}</span>
                    {required.then(|| view! { <span class="pf-v6-c-form__label-required" aria-hidden="true">" *"</span> })}
                </label>
            </div>
            <div class="pf-v6-c-form__group-control">
                <span class=control>
                    <input
                        type="text"
                        id=id
                        data-testid=testid
                        required=required
                        aria-required=required.then_some("true")
                        data-autofocus=autofocus.then_some("")
                        disabled=disabled
                        maxlength=max_len.map(|m| m.to_string())
                        aria-invalid=move || (status.get() == FieldStatus::Error).to_string()
                        aria-describedby=described
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                </span>
                <div class="pf-v6-c-form__helper-text" aria-live="polite" id=helper_id>
                    <div class="pf-v6-c-helper-text">
                        {helper.map(|h| view! {
                            <div class=move || format!("pf-v6-c-helper-text__item{}", status.get().modifier())>
                                {icon}
                                <span class="pf-v6-c-helper-text__item-text">{h}</span>
                            </div>
                        })}
                        {max_len.filter(|_| !disabled).map(|m| view! {
                            <div class="pf-v6-c-helper-text__item rc-char-count">
                                <span class="pf-v6-c-helper-text__item-text">
                                    {move || format!("{}/{m} characters", value.with(|v| v.chars().count()))}
                                </span>
                            </div>
                        })}
                    </div>
                </div>
            </div>
        </div>
    }
}
