//! PatternFly modal box over a backdrop, the one accessible dialog of the console (WAI-ARIA
//! dialog pattern): it moves focus inside when it opens (to the first element marked
//! `data-autofocus`, else the first control of its body, else its footer, else the close
//! button), keeps Tab and Shift+Tab inside, calls `on_close` on Escape (wherever focus is) and
//! on the X button, and gives focus back to what opened it when it goes away.
//! Render it inside `<When>`: it exists only while open.

use super::focus::{focus_first, index_of_active, shown, trap_target, FOCUSABLE};
use super::focus_return::{give_focus_back, when_shown, DialogFrame};
use leptos::prelude::*;
use send_wrapper::SendWrapper;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ModalSize {
    Small,
    #[default]
    Medium,
    Large,
}

impl ModalSize {
    fn class(self) -> &'static str {
        match self {
            ModalSize::Small => "pf-v6-c-modal-box pf-m-sm",
            ModalSize::Medium => "pf-v6-c-modal-box pf-m-md",
            ModalSize::Large => "pf-v6-c-modal-box pf-m-lg",
        }
    }
}

#[component]
pub fn Modal(
    #[prop(into)] title: Signal<String>,
    /// id and data-testid of the modal box.
    #[prop(into)]
    id: String,
    #[prop(optional)] size: ModalSize,
    #[prop(optional, into)] description: Option<String>,
    #[prop(optional, into)] aria_label: Option<String>,
    #[prop(into)] on_close: Callback<()>,
    children: Children,
    /// Footer buttons; none = no footer.
    #[prop(optional)]
    footer: Option<ChildrenFn>,
    /// A warning icon before the title.
    #[prop(optional)]
    warning: bool,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let testid = id.clone();
    let dialog = NodeRef::<leptos::html::Div>::new();
    let frame = use_context::<DialogFrame>();
    crate::components::effect::effect(move || {
        let Some(el) = dialog.get() else { return };
        // A dialog inside a Suspense (a lazily loaded one) is built before it is in the page:
        // the trap starts once it is shown, so that focus can move inside.
        let owner = Owner::current();
        let frame = frame.clone();
        let open = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let still_open = open.clone();
        on_cleanup(move || open.store(false, std::sync::atomic::Ordering::Relaxed));
        // Its Suspense may wait for the dialog's data (a slow Quay): keep looking for a minute.
        when_shown(
            SendWrapper::new(el),
            still_open,
            2_400,
            move |el| match &owner {
                Some(owner) => owner.with(|| trap_focus(&el, on_close, frame)),
                None => trap_focus(&el, on_close, frame),
            },
        );
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.stop_propagation();
            on_close.run(());
        } else if ev.key() == "Tab" {
            let Some(el) = dialog.get_untracked() else {
                return;
            };
            let items = shown(&el, FOCUSABLE);
            if let Some(i) = trap_target(items.len(), index_of_active(&items), ev.shift_key()) {
                ev.prevent_default();
                let _ = items[i].focus();
            }
        }
    };
    view! {
        <div class="pf-v6-c-backdrop" on:keydown=on_key>
            <div class="pf-v6-l-bullseye">
                <div
                    node_ref=dialog
                    class=size.class()
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby=labelled_by
                    aria-label=aria_label
                    id=id
                    data-testid=testid
                >
                    <div class="pf-v6-c-modal-box__close">
                        <button
                            class="pf-v6-c-button pf-m-plain"
                            type="button"
                            aria-label="Close"
                            on:click=move |_| on_close.run(())
                        >
                            <i class="fas fa-times" aria-hidden="true"></i>
                        </button>
                    </div>
                    <header class="pf-v6-c-modal-box__header">
                        <h1 class="pf-v6-c-modal-box__title" id=title_id>
                            {warning
                                .then(|| {
                                    view! {
                                        <span class="pf-v6-c-modal-box__title-icon rc-warning-icon">
                                            <i class="fas fa-exclamation-triangle" aria-hidden="true"></i>
                                        </span>
                                    }
                                })}
                            <span class="pf-v6-c-modal-box__title-text">{move || title.get()}</span>
                        </h1>
                        {description
                            .map(|d| view! { <div class="pf-v6-c-modal-box__description">{d}</div> })}
                    </header>
                    <div class="pf-v6-c-modal-box__body">{children()}</div>
                    {footer.map(|f| view! { <footer class="pf-v6-c-modal-box__footer">{move || f()}</footer> })}
                </div>
            </div>
        </div>
    }
}

/// Runs once the dialog is in the page: remembers what had focus, moves focus inside, handles
/// Escape and Tab pressed while focus is outside (after a click on the backdrop, or when the
/// focused element went away), and gives focus back
/// when the dialog is removed: to the opener, or the element that now has its id (the list was
/// re-rendered), or else the main area (the opener is gone, e.g. a deleted row). In a
/// [`DialogFrame`] the frame remembers the opener and gives focus back instead.
fn trap_focus(el: &web_sys::HtmlDivElement, on_close: Callback<()>, frame: Option<DialogFrame>) {
    let active = super::focus::active();
    let opener = match frame {
        Some(frame) => {
            frame.claim(active);
            None
        }
        None => Some(SendWrapper::new(active)),
    };
    let body = format!(".pf-v6-c-modal-box__body :is({FOCUSABLE})");
    let footer = format!(".pf-v6-c-modal-box__footer :is({FOCUSABLE})");
    focus_first(
        el,
        &[
            "[data-autofocus]",
            body.as_str(),
            footer.as_str(),
            FOCUSABLE,
        ],
    );
    let inside = SendWrapper::new(el.clone());
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        let outside = super::focus::active().is_none_or(|a| {
            let node: &web_sys::Node = &a;
            !inside.contains(Some(node))
        });
        if !outside {
            return;
        }
        match ev.key().as_str() {
            "Escape" => on_close.run(()),
            // Focus fell out (its element went away, or a click on the backdrop): Tab brings it
            // back in.
            "Tab" => {
                let items = shown(&inside, FOCUSABLE);
                if let Some(i) = trap_target(items.len(), None, ev.shift_key()) {
                    ev.prevent_default();
                    let _ = items[i].focus();
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || {
        escape.remove();
        if let Some(opener) = opener {
            give_focus_back(opener.take());
        }
    });
}
