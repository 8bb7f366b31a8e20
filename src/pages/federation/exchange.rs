//! Test exchange: the server exchanges the pasted token at the registry, as the robot would.

use super::use_fed;
use crate::components::when::When;
use crate::dates::format_medium;
use crate::federation::jwt::{decode, relative};
use crate::federation::{exchange_hint, now_epoch};
use crate::server::federation::TestExchange;
use leptos::prelude::*;

#[component]
pub fn ExchangePanel() -> impl IntoView {
    let fed = use_fed();
    let test = ServerAction::<TestExchange>::new();
    let show_token = RwSignal::new(false);
    let run = move |_| {
        show_token.set(false);
        match fed
            .jwt
            .with_untracked(|j| crate::quay::ids::Jwt::parse(j.trim()))
        {
            Ok(jwt) => {
                test.dispatch(TestExchange {
                    namespace: fed.namespace.get_value(),
                    robot: fed.robot.get_value(),
                    jwt,
                });
            }
            Err(e) => test
                .value()
                .set(Some(Err(crate::error::AppError::invalid(e.message)))),
        }
    };
    let result = move || {
        let robot = fed.robot.get_value();
        match test.value().get() {
            None => ().into_any(),
            Some(Ok(ok)) => {
                let now = now_epoch();
                let until = ok
                    .expires_at
                    .map(|t| {
                        format!(
                            "valid until {} UTC ({})",
                            format_medium(t),
                            relative(t, now)
                        )
                    })
                    .unwrap_or_else(|| "with no readable expiry".into());
                let token = ok.token.clone();
                view! {
                    <div class="pf-v6-c-alert pf-m-inline pf-m-success" data-testid="exchange-result">
                        <div class="pf-v6-c-alert__icon">
                            <i class="fas fa-check-circle" aria-hidden="true"></i>
                        </div>
                        <p class="pf-v6-c-alert__title">"Exchange succeeded"</p>
                        <div class="pf-v6-c-alert__description">
                            <p data-testid="exchange-expiry">
                                {format!("Quay issued a robot token for {robot}, {until}.")}
                            </p>
                            <When
                                when=move || show_token.get()
                                fallback=move || view! {
                                    <button class="pf-v6-c-button pf-m-link pf-m-inline" type="button" id="exchange-show-token" on:click=move |_| show_token.set(true)>
                                        "Show token"
                                    </button>
                                }
                            >
                                <pre class="rc-fed-pre rc-fed-token-value" data-testid="exchange-token">{token.clone()}</pre>
                            </When>
                        </div>
                    </div>
                }
                .into_any()
            }
            Some(Err(e)) => {
                let iss = decode(&fed.jwt.get_untracked()).ok().and_then(|d| d.iss);
                let hint = exchange_hint(&e.message, iss.as_deref());
                view! {
                    <div class="pf-v6-c-alert pf-m-inline pf-m-danger" data-testid="exchange-result">
                        <div class="pf-v6-c-alert__icon">
                            <i class="fas fa-exclamation-circle" aria-hidden="true"></i>
                        </div>
                        <p class="pf-v6-c-alert__title">"Exchange failed"</p>
                        <div class="pf-v6-c-alert__description">
                            <p data-testid="exchange-error">{e.message.clone()}</p>
                            {hint.map(|h| view! { <p data-testid="exchange-hint"><strong>"Likely cause: "</strong>{h}</p> })}
                        </div>
                    </div>
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="rc-fed-exchange">
            <p class="rc-fed-note">
                {move || format!(
                    "Test exchange sends the token to the console server, which calls {} as {} with it. Quay checks the saved entries: press Save first.",
                    fed.exchange_url.get_value(),
                    fed.robot.get_value(),
                )}
            </p>
            <button
                class="pf-v6-c-button pf-m-primary"
                type="button"
                id="federation-test-exchange"
                disabled=move || test.pending().get() || fed.jwt.with(|j| j.trim().is_empty())
                on:click=run
            >
                {move || if test.pending().get() { "Testing…" } else { "Test exchange" }}
            </button>
            {result}
        </div>
    }
}
