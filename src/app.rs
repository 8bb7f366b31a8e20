//! The HTML shell, the masthead and the routes.

use crate::components::lazy::{lazy_view, Chunk};
use crate::components::when::When;
use crate::pages::namespace::NamespacePage;
use crate::router::{provide_router, use_url, Page, Redirect};
use crate::server::session::{session_info, SignOut};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    use crate::theme::{Theme, HEAD_SCRIPT};
    // The theme is decided here, before anything paints (see `crate::theme`).
    let theme = crate::theme::requested();
    view! {
        <!DOCTYPE html>
        <html lang="en" class=Theme::html_class(theme)>
            <head>
                <meta charset="utf-8" />
                <script nonce=leptos::nonce::use_nonce() inner_html=HEAD_SCRIPT></script>
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // One title for every page, so the shell (never hydrated) writes it: leptos_meta's
                // `<Title>` would bring its code into the wasm for a text that never changes.
                <title>"Robot accounts · robot-console"</title>
                <meta name=crate::csrf::META content=crate::csrf::token() />
                <crate::assets::AssetLinks options=options.clone() />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    crate::components::toast::provide_toasts();
    // Effects run only in the browser: tests wait for this attribute before interacting.
    crate::components::effect::effect(move || {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
    provide_router();
    let url = use_url();
    // Built again only when the page changes (another namespace, tab or query updates in place).
    let page = Memo::new(move |_| url.with(|u| u.route().page()));
    let content = move || match page.get() {
        Page::Root => view! { <Redirect path="/organization" /> }.into_any(),
        Page::Organizations => {
            view! { <crate::pages::organizations::OrganizationsPage /> }.into_any()
        }
        Page::Namespace => view! { <NamespacePage /> }.into_any(),
        Page::SignIn => lazy_view(|| Box::pin(signin_page())),
        Page::NotFound => view! { <NotFound /> }.into_any(),
    };
    view! {
        <div class="pf-v6-c-page">
            <Masthead />
            <crate::components::toast::ToastGroup />
            <div class="pf-v6-c-page__main-container">
                <main class="pf-v6-c-page__main" tabindex="-1">
                    {content}
                </main>
            </div>
        </div>
    }
}

// The sign-in page is a wasm chunk of its own (a split point, see `crate::components::lazy`): the
// robots tab's first load does not carry it. A page that opens on it loads its chunk before
// hydrating (`preload_page`), so it hydrates at once. The organizations page is in the main
// module: a small view of what the robots tab has already (a table, the namespaces' standing),
// so it costs the robots tab little, while as a chunk it came with some twenty chunks it shares
// with the dialogs and the lazy CSS, which put its first load over the budget.

#[wasm_split_helpers::wasm_split(signin_page, fallible, preload(preload_signin))]
fn signin_page() -> Chunk {
    Ok(view! { <crate::pages::signin::SignInPage /> }.into_any())
}

/// Loads the chunks of the page that `path` and `search` (the page's location) open on, before
/// hydration. A failed load is not fatal: the page shows its Retry once hydrated.
pub async fn preload_page(path: &str, search: &str) {
    match path.trim_end_matches('/') {
        "/signin" => {
            let _ = preload_signin().await;
        }
        p if p.starts_with("/organization/") => {
            crate::pages::namespace::preload_tab(search).await;
        }
        _ => {}
    }
}

#[component]
fn Masthead() -> impl IntoView {
    let url = use_url();
    // Refetched on navigation, so sign-in and sign-out show at once.
    let path = Memo::new(move |_| url.with(|u| u.path.clone()));
    let info = crate::json::page_resource(move || path.get(), |_| session_info());
    let sign_out = ServerAction::<SignOut>::new();
    let sign_out_url = <SignOut as leptos::server_fn::ServerFn>::url();
    view! {
        <header class="pf-v6-c-masthead" id="masthead">
            <div class="pf-v6-c-masthead__main">
                <div class="pf-v6-c-masthead__brand">
                    <a href="/organization" class="pf-v6-c-masthead__logo rc-brand">
                        <span class="rc-brand__mark" aria-hidden="true">"⬢"</span>
                        <span>"Robot console"</span>
                    </a>
                </div>
            </div>
            <div class="pf-v6-c-masthead__content">
                <div class="rc-masthead__user">
                    <crate::theme::ThemeToggle />
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            match info.await {
                                Ok(Some(s)) => {
                                    let can_sign_out = s.can_sign_out;
                                    view! {
                                        <span class="rc-masthead__username" id="masthead-user">
                                            {s.username}
                                        </span>
                                        <When when=move || can_sign_out>
                                            // A plain form, not `ActionForm`: that one parses the
                                            // form with serde_qs (44 kB of the main module before
                                            // optimisation) for a button without fields. Without
                                            // JavaScript the form posts as it is.
                                            <form
                                                action=sign_out_url
                                                method="post"
                                                on:submit=move |ev| {
                                                    ev.prevent_default();
                                                    sign_out.dispatch(SignOut {});
                                                }
                                            >
                                                <crate::csrf::CsrfField />
                                                <button
                                                    type="submit"
                                                    class="pf-v6-c-button pf-m-secondary pf-m-small"
                                                    id="sign-out"
                                                >
                                                    "Sign out"
                                                </button>
                                            </form>
                                        </When>
                                    }
                                        .into_any()
                                }
                                _ => ().into_any(),
                            }
                        })}
                    </Suspense>
                </div>
            </div>
        </header>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="pf-v6-c-page__main-section">
            <crate::components::empty_state::EmptyState
                title="Page not found"
                body="There is nothing at this address. Go back to your organizations."
            >
                <a href="/organization" class="pf-v6-c-button pf-m-primary">
                    "Organizations"
                </a>
            </crate::components::empty_state::EmptyState>
        </section>
    }
}
