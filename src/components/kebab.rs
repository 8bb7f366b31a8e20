//! A kebab (⋮) menu: a toggle and a list of actions (keyboard per `super::menu`).

pub use super::menu::MenuAction;
use super::menu::{Menu, MenuControl};
use leptos::prelude::*;

#[component]
pub fn Kebab(
    /// id and data-testid of the toggle.
    #[prop(into)]
    toggle_id: String,
    #[prop(into, default = "Kebab toggle".to_string())] aria_label: String,
    actions: Vec<MenuAction>,
) -> impl IntoView {
    let menu = MenuControl::new();
    view! {
        <div class="rc-kebab">
            <button
                class="pf-v6-c-menu-toggle pf-m-plain"
                type="button"
                id=toggle_id.clone()
                data-testid=toggle_id
                aria-label=aria_label.clone()
                aria-haspopup="menu"
                aria-expanded=menu.expanded()
                node_ref=menu.toggle
                on:click=menu.on_click()
                on:keydown=menu.on_keydown()
            >
                <i class="fas fa-ellipsis-v" aria-hidden="true"></i>
            </button>
            <Menu control=menu class="rc-kebab__menu" actions aria_label />
        </div>
    }
}
