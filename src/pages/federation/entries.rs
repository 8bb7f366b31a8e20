//! The federation entries form: `{issuer} : {subject}` groups, add, remove, Save, Close.

use super::entry::Entry;
use super::use_fed;
use crate::components::toast::use_toasts;
use crate::components::when::When;
use crate::federation::validate;
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
    crate::components::effect::effect(move || match save.value().get() {
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
        match crate::federation::FederationList::try_from(fed.entries()) {
            Ok(entries) => {
                save.dispatch(SaveFederation {
                    namespace: fed.namespace.get_value(),
                    robot: fed.robot.get_value(),
                    entries,
                });
            }
            Err(e) => toasts.danger(e.message, None),
        }
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
            <When when=move || fed.rows.with(Vec::is_empty)>
                <p id="federation-empty">{EMPTY_TEXT}</p>
            </When>
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
