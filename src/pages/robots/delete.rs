//! "Permanently delete robot accounts?": the typed-`confirm` delete modal (spec §5). Deleting runs
//! through the bulk engine: progress while it runs, every robot's outcome, failures listed with
//! Quay's reason (Quay's UI shows "undefined" for the robot and collapses the lines), and
//! "Retry failed".

use super::use_robot_tab;
use crate::components::bulk::{BulkFailures, BulkProgress, BulkRun};
use crate::components::modal::{Modal, ModalSize};
use crate::components::pagination::{page_slice, Pagination};
use crate::components::search_input::SearchInput;
use crate::components::table::TableHead;
use crate::components::toast::use_toasts;
use crate::components::when::When;
use crate::quay::ids::{Namespace, RobotName};
use crate::server::robots::delete_robots;
use leptos::prelude::*;

pub const CONFIRM_WORD: &str = "confirm";

/// `Failed to delete robot account {name}, {reason}.`
pub fn failure_line(name: &RobotName, reason: &str) -> String {
    format!(
        "Failed to delete robot account {name}, {}.",
        reason.trim_end_matches('.')
    )
}

#[component]
pub fn DeleteModal(
    namespace: Namespace,
    names: Vec<RobotName>,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let tab = use_robot_tab();
    let toasts = use_toasts();
    let names = StoredValue::new(names);
    let ns = StoredValue::new(namespace);
    let search = RwSignal::new(String::new());
    let page = RwSignal::new(1usize);
    let per_page = RwSignal::new(20usize);
    let confirm = RwSignal::new(String::new());
    let run = BulkRun::<RobotName>::new();
    let filtered = Memo::new(move |_| {
        let q = search.get().trim().to_lowercase();
        names.with_value(|n| {
            n.iter()
                .filter(|x| x.to_lowercase().contains(&q))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let delete = Action::new_local(move |targets: &Vec<RobotName>| {
        let targets = targets.clone();
        async move {
            let tally = run
                .follow(delete_robots(ns.get_value(), targets), |name, outcome| {
                    if !outcome.is_failed() {
                        tab.selected.try_update(|s| s.remove(name));
                    }
                })
                .await;
            on_changed.run(());
            if tally.failed == 0 && tally.finished {
                toasts.success("Successfully deleted robot account");
                on_close.run(());
            } else {
                let why = run.error.try_get_untracked().flatten();
                toasts.danger("Error deleting robot account", why);
            }
        }
    });
    let pending = delete.pending();
    let started = move || run.started() || pending.get();
    let can_delete = move || confirm.get() == CONFIRM_WORD && !pending.get();
    let submit = move |_| {
        delete.dispatch(names.get_value());
    };
    let on_retry = Callback::new(move |_| {
        delete.dispatch(run.failed_items());
    });
    let summary = move || {
        let t = run.tally.get();
        (t.finished && t.failed > 0).then(|| {
            view! {
                <p data-testid="delete-summary">
                    {format!("{} deleted, {} failed.", t.succeeded(), t.failed)}
                </p>
            }
        })
    };
    let footer = move || {
        if started() {
            view! {
                <button
                    class="pf-v6-c-button pf-m-primary"
                    type="button"
                    disabled=move || pending.get()
                    on:click=move |_| on_close.run(())
                >
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
                    "Delete"
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
            <When
                when=started
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
                        <p class="rc-confirm-prompt" id="delete-confirmation-prompt">"Confirm deletion by typing \"confirm\" below:"</p>
                        <span class="pf-v6-c-form-control">
                            <input
                                type="text"
                                id="delete-confirmation-input"
                                data-testid="delete-confirmation-input"
                                aria-label="Type confirm to delete"
                                aria-describedby="delete-confirmation-prompt"
                                data-autofocus=""
                                autocomplete="off"
                                prop:value=move || confirm.get()
                                on:input=move |ev| confirm.set(event_target_value(&ev))
                            />
                        </span>
                    }
                }
            >
                <BulkProgress run prefix="delete" running_title="Deleting robot accounts" done_title="Finished" />
                {summary}
                <BulkFailures
                    run
                    prefix="delete"
                    title="Robot Account deletion failed"
                    line=failure_line
                    on_retry
                />
            </When>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_names_its_robot_and_quays_reason() {
        let name = RobotName::parse("acme+bb").unwrap();
        assert_eq!(
            failure_line(&name, "Robot is being used by a mirror"),
            "Failed to delete robot account acme+bb, Robot is being used by a mirror."
        );
        assert_eq!(
            failure_line(&name, "Quay answered 500."),
            "Failed to delete robot account acme+bb, Quay answered 500."
        );
    }
}
