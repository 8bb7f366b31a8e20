//! Screens.

pub mod activity;
pub mod credentials;
pub mod federation;
pub mod namespace;
pub mod organizations;
pub mod permissions;
pub mod robots;
pub mod signin;
pub mod wizard;

use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// What a page shows when its data failed to load: a redirect to sign-in when the session is
/// missing or expired, else the error with Quay's message.
pub fn load_error_view(title: &'static str, prefix: &'static str, e: AppError) -> AnyView {
    if e.needs_sign_in() {
        return view! { <Redirect path="/signin" /> }.into_any();
    }
    let message = format!("{prefix}, {}", e.message.trim_end_matches('.')) + ".";
    view! { <crate::components::alert::DangerAlert title=title message=message /> }.into_any()
}
