//! Set robot federation dialog (spec §4). Placeholder until its issue lands.

use crate::components::modal::{Modal, ModalSize};
use crate::server::robots::RobotRow;
use leptos::prelude::*;

#[component]
pub fn FederationModal(
    namespace: String,
    is_user: bool,
    robot: RobotRow,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let _ = (namespace, is_user);
    let title = format!("Robot identity federation configuration for {}", robot.name);
    view! {
        <Modal title=title id="robot-federation-modal" size=ModalSize::Large on_close>
            <p>"Federation is not available yet."</p>
        </Modal>
    }
}
