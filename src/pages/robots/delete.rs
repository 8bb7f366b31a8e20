//! "Permanently delete robot accounts?": the typed-`confirm` delete modal (spec §5). The server
//! deletes with bounded concurrency and reports every robot's outcome; failures stay listed with
//! Quay's reason (Quay's UI shows "undefined" for the robot and collapses the lines).

use super::delete_results::DeleteResults;
use super::use_robot_tab;
use crate::components::modal::{Modal, ModalSize};
use crate::components::pagination::{page_slice, Pagination};
use crate::components::search_input::SearchInput;
use crate::components::table::TableHead;
use crate::components::toast::use_toasts;
use crate::server::robots::{DeleteOutcome, DeleteRobots};
use leptos::prelude::*;

pub const CONFIRM_WORD: &str = "confirm";

#[component]
pub fn DeleteModal(
    namespace: crate::quay::ids::Namespace,
    names: Vec<crate::quay::ids::RobotName>,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let tab = use_robot_tab();
    let toasts = use_toasts();
    let names = StoredValue::new(names);
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(1usize);
    let per_page = RwSignal::new(20usize);
    let confirm = RwSignal::new(String::new());
    let action = ServerAction::<DeleteRobots>::new();
    let outcomes = RwSignal::new(None::<Vec<DeleteOutcome>>);
    let error = RwSignal::new(None::<String>);
    let filtered = Memo::new(move |_| {
        let q = search.get().trim().to_lowercase();
        names.with_value(|n| {
            n.iter()
                .filter(|x| x.to_lowercase().contains(&q))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    Effect::new(move |_| {
        search.track();
        page.set(1);
    });
    // React to the server's answer.
    Effect::new(move |_| match action.value().get() {
        Some(Ok(result)) => {
            let deleted: Vec<crate::quay::ids::RobotName> = result
                .iter()
                .filter(|o| o.deleted)
                .map(|o| o.name.clone())
                .collect();
            tab.selected.update(|s| s.retain(|n| !deleted.contains(n)));
            on_changed.run(());
            if deleted.len() == result.len() {
                toasts.success("Successfully deleted robot account");
                on_close.run(());
            } else {
                toasts.danger("Error deleting robot account", None);
                outcomes.set(Some(result));
            }
        }
        Some(Err(e)) => {
            toasts.danger("Error deleting robot account", Some(e.message.clone()));
            error.set(Some(e.message));
        }
        None => {}
    });
    let ns = StoredValue::new(namespace);
    let pending = action.pending();
    let can_delete = move || confirm.get() == CONFIRM_WORD && !pending.get();
    let submit = move |_| {
        error.set(None);
        action.dispatch(DeleteRobots {
            namespace: ns.get_value(),
            names: names.get_value(),
        });
    };
    let footer = move || {
        if outcomes.with(Option::is_some) {
            view! {
                <button class="pf-v6-c-button pf-m-primary" type="button" on:click=move |_| on_close.run(())>
                    "Close"
                </button>
            }
            .into_any()
        } else {
            view! {
                <button
                    class="pf-v6-c-button pf-m-danger"
                    type="button"
                    data-testid="bulk-delete-confirm-btn"
                    disabled=move || !can_delete()
                    on:click=submit
                >
                    {move || if pending.get() { "Deleting…" } else { "Delete" }}
                </button>
                <button class="pf-v6-c-button pf-m-link" type="button" on:click=move |_| on_close.run(())>
                    "Cancel"
                </button>
            }
            .into_any()
        }
    };
    view! {
        <Modal
            title="Permanently delete robot accounts?"
            id="bulk-delete-modal"
            size=ModalSize::Medium
            warning=true
            on_close
            footer=std::sync::Arc::new(footer)
        >
            <Show
                when=move || outcomes.with(Option::is_some)
                fallback=move || {
                    view! {
                        <p>"This action deletes all robot accounts and cannot be recovered."</p>
                        <div class="rc-modal-toolbar">
                            <SearchInput id="delete-robot-search" placeholder="Search" value=search />
                            <Pagination
                                id="delete-robot-pagination"
                                total=Signal::derive(move || filtered.with(Vec::len))
                                page
                                per_page
                            />
                        </div>
                        <table class="pf-v6-c-table pf-m-compact" aria-label="Robot accounts to delete">
                            <TableHead columns=&["RobotAccount"] />
                            <tbody class="pf-v6-c-table__tbody">
                                <For each=move || page_slice(&filtered.get(), page.get(), per_page.get()) key=|n| n.clone() let:n>
                                    <tr class="pf-v6-c-table__tr">
                                        <td class="pf-v6-c-table__td">{n}</td>
                                    </tr>
                                </For>
                            </tbody>
                        </table>
                        <p class="rc-confirm-prompt">"Confirm deletion by typing \"confirm\" below:"</p>
                        <span class="pf-v6-c-form-control">
                            <input
                                type="text"
                                id="delete-confirmation-input"
                                data-testid="delete-confirmation-input"
                                aria-label="Type confirm to delete"
                                autocomplete="off"
                                prop:value=move || confirm.get()
                                on:input=move |ev| confirm.set(event_target_value(&ev))
                            />
                        </span>
                        {move || error.get().map(|m| view! { <p class="rc-error-text" role="alert">{m}</p> })}
                    }
                }
            >
                <DeleteResults outcomes=Signal::derive(move || outcomes.get().unwrap_or_default()) />
            </Show>
        </Modal>
    }
}
