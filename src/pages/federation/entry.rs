//! One `{issuer} : {subject}` group of the federation form: a collapsible header with a remove
//! button, and the two fields with their errors and the `http://` warning.

use super::{use_fed, Row};
use crate::components::when::When;
use crate::federation::{EntryProblems, MSG_ISSUER_REQUIRED, MSG_SUBJECT_REQUIRED};
use leptos::prelude::*;

#[component]
pub fn Entry(
    row: Row,
    problems: Signal<EntryProblems>,
    attempted: RwSignal<bool>,
) -> impl IntoView {
    let fed = use_fed();
    let shown = move |m: Option<&'static str>| {
        m.filter(|m| attempted.get() || (*m != MSG_ISSUER_REQUIRED && *m != MSG_SUBJECT_REQUIRED))
    };
    let issuer_err = Signal::derive(move || shown(problems.get().issuer));
    let subject_err = Signal::derive(move || shown(problems.get().subject));
    let warning = Signal::derive(move || problems.get().issuer_warning);
    let remove = move |_| fed.rows.update(|r| r.retain(|x| x.id != row.id));
    let header = move || format!("{} : {}", row.issuer.get(), row.subject.get());
    view! {
        <div
            class="pf-v6-c-form__field-group"
            class:pf-m-expanded=move || row.expanded.get()
            data-testid="federation-entry"
        >
            <div class="pf-v6-c-form__field-group-toggle">
                <div class="pf-v6-c-form__field-group-toggle-button">
                    <button
                        class="pf-v6-c-button pf-m-plain"
                        type="button"
                        aria-label="Details"
                        aria-expanded=move || row.expanded.get().to_string()
                        on:click=move |_| row.expanded.update(|e| *e = !*e)
                    >
                        <span class="pf-v6-c-form__field-group-toggle-icon">
                            <i class="fas fa-angle-right" aria-hidden="true"></i>
                        </span>
                    </button>
                </div>
            </div>
            <div class="pf-v6-c-form__field-group-header">
                <div class="pf-v6-c-form__field-group-header-main">
                    <div class="pf-v6-c-form__field-group-header-title">
                        <div class="pf-v6-c-form__field-group-header-title-text" data-testid="federation-entry-title">
                            {header}
                        </div>
                    </div>
                </div>
                <div class="pf-v6-c-form__field-group-header-actions">
                    <button
                        class="pf-v6-c-button pf-m-plain pf-m-danger rc-fed-remove"
                        type="button"
                        aria-label="Remove federation entry"
                        on:click=remove
                    >
                        <i class="fas fa-trash" aria-hidden="true"></i>
                    </button>
                </div>
            </div>
            <When when=move || row.expanded.get()>
                <div class="pf-v6-c-form__field-group-body">
                    <Field id=format!("federation-issuer-{}", row.id) label="Issuer URL" value=row.issuer error=issuer_err warning placeholder="https://sso.example.com/realms/<realm>" />
                    <Field id=format!("federation-subject-{}", row.id) label="Subject" value=row.subject error=subject_err warning=Signal::derive(|| None) placeholder="system:serviceaccount:<namespace>:<name>" />
                </div>
            </When>
        </div>
    }
}

#[component]
fn Field(
    id: String,
    label: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<&'static str>>,
    warning: Signal<Option<&'static str>>,
    placeholder: &'static str,
) -> impl IntoView {
    let for_id = id.clone();
    let testid = if label == "Subject" {
        "subject"
    } else {
        "issuer"
    };
    view! {
        <div class="pf-v6-c-form__group">
            <div class="pf-v6-c-form__group-label">
                <label class="pf-v6-c-form__label" for=for_id>
                    <span class="pf-v6-c-form__label-text">{label}</span>
                    <span class="pf-v6-c-form__label-required" aria-hidden="true">" *"</span>
                </label>
            </div>
            <div class="pf-v6-c-form__group-control">
                <span class="pf-v6-c-form-control" class:pf-m-error=move || error.get().is_some()>
                    <input
                        type="text"
                        id=id
                        required
                        placeholder=placeholder
                        aria-invalid=move || error.get().is_some().to_string()
                        bind:value=value
                    />
                </span>
                {move || {
                    error
                        .get()
                        .map(|m| {
                            view! {
                                <div class="pf-v6-c-form__helper-text">
                                    <div class="pf-v6-c-helper-text">
                                        <div class="pf-v6-c-helper-text__item pf-m-error" data-testid=format!("{testid}-error")>
                                            <span class="pf-v6-c-helper-text__item-text">{m}</span>
                                        </div>
                                    </div>
                                </div>
                            }
                        })
                }}
                {move || {
                    warning
                        .get()
                        .map(|m| {
                            view! {
                                <div class="pf-v6-c-alert pf-m-inline pf-m-warning pf-m-plain rc-fed-warning" data-testid="issuer-warning">
                                    <div class="pf-v6-c-alert__icon">
                                        <i class="fas fa-exclamation-triangle" aria-hidden="true"></i>
                                    </div>
                                    <p class="pf-v6-c-alert__title">{m}</p>
                                </div>
                            }
                        })
                }}
            </div>
        </div>
    }
}
