//! The download button of the Kubernetes and Docker Configuration tabs.

use crate::components::alert::DangerAlert;
use leptos::prelude::*;

/// A button that saves `text()` as `file_name()`.
#[component]
pub fn DownloadButton(
    #[prop(into)] file_name: Signal<String>,
    #[prop(into)] text: Signal<String>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let on_click = move |_| {
        let r = crate::components::clipboard::download_text(
            &file_name.get_untracked(),
            &text.get_untracked(),
        );
        error.set(r.err());
    };
    view! {
        <button type="button" class="pf-v6-c-button pf-m-link pf-m-inline" data-testid=testid on:click=on_click>
            <span class="pf-v6-c-button__icon pf-m-start">
                <i class="fas fa-download" aria-hidden="true"></i>
            </span>
            <span class="pf-v6-c-button__text">{move || format!("Download {}", file_name.get())}</span>
        </button>
        {move || error.get().map(|e| view! { <DangerAlert title="Download failed" message=e /> })}
    }
}
