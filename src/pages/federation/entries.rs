//! The federation entries form: `{issuer} : {subject}` groups, add, remove, Save, Close.

use super::{use_fed, Row};
use crate::components::toast::use_toasts;
use crate::federation::{validate, EntryProblems, MSG_ISSUER_REQUIRED, MSG_SUBJECT_REQUIRED};
use crate::server::federation::SaveFederation;
use leptos::prelude::*;

pub const EMPTY_TEXT: &str = " No federation configured, add using the plus button ";
pub const SAVED_TOAST: &str = "Robot federation config saved";

#[component]
pub fn EntriesForm(on_close: Callback<()>) -> impl IntoView {
    let fed = use_fed();
    let toasts = use_toasts();
    // Required-field messages appear after the first Save; the others as soon as they apply.
    let attempted = RwSignal::new(false);
    // Per row id (rows move when one above is removed).
    let problems = Memo::new(move |_| {
        let ids = fed
            .rows
            .with(|r| r.iter().map(|x| x.id).collect::<Vec<_>>());
        ids.into_iter()
            .zip(validate(&fed.entries()))
            .collect::<Vec<_>>()
    });
    let save = ServerAction::<SaveFederation>::new();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(list)) => {
            attempted.set(false);
            fed.reset(&list);
            toasts.success(SAVED_TOAST);
        }
        Some(Err(e)) => {
            let msg = if e.message.is_empty() {
                "Error saving federation config".to_string()
            } else {
                e.message
            };
            toasts.danger(msg, None);
        }
        None => {}
    });
    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        attempted.set(true);
        let p = problems.get_untracked();
        if p.iter().any(|(_, p)| !p.is_ok()) {
            for row in fed.rows.get_untracked() {
                if p.iter().any(|(id, p)| *id == row.id && !p.is_ok()) {
                    row.expanded.set(true);
                }
            }
            return;
        }
        save.dispatch(SaveFederation {
            namespace: fed.namespace.get_value(),
            robot: fed.robot.get_value(),
            entries: fed.entries(),
        });
    };
    view! {
        <form class="pf-v6-c-form" id="federation-form" novalidate on:submit=on_save>
            <div class="rc-fed-add">
                <button
                    class="pf-v6-c-button pf-m-plain"
                    type="button"
                    aria-label="Add federation entry"
                    id="federation-add"
                    on:click=move |_| fed.add(String::new(), String::new(), true)
                >
                    <i class="fas fa-plus-circle" aria-hidden="true"></i>
                </button>
            </div>
            <Show when=move || fed.rows.with(Vec::is_empty)>
                <p id="federation-empty">{EMPTY_TEXT}</p>
            </Show>
            <For each=move || fed.rows.get() key=|r| r.id let:row>
                {
                    let p = Signal::derive(move || {
                        problems
                            .with(|p| {
                                p.iter().find(|(id, _)| *id == row.id).map(|(_, p)| p.clone())
                            })
                            .unwrap_or_default()
                    });
                    view! { <Entry row problems=p attempted /> }
                }
            </For>
            <div class="pf-v6-c-form__group pf-m-action">
                <div class="pf-v6-c-form__actions">
                    <button
                        class="pf-v6-c-button pf-m-primary"
                        type="submit"
                        id="federation-save"
                        disabled=move || save.pending().get()
                    >
                        "Save"
                    </button>
                    <button
                        class="pf-v6-c-button pf-m-link"
                        type="button"
                        id="federation-close"
                        on:click=move |_| on_close.run(())
                    >
                        "Close"
                    </button>
                </div>
            </div>
        </form>
    }
}

#[component]
fn Entry(row: Row, problems: Signal<EntryProblems>, attempted: RwSignal<bool>) -> impl IntoView {
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
            <Show when=move || row.expanded.get()>
                <div class="pf-v6-c-form__field-group-body">
                    <Field id=format!("federation-issuer-{}", row.id) label="Issuer URL" value=row.issuer error=issuer_err warning placeholder="https://sso.example.com/realms/<realm>" />
                    <Field id=format!("federation-subject-{}", row.id) label="Subject" value=row.subject error=subject_err warning=Signal::derive(|| None) placeholder="system:serviceaccount:<namespace>:<name>" />
                </div>
            </Show>
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
