//! PatternFly pagination: "1 - 20 of 21", per-page menu (10/20/50/100), previous/next.
//! Paging math lives in plain functions with tests.

use super::menu::{Menu, MenuAction, MenuControl};
use leptos::prelude::*;

pub const PER_PAGE_OPTIONS: [usize; 4] = [10, 20, 50, 100];

/// The last valid page (1-based) for `total` items.
pub fn last_page(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page.max(1)).max(1)
}

/// Index range `[start, end)` of page `page` (1-based), clamped to `total`.
pub fn page_bounds(total: usize, page: usize, per_page: usize) -> (usize, usize) {
    let per_page = per_page.max(1);
    let page = page.clamp(1, last_page(total, per_page));
    let start = ((page - 1) * per_page).min(total);
    (start, (start + per_page).min(total))
}

/// `1 - 20 of 21`, or `0 - 0 of 0` when empty (Quay's texts).
pub fn range_text(total: usize, page: usize, per_page: usize) -> (String, String) {
    let (s, e) = page_bounds(total, page, per_page);
    if total == 0 {
        ("0 - 0".into(), "0".into())
    } else {
        (format!("{} - {}", s + 1, e), total.to_string())
    }
}

/// The items of one page.
pub fn page_slice<T: Clone>(items: &[T], page: usize, per_page: usize) -> Vec<T> {
    let (s, e) = page_bounds(items.len(), page, per_page);
    items[s..e].to_vec()
}

#[component]
pub fn Pagination(
    #[prop(into)] id: String,
    #[prop(into)] total: Signal<usize>,
    page: RwSignal<usize>,
    per_page: RwSignal<usize>,
    #[prop(optional)] bottom: bool,
) -> impl IntoView {
    let menu = MenuControl::new();
    // `page` may point past the end after the list shrank: every use clamps it.
    let current = move || page.get().clamp(1, last_page(total.get(), per_page.get()));
    let texts = move || range_text(total.get(), page.get(), per_page.get());
    let at_first = move || current() <= 1;
    let at_last = move || current() >= last_page(total.get(), per_page.get());
    let class = if bottom {
        "pf-v6-c-pagination pf-m-bottom"
    } else {
        "pf-v6-c-pagination pf-m-compact"
    };
    let testid = id.clone();
    let per_page_actions = PER_PAGE_OPTIONS
        .iter()
        .map(|&n| {
            MenuAction::new(
                format!("per-page-{n}"),
                format!("{n} per page"),
                move || {
                    per_page.set(n);
                    page.set(1);
                },
            )
        })
        .collect::<Vec<_>>();
    view! {
        <div class=class id=id data-testid=testid>
            <div class="pf-v6-c-pagination__page-menu rc-pagination__menu">
                <button
                    class="pf-v6-c-menu-toggle pf-m-plain rc-pagination__toggle"
                    type="button"
                    aria-haspopup="menu"
                    aria-expanded=menu.expanded()
                    node_ref=menu.toggle
                    on:click=menu.on_click()
                    on:keydown=menu.on_keydown()
                >
                    <span class="pf-v6-c-menu-toggle__text">
                        <b>{move || texts().0}</b>
                        " of "
                        <b>{move || texts().1}</b>
                    </span>
                    <span class="pf-v6-screen-reader">", items per page"</span>
                    <span class="pf-v6-c-menu-toggle__controls">
                        <i class="fas fa-caret-down" aria-hidden="true"></i>
                    </span>
                </button>
                <Menu control=menu class="rc-pagination__options" actions=per_page_actions aria_label="Items per page" />
            </div>
            <nav class="pf-v6-c-pagination__nav" aria-label="Pagination">
                <div class="pf-v6-c-pagination__nav-control pf-m-prev">
                    <button
                        class="pf-v6-c-button pf-m-plain"
                        type="button"
                        aria-label="Go to previous page"
                        disabled=at_first
                        on:click=move |_| page.set(current().saturating_sub(1).max(1))
                    >
                        <i class="fas fa-angle-left" aria-hidden="true"></i>
                    </button>
                </div>
                <div class="pf-v6-c-pagination__nav-control pf-m-next">
                    <button
                        class="pf-v6-c-button pf-m-plain"
                        type="button"
                        aria-label="Go to next page"
                        disabled=at_last
                        on:click=move |_| {
                            let last = last_page(total.get_untracked(), per_page.get_untracked());
                            page.set((current() + 1).min(last))
                        }
                    >
                        <i class="fas fa-angle-right" aria-hidden="true"></i>
                    </button>
                </div>
            </nav>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_match_quays_texts() {
        assert_eq!(range_text(21, 1, 20), ("1 - 20".into(), "21".into()));
        assert_eq!(range_text(21, 2, 20), ("21 - 21".into(), "21".into()));
        assert_eq!(range_text(0, 1, 20), ("0 - 0".into(), "0".into()));
        assert_eq!(range_text(1, 1, 20), ("1 - 1".into(), "1".into()));
    }

    #[test]
    fn pages_clamp_to_what_exists() {
        assert_eq!(last_page(0, 20), 1);
        assert_eq!(last_page(40, 20), 2);
        assert_eq!(page_bounds(21, 5, 20), (20, 21));
        assert_eq!(page_slice(&[1, 2, 3, 4, 5], 2, 2), vec![3, 4]);
    }
}
