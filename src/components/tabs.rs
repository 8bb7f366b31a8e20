//! PatternFly tabs: a row of tab buttons bound to the index of the current tab. The caller
//! renders the panel of the current tab (see `TabPanel`). Keyboard per the WAI-ARIA tabs pattern:
//! only the current tab is in the Tab order; Left/Right (wrapping), Home and End choose a tab.

use leptos::prelude::*;

/// One tab button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TabSpec {
    pub label: &'static str,
    /// A Font Awesome icon class, e.g. `fas fa-key`.
    pub icon: Option<&'static str>,
    /// `data-testid` of the tab button.
    pub testid: Option<&'static str>,
}

#[component]
pub fn Tabs(
    /// Prefix of the element ids (`{id}-tab-{i}`, `{id}-panel-{i}`).
    #[prop(into)]
    id: String,
    tabs: Vec<TabSpec>,
    active: RwSignal<usize>,
    #[prop(optional, into)] aria_label: Option<String>,
) -> impl IntoView {
    let count = tabs.len();
    let list = NodeRef::<leptos::html::Ul>::new();
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = match ev.key().as_str() {
            "ArrowRight" => "ArrowDown",
            "ArrowLeft" => "ArrowUp",
            "Home" => "Home",
            "End" => "End",
            _ => return,
        };
        let Some(i) = super::focus::menu_target(key, count, Some(active.get_untracked())) else {
            return;
        };
        ev.prevent_default();
        active.set(i);
        if let Some(ul) = list.get_untracked() {
            if let Some(tab) = super::focus::shown(&ul, "[role=tab]").get(i) {
                let _ = tab.focus();
            }
        }
    };
    let items = tabs
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let current = move || active.get() == i;
            // Only the current tab's panel is in the page.
            let panel = format!("{id}-panel-{i}");
            view! {
                <li
                    class="pf-v6-c-tabs__item"
                    class:pf-m-current=current
                    role="presentation"
                >
                    <button
                        type="button"
                        class="pf-v6-c-tabs__link"
                        role="tab"
                        id=format!("{id}-tab-{i}")
                        aria-controls=move || current().then(|| panel.clone())
                        aria-selected=move || current().to_string()
                        tabindex=move || if current() { "0" } else { "-1" }
                        data-testid=t.testid
                        on:click=move |_| active.set(i)
                    >
                        {t
                            .icon
                            .map(|icon| {
                                view! {
                                    <span class="pf-v6-c-tabs__item-icon">
                                        <i class=icon aria-hidden="true"></i>
                                    </span>
                                }
                            })}
                        <span class="pf-v6-c-tabs__item-text">{t.label}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="pf-v6-c-tabs" aria-label=aria_label role="region">
            <ul class="pf-v6-c-tabs__list" role="tablist" node_ref=list on:keydown=on_key>
                {items}
            </ul>
        </div>
    }
}

/// The panel of tab `index` (rendered by the caller only while it is current).
#[component]
pub fn TabPanel(#[prop(into)] id: String, index: usize, children: Children) -> impl IntoView {
    view! {
        <section
            class="pf-v6-c-tab-content rc-tab-content"
            role="tabpanel"
            id=format!("{id}-panel-{index}")
            aria-labelledby=format!("{id}-tab-{index}")
        >
            {children()}
        </section>
    }
}
