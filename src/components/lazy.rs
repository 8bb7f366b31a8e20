//! Views whose code arrives on demand (a wasm chunk cut out of the main bundle at a split point):
//! a modal whose skeleton (the frame, the title and a spinner) shows at once while the dialog's
//! chunk (and, the first time, the CSS only such views use: `crate::assets::lazy_css`) loads,
//! and an inline part that shows a spinner meanwhile. A chunk that fails to load (a
//! dropped connection) says so and offers Retry instead of breaking the app.

use super::alert::DangerAlert;
use super::focus_return::DialogFrame;
use super::modal::{Modal, ModalSize};
use super::spinner::Loading;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// What a split point answers: the dialog, or the failed load of its chunk.
pub type Chunk = Result<AnyView, wasm_split_helpers::SplitLoaderError>;

/// A started load of a view, boxed so these components are compiled once for all of them.
pub type LoadChunk = Pin<Box<dyn Future<Output = Chunk> + Send>>;

/// The view of a chunk once both its code and the CSS of the split points' views are in (they
/// load at the same time), or `Err` when either failed.
async fn with_lazy_css(chunk: LoadChunk) -> Result<AnyView, ()> {
    #[cfg(feature = "hydrate")]
    {
        // Views are not Send, but a view's future must be: the browser is single-threaded.
        send_wrapper::SendWrapper::new(async move {
            match futures::join!(chunk, crate::assets::lazy_css()) {
                (Ok(view), Ok(())) => Ok(view),
                _ => Err(()),
            }
        })
        .await
    }
    #[cfg(not(feature = "hydrate"))]
    {
        chunk.await.map_err(drop)
    }
}

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
    // The skeleton and the dialog replacing it are one dialog: focus goes from the one to the
    // other, and back to the opener only when the dialog closes.
    DialogFrame::provide();
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
            match with_lazy_css(dialog).await {
                Ok(view) => view,
                Err(()) => {
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

/// A [`LazyView`] of the chunk that `load` starts loading (called again by Retry): a page or a
/// tab whose code is a split point.
pub fn lazy_view(load: impl Fn() -> LoadChunk + Send + Sync + 'static) -> AnyView {
    view! { <LazyView load=Callback::new(move |_| load()) /> }.into_any()
}

/// A part of a view (e.g. a collapsed section's content) loaded when it is first shown.
#[component]
pub fn LazyView(load: Callback<(), LoadChunk>) -> impl IntoView {
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        let part = load.run(());
        let loaded = async move {
            match with_lazy_css(part).await {
                Ok(view) => view,
                Err(()) => view! {
                    <DangerAlert
                        title="This part could not be loaded"
                        message="Check your connection to the console and retry."
                    >
                        <button
                            class="pf-v6-c-button pf-m-link pf-m-inline"
                            type="button"
                            on:click=move |_| attempt.update(|n| *n += 1)
                        >
                            "Retry"
                        </button>
                    </DangerAlert>
                }
                .into_any(),
            }
        };
        view! { <Suspense fallback=|| view! { <Loading /> }>{Suspend::new(loaded)}</Suspense> }
    }
}
