//! Tab "Robot Account": name and token, and regenerating the token after a confirmation.

use super::use_creds;
use crate::components::alert::DangerAlert;
use crate::components::alert::WarningAlert;
use crate::components::clipboard::ClipboardCopy;
use crate::components::toast::use_toasts;
use crate::components::when::When;
use crate::server::credentials::regenerate_robot_token;
use leptos::prelude::*;

pub const REGENERATE_WARNING: &str = "Note that once you regenerate token, all existing logins of this robot account will become invalid.";

#[component]
pub fn RobotAccountTab() -> impl IntoView {
    let c = use_creds();
    let shown = RwSignal::new(false);
    let name = c.name.get_value().to_string();
    view! {
        <h3 class="pf-v6-c-title pf-m-md rc-credentials-subtitle">"Username & Robot account"</h3>
        <div class="rc-credentials-field">
            <ClipboardCopy value=name testid="robot-username" aria_label="Robot account name" />
        </div>
        <div class="rc-credentials-field rc-token-field">
            <ClipboardCopy
                value=c.token
                testid="robot-token"
                aria_label="Robot account token"
                masked=Signal::derive(move || !shown.get())
            />
            <button
                type="button"
                class="pf-v6-c-button pf-m-link"
                data-testid="robot-token-show"
                on:click=move |_| shown.update(|s| *s = !*s)
            >
                {move || if shown.get() { "Hide" } else { "Show" }}
            </button>
        </div>
        <WarningAlert text=REGENERATE_WARNING testid="regenerate-warning" />
        <Regenerate shown />
    }
}

/// "Regenerate token now", then a confirmation, then the new token (shown unmasked).
#[component]
fn Regenerate(shown: RwSignal<bool>) -> impl IntoView {
    let c = use_creds();
    let toasts = use_toasts();
    let confirming = RwSignal::new(false);
    let regenerate = Action::new(move |_: &()| {
        regenerate_robot_token(c.namespace.get_value(), c.short.get_value())
    });
    crate::components::effect::effect(move || {
        if let Some(Ok(creds)) = regenerate.value().get() {
            c.token.set(creds.token);
            shown.set(true);
            confirming.set(false);
            toasts.success(format!("Token successfully regenerated for {}", creds.name));
        }
    });
    let error = move || match regenerate.value().get() {
        Some(Err(e)) => {
            Some(view! { <DangerAlert title="Could not regenerate the token" message=e.message /> })
        }
        _ => None,
    };
    let pending = regenerate.pending();
    view! {
        <When
            when=move || confirming.get()
            fallback=move || {
                view! {
                    <button
                        type="button"
                        class="pf-v6-c-button pf-m-secondary"
                        data-testid="regenerate-token"
                        on:click=move |_| confirming.set(true)
                    >
                        "Regenerate token now"
                    </button>
                }
            }
        >
            <div class="rc-regenerate-confirm" data-testid="regenerate-confirm">
                <p>
                    {format!(
                        "Regenerate the token of {}? Every docker, podman or Kubernetes login that uses the current token stops working.",
                        c.name.get_value(),
                    )}
                </p>
                <button
                    type="button"
                    class="pf-v6-c-button pf-m-danger"
                    data-testid="regenerate-token-confirm"
                    disabled=move || pending.get()
                    on:click=move |_| {
                        regenerate.dispatch(());
                    }
                >
                    {move || if pending.get() { "Regenerating…" } else { "Regenerate token" }}
                </button>
                <button
                    type="button"
                    class="pf-v6-c-button pf-m-link"
                    data-testid="regenerate-token-cancel"
                    on:click=move |_| confirming.set(false)
                >
                    "Cancel"
                </button>
            </div>
        </When>
        {error}
    }
}
