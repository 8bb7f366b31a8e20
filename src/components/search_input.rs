//! A PatternFly search input bound to a signal, with a clear button.

use crate::components::when::When;
use leptos::prelude::*;

#[component]
pub fn SearchInput(
    /// id and data-testid of the input.
    #[prop(into)]
    id: String,
    #[prop(into)] placeholder: String,
    value: RwSignal<String>,
) -> impl IntoView {
    let (testid, label) = (id.clone(), placeholder.clone());
    view! {
        <div class="pf-v6-c-text-input-group rc-search">
            <div class="pf-v6-c-text-input-group__main pf-m-icon">
                <span class="pf-v6-c-text-input-group__text">
                    <span class="pf-v6-c-text-input-group__icon">
                        <i class="fas fa-search" aria-hidden="true"></i>
                    </span>
                    <input
                        class="pf-v6-c-text-input-group__text-input"
                        type="search"
                        id=id
                        data-testid=testid
                        placeholder=placeholder
                        aria-label=label
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                </span>
            </div>
            <When when=move || !value.get().is_empty()>
                <div class="pf-v6-c-text-input-group__utilities">
                    <button
                        class="pf-v6-c-button pf-m-plain"
                        type="button"
                        aria-label="Reset"
                        on:click=move |_| value.set(String::new())
                    >
                        <i class="fas fa-times" aria-hidden="true"></i>
                    </button>
                </div>
            </When>
        </div>
    }
}
