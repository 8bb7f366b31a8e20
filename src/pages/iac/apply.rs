//! Apply: runs the reviewed changes through the bulk engine (robots created first, deletions
//! last) with the progress bar, lists every failure with Quay's reason and "Retry failed",
//! and reviews the file again once everything went through (it then shows no changes).

use super::{use_iac_tab, IacTab};
use crate::components::bulk::{BulkFailures, BulkProgress, BulkRun};
use crate::iac::plan::Change;
use crate::iac::render::describe;
use crate::server::iac::iac_apply;
use leptos::prelude::*;

/// `Failed: grant write on repository billing to acme+bot, {reason}.`
fn failure_line(change: &Change, reason: &str) -> String {
    let what = match use_context::<IacTab>() {
        Some(t) => describe(&t.namespace.get_value(), change),
        None => format!("a change to robot {}", change.robot()),
    };
    format!("Failed: {what}, {}.", reason.trim_end_matches('.'))
}

#[component]
pub fn ApplyPanel() -> impl IntoView {
    let tab = use_iac_tab();
    let run = BulkRun::<Change>::new();
    let apply = Action::new_local(move |changes: &Vec<Change>| {
        let changes = changes.clone();
        let ns = tab.namespace.get_value();
        async move {
            let tally = run.follow(iac_apply(ns, changes), |_, _| {}).await;
            if tally.finished && tally.failed == 0 {
                tab.review.dispatch(());
            }
        }
    });
    let pending = apply.pending();
    let changes = move || {
        tab.answer.with(|a| match a {
            Some(Ok(a)) if a.problems.is_empty() => a.plan.changes.clone(),
            _ => Vec::new(),
        })
    };
    let on_retry = Callback::new(move |_| {
        apply.dispatch(run.failed_items());
    });
    let button = move || {
        let changes = changes();
        (!changes.is_empty()).then(|| {
            let n = changes.len();
            let label = if n == 1 {
                "Apply 1 change".to_string()
            } else {
                format!("Apply {n} changes")
            };
            let changes = StoredValue::new(changes);
            view! {
                <button
                    type="button"
                    class="pf-v6-c-button pf-m-primary"
                    id="iac-apply"
                    data-testid="iac-apply-btn"
                    disabled=move || pending.get()
                    on:click=move |_| {
                        apply.dispatch(changes.get_value());
                    }
                >
                    {label}
                </button>
            }
        })
    };
    let summary = move || {
        let t = run.tally.get();
        t.finished.then(|| {
            view! {
                <p data-testid="iac-apply-summary">
                    {format!("{} of {} changes applied, {} failed.", t.succeeded(), t.total, t.failed)}
                </p>
            }
        })
    };
    view! {
        {button}
        <BulkProgress run prefix="iac" running_title="Applying changes" done_title="Applied" />
        {summary}
        <BulkFailures run prefix="iac" title="Some changes failed" line=failure_line on_retry />
    }
}
