//! The Activity dialog of one robot, opened from its row's kebab or from its credentials: what
//! the robot did (logins, pulls, pushes) and what was done to it, from Quay's usage logs, over a
//! chosen range of days.

mod chart;
mod event_table;
mod events;
mod range;
mod summary;

use crate::activity::ActivityOverview;
use crate::components::alert::DangerAlert;
use crate::components::modal::{Modal, ModalSize};
use crate::components::spinner::Loading;
use crate::error::AppError;
use crate::quay::ids::{LogDate, LogRange, Namespace};
use crate::robot_list::RobotRow;
use crate::server::activity::robot_activity;
use leptos::prelude::*;

/// The range a dialog opens with.
pub const DEFAULT_DAYS: i64 = 30;

#[component]
pub fn ActivityModal(
    namespace: Namespace,
    robot: RobotRow,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let name = robot.name.clone();
    let title = format!("Activity of {name}");
    let range = RwSignal::new(LogRange::last_days(DEFAULT_DAYS, LogDate::today()));
    let (ns, n) = (namespace.clone(), name.clone());
    let overview = crate::json::resource(
        move || range.get(),
        move |r| robot_activity(ns.clone(), n.clone(), r),
    );
    // The repositories the filter offers: the robot's direct ones and those it used.
    let direct = robot.repositories.clone().unwrap_or_default();
    let repos = Signal::derive(move || {
        let mut r = direct.clone();
        if let Some(Ok(o)) = overview.get() {
            r.extend(o.summary.repositories.into_iter().map(|(name, _)| name));
        }
        r.sort();
        r.dedup();
        r
    });
    let footer = move || {
        view! {
            <button
                type="button"
                class="pf-v6-c-button pf-m-primary"
                data-testid="activity-close"
                on:click=move |_| on_close.run(())
            >
                "Close"
            </button>
        }
    };
    view! {
        <Modal title=title id="activity-modal" size=ModalSize::Large on_close footer=ChildrenFn::to_children(footer)>
            <range::RangeForm range />
            <Suspense fallback=|| view! { <Loading text="Reading the usage logs" /> }>
                {move || Suspend::new(async move { overview_view(overview.await) })}
            </Suspense>
            <events::EventList namespace robot=name range=range.into() repos />
        </Modal>
    }
}

fn overview_view(o: Result<ActivityOverview, AppError>) -> AnyView {
    match o {
        Err(e) => view! { <DangerAlert title="Could not read the usage logs" message=e.message /> }
            .into_any(),
        Ok(ActivityOverview {
            no_activity: Some(reason),
            ..
        }) => view! { <NoActivity reason /> }.into_any(),
        Ok(o) => view! {
            <summary::SummaryView summary=o.summary />
            <chart::ActivityChart counts=o.counts range=o.range />
        }
        .into_any(),
    }
}

/// "No activity", with the reason.
#[component]
fn NoActivity(reason: String) -> impl IntoView {
    view! {
        <div class="pf-v6-c-alert pf-m-info pf-m-inline" data-testid="activity-no-activity">
            <div class="pf-v6-c-alert__icon">
                <i class="fas fa-info-circle" aria-hidden="true"></i>
            </div>
            <p class="pf-v6-c-alert__title">
                <span class="pf-v6-screen-reader">"Info alert:"</span>
                "No activity"
            </p>
            <div class="pf-v6-c-alert__description">
                <p>{reason}</p>
            </div>
        </div>
    }
}
