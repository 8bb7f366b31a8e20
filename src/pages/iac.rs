//! The "Robots as code" tab of a namespace: export the robots file, import one (file picker or
//! paste), review the diff against Quay (with a prune checkbox), and apply it with the bulk
//! progress and per-change failures. The file is parsed and planned on the server
//! (`crate::server::iac`); the page only shows the answer.

mod apply;
mod diff;
mod export;
mod source;

use crate::error::AppError;
use crate::quay::ids::Namespace;
use crate::server::iac::{iac_plan, PlanAnswer};
use leptos::prelude::*;

/// Shared by the tab's pieces.
#[derive(Clone, Copy)]
pub struct IacTab {
    pub namespace: StoredValue<Namespace>,
    /// The file's text (typed, pasted, or read from the picked file).
    pub text: RwSignal<String>,
    pub prune: RwSignal<bool>,
    /// The last review of the current text (cleared when the text or prune changes).
    pub answer: RwSignal<Option<Result<PlanAnswer, AppError>>>,
    pub review: Action<(), ()>,
}

pub fn use_iac_tab() -> IacTab {
    expect_context::<IacTab>()
}

#[component]
pub fn RobotsAsCodeTab(namespace: Namespace) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let prune = RwSignal::new(false);
    let answer = RwSignal::new(None::<Result<PlanAnswer, AppError>>);
    let ns = StoredValue::new(namespace);
    let review = Action::new_local(move |_: &()| {
        let (t, p) = (text.get_untracked(), prune.get_untracked());
        async move {
            let a = iac_plan(ns.get_value(), t, p).await;
            answer.try_set(Some(a));
        }
    });
    provide_context(IacTab {
        namespace: ns,
        text,
        prune,
        answer,
        review,
    });
    let reviewing = review.pending();
    let can_review = move || !reviewing.get() && !text.with(|t| t.trim().is_empty());
    view! {
        <div class="rc-iac" data-testid="iac-tab">
            <crate::components::alert::NoJsNote>
                "JavaScript is off: exporting, reviewing and applying a file here need JavaScript. Turn it on in this browser, or use the command line below."
            </crate::components::alert::NoJsNote>
            <p class="pf-v6-c-content">
                "Manage the robot accounts of " <strong>{ns.get_value()}</strong>
                " as a file: their descriptions, teams, repository permissions, federation and default permissions (never tokens). Export it, edit and review it, then apply it. The same file works with "
                <code>"robot-console plan -f FILE"</code> " and " <code>"robot-console apply -f FILE"</code> "."
            </p>
            <export::ExportButtons />
            <source::ImportSource />
            <div class="pf-v6-c-toolbar">
                <div class="pf-v6-c-toolbar__content">
                    <div class="pf-v6-c-toolbar__content-section rc-toolbar">
                        <div class="pf-v6-c-toolbar__item">
                            <button
                                type="button"
                                class="pf-v6-c-button pf-m-primary"
                                id="iac-review"
                                data-testid="iac-review-btn"
                                disabled=move || !can_review()
                                on:click=move |_| {
                                    review.dispatch(());
                                }
                            >
                                {move || if reviewing.get() { "Reviewing…" } else { "Review changes" }}
                            </button>
                        </div>
                    </div>
                </div>
            </div>
            <diff::PlanView />
            <apply::ApplyPanel />
        </div>
    }
}
