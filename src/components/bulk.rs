//! Every bulk dialog's progress: follows a streamed bulk call (`crate::bulk`), and shows the same
//! progress bar (done / failed / total, rate, time left), the same failure list and the same
//! "Retry failed" button. No Quay knowledge: items are whatever the operation works on.

use crate::bulk::{Event, LineDecoder, Outcome, Tally};
use crate::error::AppError;
use crate::json::FromJson;
use futures::StreamExt;
use leptos::prelude::*;
use leptos::server_fn::codec::ByteStream;

/// What the page shows when a bulk answer stops before its end.
pub const LOST: &str = "The connection to the console was lost before every item was reported. Work already started goes on; reopen the dialog to see what Quay has now.";

fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// One bulk run as the page sees it.
pub struct BulkRun<I: Send + Sync + 'static> {
    pub tally: RwSignal<Tally>,
    /// Every item reported so far, in arrival order.
    pub outcomes: RwSignal<Vec<(I, Outcome)>>,
    pub running: RwSignal<bool>,
    /// The run could not start, or its answer was cut off.
    pub error: RwSignal<Option<String>>,
    started: RwSignal<f64>,
    elapsed: RwSignal<f64>,
}

impl<I: Send + Sync + 'static> Clone for BulkRun<I> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I: Send + Sync + 'static> Copy for BulkRun<I> {}

impl<I: Clone + FromJson + Send + Sync + 'static> Default for BulkRun<I> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I: Clone + FromJson + Send + Sync + 'static> BulkRun<I> {
    pub fn new() -> Self {
        BulkRun {
            tally: RwSignal::new(Tally::default()),
            outcomes: RwSignal::new(Vec::new()),
            running: RwSignal::new(false),
            error: RwSignal::new(None),
            started: RwSignal::new(0.0),
            elapsed: RwSignal::new(0.0),
        }
    }

    /// Whether anything was started yet (the progress bar shows from then on).
    pub fn started(&self) -> bool {
        self.running.get() || self.tally.with(|t| t.total > 0 || t.finished)
    }

    /// The items that failed in the last run.
    pub fn failed_items(&self) -> Vec<I> {
        self.outcomes.with_untracked(|o| {
            o.iter()
                .filter(|(_, o)| o.is_failed())
                .map(|(i, _)| i.clone())
                .collect()
        })
    }

    /// Follows one bulk call to its end and answers the final tally. `on_item` sees every
    /// outcome as it arrives. The signals may be gone by then (the dialog was closed): updates
    /// are tried, never forced.
    pub async fn follow(
        self,
        call: impl std::future::Future<Output = Result<ByteStream<AppError>, AppError>>,
        on_item: impl Fn(&I, &Outcome),
    ) -> Tally {
        self.follow_data::<()>(call, |i, o, _| on_item(i, o)).await
    }

    /// [`follow`](Self::follow) for reads: `on_item` also gets what the item's work found
    /// (`None` when it failed).
    pub async fn follow_data<D: FromJson>(
        self,
        call: impl std::future::Future<Output = Result<ByteStream<AppError>, AppError>>,
        on_item: impl Fn(&I, &Outcome, Option<D>),
    ) -> Tally {
        self.running.try_set(true);
        self.error.try_set(None);
        self.tally.try_set(Tally::default());
        self.outcomes.try_set(Vec::new());
        self.started.try_set(now_ms());
        self.elapsed.try_set(0.0);
        let mut tally = Tally::default();
        match call.await {
            Err(e) => {
                self.error.try_set(Some(e.message));
            }
            Ok(stream) => {
                let mut decoder = LineDecoder::default();
                let mut chunks = stream.into_inner();
                while let Some(chunk) = chunks.next().await {
                    let Ok(bytes) = chunk else {
                        break;
                    };
                    for event in decoder.push::<I, D>(&bytes) {
                        match event {
                            Ok(Event::Started { total }) => tally = Tally::new(total),
                            Ok(Event::Item {
                                item,
                                outcome,
                                data,
                            }) => {
                                tally.count(&outcome);
                                on_item(&item, &outcome, data);
                                self.outcomes.try_update(|o| o.push((item, outcome)));
                            }
                            Ok(Event::Finished) => tally.finished = true,
                            Err(m) => {
                                self.error.try_set(Some(m));
                            }
                        }
                    }
                    self.tally.try_set(tally);
                    let start = self.started.try_get_untracked().unwrap_or_default();
                    self.elapsed.try_set(now_ms() - start);
                }
                if !tally.finished {
                    self.error.try_set(Some(LOST.into()));
                }
            }
        }
        self.tally.try_set(tally);
        self.running.try_set(false);
        tally
    }
}

/// The progress bar: `{prefix}-progress`, counts in `{prefix}-progress-counts`, rate and time
/// left while it runs; announced to screen readers as it changes.
#[component]
pub fn BulkProgress<I: Clone + FromJson + Send + Sync + 'static>(
    run: BulkRun<I>,
    /// Test-id prefix, e.g. `save` → `save-progress`.
    prefix: &'static str,
    /// Shown while running, e.g. "Saving permissions".
    running_title: &'static str,
    /// Shown once finished, e.g. "Saved".
    done_title: &'static str,
) -> impl IntoView {
    let bar = move || {
        if !run.started() {
            return None;
        }
        let t = run.tally.get();
        let pct = t.percent();
        let title = if run.running.get() {
            running_title
        } else {
            done_title
        };
        let speed = t.speed_text(run.elapsed.get());
        Some(view! {
            <div class="pf-v6-c-progress rc-save-progress" data-testid=format!("{prefix}-progress")>
                <div class="pf-v6-c-progress__description">{title}</div>
                <div class="pf-v6-c-progress__status">
                    <span class="pf-v6-c-progress__measure" data-testid=format!("{prefix}-progress-counts")>
                        {t.counts_text()}
                    </span>
                </div>
                <div
                    class="pf-v6-c-progress__bar"
                    role="progressbar"
                    aria-label=title
                    aria-valuemin="0"
                    aria-valuemax=t.total.to_string()
                    aria-valuenow=t.ended().to_string()
                    data-testid=format!("{prefix}-progress-bar")
                >
                    <div class="pf-v6-c-progress__indicator" style=format!("width:{pct}%;")></div>
                </div>
                {speed.map(|s| view! { <div class="pf-v6-c-progress__helper-text rc-progress-speed">{s}</div> })}
            </div>
        })
    };
    let error = move || {
        run.error.get().map(|m| {
            view! {
                <crate::components::alert::DangerAlert title="The work did not finish" message=m />
            }
        })
    };
    // One region that stays in the page, so screen readers hear the start and the end of a run
    // (not every count in between).
    let announce = move || {
        if !run.started() {
            String::new()
        } else if run.running.get() {
            format!("{running_title}…")
        } else {
            format!("{done_title}: {}", run.tally.with(|t| t.counts_text()))
        }
    };
    view! {
        <div class="pf-v6-screen-reader" role="status" aria-live="polite" data-testid=format!("{prefix}-announce")>
            {announce}
        </div>
        {bar}
        {error}
    }
}

/// The failures of the last run, one line each, and "Retry failed" (`retry-failed-btn`).
#[component]
pub fn BulkFailures<I: Clone + FromJson + Send + Sync + 'static>(
    run: BulkRun<I>,
    prefix: &'static str,
    #[prop(into)] title: String,
    /// The line for one failed item and Quay's message.
    line: fn(&I, &str) -> String,
    #[prop(into)] on_retry: Callback<()>,
) -> impl IntoView {
    let lines = move || {
        run.outcomes.with(|o| {
            o.iter()
                .filter_map(|(i, o)| match o {
                    Outcome::Failed { message, .. } => Some(line(i, message)),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    let title = StoredValue::new(title);
    move || {
        let lines = lines();
        (!run.running.get() && !lines.is_empty()).then(|| {
            view! {
                <div data-testid=format!("{prefix}-failures")>
                    <crate::components::alert::DangerAlert title=title.get_value() message="">
                        <ul class="rc-failure-list">
                            {lines
                                .into_iter()
                                .map(|l| view! { <li data-testid=format!("{prefix}-failure")>{l}</li> })
                                .collect_view()}
                        </ul>
                        <button
                            class="pf-v6-c-button pf-m-secondary"
                            type="button"
                            id="retry-failed-btn"
                            data-testid="retry-failed-btn"
                            on:click=move |_| on_retry.run(())
                        >
                            "Retry failed"
                        </button>
                    </crate::components::alert::DangerAlert>
                </div>
            }
        })
    }
}
