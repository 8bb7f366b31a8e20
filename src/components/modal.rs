//! PatternFly modal box over a backdrop. Escape and the X button call `on_close`.
//! Render it inside `<Show>`: it exists only while open.

use leptos::prelude::*;

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
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            on_close.run(());
        }
    };
    view! {
        <div class="pf-v6-c-backdrop" on:keydown=on_key>
            <div class="pf-v6-l-bullseye">
                <div
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
