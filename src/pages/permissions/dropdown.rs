//! The per-row permission dropdown: None/Read/Write/Admin, each with its description.

use crate::permissions::Perm;
use leptos::prelude::*;

#[component]
pub fn PermissionDropdown(
    /// The repository (test id `{repo}-permission-dropdown-toggle`).
    #[prop(into)]
    repo: String,
    #[prop(into)] value: Signal<Perm>,
    #[prop(into)] on_select: Callback<Perm>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <div class="rc-perm-dropdown">
            <button
                class="pf-v6-c-menu-toggle"
                type="button"
                id="toggle-descriptions"
                data-testid=format!("{repo}-permission-dropdown-toggle")
                aria-label=format!("Permission for {repo}")
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span class="pf-v6-c-menu-toggle__text">{move || value.get().label()}</span>
                <span class="pf-v6-c-menu-toggle__controls">
                    <i class="fas fa-caret-down" aria-hidden="true"></i>
                </span>
            </button>
            <Show when=move || open.get()>
                <div class="pf-v6-c-menu rc-perm-dropdown__menu" on:mouseleave=move |_| open.set(false)>
                    <ul class="pf-v6-c-menu__list" role="menu">
                        {Perm::ALL
                            .iter()
                            .map(|&p| {
                                view! {
                                    <li class="pf-v6-c-menu__list-item" role="none">
                                        <button
                                            class="pf-v6-c-menu__item"
                                            type="button"
                                            role="menuitem"
                                            data-testid=format!("{}-permission-type", p.label())
                                            on:click=move |_| {
                                                open.set(false);
                                                on_select.run(p);
                                            }
                                        >
                                            <span class="pf-v6-c-menu__item-main">
                                                <span class="pf-v6-c-menu__item-text">{p.label()}</span>
                                            </span>
                                            <span class="pf-v6-c-menu__item-description">{p.description()}</span>
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            </Show>
        </div>
    }
}
