//! Screens.

pub mod access;
pub mod activity;
pub mod credentials;
pub mod federation;
pub mod iac;
pub mod namespace;
pub mod organizations;
pub mod permissions;
pub mod robots;
pub mod signin;
pub mod wizard;

use crate::error::AppError;
use crate::router::Redirect;
use leptos::prelude::*;

/// What a page shows when its data failed to load: a redirect to sign-in when the session is
/// missing or expired, else the error with Quay's message.
pub fn load_error_view(title: &'static str, prefix: &'static str, e: AppError) -> AnyView {
    load_error(title, prefix, e, None)
}

/// [`load_error_view`] with a "Try again" button (`load-retry`) that loads the data again, for
/// failures that pass (Quay slow, restarting or unreachable).
pub fn load_error_with_retry(
    title: &'static str,
    prefix: &'static str,
    e: AppError,
    retry: Callback<()>,
) -> AnyView {
    load_error(title, prefix, e, Some(retry))
}

fn load_error(
    title: &'static str,
    prefix: &'static str,
    e: AppError,
    retry: Option<Callback<()>>,
) -> AnyView {
    if e.needs_sign_in() {
        return view! { <Redirect path="/signin" /> }.into_any();
    }
    let message = format!("{prefix}, {}", e.message.trim_end_matches('.')) + ".";
    let Some(retry) = retry else {
        return view! { <crate::components::alert::DangerAlert title=title message=message /> }
            .into_any();
    };
    view! {
        <crate::components::alert::DangerAlert title=title message=message>
            <button
                type="button"
                class="pf-v6-c-button pf-m-link pf-m-inline"
                id="load-retry"
                on:click=move |_| retry.run(())
            >
                "Try again"
            </button>
        </crate::components::alert::DangerAlert>
    }
    .into_any()
}
