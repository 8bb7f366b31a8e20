//! Bulk-select split checkbox (Quay's DropdownCheckbox): the checkbox selects the current page
//! (unchecking clears), a badge counts the selection, the menu has Select none / page / all.

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
    let open = RwSignal::new(false);
    let choose = move |cb: Callback<()>| {
        move |_| {
            open.set(false);
            cb.run(());
        }
    };
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
                    <Show when=move || { selected.get() > 0 }>
                        <span class="pf-v6-c-check__label rc-bulk-select__count">
                            {move || format!("{} selected", selected.get())}
                        </span>
                    </Show>
                </label>
                <button
                    class="pf-v6-c-menu-toggle__button"
                    type="button"
                    aria-label="Bulk select toggle"
                    aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)
                >
                    <span class="pf-v6-c-menu-toggle__controls">
                        <i class="fas fa-caret-down" aria-hidden="true"></i>
                    </span>
                </button>
            </div>
            <Show when=move || open.get()>
                <div class="pf-v6-c-menu rc-bulk-select__menu" on:mouseleave=move |_| open.set(false)>
                    <ul class="pf-v6-c-menu__list" role="menu">
                        <li class="pf-v6-c-menu__list-item" role="none">
                            <button class="pf-v6-c-menu__item" type="button" role="menuitem" on:click=choose(on_none)>
                                "Select none"
                            </button>
                        </li>
                        <li class="pf-v6-c-menu__list-item" role="none">
                            <button class="pf-v6-c-menu__item" type="button" role="menuitem" on:click=choose(on_page)>
                                {move || format!("Select page ({})", page_count.get())}
                            </button>
                        </li>
                        <li class="pf-v6-c-menu__list-item" role="none">
                            <button class="pf-v6-c-menu__item" type="button" role="menuitem" on:click=choose(on_all)>
                                {move || format!("Select all ({})", total_count.get())}
                            </button>
                        </li>
                    </ul>
                </div>
            </Show>
        </div>
    }
}
