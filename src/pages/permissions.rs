//! Set repository permissions modal (spec §3): the robot's name and description, the repository
//! table, and a save that runs as a server-side job with progress, failures and "Retry failed".

pub mod dropdown;
pub mod progress;
pub mod table;

use crate::components::alert::DangerAlert;
use crate::components::modal::{Modal, ModalSize};
use crate::components::spinner::Loading;
use crate::components::toast::use_toasts;
use crate::permissions::{diff, JobStatus, PermMap};
use crate::robot_list::RobotRow;
use crate::server::permissions::{
    retry_failed, robot_permission_map, robot_repo_permissions, start_save,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use progress::{SaveJob, SaveProgress};
use std::sync::Arc;
use table::RepoPermissionTable;

#[component]
pub fn PermissionsModal(
    namespace: crate::quay::ids::Namespace,
    robot: RobotRow,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let ns = StoredValue::new(namespace);
    let short = StoredValue::new(robot.name.short());
    let data = Resource::new(
        || (),
        move |_| robot_repo_permissions(ns.get_value(), short.get_value()),
    );
    let prev = RwSignal::new(PermMap::new());
    let edited = RwSignal::new(PermMap::new());
    Effect::new(move |_| {
        if let Some(Ok(d)) = data.get() {
            prev.set(d.current.clone());
            edited.set(d.current);
        }
    });
    let job = SaveJob::new();
    let changed = Memo::new(move |_| prev.with(|p| edited.with(|n| !diff(p, n).is_empty())));
    let toasts = use_toasts();
    let on_finished = Callback::new(move |s: JobStatus| {
        if s.failed == 0 {
            toasts.success("Successfully updated repository permission");
        } else {
            toasts.danger("Failed to update repository permission", None);
        }
        on_changed.run(());
        // What Quay has now becomes the baseline: after a full success the footer shows Close,
        // after failures only the failed changes remain pending.
        spawn_local(async move {
            match robot_permission_map(ns.get_value(), short.get_value()).await {
                Ok(m) => {
                    prev.try_set(m);
                }
                Err(e) => {
                    job.error.try_set(Some(e.message));
                }
            }
        });
    });
    let save = move |_| {
        let (p, n) = (prev.get_untracked(), edited.get_untracked());
        job.status.set(Some(JobStatus::default()));
        spawn_local(async move {
            match start_save(ns.get_value(), short.get_value(), p, n).await {
                Ok(id) => job.watch(id, on_finished),
                Err(e) => {
                    job.status.try_set(None);
                    job.error.try_set(Some(e.message));
                }
            }
        });
    };
    let on_retry = Callback::new(move |_| {
        let Some(id) = job.id.get_untracked() else {
            return;
        };
        job.status.set(Some(JobStatus::default()));
        spawn_local(async move {
            match retry_failed(id.clone()).await {
                Ok(()) => job.watch(id, on_finished),
                Err(e) => {
                    job.error.try_set(Some(e.message));
                }
            }
        });
    });
    let footer: ChildrenFn = Arc::new(move || {
        view! {
            {move || {
                if changed.get() || job.running() {
                    view! {
                        <button
                            class="pf-v6-c-button pf-m-primary"
                            type="button"
                            id="save-repo-permissions-btn"
                            disabled=move || job.running()
                            on:click=save
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
                    view! { <DangerAlert title="Unable to fetch repositories" message=e.message /> }.into_any()
                }
                Some(Ok(d)) => view! { <RepoPermissionTable repos=d.repos selection=edited /> }.into_any(),
            }}
            <SaveProgress job on_retry />
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
