//! The per-row permission dropdown: None/Read/Write/Admin, each with its description.

use crate::components::menu::{Menu, MenuAction, MenuControl};
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
    let menu = MenuControl::new();
    let label = format!("Permission for {repo}");
    // The name starts with the value shown (the visible text is part of the name).
    let toggle_label = format!("permission for {repo}");
    let actions = Perm::ALL
        .iter()
        .map(|&p| {
            MenuAction::new(
                format!("{}-permission-type", p.label()),
                p.label(),
                move || on_select.run(p),
            )
            .describe(p.description())
        })
        .collect::<Vec<_>>();
    view! {
        <div class="rc-perm-dropdown">
            <button
                class="pf-v6-c-menu-toggle"
                type="button"
                id="toggle-descriptions"
                data-testid=format!("{repo}-permission-dropdown-toggle")
                aria-label=move || format!("{}, {}", value.get().label(), toggle_label)
                aria-haspopup="menu"
                aria-expanded=menu.expanded()
                node_ref=menu.toggle
                on:click=menu.on_click()
                on:keydown=menu.on_keydown()
            >
                <span class="pf-v6-c-menu-toggle__text">{move || value.get().label()}</span>
                <span class="pf-v6-c-menu-toggle__controls">
                    <i class="fas fa-caret-down" aria-hidden="true"></i>
                </span>
            </button>
            <Menu control=menu class="rc-perm-dropdown__menu" actions aria_label=label />
        </div>
    }
}
