//! Credentials modal (spec §6). Placeholder until its issue lands.

use crate::components::modal::{Modal, ModalSize};
use crate::server::robots::RobotRow;
use leptos::prelude::*;

#[component]
pub fn CredentialsModal(
    namespace: String,
    is_user: bool,
    robot: RobotRow,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let _ = (namespace, is_user);
    let title = format!("Credentials for {}", robot.name);
    view! {
        <Modal title=title id="credentials-modal" size=ModalSize::Large on_close>
            <p>"Credentials are not available yet."</p>
        </Modal>
    }
}
