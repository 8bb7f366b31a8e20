//! Pieces of PatternFly compact tables that several tables share.

use leptos::prelude::*;

/// `<thead>` with the given column titles, after an empty cell for the row checkboxes when
/// `check` is set.
#[component]
pub fn TableHead(columns: &'static [&'static str], #[prop(optional)] check: bool) -> impl IntoView {
    view! {
        <thead class="pf-v6-c-table__thead">
            <tr class="pf-v6-c-table__tr">
                {check.then(|| view! { <td class="pf-v6-c-table__td"></td> })}
                {columns
                    .iter()
                    .map(|c| view! { <th class="pf-v6-c-table__th" scope="col">{*c}</th> })
                    .collect_view()}
            </tr>
        </thead>
    }
}

/// A row's checkbox cell (test id `checkbox-row-{name}`); `on_toggle` gets the new state.
/// Without `on_toggle` the box is shown checked and disabled.
#[component]
pub fn CheckCell(
    /// The row's name, for the test id and the accessible label.
    #[prop(into)]
    name: String,
    #[prop(into)] label: String,
    #[prop(into)] checked: Signal<bool>,
    #[prop(optional, into)] on_toggle: Option<Callback<bool>>,
) -> impl IntoView {
    let disabled = on_toggle.is_none();
    view! {
        <td class="pf-v6-c-table__td pf-v6-c-table__check">
            <label class="pf-v6-c-check pf-m-standalone">
                <input
                    class="pf-v6-c-check__input"
                    type="checkbox"
                    data-testid=format!("checkbox-row-{name}")
                    aria-label=label
                    disabled=disabled
                    prop:checked=move || checked.get()
                    on:change=move |ev| {
                        if let Some(cb) = on_toggle {
                            cb.run(event_target_checked(&ev));
                        }
                    }
                />
            </label>
        </td>
    }
}

/// A disabled menu toggle that only shows a value (review views).
#[component]
pub fn ValueToggle(#[prop(into)] value: String) -> impl IntoView {
    view! {
        <button class="pf-v6-c-menu-toggle pf-m-disabled" type="button" disabled>
            <span class="pf-v6-c-menu-toggle__text">{value}</span>
        </button>
    }
}

/// Which rows a selectable table shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    All,
    Selected,
}

impl Shown {
    /// The All/Selected toggle's buttons (ids `All`, `Selected`, as Quay's).
    pub fn toggle_items() -> Vec<crate::components::toggle_group::ToggleItem<Shown>> {
        use crate::components::toggle_group::item;
        vec![
            item(Shown::All, "All", "All"),
            item(Shown::Selected, "Selected", "Selected"),
        ]
    }
}

/// The controls of a selectable table: search text, All/Selected, page and page size. A new
/// search or view starts again at page 1.
#[derive(Clone, Copy)]
pub struct TableControls {
    pub query: RwSignal<String>,
    pub show: RwSignal<Shown>,
    pub page: RwSignal<usize>,
    pub per_page: RwSignal<usize>,
}

impl TableControls {
    pub fn new() -> Self {
        let c = Self {
            query: RwSignal::new(String::new()),
            show: RwSignal::new(Shown::All),
            page: RwSignal::new(1),
            per_page: RwSignal::new(20),
        };
        crate::components::effect::on_change(
            move || (c.query.get(), c.show.get()),
            move || c.page.set(1),
        );
        c
    }

    /// "Selected" is chosen in the All/Selected toggle.
    pub fn only_selected(&self) -> bool {
        self.show.get() == Shown::Selected
    }
}

impl Default for TableControls {
    fn default() -> Self {
        Self::new()
    }
}
