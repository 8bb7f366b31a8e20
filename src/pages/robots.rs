//! The Robot accounts tab of a namespace: loads the list and opens the per-robot dialogs.

pub mod delete;
mod dialogs;
pub mod last_used;
pub mod row;
pub mod state;
pub mod table;
pub mod teams;
pub mod toolbar;

use crate::components::empty_state::EmptyState;
use crate::components::spinner::Loading;
use crate::quay::ids::{Namespace, RobotName};
use crate::robot_list::{RobotRow, RobotsPage};
use crate::server::robots::list_robots;
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
    Activity(RobotRow),
    Delete(Vec<RobotName>),
    Create,
}

/// Shared by the tab's pieces: the namespace, the open dialog, and the data version.
#[derive(Clone, Copy)]
pub struct RobotTab {
    pub namespace: StoredValue<Namespace>,
    /// The signed-in user's own namespace (known once the list loaded).
    pub is_user: Signal<bool>,
    /// The user's standing here, and whether it lets them manage the robots.
    pub standing: Signal<Option<crate::standing::Standing>>,
    pub can_manage: Signal<bool>,
    pub dialog: RwSignal<Option<RobotDialog>>,
    /// Bumped when a mutation ends: the list is a Resource keyed on it.
    pub version: RwSignal<u64>,
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
    /// Something changed in Quay: load the list again (the old rows stay until it arrives).
    pub fn changed(&self) {
        self.version.try_update(|v| *v += 1);
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
    /// Not a member: Quay shows such a user nothing.
    NotMember,
    Empty {
        robots_disallow: bool,
    },
    Table {
        robots_disallow: bool,
    },
}

impl TabStatus {
    fn of(page: &Result<RobotsPage, crate::error::AppError>) -> TabStatus {
        match page {
            Err(e) => TabStatus::Failed(e.clone()),
            Ok(p) if p.standing == crate::standing::Standing::Outsider => TabStatus::NotMember,
            Ok(p) if p.robots.is_empty() => TabStatus::Empty {
                robots_disallow: p.robots_disallow,
            },
            Ok(p) => TabStatus::Table {
                robots_disallow: p.robots_disallow,
            },
        }
    }
}

#[component]
pub fn RobotAccountsTab(namespace: Namespace) -> impl IntoView {
    let version = RwSignal::new(0u64);
    // The data: a Resource keyed on the namespace and the data version (loaded on the server
    // for the first HTML; reloaded after every mutation).
    let ns = namespace.clone();
    let robots = crate::json::page_resource(
        move || (ns.clone(), version.get()),
        |(ns, _)| list_robots(ns),
    );
    view! {
        <Transition fallback=|| view! { <Loading /> }>
            {
                // Created once, inside the Transition (so reading the resource is tracked by
                // it): the last answer is kept while a reload runs, and rows update in place.
                let latest = Memo::new(move |_| robots.get());
                let listed = Signal::derive(move || {
                    latest.with(|l| match l {
                        Some(Ok(p)) => p.robots.clone(),
                        _ => Vec::new(),
                    })
                });
                let is_user = Signal::derive(move || {
                    latest.with(|l| matches!(l, Some(Ok(p)) if p.is_user))
                });
                let standing = Signal::derive(move || {
                    latest.with(|l| match l {
                        Some(Ok(p)) => Some(p.standing.clone()),
                        _ => None,
                    })
                });
                let can_manage = Signal::derive(move || {
                    standing.with(|s| s.as_ref().is_some_and(|s| s.can_manage()))
                });
                // Uses from the usage logs where last_accessed is empty (asked in the browser,
                // by those who may read the logs).
                let logs = last_used::provide(namespace.clone(), listed, can_manage);
                let rows = Signal::derive(move || {
                    logs.0.with(|f| last_used::with_uses(listed.get(), f.as_ref().and_then(|f| f.as_ref().ok())))
                });
                let status = Memo::new(move |_| latest.with(|l| l.as_ref().map(TabStatus::of)));
                provide_context(RobotTab {
                    namespace: StoredValue::new(namespace.clone()),
                    is_user,
                    standing,
                    can_manage,
                    dialog: RwSignal::new(None),
                    version,
                    selected: RwSignal::new(Default::default()),
                });
                provide_context(state::ListState::new(rows));
                view! {
                    {move || Suspend::new(async move {
                        // Waiting here puts the rows into the first HTML; the view reads the
                        // derived status, which changes only with the kind of content.
                        let _ = robots.await;
                        move || match status.get() {
                            None => view! { <Loading /> }.into_any(),
                            // Quay shows the empty state when the list fails; we show the failure.
                            Some(TabStatus::Failed(e)) => {
                                super::load_error_with_retry(
                                    "Failed to fetch Robot Accounts",
                                    "Unable to fetch robot accounts",
                                    e,
                                    Callback::new(move |_| version.update(|v| *v += 1)),
                                )
                            }
                            Some(TabStatus::NotMember) => {
                                let body = crate::standing::outsider_note(
                                    &use_robot_tab().namespace.get_value(),
                                );
                                view! { <EmptyState title="No access to this organization" body=body /> }.into_any()
                            }
                            Some(TabStatus::Empty { robots_disallow }) => {
                                view! { <StandingNote /> <RobotsEmptyState robots_disallow /> }.into_any()
                            }
                            Some(TabStatus::Table { robots_disallow }) => {
                                view! { <StandingNote /> <NoScriptNote /> <RobotTable robots_disallow /> }.into_any()
                            }
                        }
                    })}
                    <RobotDialogs />
                }
            }
        </Transition>
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

/// Shown only without JavaScript (see `crate::theme::HEAD_SCRIPT`): the list works, its actions
/// do not.
#[component]
fn NoScriptNote() -> impl IntoView {
    view! {
        <crate::components::alert::NoJsNote>
            "JavaScript is off: the robot accounts are listed, but searching, paging, sorting, creating robot accounts, credentials, permissions, federation and deleting need JavaScript. Turn it on in this browser to use them."
        </crate::components::alert::NoJsNote>
    }
}

/// What the user's standing means here, when it is not plain administration.
#[component]
fn StandingNote() -> impl IntoView {
    use crate::standing::{member_note, superuser_note, Standing};
    let tab = use_robot_tab();
    let ns = tab.namespace.get_value();
    move || {
        let text = match tab.standing.get()? {
            Standing::Member { admin_teams } => member_note(&ns, &admin_teams),
            Standing::Superuser => superuser_note(&ns),
            _ => return None,
        };
        Some(view! {
            <div class="pf-v6-c-alert pf-m-info pf-m-inline rc-standing-note" data-testid="standing-note">
                <p class="pf-v6-c-alert__title">
                    <span class="pf-v6-screen-reader">"Info alert:"</span>
                    {text}
                </p>
            </div>
        })
    }
}

#[component]
fn RobotsEmptyState(robots_disallow: bool) -> impl IntoView {
    let tab = use_robot_tab();
    let body = if robots_disallow {
        DISALLOWED_BODY
    } else {
        EMPTY_BODY
    };
    let create = (!robots_disallow && tab.can_manage.get_untracked())
        .then(|| view! { <CreateRobotButton /> });
    view! {
        <EmptyState title=EMPTY_TITLE body=body>
            {create}
        </EmptyState>
    }
}
