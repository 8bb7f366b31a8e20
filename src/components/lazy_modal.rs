//! A modal whose code arrives on demand: its skeleton (the frame, the title and a spinner) shows
//! at once while `load` fetches the dialog's wasm chunk, then the dialog replaces it. A chunk
//! that fails to load (a dropped connection) says so and offers Retry instead of breaking the app.

use super::alert::DangerAlert;
use super::modal::{Modal, ModalSize};
use super::spinner::Loading;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// What a split point answers: the dialog, or the failed load of its chunk.
pub type Chunk = Result<AnyView, wasm_split_helpers::SplitLoaderError>;

/// A started load of a dialog, boxed so this modal is compiled once for all dialogs.
pub type LoadChunk = Pin<Box<dyn Future<Output = Chunk> + Send>>;

/// The skeleton of a dialog while its code loads, then the dialog.
#[component]
pub fn LazyModal(
    /// The dialog's title, shown in the skeleton.
    #[prop(into)]
    title: String,
    #[prop(optional)] size: ModalSize,
    #[prop(into)] on_close: Callback<()>,
    /// Starts loading the dialog; called again by Retry.
    load: Callback<(), LoadChunk>,
) -> impl IntoView {
    let title = StoredValue::new(title);
    let attempt = RwSignal::new(0u32);
    let frame = move |body: AnyView, footer: Option<ChildrenFn>| match footer {
        None => view! {
            <Modal title=title.get_value() id="dialog-loading" size on_close>
                {body}
            </Modal>
        }
        .into_any(),
        Some(footer) => view! {
            <Modal title=title.get_value() id="dialog-loading" size on_close footer>
                {body}
            </Modal>
        }
        .into_any(),
    };
    move || {
        attempt.track();
        let dialog = load.run(());
        let skeleton = move || frame(view! { <Loading /> }.into_any(), None);
        let loaded = async move {
            match dialog.await {
                Ok(view) => view,
                Err(_) => {
                    let retry: ChildrenFn = std::sync::Arc::new(move || {
                        view! {
                            <button
                                class="pf-v6-c-button pf-m-primary"
                                type="button"
                                data-testid="dialog-retry"
                                on:click=move |_| attempt.update(|n| *n += 1)
                            >
                                "Retry"
                            </button>
                        }
                        .into_any()
                    });
                    frame(
                        view! {
                            <DangerAlert
                                title="This dialog could not be loaded"
                                message="Check your connection to the console and retry."
                            />
                        }
                        .into_any(),
                        Some(retry),
                    )
                }
            }
        };
        view! { <Suspense fallback=skeleton>{Suspend::new(loaded)}</Suspense> }
    }
}
