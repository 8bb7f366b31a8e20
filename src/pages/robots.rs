//! The Robot accounts tab of a namespace: loads the list and opens the per-robot dialogs.

pub mod delete;
pub mod delete_results;
mod dialogs;
pub mod row;
pub mod state;
pub mod table;
pub mod teams;
pub mod toolbar;

use crate::components::empty_state::EmptyState;
use crate::components::spinner::Loading;
use crate::quay::ids::{Namespace, RobotName};
use crate::robot_list::{RobotRow, RobotsPage};
use crate::server::robots::{list_robots, ListRobots};
use dialogs::RobotDialogs;
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
    Delete(Vec<RobotName>),
    Create,
}

/// Shared by the tab's pieces: the namespace, the open dialog, and a way to reload the list.
#[derive(Clone, Copy)]
pub struct RobotTab {
    pub namespace: StoredValue<Namespace>,
    pub is_user: StoredValue<bool>,
    pub dialog: RwSignal<Option<RobotDialog>>,
    pub reload: Callback<()>,
    /// Selected robots (full names); kept while the tab lives.
    pub selected: RwSignal<std::collections::HashSet<RobotName>>,
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

/// What the tab shows; it changes only when the kind of content changes, so reloading the
/// list updates rows in place instead of rebuilding the table (search, paging, selection stay).
#[derive(Clone, Debug, PartialEq)]
enum TabStatus {
    Failed(crate::error::AppError),
    Empty { robots_disallow: bool },
    Table { robots_disallow: bool },
}

#[component]
pub fn RobotAccountsTab(namespace: Namespace) -> impl IntoView {
    let ns = namespace.clone();
    // Loaded once (on the server for the first HTML); reloads go through `reload_action`.
    let first = Resource::new(move || ns.clone(), list_robots);
    let latest = RwSignal::new(None::<Result<RobotsPage, crate::error::AppError>>);
    let reload_action = ServerAction::<ListRobots>::new();
    let reload_ns = StoredValue::new(namespace.clone());
    Effect::new(move |_| {
        if let Some(r) = reload_action.value().get() {
            latest.set(Some(r));
        }
    });
    let tab = RobotTab {
        namespace: StoredValue::new(namespace),
        is_user: StoredValue::new(false),
        dialog: RwSignal::new(None),
        reload: Callback::new(move |_| {
            reload_action.dispatch(ListRobots {
                namespace: reload_ns.get_value(),
            });
        }),
        selected: RwSignal::new(Default::default()),
    };
    provide_context(tab);
    let rows = Signal::derive(move || {
        latest.with(|l| {
            l.as_ref()
                .and_then(|r| r.as_ref().ok())
                .map(|p| p.robots.clone())
                .unwrap_or_default()
        })
    });
    provide_context(state::ListState::new(rows));
    let status = Memo::new(move |_| {
        latest.with(|l| match l {
            None => None,
            Some(Err(e)) => Some(TabStatus::Failed(e.clone())),
            Some(Ok(p)) if p.robots.is_empty() => Some(TabStatus::Empty {
                robots_disallow: p.robots_disallow,
            }),
            Some(Ok(p)) => Some(TabStatus::Table {
                robots_disallow: p.robots_disallow,
            }),
        })
    });
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                let loaded = first.await;
                if let Ok(p) = &loaded {
                    tab.is_user.set_value(p.is_user);
                }
                if latest.with_untracked(Option::is_none) {
                    latest.set(Some(loaded));
                }
                move || match status.get() {
                    None => view! { <Loading /> }.into_any(),
                    // Quay shows the empty state when the list fails; we show the failure.
                    Some(TabStatus::Failed(e)) => {
                        super::load_error_view(
                            "Failed to fetch Robot Accounts",
                            "Unable to fetch robot accounts",
                            e,
                        )
                    }
                    Some(TabStatus::Empty { robots_disallow }) => {
                        view! { <RobotsEmptyState robots_disallow /> }.into_any()
                    }
                    Some(TabStatus::Table { robots_disallow }) => {
                        view! { <RobotTable robots_disallow /> }.into_any()
                    }
                }
            })}
        </Suspense>
        <RobotDialogs />
    }
}

/// "Create robot account": opens the wizard (toolbar and empty state).
#[component]
pub fn CreateRobotButton() -> impl IntoView {
    let tab = use_robot_tab();
    view! {
        <button
            class="pf-v6-c-button pf-m-primary"
            type="button"
            id="create-robot-account-btn"
            data-testid="create-robot-account-btn"
            on:click=move |_| tab.open(RobotDialog::Create)
        >
            "Create robot account"
        </button>
    }
}

#[component]
fn RobotsEmptyState(robots_disallow: bool) -> impl IntoView {
    let body = if robots_disallow {
        DISALLOWED_BODY
    } else {
        EMPTY_BODY
    };
    let create = (!robots_disallow).then(|| view! { <CreateRobotButton /> });
    view! {
        <EmptyState title=EMPTY_TITLE body=body>
            {create}
        </EmptyState>
    }
}
