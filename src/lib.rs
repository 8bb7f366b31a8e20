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
pub mod json;
pub mod oauth;
pub mod pages;
pub mod permissions;
pub mod quay;
pub mod robot_list;
pub mod router;
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

/// Room for the wasm splitter to lay out the chunks' data. cargo-leptos's splitter
/// (wasm_split_cli_support 0.2.3) gives each chunk the read-only data only it uses, re-laid out
/// with per-chunk alignment; when that layout comes out longer than the input's data segment
/// (by a few hundred bytes of padding, depending on the build), it gives up and puts all the data
/// in the main module: 45 kB gzip more on the first load. This block is referenced by nothing, so
/// it is copied into no module; it only lengthens the input's segment.
#[cfg(feature = "hydrate")]
#[used]
static SPLIT_DATA_SLACK: [u8; 16384] = [0xa5; 16384];

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Debug builds: a panic's message in the browser console. Release builds abort at once
    // (panic=immediate-abort, see the Makefile's WASM_STD) and never call the hook.
    console_error_panic_hook::set_once();
    // A page opening on a lazily loaded page or tab needs its code before it can hydrate.
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
        app::preload_page(&path, &search).await;
        leptos::mount::hydrate_body(app::App);
    });
}
