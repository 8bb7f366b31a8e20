//! Bulk-select split checkbox (Quay's DropdownCheckbox): the checkbox selects the current page
//! (unchecking clears), a badge counts the selection, the menu has Select none / page / all.

use super::menu::{Menu, MenuAction, MenuControl};
use crate::components::when::When;
use leptos::prelude::*;

#[component]
pub fn BulkSelect(
    /// id (and name) of the checkbox.
    #[prop(into)]
    id: String,
    #[prop(into)] selected: Signal<usize>,
    #[prop(into)] page_count: Signal<usize>,
    #[prop(into)] total_count: Signal<usize>,
    #[prop(into)] on_none: Callback<()>,
    #[prop(into)] on_page: Callback<()>,
    #[prop(into)] on_all: Callback<()>,
) -> impl IntoView {
    let menu = MenuControl::new();
    let actions = vec![
        MenuAction::new(format!("{id}-none"), "Select none", move || on_none.run(())),
        MenuAction::live(
            format!("{id}-page"),
            Signal::derive(move || format!("Select page ({})", page_count.get())),
            move || on_page.run(()),
        ),
        MenuAction::live(
            format!("{id}-all"),
            Signal::derive(move || format!("Select all ({})", total_count.get())),
            move || on_all.run(()),
        ),
    ];
    let on_check = move |ev: leptos::ev::Event| {
        if event_target_checked(&ev) {
            on_page.run(())
        } else {
            on_none.run(())
        }
    };
    let (for_id, input_id, name, testid) = (id.clone(), id.clone(), id.clone(), id);
    view! {
        <div class="rc-bulk-select">
            <div class="pf-v6-c-menu-toggle pf-m-split-button">
                <label class="pf-v6-c-check pf-m-standalone" for=for_id>
                    <input
                        class="pf-v6-c-check__input"
                        type="checkbox"
                        id=input_id
                        name=name
                        data-testid=testid
                        aria-label="Select all"
                        prop:checked=move || { selected.get() > 0 }
                        on:change=on_check
                    />
                    <When when=move || { selected.get() > 0 }>
                        <span class="pf-v6-c-check__label rc-bulk-select__count">
                            {move || format!("{} selected", selected.get())}
                        </span>
                    </When>
                </label>
                <button
                    class="pf-v6-c-menu-toggle__button"
                    type="button"
                    aria-label="Bulk select toggle"
                    aria-haspopup="menu"
                    aria-expanded=menu.expanded()
                    node_ref=menu.toggle
                    on:click=menu.on_click()
                    on:keydown=menu.on_keydown()
                >
                    <span class="pf-v6-c-menu-toggle__controls">
                        <i class="fas fa-caret-down" aria-hidden="true"></i>
                    </span>
                </button>
            </div>
            <Menu control=menu class="rc-bulk-select__menu" actions=actions aria_label="Bulk select" />
        </div>
    }
}
