//! Where focus goes when a dialog goes away (the Modal's other half, `super::modal`): back to
//! what opened it, or to what replaced it, or to the main area; and the frame that makes a
//! lazily loaded dialog's skeleton and the dialog replacing it one dialog to focus.

use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// One dialog to the user shown by several Modals in turn: a lazily loaded dialog's skeleton,
/// then the loaded dialog (or the failed load's Retry) in its place (`components::lazy`
/// provides it). The first of them to open remembers what opened the dialog; when one replaces
/// another, none gives focus back (the next one takes focus); the frame gives it back when the
/// whole dialog goes away.
#[derive(Clone, Default)]
pub struct DialogFrame {
    /// `None` until a Modal opened in the frame; then what had focus before it.
    opener: std::sync::Arc<std::sync::Mutex<Option<SendWrapper<Option<web_sys::HtmlElement>>>>>,
}

impl DialogFrame {
    /// A frame for the Modals rendered under the current owner; it gives focus back when the
    /// owner is cleaned up (the dialog closed).
    pub fn provide() {
        let frame = DialogFrame::default();
        provide_context(frame.clone());
        on_cleanup(move || {
            // Taken only in the browser, by a Modal's effect: nothing to give back on the server.
            let taken = frame.opener.lock().ok().and_then(|mut o| o.take());
            if let Some(opener) = taken {
                give_focus_back(opener.take());
            }
        });
    }

    /// Remembers `active` as the opener unless an earlier Modal of the frame did.
    pub(super) fn claim(&self, active: Option<web_sys::HtmlElement>) {
        if let Ok(mut o) = self.opener.lock() {
            o.get_or_insert_with(|| SendWrapper::new(active));
        }
    }
}

/// Focuses `opener` again, or the element that now has its id, or else the main area.
pub(super) fn give_focus_back(opener: Option<web_sys::HtmlElement>) {
    let id = opener.as_ref().map(|o| o.id()).unwrap_or_default();
    match opener.filter(|o| o.is_connected()) {
        Some(o) => {
            let _ = o.focus();
        }
        None => restore_focus(&id),
    }
    // A change the dialog made often re-renders the list right after it closed, taking the
    // opener away with focus: keep an eye on it for a moment.
    keep_focus(id, 30);
}

/// Runs `then` once `el` is in the page and laid out: now, or on one of the next `tries` checks
/// (10 ms apart for the first 50, then 25 ms), unless the dialog closed meanwhile (`open`).
pub(super) fn when_shown(
    el: SendWrapper<web_sys::HtmlDivElement>,
    open: std::sync::Arc<std::sync::atomic::AtomicBool>,
    tries: u32,
    then: impl FnOnce(SendWrapper<web_sys::HtmlDivElement>) + 'static,
) {
    if !open.load(std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    if el.is_connected() && (el.offset_width() > 0 || el.offset_height() > 0) {
        then(el);
    } else if tries > 0 {
        let pause = if tries > 2_350 { 10 } else { 25 };
        set_timeout(
            move || when_shown(el, open, tries - 1, then),
            std::time::Duration::from_millis(pause),
        );
    }
}

/// Focuses the element with `id` (when there is one), else the main area.
fn restore_focus(id: &str) {
    use wasm_bindgen::JsCast;
    let doc = document();
    let by_id = Some(id)
        .filter(|id| !id.is_empty())
        .and_then(|id| doc.get_element_by_id(id));
    let target = by_id.or_else(|| doc.query_selector("main").ok().flatten());
    if let Some(t) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = t.focus();
    }
}

/// Every 100 ms for `tries` times: if focus was lost (it is on the body), restores it.
fn keep_focus(id: String, tries: u32) {
    set_timeout(
        move || {
            let body = document().body();
            let lost = super::focus::active().is_none_or(|a| body.is_some_and(|b| b == a));
            if lost {
                restore_focus(&id);
            } else if tries > 0 {
                keep_focus(id, tries - 1);
            }
        },
        std::time::Duration::from_millis(100),
    );
}
