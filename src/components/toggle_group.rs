//! PatternFly toggle group: one selected item among a few (Expand/Collapse, All/Selected).

use leptos::prelude::*;

/// One button of a toggle group: the value it selects, its id (also its test id), its label.
pub struct ToggleItem<T> {
    pub value: T,
    pub id: &'static str,
    pub label: &'static str,
}

pub fn item<T>(value: T, id: &'static str, label: &'static str) -> ToggleItem<T> {
    ToggleItem { value, id, label }
}

#[component]
pub fn ToggleGroup<T: Copy + PartialEq + Send + Sync + 'static>(
    items: Vec<ToggleItem<T>>,
    selected: RwSignal<T>,
    #[prop(into, default = "Toggle group".to_string())] aria_label: String,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-toggle-group" role="group" aria-label=aria_label>
            {items
                .into_iter()
                .map(|ToggleItem { value, id, label }| {
                    view! {
                        <div class="pf-v6-c-toggle-group__item">
                            <button
                                type="button"
                                id=id
                                data-testid=id
                                class=move || {
                                    if selected.get() == value {
                                        "pf-v6-c-toggle-group__button pf-m-selected"
                                    } else {
                                        "pf-v6-c-toggle-group__button"
                                    }
                                }
                                aria-pressed=move || (selected.get() == value).to_string()
                                on:click=move |_| selected.set(value)
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
