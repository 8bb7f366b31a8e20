//! Export: the namespace's robots file as Quay has it now, downloaded as YAML or JSON.

use super::use_iac_tab;
use crate::components::alert::DangerAlert;
use crate::server::iac::iac_export;
use leptos::prelude::*;

#[component]
pub fn ExportButtons() -> impl IntoView {
    let tab = use_iac_tab();
    let error = RwSignal::new(None::<String>);
    let export = Action::new_local(move |json: &bool| {
        let json = *json;
        let ns = tab.namespace.get_value();
        async move {
            let ext = if json { "json" } else { "yaml" };
            let r = iac_export(ns.clone(), json)
                .await
                .map_err(|e| e.message)
                .and_then(|text| {
                    crate::components::clipboard::download_text(
                        &format!("robots-{ns}.{ext}"),
                        &text,
                    )
                });
            error.try_set(r.err());
        }
    });
    let busy = export.pending();
    view! {
        <div class="pf-v6-c-toolbar">
            <div class="pf-v6-c-toolbar__content">
                <div class="pf-v6-c-toolbar__content-section rc-toolbar">
                    <div class="pf-v6-c-toolbar__item">
                        <button
                            type="button"
                            class="pf-v6-c-button pf-m-secondary"
                            id="iac-export-yaml"
                            data-testid="iac-export-yaml"
                            disabled=move || busy.get()
                            on:click=move |_| {
                                export.dispatch(false);
                            }
                        >
                            "Export YAML"
                        </button>
                    </div>
                    <div class="pf-v6-c-toolbar__item">
                        <button
                            type="button"
                            class="pf-v6-c-button pf-m-link"
                            id="iac-export-json"
                            data-testid="iac-export-json"
                            disabled=move || busy.get()
                            on:click=move |_| {
                                export.dispatch(true);
                            }
                        >
                            "Export JSON"
                        </button>
                    </div>
                </div>
            </div>
        </div>
        {move || error.get().map(|e| view! { <DangerAlert title="Export failed" message=e /> })}
    }
}
