//! Import: the file to review, picked from disk (read in the browser) or pasted, and whether
//! robots the file does not list are to be deleted.

use super::use_iac_tab;
use leptos::prelude::*;

/// Reads the picked file's text into `into` (browser only).
fn read_picked(ev: &leptos::ev::Event, into: RwSignal<String>, error: RwSignal<Option<String>>) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(file) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(v) => {
                    into.try_set(v.as_string().unwrap_or_default());
                    error.try_set(None);
                }
                Err(e) => {
                    error.try_set(Some(format!(
                        "The file could not be read: {}",
                        crate::components::clipboard::js_error_text(&e)
                    )));
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (ev, into, error);
    }
}

#[component]
pub fn ImportSource() -> impl IntoView {
    let tab = use_iac_tab();
    let error = RwSignal::new(None::<String>);
    // A changed file or prune choice needs a new review.
    crate::components::effect::effect(move || {
        tab.text.track();
        tab.prune.track();
        tab.answer.try_set(None);
    });
    view! {
        <div class="pf-v6-c-form rc-iac-source">
            <div class="pf-v6-c-form__group">
                <label class="pf-v6-c-form__label" for="iac-file">
                    <span class="pf-v6-c-form__label-text">"Import a robots file (YAML or JSON)"</span>
                </label>
                <input
                    type="file"
                    id="iac-file"
                    data-testid="iac-file"
                    accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
                    on:change=move |ev| read_picked(&ev, tab.text, error)
                />
                {move || error.get().map(|e| view! { <crate::components::alert::DangerAlert title="Import failed" message=e /> })}
            </div>
            <div class="pf-v6-c-form__group">
                <label class="pf-v6-c-form__label" for="iac-text">
                    <span class="pf-v6-c-form__label-text">"or paste it here"</span>
                </label>
                <span class="pf-v6-c-form-control pf-m-textarea pf-m-resize-vertical">
                    <textarea
                        id="iac-text"
                        data-testid="iac-text"
                        rows="12"
                        spellcheck="false"
                        style="font-family: var(--pf-t--global--font--family--mono, monospace);"
                        prop:value=move || tab.text.get()
                        on:input=move |ev| tab.text.set(event_target_value(&ev))
                    ></textarea>
                </span>
            </div>
            <div class="pf-v6-c-check">
                <input
                    class="pf-v6-c-check__input"
                    type="checkbox"
                    id="iac-prune"
                    data-testid="iac-prune"
                    prop:checked=move || tab.prune.get()
                    on:change=move |ev| tab.prune.set(event_target_checked(&ev))
                />
                <label class="pf-v6-c-check__label" for="iac-prune">
                    "Delete robot accounts the file does not list (prune)"
                </label>
            </div>
        </div>
    }
}
