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
    leptos::mount::hydrate_body(app::App);
}
