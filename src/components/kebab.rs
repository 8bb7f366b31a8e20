//! A kebab (⋮) menu: a toggle and a list of actions. Clicking an item closes the menu.

use leptos::prelude::*;

#[derive(Clone)]
pub struct MenuAction {
    /// id and data-testid of the item button.
    pub id: String,
    pub label: String,
    pub danger: bool,
    pub on_select: Callback<()>,
}

impl MenuAction {
    pub fn new(
        id: impl Into<String>,
        label: impl Into<String>,
        on_select: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            danger: false,
            on_select: Callback::new(move |_| on_select()),
        }
    }

    pub fn danger(mut self) -> Self {
        self.danger = true;
        self
    }
}

#[component]
pub fn Kebab(
    /// id and data-testid of the toggle.
    #[prop(into)]
    toggle_id: String,
    #[prop(into, default = "Kebab toggle".to_string())] aria_label: String,
    actions: Vec<MenuAction>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let actions = StoredValue::new(actions);
    view! {
        <div class="rc-kebab">
            <button
                class="pf-v6-c-menu-toggle pf-m-plain"
                type="button"
                id=toggle_id.clone()
                data-testid=toggle_id
                aria-label=aria_label
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <i class="fas fa-ellipsis-v" aria-hidden="true"></i>
            </button>
            <Show when=move || open.get()>
                <div class="pf-v6-c-menu rc-kebab__menu" on:mouseleave=move |_| open.set(false)>
                    <div class="pf-v6-c-menu__content">
                        <ul class="pf-v6-c-menu__list" role="menu">
                            {actions
                                .get_value()
                                .into_iter()
                                .map(|a| {
                                    let cb = a.on_select;
                                    let class = if a.danger {
                                        "pf-v6-c-menu__item pf-m-danger"
                                    } else {
                                        "pf-v6-c-menu__item"
                                    };
                                    view! {
                                        <li class="pf-v6-c-menu__list-item" role="none">
                                            <button
                                                class=class
                                                type="button"
                                                role="menuitem"
                                                id=a.id.clone()
                                                data-testid=a.id
                                                on:click=move |_| {
                                                    open.set(false);
                                                    cb.run(());
                                                }
                                            >
                                                <span class="pf-v6-c-menu__item-main">
                                                    <span class="pf-v6-c-menu__item-text">{a.label}</span>
                                                </span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </div>
                </div>
            </Show>
        </div>
    }
}
