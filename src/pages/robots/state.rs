//! The table's reactive state, its derived rows and remembered preferences.

use crate::quay::ids::RobotName;
use crate::robot_list::{now_epoch, visible_rows, Expansion, RobotRow, Sort, TablePrefs, Usage};
use leptos::prelude::*;
use std::collections::HashSet;

#[derive(Clone, Copy)]
pub struct ListState {
    /// The loaded robots (kept by the tab across reloads, so search and paging survive them).
    pub rows: Signal<Vec<RobotRow>>,
    pub search: RwSignal<String>,
    pub usage: RwSignal<Usage>,
    pub sort: RwSignal<Sort>,
    /// The page the user chose; every reader clamps it to the pages that exist.
    pub page: RwSignal<usize>,
    pub per_page: RwSignal<usize>,
    pub expansion: RwSignal<Expansion>,
    /// Rows toggled by hand against the mode.
    pub toggled: RwSignal<HashSet<RobotName>>,
    /// Filtered and sorted rows.
    pub visible: Memo<Vec<RobotRow>>,
    /// The rows of the current page.
    pub page_rows: Memo<Vec<RobotRow>>,
}

impl ListState {
    pub fn new(rows: Signal<Vec<RobotRow>>) -> Self {
        let search = RwSignal::new(String::new());
        let usage = RwSignal::new(Usage::All);
        let sort = RwSignal::new(Sort::default());
        let page = RwSignal::new(1);
        let per_page = RwSignal::new(TablePrefs::default().per_page);
        let visible = Memo::new(move |_| {
            rows.with(|r| visible_rows(r, &search.get(), usage.get(), sort.get(), now_epoch()))
        });
        // `page_slice` clamps: after a reload shrinks the list, the last page that exists shows.
        let page_rows = Memo::new(move |_| {
            visible
                .with(|v| crate::components::pagination::page_slice(v, page.get(), per_page.get()))
        });
        // A new search, filter or sort starts at page 1.
        crate::components::effect::on_change(
            move || (search.get(), usage.get(), sort.get()),
            move || page.set(1),
        );
        let state = ListState {
            rows,
            search,
            usage,
            sort,
            page,
            per_page,
            expansion: RwSignal::new(Expansion::Collapsed),
            toggled: RwSignal::new(HashSet::new()),
            visible,
            page_rows,
        };
        state.remember_prefs();
        state
    }

    pub fn is_expanded(&self, name: &RobotName) -> bool {
        (self.expansion.get() == Expansion::Expanded) ^ self.toggled.with(|t| t.contains(name))
    }

    pub fn toggle_row(&self, name: &RobotName) {
        self.toggled.update(|t| {
            if !t.remove(name) {
                t.insert(name.clone());
            }
        });
    }

    /// Loads the preferences once in the browser, then saves every change (gloo-storage).
    fn remember_prefs(&self) {
        let s = *self;
        crate::components::effect::effect_with_first(move |first| {
            use gloo_storage::Storage;
            if first {
                if let Some(p) =
                    crate::json::page_stored::<TablePrefs>(crate::robot_list::PREFS_KEY)
                {
                    if crate::components::pagination::PER_PAGE_OPTIONS.contains(&p.per_page) {
                        s.per_page.set(p.per_page);
                    }
                    s.sort.set(p.sort);
                    s.expansion.set(if p.expanded {
                        Expansion::Expanded
                    } else {
                        Expansion::Collapsed
                    });
                }
            }
            let prefs = TablePrefs {
                per_page: s.per_page.get(),
                sort: s.sort.get(),
                expanded: s.expansion.get() == Expansion::Expanded,
            };
            if !first {
                let _ = gloo_storage::LocalStorage::set(crate::robot_list::PREFS_KEY, &prefs);
            }
        });
        // A new expand mode forgets rows toggled by hand.
        crate::components::effect::on_change(
            move || s.expansion.get(),
            move || s.toggled.set(HashSet::new()),
        );
    }
}
