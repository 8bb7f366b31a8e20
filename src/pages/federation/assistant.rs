//! Setup assistant: what issuer and subject mean for common identity providers.

use super::use_fed;
use crate::federation::presets::{preset, PRESETS};
use leptos::prelude::*;

#[component]
pub fn Assistant() -> impl IntoView {
    let fed = use_fed();
    let chosen = RwSignal::new(PRESETS[0].id);
    let current = move || preset(chosen.get()).unwrap_or(&PRESETS[0]);
    let start_entry = move |_| {
        let p = current();
        fed.add(
            p.issuer_example.to_string(),
            p.subject_example.to_string(),
            true,
        );
    };
    view! {
        <div class="rc-fed-assistant">
            <div class="pf-v6-c-toggle-group" role="group" aria-label="Identity provider">
                {PRESETS
                    .iter()
                    .map(|p| {
                        let id = p.id;
                        view! {
                            <div class="pf-v6-c-toggle-group__item">
                                <button
                                    type="button"
                                    class="pf-v6-c-toggle-group__button"
                                    class:pf-m-selected=move || chosen.get() == id
                                    aria-pressed=move || (chosen.get() == id).to_string()
                                    id=format!("federation-preset-{id}")
                                    on:click=move |_| chosen.set(id)
                                >
                                    <span class="pf-v6-c-toggle-group__text">{p.name}</span>
                                </button>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            <dl class="pf-v6-c-description-list rc-fed-preset" data-testid="federation-preset">
                <div class="pf-v6-c-description-list__group">
                    <dt class="pf-v6-c-description-list__term">"Issuer URL"</dt>
                    <dd class="pf-v6-c-description-list__description">
                        <p>{move || current().issuer_help}</p>
                        <code data-testid="preset-issuer">{move || current().issuer_example}</code>
                    </dd>
                </div>
                <div class="pf-v6-c-description-list__group">
                    <dt class="pf-v6-c-description-list__term">"Subject"</dt>
                    <dd class="pf-v6-c-description-list__description">
                        <p>{move || current().subject_help}</p>
                        <code data-testid="preset-subject">{move || current().subject_example}</code>
                    </dd>
                </div>
                <div class="pf-v6-c-description-list__group">
                    <dt class="pf-v6-c-description-list__term">"Get a token to paste below"</dt>
                    <dd class="pf-v6-c-description-list__description">
                        <pre class="rc-fed-pre">{move || current().token_help}</pre>
                    </dd>
                </div>
            </dl>
            <button class="pf-v6-c-button pf-m-secondary" type="button" id="federation-preset-add" on:click=start_entry>
                "Add an entry from this example"
            </button>
            <p class="rc-fed-note">"Replace the <placeholders>, or paste a real token below to fill both fields exactly."</p>
        </div>
    }
}
