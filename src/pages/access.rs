//! The Robot access tab of a namespace (`?tab=Robotaccess`): who can reach what, across every
//! robot. The plan (robots, teams) loads in one call; every robot's and team's grants then stream
//! in through the bulk engine with a progress bar; failures name the robot or team with Quay's
//! message, the rest of the report still shows, and "Retry failed" fetches only what failed.
//! The assembly, flags, filters and exports are plain functions in `crate::access`.

mod actions;
mod dialogs;
mod matrix;
mod print;
mod server_summary;
pub mod state;
mod summary;
mod toolbar;

use crate::access::Fetch;
use crate::components::bulk::{BulkFailures, BulkProgress};
use crate::components::spinner::Loading;
use crate::quay::ids::{Namespace, RobotName};
use crate::server::access::{access_gather, load_access_plan};
use leptos::prelude::*;
use state::{use_access, AccessState, ReportView};

/// The live report (gathered in the browser), or with `?summary=server` its Summary view
/// gathered on the server: what the tab offers without JavaScript.
#[component]
pub fn RobotAccessTab(namespace: Namespace) -> impl IntoView {
    let query = crate::router::use_query("summary");
    let on_server = Memo::new(move |_| query.get().as_deref() == Some("server"));
    let namespace = StoredValue::new(namespace);
    move || {
        let namespace = namespace.get_value();
        if on_server.get() {
            view! { <server_summary::ServerSummaryView namespace /> }.into_any()
        } else {
            view! { <LiveReport namespace /> }.into_any()
        }
    }
}

#[component]
fn LiveReport(namespace: Namespace) -> impl IntoView {
    let server_summary = format!("/organization/{namespace}?tab=Robotaccess&summary=server");
    let state = AccessState::new(namespace);
    provide_context(state);
    let gather = Action::new_local(move |fetches: &Option<Vec<Fetch>>| {
        let fetches = fetches.clone();
        async move { run_gather(state, fetches).await }
    });
    // The gathering starts in the browser, once hydrated (its progress needs the page).
    crate::components::effect::effect_with_first(move |first| {
        if first {
            gather.dispatch(None);
        }
    });
    let on_retry = Callback::new(move |_| {
        gather.dispatch(Some(state.run.failed_items()));
    });
    let body = move || match state.plan.get() {
        None => view! { <Loading /> }.into_any(),
        // Not an administrator here: the same words as the robots tab, not a failure.
        Some(Err(e)) if e.kind == crate::error::ErrorKind::Forbidden => view! {
            <crate::components::alert::WarningAlert text=e.message testid="access-refused" />
        }
        .into_any(),
        Some(Err(e)) => super::load_error_view(
            "Failed to build the access report",
            "Unable to read the robot accounts",
            e,
        ),
        Some(Ok(_)) => view! { <Report /> }.into_any(),
    };
    view! {
        <div class="rc-access" data-testid="robot-access">
            <crate::components::alert::NoJsNote>
                "JavaScript is off: this report gathers its data in your browser, and its filters, views, exports and changes need JavaScript. "
                <a href=server_summary data-testid="access-server-summary-link">
                    "Show the summary gathered on the server"
                </a>
                " instead, or turn JavaScript on in this browser."
            </crate::components::alert::NoJsNote>
            <div class="rc-no-print">
                <BulkProgress run=state.run prefix="access" running_title="Gathering access" done_title="Access gathered" />
                <BulkFailures
                    run=state.run
                    prefix="access"
                    title="Some of the report could not be read"
                    line=|f: &Fetch, m: &str| f.failure_line(m)
                    on_retry
                />
            </div>
            {body}
            <dialogs::AccessDialogs />
        </div>
    }
}

/// Reads the plan (when `fetches` is None) and gathers `fetches`, or every fetch of the plan.
async fn run_gather(state: AccessState, fetches: Option<Vec<Fetch>>) {
    let ns = state.ns();
    let fetches = match fetches {
        Some(f) => f,
        None => match load_access_plan(ns.clone()).await {
            Ok(p) => {
                let f = p.fetches();
                state.plan.try_set(Some(Ok(p)));
                f
            }
            Err(e) => {
                state.plan.try_set(Some(Err(e)));
                return;
            }
        },
    };
    state
        .run
        .follow_data(access_gather(ns, fetches), state.recorder())
        .await;
    state.ready.try_set(true);
}

/// Reads one robot again (after its permissions were changed from the report).
pub async fn refresh_robot(state: AccessState, robot: RobotName) {
    state
        .refresh
        .follow_data(
            access_gather(state.ns(), vec![Fetch::Robot(robot)]),
            state.recorder(),
        )
        .await;
}

/// The report once the plan is in: warnings, the toolbars, then the chosen view (or the
/// printable view).
#[component]
fn Report() -> impl IntoView {
    let state = use_access();
    let warnings = move || {
        state
            .loaded_plan()
            .map(|p| p.warnings)
            .unwrap_or_default()
            .into_iter()
            .map(|w| {
                view! { <crate::components::alert::WarningAlert text=w testid="access-warning" /> }
            })
            .collect_view()
    };
    let view = move || {
        if !state.ready.get() {
            return view! { <Loading /> }.into_any();
        }
        if state.printable.get() {
            return view! { <print::PrintableView /> }.into_any();
        }
        let body = move || match state.view.get() {
            ReportView::Matrix => view! { <matrix::AccessMatrix /> }.into_any(),
            ReportView::Summary => view! { <summary::AccessSummary /> }.into_any(),
        };
        view! {
            <toolbar::AccessToolbar />
            <actions::AccessActions />
            {body}
        }
        .into_any()
    };
    view! {
        {warnings}
        {view}
    }
}
