//! PatternFly toggle group: one selected item among a few (Expand/Collapse, All/Selected).

use leptos::prelude::*;

#[component]
pub fn ToggleGroup(
    /// (id, label) per item; the id is also the value stored in `selected`.
    items: Vec<(&'static str, &'static str)>,
    selected: RwSignal<&'static str>,
    #[prop(into, default = "Toggle group".to_string())] aria_label: String,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-toggle-group" role="group" aria-label=aria_label>
            {items
                .into_iter()
                .map(|(id, label)| {
                    view! {
                        <div class="pf-v6-c-toggle-group__item">
                            <button
                                type="button"
                                id=id
                                data-testid=id
                                class=move || {
                                    if selected.get() == id {
                                        "pf-v6-c-toggle-group__button pf-m-selected"
                                    } else {
                                        "pf-v6-c-toggle-group__button"
                                    }
                                }
                                aria-pressed=move || (selected.get() == id).to_string()
                                on:click=move |_| selected.set(id)
                            >
                                <span class="pf-v6-c-toggle-group__text">{label}</span>
                            </button>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
