//! Keyboard focus helpers shared by the Modal (focus trap) and the Menu (roving focus): which
//! elements take focus, where Tab and the arrow keys go next. The index logic is plain functions
//! with tests; the DOM parts run only in the browser, from effects and event handlers.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Elements that take focus with Tab (not those taken out of the Tab order with `tabindex=-1`).
pub const FOCUSABLE: &str = "a[href]:not([tabindex='-1']), button:not([disabled]):not([tabindex='-1']), \
input:not([disabled]):not([type=hidden]):not([tabindex='-1']), select:not([disabled]):not([tabindex='-1']), \
textarea:not([disabled]):not([tabindex='-1']), [tabindex]:not([tabindex='-1'])";

/// The enabled items of a menu.
pub const MENU_ITEMS: &str = "[role=menuitem]:not([disabled]):not([aria-disabled=true])";

/// Where Tab (or Shift+Tab) must wrap inside a trap of `len` elements when focus is at `current`
/// (`None`: focus is outside): `Some(i)` to move focus there, `None` to let the browser move it.
pub fn trap_target(len: usize, current: Option<usize>, backwards: bool) -> Option<usize> {
    if len == 0 {
        return None;
    }
    match (current, backwards) {
        (None, false) => Some(0),
        (None, true) => Some(len - 1),
        (Some(0), true) => Some(len - 1),
        (Some(i), false) if i + 1 >= len => Some(0),
        _ => None,
    }
}

/// The menu item a key moves to (WAI-ARIA menu: arrows wrap, Home/End), or `None` for other keys.
pub fn menu_target(key: &str, len: usize, current: Option<usize>) -> Option<usize> {
    if len == 0 {
        return None;
    }
    match key {
        "ArrowDown" => Some(current.map_or(0, |i| (i + 1) % len)),
        "ArrowUp" => Some(current.map_or(len - 1, |i| (i + len - 1) % len)),
        "Home" | "PageUp" => Some(0),
        "End" | "PageDown" => Some(len - 1),
        _ => None,
    }
}

/// The elements under `root` matching `selector` that are shown (not `display: none`).
pub fn shown(root: &Element, selector: &str) -> Vec<HtmlElement> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .filter(|e| e.offset_width() > 0 || e.offset_height() > 0)
        .collect()
}

/// The element that has focus now.
pub fn active() -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// Index of the focused element in `items`.
pub fn index_of_active(items: &[HtmlElement]) -> Option<usize> {
    let a = active()?;
    items.iter().position(|e| *e == a)
}

/// Focuses the first shown element matching one of `selectors` under `root`, trying them in order.
pub fn focus_first(root: &Element, selectors: &[&str]) -> bool {
    for s in selectors {
        if let Some(e) = shown(root, s).into_iter().next() {
            let _ = e.focus();
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_wraps_at_both_ends_and_pulls_focus_back_in() {
        assert_eq!(trap_target(3, Some(2), false), Some(0));
        assert_eq!(trap_target(3, Some(0), true), Some(2));
        assert_eq!(trap_target(3, Some(1), false), None);
        assert_eq!(trap_target(3, Some(1), true), None);
        assert_eq!(trap_target(3, None, false), Some(0));
        assert_eq!(trap_target(3, None, true), Some(2));
        assert_eq!(trap_target(1, Some(0), false), Some(0));
        assert_eq!(trap_target(0, None, false), None);
    }

    #[test]
    fn arrows_wrap_and_home_end_jump() {
        assert_eq!(menu_target("ArrowDown", 3, Some(2)), Some(0));
        assert_eq!(menu_target("ArrowUp", 3, Some(0)), Some(2));
        assert_eq!(menu_target("ArrowDown", 3, None), Some(0));
        assert_eq!(menu_target("ArrowUp", 3, None), Some(2));
        assert_eq!(menu_target("Home", 3, Some(1)), Some(0));
        assert_eq!(menu_target("End", 3, Some(0)), Some(2));
        assert_eq!(menu_target("a", 3, Some(0)), None);
        assert_eq!(menu_target("ArrowDown", 0, None), None);
    }
}
