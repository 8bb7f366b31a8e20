//! Paste a token: decoded in the browser (nothing is sent), one click fills issuer and subject.

use super::use_fed;
use crate::dates::format_medium;
use crate::federation::jwt::{decode, relative, DecodedJwt};
use crate::federation::now_epoch;
use leptos::prelude::*;

/// `Nov 29, 2022, 1:48 PM UTC (in 1 hour)`.
fn when(t: i64, now: i64) -> String {
    format!("{} UTC ({})", format_medium(t), relative(t, now))
}

#[component]
pub fn TokenDecoder() -> impl IntoView {
    let fed = use_fed();
    let decoded = Memo::new(move |_| {
        let t = fed.jwt.get();
        (!t.trim().is_empty()).then(|| decode(&t))
    });
    let fill = move |_| {
        let Some(Ok(d)) = decoded.get_untracked() else {
            return;
        };
        let (iss, sub) = (d.iss.unwrap_or_default(), d.sub.unwrap_or_default());
        let rows = fed.rows.get_untracked();
        if let Some(r) = rows
            .iter()
            .find(|r| r.issuer.get_untracked() == iss && r.subject.get_untracked() == sub)
        {
            r.expanded.set(true);
        } else if let Some(r) = rows
            .iter()
            .find(|r| r.issuer.get_untracked().is_empty() && r.subject.get_untracked().is_empty())
        {
            r.issuer.set(iss);
            r.subject.set(sub);
            r.expanded.set(true);
        } else {
            fed.add(iss, sub, true);
        }
    };
    view! {
        <div class="pf-v6-c-form rc-fed-token">
            <div class="pf-v6-c-form__group">
                <div class="pf-v6-c-form__group-label">
                    <label class="pf-v6-c-form__label" for="federation-jwt">
                        <span class="pf-v6-c-form__label-text">"Token (JWT) from your identity provider"</span>
                    </label>
                </div>
                <div class="pf-v6-c-form__group-control">
                    <span class="pf-v6-c-form-control pf-m-textarea pf-m-resize-vertical">
                        <textarea
                            id="federation-jwt"
                            rows="3"
                            spellcheck="false"
                            autocomplete="off"
                            placeholder="eyJhbGciOi..."
                            bind:value=fed.jwt
                        ></textarea>
                    </span>
                    <div class="pf-v6-c-form__helper-text">
                        <div class="pf-v6-c-helper-text">
                            <div class="pf-v6-c-helper-text__item">
                                <span class="pf-v6-c-helper-text__item-text">
                                    "Decoded here in your browser, without checking the signature. Nothing is sent anywhere unless you press Test exchange."
                                </span>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            {move || match decoded.get() {
                None => ().into_any(),
                Some(Err(msg)) => view! {
                    <div class="pf-v6-c-helper-text">
                        <div class="pf-v6-c-helper-text__item pf-m-error" data-testid="jwt-error">
                            <span class="pf-v6-c-helper-text__item-text">{msg}</span>
                        </div>
                    </div>
                }
                .into_any(),
                Some(Ok(d)) => view! {
                    <Claims d=d />
                    <button class="pf-v6-c-button pf-m-secondary" type="button" id="federation-fill" on:click=fill>
                        "Fill issuer and subject"
                    </button>
                }
                .into_any(),
            }}
        </div>
    }
}

#[component]
fn Claims(d: DecodedJwt) -> impl IntoView {
    let now = now_epoch();
    let expired = d.is_expired(now);
    let row = |term: &'static str, key: &'static str, value: String| {
        view! {
            <div class="pf-v6-c-description-list__group">
                <dt class="pf-v6-c-description-list__term">{term}</dt>
                <dd class="pf-v6-c-description-list__description" data-testid=format!("claim-{key}")>
                    {value}
                </dd>
            </div>
        }
    };
    let none = || "(none)".to_string();
    let exp = d.exp.map(|t| when(t, now)).unwrap_or_else(none);
    let iat = d.iat.map(|t| when(t, now)).unwrap_or_else(none);
    let aud = if d.aud.is_empty() {
        none()
    } else {
        d.aud.join(", ")
    };
    let alg = format!(
        "{}{}",
        d.alg.clone().unwrap_or_else(none),
        d.kid
            .as_ref()
            .map(|k| format!(" (key {k})"))
            .unwrap_or_default()
    );
    let json = serde_json::to_string_pretty(&serde_json::json!({
        "header": d.header,
        "claims": d.claims,
    }))
    .unwrap_or_default();
    view! {
        <div class="rc-fed-claims" data-testid="jwt-claims">
            {expired
                .then(|| {
                    view! {
                        <div class="pf-v6-c-alert pf-m-inline pf-m-warning" data-testid="jwt-expired">
                            <div class="pf-v6-c-alert__icon">
                                <i class="fas fa-exclamation-triangle" aria-hidden="true"></i>
                            </div>
                            <p class="pf-v6-c-alert__title">
                                "This token has expired: Quay will refuse it. Get a fresh one to test the exchange."
                            </p>
                        </div>
                    }
                })}
            <dl class="pf-v6-c-description-list pf-m-horizontal pf-m-compact">
                {row("Issuer (iss)", "iss", d.iss.clone().unwrap_or_else(none))}
                {row("Subject (sub)", "sub", d.sub.clone().unwrap_or_else(none))}
                {row("Audience (aud)", "aud", aud)}
                {row(if expired { "Expired (exp)" } else { "Expires (exp)" }, "exp", exp)}
                {row("Issued (iat)", "iat", iat)}
                {row("Algorithm", "alg", alg)}
            </dl>
            <details class="rc-fed-json">
                <summary>"Header and claims (JSON)"</summary>
                <pre class="rc-fed-pre" data-testid="jwt-json">{json}</pre>
            </details>
        </div>
    }
}
