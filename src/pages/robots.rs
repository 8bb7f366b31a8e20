//! The Robot accounts tab of a namespace.

pub mod table;

use crate::components::empty_state::EmptyState;
use crate::components::spinner::Loading;
use crate::server::robots::list_robots;
use leptos::prelude::*;
use table::RobotTable;

pub const EMPTY_TITLE: &str = "There are no viewable robot accounts for this repository";
pub const EMPTY_BODY: &str = "Either no robot accounts exist yet or you may not have permission to view any. If you have the permissions, you may create robot accounts in this repository.";
pub const DISALLOWED_BODY: &str =
    "Robot accounts have been disabled. Please contact your administrator.";

#[component]
pub fn RobotAccountsTab(#[prop(into)] namespace: String) -> impl IntoView {
    let ns = namespace.clone();
    let robots = Resource::new(move || ns.clone(), list_robots);
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
                        let body = if page.robots_disallow { DISALLOWED_BODY } else { EMPTY_BODY };
                        view! { <EmptyState title=EMPTY_TITLE body=body /> }.into_any()
                    }
                    Ok(page) => view! { <RobotTable page=page /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
