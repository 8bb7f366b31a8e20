//! A PatternFly menu under a toggle, following the WAI-ARIA menu button pattern: the kebab, the
//! per-page menu of the pagination, the bulk select and the permission dropdown all open one.
//! The toggle (`MenuControl`) opens it with a click, Enter, Space or ArrowDown (first item) or
//! ArrowUp (last item); in the menu the arrows move (and wrap), Home/End jump, Escape closes it
//! and gives focus back to the toggle, Tab closes it and moves on. Choosing an item closes the
//! menu with focus on the toggle, so a dialog the item opens gives focus back there.

use super::focus::{index_of_active, menu_target, shown, MENU_ITEMS};
use crate::components::when::When;
use leptos::html::Button;
use leptos::prelude::*;
#[derive(Clone)]
pub struct MenuAction {
    /// id and data-testid of the item button.
    pub id: String,
    pub label: Signal<String>,
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
        Self::live(id, Signal::stored(label.into()), on_select)
    }

    /// An item whose label changes (e.g. a count).
    pub fn live(
        id: impl Into<String>,
        label: Signal<String>,
        on_select: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        Self {
            id: id.into(),
            label,
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

/// Which item gets focus when the menu opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Start {
    First,
    Last,
}

/// A menu's open state and its toggle: put `toggle` as the toggle's `node_ref`, and its
/// `on_click`/`on_keydown` on it; `aria-expanded` from `open`.
#[derive(Clone, Copy)]
pub struct MenuControl {
    pub open: RwSignal<bool>,
    pub toggle: NodeRef<Button>,
    list: NodeRef<leptos::html::Ul>,
    start: RwSignal<Start>,
}

impl Default for MenuControl {
    fn default() -> Self {
        Self::new()
    }
}

impl MenuControl {
    pub fn new() -> Self {
        Self {
            open: RwSignal::new(false),
            toggle: NodeRef::new(),
            list: NodeRef::new(),
            start: RwSignal::new(Start::First),
        }
    }

    pub fn expanded(self) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.open.get().to_string()
    }

    pub fn on_click(self) -> impl Fn(leptos::ev::MouseEvent) + Copy + 'static {
        move |_| {
            self.start.set(Start::First);
            self.open.update(|o| *o = !*o);
        }
    }

    pub fn on_keydown(self) -> impl Fn(leptos::ev::KeyboardEvent) + Copy + 'static {
        move |ev| {
            let start = match ev.key().as_str() {
                "ArrowDown" => Start::First,
                "ArrowUp" => Start::Last,
                _ => return,
            };
            ev.prevent_default();
            self.start.set(start);
            self.open.set(true);
            // Already open: move into it.
            if let Some(menu) = self.list.get_untracked() {
                focus_item(&menu, start);
            }
        }
    }

    /// Closes the menu and puts focus back on the toggle.
    pub fn close(self) {
        if let Some(t) = self.toggle.get_untracked() {
            let _ = t.focus();
        }
        self.open.set(false);
    }
}

fn focus_item(menu: &web_sys::Element, start: Start) {
    let items = shown(menu, MENU_ITEMS);
    let item = match start {
        Start::First => items.first(),
        Start::Last => items.last(),
    };
    if let Some(i) = item {
        let _ = i.focus();
    }
}

/// The menu, shown while `control.open`; `class` positions it (e.g. `rc-kebab__menu`).
#[component]
pub fn Menu(
    control: MenuControl,
    #[prop(into)] class: String,
    actions: Vec<MenuAction>,
    #[prop(optional, into)] aria_label: Option<String>,
) -> impl IntoView {
    let actions = StoredValue::new(actions);
    let class = format!("pf-v6-c-menu {class}");
    view! {
        <When when=move || control.open.get()>
            <MenuList control class=class.clone() actions=actions.get_value() aria_label=aria_label.clone() />
        </When>
    }
}

#[component]
fn MenuList(
    control: MenuControl,
    class: String,
    actions: Vec<MenuAction>,
    aria_label: Option<String>,
) -> impl IntoView {
    let list = control.list;
    crate::components::effect::effect(move || {
        if let Some(ul) = list.get() {
            focus_item(&ul, control.start.get_untracked());
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let Some(ul) = list.get_untracked() else {
            return;
        };
        match ev.key().as_str() {
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                control.close();
            }
            "Tab" => control.close(),
            key => {
                let items = shown(&ul, MENU_ITEMS);
                if let Some(i) = menu_target(key, items.len(), index_of_active(&items)) {
                    ev.prevent_default();
                    let _ = items[i].focus();
                }
            }
        }
    };
    // Focus leaving for somewhere else than the menu or its toggle closes it.
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        use wasm_bindgen::JsCast;
        let to = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        let Some(to) = to else { return };
        let in_menu = list
            .get_untracked()
            .is_some_and(|ul| ul.contains(Some(&to)));
        let on_toggle = control
            .toggle
            .get_untracked()
            .is_some_and(|t| t.contains(Some(&to)));
        if !in_menu && !on_toggle {
            control.open.set(false);
        }
    };
    view! {
        <div class=class on:mouseleave=move |_| control.open.set(false)>
            <div class="pf-v6-c-menu__content">
                <ul class="pf-v6-c-menu__list" role="menu" aria-label=aria_label node_ref=list on:keydown=on_key on:focusout=on_focusout>
                    {actions.into_iter().map(|a| view! { <MenuItem a control /> }).collect_view()}
                </ul>
            </div>
        </div>
    }
}

#[component]
fn MenuItem(a: MenuAction, control: MenuControl) -> impl IntoView {
    let cb = a.on_select;
    let class = if a.danger {
        "pf-v6-c-menu__item pf-m-danger"
    } else {
        "pf-v6-c-menu__item"
    };
    let label = a.label;
    view! {
        <li class="pf-v6-c-menu__list-item" role="none">
            <button
                class=class
                type="button"
                role="menuitem"
                tabindex="-1"
                id=a.id.clone()
                data-testid=a.id
                on:click=move |_| {
                    control.close();
                    cb.run(());
                }
            >
                <span class="pf-v6-c-menu__item-main">
                    <span class="pf-v6-c-menu__item-text">{move || label.get()}</span>
                </span>
                {a.description.map(|d| view! { <span class="pf-v6-c-menu__item-description">{d}</span> })}
            </button>
        </li>
    }
}
