//! A loading block: a PatternFly spinner and a heading.

use leptos::prelude::*;

#[component]
pub fn Loading(#[prop(into, default = "Loading".to_string())] text: String) -> impl IntoView {
    view! {
        <div class="rc-loading" data-testid="loading">
            <svg class="pf-v6-c-spinner" role="progressbar" viewBox="0 0 100 100" aria-label="Loading">
                <circle class="pf-v6-c-spinner__path" cx="50" cy="50" r="45" fill="none"></circle>
            </svg>
            <h3 class="pf-v6-c-title pf-m-lg">{text}</h3>
        </div>
    }
}
