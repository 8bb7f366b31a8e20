//! Copy and download building blocks: `ClipboardCopy` (a read-only field with a copy button),
//! `CodeBlock` (an expandable, copyable code block) and `download_text` (saves a Blob as a file).
//! The Clipboard API and Blob run only in the browser, from event handlers.

use leptos::prelude::*;
use std::time::Duration;

/// Writes `text` to the clipboard, then calls `done(true)` on success.
pub fn copy_text(text: String, done: impl FnOnce(bool) + 'static) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let ok = match web_sys::window() {
            Some(w) => {
                let promise = w.navigator().clipboard().write_text(&text);
                wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
            }
            None => false,
        };
        done(ok);
    });
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (text, done);
    }
}

/// What a JavaScript exception says: an `Error`'s message, a thrown string, or a generic text.
/// (Not `{:?}`: the release wasm is built without `Debug` texts.)
#[cfg(feature = "hydrate")]
pub fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    use wasm_bindgen::JsCast;
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e
            .as_string()
            .unwrap_or_else(|| "the browser gave no reason".into()),
    }
}

/// Makes the browser save `text` as `file_name` (a `text/plain` Blob through `<a download>`).
pub fn download_text(file_name: &str, text: &str) -> Result<(), String> {
    download_file(file_name, "text/plain", text)
}

/// Makes the browser save `text` as `file_name`, a Blob of type `mime`.
pub fn download_file(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let err = |e: wasm_bindgen::JsValue| format!("The download failed: {}", js_error_text(&e));
        let window = web_sys::window().ok_or("no window")?;
        let document = window.document().ok_or("no document")?;
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let opts = web_sys::BlobPropertyBag::new();
        opts.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(err)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
        let a: web_sys::HtmlAnchorElement = document
            .create_element("a")
            .map_err(err)?
            .dyn_into()
            .map_err(|_| "not an anchor".to_string())?;
        a.set_href(&url);
        a.set_download(file_name);
        a.set_attribute("style", "display:none").map_err(err)?;
        let body = document.body().ok_or("no body")?;
        body.append_child(&a).map_err(err)?;
        a.click();
        a.remove();
        set_timeout(
            move || {
                let _ = web_sys::Url::revoke_object_url(&url);
            },
            Duration::from_secs(10),
        );
        Ok(())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (file_name, mime, text);
        Err("Downloads work in the browser only.".into())
    }
}

/// A copy button whose label turns from "Copy" to "Copied" for a moment after copying.
#[component]
pub fn CopyButton(
    #[prop(into)] value: Signal<String>,
    #[prop(optional, into)] testid: Option<String>,
    /// Plain (in a code block) rather than a control (next to a field).
    #[prop(optional)]
    plain: bool,
) -> impl IntoView {
    let copied = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let on_click = move |_| {
        copy_text(value.get_untracked(), move |ok| {
            copied.set(ok);
            failed.set(!ok);
            set_timeout(move || copied.set(false), Duration::from_secs(3));
        })
    };
    let label = move || {
        if copied.get() {
            "Copied"
        } else if failed.get() {
            "Copy failed"
        } else {
            "Copy"
        }
    };
    view! {
        <button
            type="button"
            class=if plain { "pf-v6-c-button pf-m-plain" } else { "pf-v6-c-button pf-m-control" }
            aria-label="Copy to clipboard"
            title=label
            data-testid=testid
            on:click=on_click
        >
            <span class="pf-v6-c-button__icon">
                <i class="fas fa-copy" aria-hidden="true"></i>
            </span>
            <span class="rc-copy-status" role="status" aria-live="polite">{label}</span>
        </button>
    }
}

/// A read-only field with a copy button (`pf-v6-c-clipboard-copy`).
#[component]
pub fn ClipboardCopy(
    #[prop(into)] value: Signal<String>,
    /// `data-testid` of the wrapper; the field is `{testid}-input`, the button `{testid}-copy`.
    #[prop(into)]
    testid: String,
    #[prop(into)] aria_label: String,
    /// Show dots instead of the value (the copy button still copies the value).
    #[prop(optional, into)]
    masked: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-clipboard-copy" data-testid=testid.clone()>
            <div class="pf-v6-c-clipboard-copy__group">
                <span class="pf-v6-c-form-control pf-m-readonly">
                    <input
                        readonly
                        type=move || if masked.get() { "password" } else { "text" }
                        prop:value=move || value.get()
                        value=move || value.get()
                        aria-label=aria_label
                        data-testid=format!("{testid}-input")
                    />
                </span>
                <CopyButton value testid=format!("{testid}-copy") />
            </div>
        </div>
    }
}

/// A code block with copy and expand/collapse actions; collapsed it shows the first lines.
#[component]
pub fn CodeBlock(
    #[prop(into)] value: Signal<String>,
    /// `data-testid` of the code; the copy button is `{testid}-copy`.
    #[prop(into)]
    testid: String,
) -> impl IntoView {
    let expanded = RwSignal::new(false);
    view! {
        <div class="pf-v6-c-code-block rc-code-block" class:rc-m-expanded=move || expanded.get()>
            <div class="pf-v6-c-code-block__header">
                <div class="pf-v6-c-code-block__actions">
                    <div class="pf-v6-c-code-block__actions-item">
                        <CopyButton value testid=format!("{testid}-copy") plain=true />
                    </div>
                    <div class="pf-v6-c-code-block__actions-item">
                        <button
                            type="button"
                            class="pf-v6-c-button pf-m-plain"
                            aria-expanded=move || expanded.get().to_string()
                            data-testid=format!("{testid}-expand")
                            on:click=move |_| expanded.update(|e| *e = !*e)
                        >
                            <i
                                class=move || if expanded.get() { "fas fa-angle-down" } else { "fas fa-angle-right" }
                                aria-hidden="true"
                            ></i>
                            {move || if expanded.get() { " Show less" } else { " Show more" }}
                        </button>
                    </div>
                </div>
            </div>
            <div class="pf-v6-c-code-block__content">
                <pre class="pf-v6-c-code-block__pre">
                    <code class="pf-v6-c-code-block__code" data-testid=testid>
                        {move || value.get()}
                    </code>
                </pre>
            </div>
        </div>
    }
}
