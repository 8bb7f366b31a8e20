//! A running save job as the browser sees it: polled status, progress bar, failures and
//! "Retry failed".

use crate::components::alert::DangerAlert;
use crate::permissions::{failure_line, JobStatus};
use crate::server::permissions::job_status;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

/// How often the browser asks for the job's status.
pub const POLL_MS: u64 = 300;

#[derive(Clone, Copy)]
pub struct SaveJob {
    pub id: RwSignal<Option<String>>,
    pub status: RwSignal<Option<JobStatus>>,
    /// A failure of the console itself (start, poll, retry), with its message.
    pub error: RwSignal<Option<String>>,
}

impl SaveJob {
    pub fn new() -> Self {
        Self {
            id: RwSignal::new(None),
            status: RwSignal::new(None),
            error: RwSignal::new(None),
        }
    }

    pub fn running(&self) -> bool {
        self.status
            .with(|s| s.as_ref().is_some_and(|s| !s.finished))
    }

    /// Follows job `id` until it finishes, then calls `on_finished` once.
    pub fn watch(self, id: String, on_finished: Callback<JobStatus>) {
        self.id.set(Some(id.clone()));
        self.error.set(None);
        self.status.set(Some(JobStatus::default()));
        poll(self, id, on_finished);
    }
}

impl Default for SaveJob {
    fn default() -> Self {
        Self::new()
    }
}

fn poll(job: SaveJob, id: String, on_finished: Callback<JobStatus>) {
    spawn_local(async move {
        match job_status(id.clone()).await {
            Ok(s) => {
                let finished = s.finished;
                if job.status.try_set(Some(s.clone())).is_some() {
                    // The dialog was closed: stop polling.
                    return;
                }
                if finished {
                    on_finished.run(s);
                } else {
                    set_timeout(
                        move || poll(job, id, on_finished),
                        Duration::from_millis(POLL_MS),
                    );
                }
            }
            Err(e) => {
                job.status.try_set(None);
                job.error.try_set(Some(e.message));
            }
        }
    });
}

/// `done` and `failed` of `total` as a percentage of the work finished.
pub fn percent(s: &JobStatus) -> usize {
    ((s.done + s.failed) * 100)
        .checked_div(s.total)
        .unwrap_or(100)
}

#[component]
pub fn SaveProgress(job: SaveJob, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let bar = move || {
        job.status.get().map(|s| {
            let pct = percent(&s);
            let title = if s.finished { "Saved" } else { "Saving permissions" };
            view! {
                <div class="pf-v6-c-progress rc-save-progress" id="save-progress" data-testid="save-progress">
                    <div class="pf-v6-c-progress__description">{title}</div>
                    <div class="pf-v6-c-progress__status">
                        <span class="pf-v6-c-progress__measure" data-testid="save-progress-counts">
                            {format!("{} of {} done, {} failed", s.done, s.total, s.failed)}
                        </span>
                    </div>
                    <div
                        class="pf-v6-c-progress__bar"
                        role="progressbar"
                        aria-valuemin="0"
                        aria-valuemax="100"
                        aria-valuenow=pct.to_string()
                    >
                        <div class="pf-v6-c-progress__indicator" style=format!("width:{pct}%;")></div>
                    </div>
                </div>
            }
        })
    };
    let failures = move || {
        job.status
            .get()
            .filter(|s| s.finished && s.failed > 0)
            .map(|s| {
                view! {
                    <div data-testid="save-failures">
                        <DangerAlert title="Repository Permission update failed" message="">
                            <ul class="rc-failure-list">
                                {s.failures
                                    .iter()
                                    .map(|f| view! { <li>{failure_line(f)}</li> })
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
                        </DangerAlert>
                    </div>
                }
            })
    };
    let error = move || {
        job.error
            .get()
            .map(|m| view! { <DangerAlert title="Saving the permissions failed" message=m /> })
    };
    view! {
        {bar}
        {failures}
        {error}
    }
}
