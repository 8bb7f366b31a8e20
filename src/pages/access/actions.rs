//! The risk thresholds, and the exports of what is shown: CSV and JSON downloads and the
//! printable view.

use super::state::{use_access, AccessState, ReportView};
use crate::access::export::{file_name, Export};
use crate::access::risk::RiskSettings;
use leptos::prelude::*;

/// Runs `f` on the export of what the tab shows now.
pub fn with_export<T>(s: AccessState, f: impl FnOnce(&Export) -> T) -> T {
    let ns = s.ns();
    let generated_at = s.loaded_plan().map(|p| p.generated_at).unwrap_or_default();
    s.report.with_untracked(|report| {
        s.shown.with_untracked(|shown| {
            s.risks.with_untracked(|risks| {
                f(&Export {
                    namespace: &ns,
                    generated_at,
                    report,
                    shown,
                    risks,
                })
            })
        })
    })
}

/// The file name and text of the download of the current view as `ext` (`csv` or `json`).
fn download(s: AccessState, ext: &str) -> (String, String) {
    let view = s.view.get_untracked();
    let text = with_export(s, |e| match (view, ext) {
        (ReportView::Matrix, "csv") => e.matrix_csv(),
        (ReportView::Matrix, _) => e.matrix_json(),
        (ReportView::Summary, "csv") => e.summary_csv(),
        (ReportView::Summary, _) => e.summary_json(),
    });
    (file_name(&s.ns(), view.key(), ext), text)
}

/// A number input of the thresholds.
#[component]
fn Threshold(
    id: &'static str,
    label: &'static str,
    value: Signal<u32>,
    set: fn(&mut RiskSettings, u32),
) -> impl IntoView {
    let s = use_access();
    view! {
        <label class="rc-access-threshold" for=id>
            <span>{label}</span>
            <span class="pf-v6-c-form-control">
                <input
                    type="number"
                    min="0"
                    id=id
                    data-testid=id
                    prop:value=move || value.get().to_string()
                    on:input=move |ev| {
                        if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                            s.settings.update(|x| set(x, n));
                        }
                    }
                />
            </span>
        </label>
    }
}

#[component]
pub fn AccessActions() -> impl IntoView {
    let s = use_access();
    let error = RwSignal::new(None::<String>);
    let save = move |ext: &'static str| {
        move |_| {
            let (name, text) = download(s, ext);
            let mime = if ext == "csv" {
                "text/csv"
            } else {
                "application/json"
            };
            error.set(crate::components::clipboard::download_file(&name, mime, &text).err());
        }
    };
    let setting = move |f: fn(&RiskSettings) -> u32| Signal::derive(move || f(&s.settings.get()));
    view! {
        <div class="rc-access-actions rc-no-print">
            <fieldset class="rc-access-thresholds">
                <legend>"Risk thresholds"</legend>
                <Threshold
                    id="access-many-repos"
                    label="Write or admin on more than"
                    value=setting(|x| x.many_repos as u32)
                    set=|x, n| x.many_repos = n as usize
                />
                <span>"repositories;"</span>
                <Threshold
                    id="access-unused-days"
                    label="not used for"
                    value=setting(|x| x.unused_days)
                    set=|x, n| x.unused_days = n
                />
                <span>"days;"</span>
                <Threshold
                    id="access-token-days"
                    label="no federation and created"
                    value=setting(|x| x.token_days)
                    set=|x, n| x.token_days = n
                />
                <span>"days ago or more"</span>
            </fieldset>
            <div class="rc-access-exports">
                <button type="button" class="pf-v6-c-button pf-m-secondary" data-testid="access-download-csv" on:click=save("csv")>
                    "Download CSV"
                </button>
                <button type="button" class="pf-v6-c-button pf-m-secondary" data-testid="access-download-json" on:click=save("json")>
                    "Download JSON"
                </button>
                <button
                    type="button"
                    class="pf-v6-c-button pf-m-secondary"
                    data-testid="access-printable-view"
                    on:click=move |_| s.printable.set(true)
                >
                    "Printable view"
                </button>
            </div>
        </div>
        {move || error.get().map(|e| view! { <crate::components::alert::DangerAlert title="Download failed" message=e /> })}
    }
}
