//! A kebab (⋮) menu: a toggle and a list of actions. Clicking an item closes the menu.

use super::menu::Menu;
pub use super::menu::MenuAction;
use leptos::prelude::*;

#[component]
pub fn Kebab(
    /// id and data-testid of the toggle.
    #[prop(into)]
    toggle_id: String,
    #[prop(into, default = "Kebab toggle".to_string())] aria_label: String,
    actions: Vec<MenuAction>,
) -> impl IntoView {
    let open = RwSignal::new(false);
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
            <Menu open class="rc-kebab__menu" actions />
        </div>
    }
}
