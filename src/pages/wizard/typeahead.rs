//! The teams step's search field, whose menu offers "Create new team" (Quay's typeahead).

use crate::components::when::When;
use leptos::prelude::*;

/// The search field "Search, create team"; its menu offers "Create new team".
#[component]
pub fn TeamTypeahead(
    query: RwSignal<String>,
    #[prop(into)] on_create: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <div class="rc-typeahead">
            <div class="pf-v6-c-text-input-group rc-search">
                <div class="pf-v6-c-text-input-group__main pf-m-icon">
                    <span class="pf-v6-c-text-input-group__text">
                        <span class="pf-v6-c-text-input-group__icon"><i class="fas fa-search" aria-hidden="true"></i></span>
                        <input
                            class="pf-v6-c-text-input-group__text-input"
                            type="text"
                            id="add-team-search"
                            data-testid="add-team-search"
                            placeholder="Search, create team"
                            aria-label="Search, create team"
                            role="combobox"
                            aria-expanded=move || open.get().to_string()
                            prop:value=move || query.get()
                            on:input=move |ev| query.set(event_target_value(&ev))
                            on:focus=move |_| open.set(true)
                            on:blur=move |_| open.set(false)
                            on:keydown=move |ev| {
                                if ev.key() == "Enter" {
                                    ev.prevent_default();
                                    on_create.run(());
                                }
                            }
                        />
                    </span>
                </div>
                <When when=move || !query.get().is_empty()>
                    <div class="pf-v6-c-text-input-group__utilities">
                        <button class="pf-v6-c-button pf-m-plain" type="button" aria-label="Clear input value" on:click=move |_| query.set(String::new())>
                            <i class="fas fa-times" aria-hidden="true"></i>
                        </button>
                    </div>
                </When>
            </div>
            <When when=move || open.get()>
                <div class="pf-v6-c-menu rc-typeahead__menu">
                    <ul class="pf-v6-c-menu__list" role="listbox">
                        <li class="pf-v6-c-menu__list-item" role="none">
                            // mousedown, not click: the input's blur would close the menu first.
                            <button
                                class="pf-v6-c-menu__item"
                                type="button"
                                role="option"
                                data-testid="create-new-team-btn"
                                on:mousedown=move |ev| {
                                    ev.prevent_default();
                                    open.set(false);
                                    on_create.run(());
                                }
                            >
                                <span class="pf-v6-c-menu__item-main">
                                    <span class="pf-v6-c-menu__item-icon"><i class="fas fa-desktop" aria-hidden="true"></i></span>
                                    <span class="pf-v6-c-menu__item-text">"Create new team"</span>
                                </span>
                            </button>
                        </li>
                    </ul>
                </div>
            </When>
        </div>
    }
}
