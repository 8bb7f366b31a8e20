//! A PatternFly menu under a toggle: the kebab, the per-page menu of the pagination and the
//! permission dropdown all open one. Choosing an item closes the menu, as does leaving it.

use leptos::prelude::*;

#[derive(Clone)]
pub struct MenuAction {
    /// id and data-testid of the item button.
    pub id: String,
    pub label: String,
    /// A second line under the label.
    pub description: Option<String>,
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
            description: None,
            danger: false,
            on_select: Callback::new(move |_| on_select()),
        }
    }

    pub fn danger(mut self) -> Self {
        self.danger = true;
        self
    }

    pub fn describe(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }
}

/// The menu, shown while `open`; `class` positions it (e.g. `rc-kebab__menu`).
#[component]
pub fn Menu(
    open: RwSignal<bool>,
    #[prop(into)] class: String,
    actions: Vec<MenuAction>,
) -> impl IntoView {
    let actions = StoredValue::new(actions);
    let class = format!("pf-v6-c-menu {class}");
    view! {
        <Show when=move || open.get()>
            <div class=class.clone() on:mouseleave=move |_| open.set(false)>
                <div class="pf-v6-c-menu__content">
                    <ul class="pf-v6-c-menu__list" role="menu">
                        {actions.get_value().into_iter().map(|a| view! { <MenuItem a open /> }).collect_view()}
                    </ul>
                </div>
            </div>
        </Show>
    }
}

#[component]
fn MenuItem(a: MenuAction, open: RwSignal<bool>) -> impl IntoView {
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
                {a.description.map(|d| view! { <span class="pf-v6-c-menu__item-description">{d}</span> })}
            </button>
        </li>
    }
}
