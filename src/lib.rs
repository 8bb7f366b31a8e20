//! robot-console: a browser console for Red Hat Quay robot accounts.
//!
//! The same crate builds the server (`ssr`) and the browser bundle (`hydrate`).

#![recursion_limit = "512"]

pub mod access;
pub mod activity;
pub mod app;
pub mod assets;
pub mod bulk;
pub mod components;
pub mod credentials;
pub mod csrf;
pub mod csv;
pub mod dates;
pub mod error;
pub mod federation;
pub mod iac;
pub mod oauth;
pub mod pages;
pub mod permissions;
pub mod quay;
pub mod robot_list;
pub mod server;
pub mod standing;
pub mod theme;
pub mod wizard;

#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod observe;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod serve;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod state;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // A page opening on a lazily loaded tab needs that tab's code before it can hydrate.
    let location = web_sys::window().map(|w| w.location());
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    let search = location
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    wasm_bindgen_futures::spawn_local(async move {
        pages::namespace::preload_tab(&path, &search).await;
        leptos::mount::hydrate_body(app::App);
    });
}
