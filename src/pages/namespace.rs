//! The namespace page `/organization/{ns}?tab=Robotaccounts` (Quay's key: the tab title without
//! spaces), `?tab=Robotaccess` (the access report) and `?tab=RobotsAsCode`.

use crate::components::lazy::{lazy_view, Chunk};
use crate::pages::robots::RobotAccountsTab;
use crate::quay::ids::Namespace;
use crate::router::{use_query, use_url, Route};
use leptos::prelude::*;

/// The default tab's key: the robots tab, the one whose code is in the main module.
pub const ROBOTS_TAB: &str = "Robotaccounts";
const ACCESS_TAB: &str = "Robotaccess";
const IAC_TAB: &str = "RobotsAsCode";

/// The tab key that a namespace page's query (`a=b&tab=Robotaccess`, with or without its `?`)
/// names, if any.
pub fn tab_key(query: &str) -> Option<&str> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|kv| kv.strip_prefix("tab="))
}

// The access report's and robots as code's code is a wasm chunk of its own each (split points,
// see `crate::components::lazy`): the robots tab's first load does not carry it. A page that
// opens on one of these tabs loads its chunk before hydrating (`crate::hydrate`), so the
// server-rendered tab hydrates at once.
#[wasm_split_helpers::wasm_split(access_tab, fallible, preload(preload_access_tab))]
fn access_tab(namespace: Namespace) -> Chunk {
    Ok(view! { <crate::pages::access::RobotAccessTab namespace /> }.into_any())
}

#[wasm_split_helpers::wasm_split(iac_tab, fallible, preload(preload_iac_tab))]
fn iac_tab(namespace: Namespace) -> Chunk {
    Ok(view! { <crate::pages::iac::RobotsAsCodeTab namespace /> }.into_any())
}

/// Loads the chunk of the tab that `search` (a namespace page's query) opens on.
pub async fn preload_tab(search: &str) {
    // A failed load is not fatal here: the tab shows its Retry once hydrated.
    match tab_key(search) {
        Some(ACCESS_TAB) => {
            let _ = preload_access_tab().await;
        }
        Some(IAC_TAB) => {
            let _ = preload_iac_tab().await;
        }
        _ => {}
    }
}

/// (key, title) of each tab.
const TABS: [(&str, &str); 3] = [
    (ROBOTS_TAB, "Robot accounts"),
    (ACCESS_TAB, "Robot access"),
    (IAC_TAB, "Robots as code"),
];

#[component]
pub fn NamespacePage() -> impl IntoView {
    let url = use_url();
    // The namespace of the address; kept while the address leaves the page (this page's view
    // goes, it does not show another namespace first).
    let ns = Memo::new(move |prev: Option<&String>| match url.with(|u| u.route()) {
        Route::Namespace(ns) => ns,
        _ => prev.cloned().unwrap_or_default(),
    });
    let query = use_query("tab");
    let tab = Memo::new(move |_| query.get().unwrap_or_else(|| ROBOTS_TAB.into()));
    view! {
        <section class="pf-v6-c-page__main-section">
            <nav class="pf-v6-c-breadcrumb" aria-label="breadcrumb">
                <ol class="pf-v6-c-breadcrumb__list">
                    <li class="pf-v6-c-breadcrumb__item">
                        <a href="/organization" class="pf-v6-c-breadcrumb__link">
                            "Organizations"
                        </a>
                    </li>
                    <li class="pf-v6-c-breadcrumb__item">
                        <span class="pf-v6-c-breadcrumb__item-divider">"›"</span>
                        <span class="pf-v6-c-breadcrumb__link pf-m-current">{move || ns.get()}</span>
                    </li>
                </ol>
            </nav>
            <h1 class="pf-v6-c-title pf-m-2xl" data-testid="namespace-title">{move || ns.get()}</h1>
        </section>
        <section class="pf-v6-c-page__main-section pf-m-no-padding-bottom">
            // Links to the namespace's pages (navigation, not an ARIA tab list). Plain links: the
            // router follows every same-origin link, and leptos_router's `<A>` would mark all
            // three as the current page (it compares the path, not the query).
            <nav class="pf-v6-c-tabs" aria-label="Namespace sections">
                <ul class="pf-v6-c-tabs__list">
                    {TABS
                        .into_iter()
                        .map(|(key, label)| {
                            let current = move || tab.get() == key;
                            view! {
                                <li class=move || if current() { "pf-v6-c-tabs__item pf-m-current" } else { "pf-v6-c-tabs__item" }>
                                    <a
                                        href=move || format!("/organization/{}?tab={key}", ns.get())
                                        class="pf-v6-c-tabs__link"
                                        id=format!("pf-tab-{key}")
                                        aria-current=move || current().then_some("page")
                                    >
                                        <span class="pf-v6-c-tabs__item-text">{label}</span>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </section>
        <section class="pf-v6-c-page__main-section">
            {move || match crate::quay::ids::Namespace::parse(&ns.get()) {
                Ok(namespace) if tab.get() == ACCESS_TAB => {
                    lazy_view(move || Box::pin(access_tab(namespace.clone())))
                }
                Ok(namespace) if tab.get() == IAC_TAB => {
                    lazy_view(move || Box::pin(iac_tab(namespace.clone())))
                }
                Ok(namespace) => view! { <RobotAccountsTab namespace /> }.into_any(),
                Err(e) => {
                    #[cfg(feature = "ssr")]
                    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
                        resp.set_status(axum::http::StatusCode::NOT_FOUND);
                    }
                    view! {
                        <crate::components::alert::DangerAlert
                            title="No such organization or user"
                            message=e.message
                        />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
