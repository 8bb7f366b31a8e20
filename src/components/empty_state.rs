//! PatternFly empty state: an icon, a title, a text and optional actions.

use leptos::prelude::*;

#[component]
pub fn EmptyState(
    #[prop(into)] title: String,
    #[prop(into)] body: String,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-empty-state" data-testid="empty-state">
            <div class="pf-v6-c-empty-state__content">
                <div class="pf-v6-c-empty-state__header">
                    <div class="pf-v6-c-empty-state__icon rc-empty-icon" aria-hidden="true">
                        "▦"
                    </div>
                    <div class="pf-v6-c-empty-state__title">
                        <h4 class="pf-v6-c-empty-state__title-text">{title}</h4>
                    </div>
                </div>
                <div class="pf-v6-c-empty-state__body">{body}</div>
                {children
                    .map(|c| {
                        view! {
                            <div class="pf-v6-c-empty-state__footer">
                                <div class="pf-v6-c-empty-state__actions">{c()}</div>
                            </div>
                        }
                    })}
            </div>
        </div>
    }
}
