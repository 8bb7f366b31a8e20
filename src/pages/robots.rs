//! The Robot accounts tab of a namespace: loads the list and opens the per-robot dialogs.

pub mod table;

use crate::components::empty_state::EmptyState;
use crate::components::spinner::Loading;
use crate::server::robots::{list_robots, RobotRow};
use leptos::prelude::*;
use table::RobotTable;

pub const EMPTY_TITLE: &str = "There are no viewable robot accounts for this repository";
pub const EMPTY_BODY: &str = "Either no robot accounts exist yet or you may not have permission to view any. If you have the permissions, you may create robot accounts in this repository.";
pub const DISALLOWED_BODY: &str =
    "Robot accounts have been disabled. Please contact your administrator.";

/// Which dialog of the tab is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RobotDialog {
    Credentials(RobotRow),
    Permissions(RobotRow),
    Federation(RobotRow),
    Teams(RobotRow),
    Delete(Vec<String>),
    Create,
}

/// Shared by the tab's pieces: the namespace, the open dialog, and a way to reload the list.
#[derive(Clone, Copy)]
pub struct RobotTab {
    pub namespace: StoredValue<String>,
    pub is_user: StoredValue<bool>,
    pub dialog: RwSignal<Option<RobotDialog>>,
    pub reload: Callback<()>,
}

impl RobotTab {
    pub fn open(&self, d: RobotDialog) {
        self.dialog.set(Some(d));
    }
    pub fn close(&self) {
        self.dialog.set(None);
    }
}

pub fn use_robot_tab() -> RobotTab {
    expect_context::<RobotTab>()
}

#[component]
pub fn RobotAccountsTab(#[prop(into)] namespace: String) -> impl IntoView {
    let ns = namespace.clone();
    let robots = Resource::new(move || ns.clone(), list_robots);
    let tab = RobotTab {
        namespace: StoredValue::new(namespace),
        is_user: StoredValue::new(false),
        dialog: RwSignal::new(None),
        reload: Callback::new(move |_| robots.refetch()),
    };
    provide_context(tab);
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match robots.await {
                    // Quay shows the empty state when the list fails; we show the failure.
                    Err(e) => {
                        super::load_error_view(
                            "Failed to fetch Robot Accounts",
                            "Unable to fetch robot accounts",
                            e,
                        )
                    }
                    Ok(page) if page.robots.is_empty() => {
                        tab.is_user.set_value(page.is_user);
                        let body = if page.robots_disallow { DISALLOWED_BODY } else { EMPTY_BODY };
                        view! { <EmptyState title=EMPTY_TITLE body=body /> }.into_any()
                    }
                    Ok(page) => {
                        tab.is_user.set_value(page.is_user);
                        view! { <RobotTable page=page /> }.into_any()
                    }
                }
            })}
        </Suspense>
        <RobotDialogs />
    }
}

/// The open dialog, if any.
#[component]
fn RobotDialogs() -> impl IntoView {
    let tab = use_robot_tab();
    let on_close = Callback::new(move |_| tab.close());
    let on_changed = Callback::new(move |_| tab.reload.run(()));
    move || {
        let ns = tab.namespace.get_value();
        let is_user = tab.is_user.get_value();
        match tab.dialog.get() {
            None => ().into_any(),
            Some(RobotDialog::Credentials(robot)) => view! {
                <super::credentials::CredentialsModal namespace=ns is_user robot on_close />
            }
            .into_any(),
            Some(RobotDialog::Permissions(robot)) => view! {
                <super::permissions::PermissionsModal namespace=ns is_user robot on_close on_changed />
            }
            .into_any(),
            Some(RobotDialog::Federation(robot)) => view! {
                <super::federation::FederationModal namespace=ns is_user robot on_close />
            }
            .into_any(),
            Some(RobotDialog::Create) => view! {
                <super::wizard::CreateRobotWizard namespace=ns is_user on_close on_changed />
            }
            .into_any(),
            // Teams and Delete dialogs are part of the robots tab itself (issue 4).
            Some(_) => ().into_any(),
        }
    }
}
