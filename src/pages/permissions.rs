//! Set repository permissions modal (spec §3): the robot's name and description, the repository
//! table, and a save through the bulk engine: progress streamed from the call that does the
//! work, every failure listed with Quay's message, and "Retry failed".

pub mod dropdown;
pub mod table;

use crate::components::bulk::{BulkFailures, BulkProgress, BulkRun};
use crate::components::modal::{Modal, ModalSize};
use crate::components::spinner::Loading;
use crate::components::toast::use_toasts;
use crate::permissions::{diff, failure_line, Change, PermMap};
use crate::quay::ids::Namespace;
use crate::robot_list::RobotRow;
use crate::server::permissions::{robot_permission_map, robot_repo_permissions, save_permissions};
use leptos::prelude::*;
use std::sync::Arc;
use table::RepoPermissionTable;

#[component]
pub fn PermissionsModal(
    namespace: Namespace,
    robot: RobotRow,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let ns = StoredValue::new(namespace);
    let short = StoredValue::new(robot.name.short());
    let data = crate::json::page_resource(
        || (),
        move |_| robot_repo_permissions(ns.get_value(), short.get_value()),
    );
    let prev = RwSignal::new(PermMap::new());
    let edited = RwSignal::new(PermMap::new());
    crate::components::effect::effect(move || {
        if let Some(Ok(d)) = data.get() {
            prev.set(d.current.clone());
            edited.set(d.current);
        }
    });
    let run = BulkRun::<Change>::new();
    let toasts = use_toasts();
    // The save: streamed by the call that does the work; when it ends, what Quay has now
    // becomes the baseline (after failures only the failed changes remain pending).
    let save = Action::new_local(move |changes: &Vec<Change>| {
        let changes = changes.clone();
        async move {
            let tally = run
                .follow(
                    save_permissions(ns.get_value(), short.get_value(), changes),
                    |_, _| {},
                )
                .await;
            if tally.failed == 0 && run.error.try_get_untracked().flatten().is_none() {
                toasts.success("Successfully updated repository permission");
            } else {
                toasts.danger("Failed to update repository permission", None);
            }
            on_changed.run(());
            match robot_permission_map(ns.get_value(), short.get_value()).await {
                Ok(m) => {
                    prev.try_set(m);
                }
                Err(e) => {
                    run.error.try_set(Some(e.message));
                }
            }
        }
    });
    let changed = Memo::new(move |_| prev.with(|p| edited.with(|n| !diff(p, n).is_empty())));
    let busy = save.pending();
    let on_save = move |_| {
        let changes = prev.with_untracked(|p| edited.with_untracked(|n| diff(p, n)));
        save.dispatch(changes);
    };
    let on_retry = Callback::new(move |_| {
        save.dispatch(run.failed_items());
    });
    let footer: ChildrenFn = Arc::new(move || {
        view! {
            {move || {
                if changed.get() || busy.get() {
                    view! {
                        <button
                            class="pf-v6-c-button pf-m-primary"
                            type="button"
                            id="save-repo-permissions-btn"
                            disabled=move || busy.get()
                            on:click=on_save
                        >
                            "Save"
                        </button>
                        <button class="pf-v6-c-button pf-m-link" type="button" on:click=move |_| on_close.run(())>
                            "Cancel"
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <button class="pf-v6-c-button pf-m-primary" type="button" on:click=move |_| on_close.run(())>
                            "Close"
                        </button>
                    }
                        .into_any()
                }
            }}
        }
        .into_any()
    });
    view! {
        <Modal
            title="Set repository permissions"
            id="set-repo-permissions-modal"
            size=ModalSize::Large
            on_close
            footer
        >
            <RobotIdentity name=robot.name.to_string() description=robot.description.clone() />
            {move || match data.get() {
                None => view! { <Loading /> }.into_any(),
                Some(Err(e)) => {
                    view! { <crate::components::alert::DangerAlert title="Unable to fetch repositories" message=e.message /> }.into_any()
                }
                Some(Ok(d)) => view! { <RepoPermissionTable repos=d.repos selection=edited /> }.into_any(),
            }}
            <BulkProgress run prefix="save" running_title="Saving permissions" done_title="Saved" />
            <BulkFailures
                run
                prefix="save"
                title="Repository Permission update failed"
                line=|c: &Change, m: &str| failure_line(c, m)
                on_retry
            />
        </Modal>
    }
}

/// The disabled name and description inputs at the top of the modal.
#[component]
fn RobotIdentity(name: String, description: String) -> impl IntoView {
    view! {
        <div class="pf-v6-c-form rc-robot-identity">
            <div class="pf-v6-c-form__group">
                <label class="pf-v6-c-form__label" for="robot-perms-name">
                    <span class="pf-v6-c-form__label-text">"Provide a name for your robot account:"</span>
                </label>
                <span class="pf-v6-c-form-control pf-m-disabled">
                    <input id="robot-perms-name" type="text" disabled value=name />
                </span>
            </div>
            <div class="pf-v6-c-form__group">
                <label class="pf-v6-c-form__label" for="robot-perms-description">
                    <span class="pf-v6-c-form__label-text">"Description"</span>
                </label>
                <span class="pf-v6-c-form-control pf-m-disabled">
                    <input id="robot-perms-description" type="text" disabled value=description />
                </span>
            </div>
        </div>
    }
}
