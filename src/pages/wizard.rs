//! Create robot account wizard (spec §2). Placeholder until its issue lands.

use crate::components::modal::{Modal, ModalSize};
use leptos::prelude::*;

#[component]
pub fn CreateRobotWizard(
    namespace: String,
    is_user: bool,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let _ = (namespace, is_user, on_changed);
    view! {
        <Modal
            title="Create robot account (organization/namespace)"
            id="create-robot-account-modal"
            size=ModalSize::Large
            on_close
        >
            <p>"The wizard is not available yet."</p>
        </Modal>
    }
}
