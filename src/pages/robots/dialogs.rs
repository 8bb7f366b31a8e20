//! The dialog the robot accounts tab has open, if any. Each dialog's code is a wasm chunk of its
//! own (split points below; `cargo leptos build --split` cuts them out of the main bundle), loaded
//! the first time the dialog opens while its skeleton shows.

use super::{use_robot_tab, RobotDialog};
use crate::components::lazy::{Chunk, LazyModal, LoadChunk};
use crate::components::modal::ModalSize;
use crate::quay::ids::Namespace;
use crate::robot_list::RobotRow;
use leptos::prelude::*;
use wasm_split_helpers::wasm_split;

// The split points: each is an async function whose body lives in its own chunk. `fallible`
// answers a failed chunk download as an error instead of a panic.

#[wasm_split(credentials, fallible)]
fn credentials(ns: Namespace, robot: RobotRow, on_close: Callback<()>) -> Chunk {
    Ok(
        view! { <crate::pages::credentials::CredentialsModal namespace=ns robot on_close /> }
            .into_any(),
    )
}

#[wasm_split(permissions, fallible)]
fn permissions(
    ns: Namespace,
    robot: RobotRow,
    on_close: Callback<()>,
    on_changed: Callback<()>,
) -> Chunk {
    Ok(view! {
        <crate::pages::permissions::PermissionsModal namespace=ns robot on_close on_changed />
    }
    .into_any())
}

#[wasm_split(federation, fallible)]
fn federation(ns: Namespace, robot: RobotRow, on_close: Callback<()>) -> Chunk {
    Ok(
        view! { <crate::pages::federation::FederationModal namespace=ns robot on_close /> }
            .into_any(),
    )
}

#[wasm_split(wizard, fallible)]
fn wizard(ns: Namespace, is_user: bool, on_close: Callback<()>, on_changed: Callback<()>) -> Chunk {
    Ok(view! { <crate::pages::wizard::CreateRobotWizard namespace=ns is_user on_close on_changed /> }.into_any())
}

#[wasm_split(teams, fallible)]
fn teams(ns: Namespace, robot: RobotRow, on_close: Callback<()>) -> Chunk {
    Ok(view! { <super::teams::TeamsModal namespace=ns robot on_close /> }.into_any())
}

#[wasm_split(activity, fallible)]
fn activity(ns: Namespace, robot: RobotRow, on_close: Callback<()>) -> Chunk {
    Ok(view! { <crate::pages::activity::ActivityModal namespace=ns robot on_close /> }.into_any())
}

#[wasm_split(delete, fallible)]
fn delete(
    ns: Namespace,
    names: Vec<crate::quay::ids::RobotName>,
    on_close: Callback<()>,
    on_changed: Callback<()>,
) -> Chunk {
    Ok(view! { <super::delete::DeleteModal namespace=ns names on_close on_changed /> }.into_any())
}

/// The skeleton's title and size, and the load of the dialog's chunk.
fn opener(
    dialog: RobotDialog,
    ns: Namespace,
    is_user: bool,
    on_close: Callback<()>,
    on_changed: Callback<()>,
) -> (String, ModalSize, Callback<(), LoadChunk>) {
    use RobotDialog::*;
    let (title, size) = match &dialog {
        Credentials(r) => (format!("Credentials for {}", r.name), ModalSize::Large),
        Permissions(_) => ("Set repository permissions".into(), ModalSize::Large),
        Federation(r) => (
            format!("Robot identity federation configuration for {}", r.name),
            ModalSize::Large,
        ),
        Create => (
            "Create robot account (organization/namespace)".into(),
            ModalSize::Large,
        ),
        Teams(_) => ("Teams".into(), ModalSize::Medium),
        Activity(r) => (format!("Activity of {}", r.name), ModalSize::Large),
        Delete(_) => (
            "Permanently delete robot accounts?".into(),
            ModalSize::Medium,
        ),
    };
    let load = Callback::new(move |_| -> LoadChunk {
        let ns = ns.clone();
        match dialog.clone() {
            Credentials(r) => Box::pin(credentials(ns, r, on_close)),
            Permissions(r) => Box::pin(permissions(ns, r, on_close, on_changed)),
            Federation(r) => Box::pin(federation(ns, r, on_close)),
            Create => Box::pin(wizard(ns, is_user, on_close, on_changed)),
            Teams(r) => Box::pin(teams(ns, r, on_close)),
            Activity(r) => Box::pin(activity(ns, r, on_close)),
            Delete(names) => Box::pin(delete(ns, names, on_close, on_changed)),
        }
    });
    (title, size, load)
}

/// The open dialog, if any.
#[component]
pub fn RobotDialogs() -> impl IntoView {
    let tab = use_robot_tab();
    let on_close = Callback::new(move |_| tab.close());
    let on_changed = Callback::new(move |_| tab.changed());
    move || {
        let dialog = tab.dialog.get()?;
        let ns = tab.namespace.get_value();
        let (title, size, load) = opener(
            dialog,
            ns,
            tab.is_user.get_untracked(),
            on_close,
            on_changed,
        );
        Some(view! { <LazyModal title size on_close load /> })
    }
}
