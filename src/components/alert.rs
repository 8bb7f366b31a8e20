//! PatternFly inline alerts.

use leptos::prelude::*;

/// A red inline alert with a title and a message, e.g. for a failed load.
#[component]
pub fn DangerAlert(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-alert pf-m-danger pf-m-inline" role="alert" data-testid="danger-alert">
            <div class="pf-v6-c-alert__icon" aria-hidden="true">"!"</div>
            <p class="pf-v6-c-alert__title">
                <span class="pf-v6-screen-reader">"Danger alert:"</span>
                {title}
            </p>
            <div class="pf-v6-c-alert__description">
                <p>{message}</p>
                {children.map(|c| c())}
            </div>
        </div>
    }
}

/// An inline PatternFly warning.
#[component]
pub fn WarningAlert(#[prop(into)] text: String, #[prop(into)] testid: String) -> impl IntoView {
    view! {
        <div class="pf-v6-c-alert pf-m-inline pf-m-warning rc-credentials-alert" data-testid=testid>
            <div class="pf-v6-c-alert__icon">
                <i class="fas fa-exclamation-triangle" aria-hidden="true"></i>
            </div>
            <p class="pf-v6-c-alert__title">
                <span class="pf-v6-screen-reader">"Warning alert:"</span>
                {text}
            </p>
        </div>
    }
}

/// Shown only without JavaScript (`.rc-js .rc-nojs-note` hides it; see
/// `crate::theme::HEAD_SCRIPT`): says what on the page needs JavaScript.
#[component]
pub fn NoJsNote(children: Children) -> impl IntoView {
    view! {
        <div class="pf-v6-c-alert pf-m-info pf-m-inline rc-nojs-note" data-testid="nojs-note">
            <p class="pf-v6-c-alert__title">
                <span class="pf-v6-screen-reader">"Info alert:"</span>
                {children()}
            </p>
        </div>
    }
}
