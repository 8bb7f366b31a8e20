//! The dialog the robot accounts tab has open, if any.

use super::{use_robot_tab, RobotDialog};
use leptos::prelude::*;

/// The open dialog, if any.
#[component]
pub fn RobotDialogs() -> impl IntoView {
    let tab = use_robot_tab();
    let on_close = Callback::new(move |_| tab.close());
    let on_changed = Callback::new(move |_| tab.changed());
    move || {
        let ns = tab.namespace.get_value();

        match tab.dialog.get() {
            None => ().into_any(),
            Some(RobotDialog::Credentials(robot)) => view! {
                <crate::pages::credentials::CredentialsModal namespace=ns robot on_close />
            }
            .into_any(),
            Some(RobotDialog::Permissions(robot)) => view! {
                <crate::pages::permissions::PermissionsModal namespace=ns robot on_close on_changed />
            }
            .into_any(),
            Some(RobotDialog::Federation(robot)) => view! {
                <crate::pages::federation::FederationModal namespace=ns robot on_close />
            }
            .into_any(),
            Some(RobotDialog::Create) => view! {
                <crate::pages::wizard::CreateRobotWizard namespace=ns is_user=tab.is_user.get_untracked() on_close on_changed />
            }
            .into_any(),
            Some(RobotDialog::Teams(robot)) => view! {
                <super::teams::TeamsModal namespace=ns robot on_close />
            }
            .into_any(),
            Some(RobotDialog::Activity(robot)) => view! {
                <crate::pages::activity::ActivityModal namespace=ns robot on_close />
            }
            .into_any(),
            Some(RobotDialog::Delete(names)) => view! {
                <super::delete::DeleteModal namespace=ns names on_close on_changed />
            }
            .into_any(),
        }
    }
}
