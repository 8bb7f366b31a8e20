//! A PatternFly expandable section.

use crate::components::when::When;
use leptos::prelude::*;

#[component]
pub fn Section(
    /// id of the section; the toggle is `{id}-toggle`.
    #[prop(into)]
    id: String,
    #[prop(into)] title: String,
    #[prop(optional)] expanded: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(expanded);
    let toggle_id = format!("{id}-toggle");
    let content_id = format!("{id}-content");
    let controls = content_id.clone();
    view! {
        <div
            class="pf-v6-c-expandable-section rc-fed-section"
            class:pf-m-expanded=move || open.get()
            id=id
        >
            <div class="pf-v6-c-expandable-section__toggle">
                <button
                    class="pf-v6-c-button pf-m-link"
                    type="button"
                    id=toggle_id
                    aria-expanded=move || open.get().to_string()
                    aria-controls=controls
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span class="pf-v6-c-button__icon pf-m-start">
                        <span class="pf-v6-c-expandable-section__toggle-icon">
                            <i class="fas fa-angle-right" aria-hidden="true"></i>
                        </span>
                    </span>
                    <span class="pf-v6-c-button__text">{title}</span>
                </button>
            </div>
            <When when=move || open.get()>
                <div class="pf-v6-c-expandable-section__content" id=content_id.clone()>
                    {children()}
                </div>
            </When>
        </div>
    }
}
