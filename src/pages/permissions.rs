//! Set repository permissions modal (spec §3). Placeholder until its issue lands.

use crate::components::modal::{Modal, ModalSize};
use crate::server::robots::RobotRow;
use leptos::prelude::*;

#[component]
pub fn PermissionsModal(
    namespace: String,
    is_user: bool,
    robot: RobotRow,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let _ = (namespace, is_user, robot, on_changed);
    view! {
        <Modal title="Set repository permissions" id="set-repo-permissions-modal" size=ModalSize::Large on_close>
            <p>"Repository permissions are not available yet."</p>
        </Modal>
    }
}
