//! `/signin`: paste a Quay OAuth access token.

use crate::server::session::{sign_in_options, SignIn, SignInDemo};
use leptos::prelude::*;

#[component]
pub fn SignInPage() -> impl IntoView {
    let sign_in = ServerAction::<SignIn>::new();
    let demo = ServerAction::<SignInDemo>::new();
    let options = crate::json::page_resource(|| (), |_| sign_in_options());
    // `?error=` after a sign-in with Quay: a known code, shown as its sentence (never as typed).
    let query = crate::router::use_query("error");
    let oauth_error = move || query.get().map(|c| crate::oauth::error_message(&c));
    let error = move || match sign_in.value().get() {
        Some(Err(e)) => Some(e.message),
        _ => None,
    };
    view! {
        <section class="pf-v6-c-page__main-section rc-signin">
            <div class="pf-v6-c-card rc-signin__card">
                <div class="pf-v6-c-card__title">
                    <h1 class="pf-v6-c-title pf-m-xl">"Sign in to Robot console"</h1>
                </div>
                <div class="pf-v6-c-card__body">
                    {move || oauth_error().map(|m| view! {
                        <div class="pf-v6-c-alert pf-m-danger pf-m-inline" role="alert" data-testid="oauth-error">
                            <p class="pf-v6-c-alert__title">{m}</p>
                        </div>
                    })}
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            options.await.unwrap_or_default().oauth.then(|| view! {
                                <div class="rc-signin__oauth">
                                    <a class="pf-v6-c-button pf-m-primary pf-m-block" href="/oauth/start" id="signin-with-quay" rel="external">
                                        "Sign in with Quay"
                                    </a>
                                    <p class="rc-fed-note">
                                        "Only administrators of the organization that owns the console's OAuth application can authorize it; Quay refuses others. Everyone can paste an access token below."
                                    </p>
                                </div>
                            })
                        })}
                    </Suspense>
                    <p class="rc-subtitle">
                        "Paste a Quay OAuth access token. It stays on the console server, in an encrypted cookie; it is never sent back to the browser."
                    </p>
                    <ActionForm action=sign_in attr:class="pf-v6-c-form" attr:id="signin-form">
                        <crate::csrf::CsrfField />
                        <div class="pf-v6-c-form__group">
                            <div class="pf-v6-c-form__group-label">
                                <label class="pf-v6-c-form__label" for="signin-token">
                                    <span class="pf-v6-c-form__label-text">"Access token"</span>
                                </label>
                            </div>
                            <div class="pf-v6-c-form__group-control">
                                <span class="pf-v6-c-form-control">
                                    <input
                                        type="password"
                                        id="signin-token"
                                        name="token"
                                        autocomplete="off"
                                        required
                                        aria-invalid=move || error().map(|_| "true")
                                        aria-describedby=move || error().map(|_| "signin-error")
                                    />
                                </span>
                                {move || {
                                    error()
                                        .map(|m| {
                                            view! {
                                                <div class="pf-v6-c-helper-text">
                                                    <div
                                                        class="pf-v6-c-helper-text__item pf-m-error"
                                                        id="signin-error"
                                                        role="alert"
                                                    >
                                                        <span class="pf-v6-c-helper-text__item-text">{m}</span>
                                                    </div>
                                                </div>
                                            }
                                        })
                                }}
                            </div>
                        </div>
                        <div class="pf-v6-c-form__group pf-m-action">
                            <div class="pf-v6-c-form__actions">
                                <button
                                    type="submit"
                                    class="pf-v6-c-button pf-m-primary"
                                    id="signin-submit"
                                    disabled=move || sign_in.pending().get()
                                >
                                    "Sign in"
                                </button>
                            </div>
                        </div>
                    </ActionForm>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            if options.await.unwrap_or_default().demo {
                                view! {
                                    <div class="rc-signin__demo">
                                        <p>"This console runs on its embedded demo backend."</p>
                                        <ActionForm action=demo>
                                            <crate::csrf::CsrfField />
                                            <button
                                                type="submit"
                                                class="pf-v6-c-button pf-m-secondary"
                                                id="signin-demo"
                                            >
                                                "Continue as the demo admin"
                                            </button>
                                        </ActionForm>
                                    </div>
                                }
                                    .into_any()
                            } else {
                                ().into_any()
                            }
                        })}
                    </Suspense>
                    <details class="rc-signin__help" open=true>
                        <summary>"How do I get a token, and which scopes does it need?"</summary>
                        <p>
                            "In Quay, open an organization you administer → Applications → Create New Application. Open the application → Generate Token, tick these scopes, then Authorize Application and copy the token:"
                        </p>
                        <ul class="pf-v6-c-list rc-scope-list" data-testid="signin-scopes">
                            {crate::standing::SCOPES
                                .iter()
                                .map(|s| {
                                    view! {
                                        <li>
                                            <strong>{s.label}</strong>
                                            {format!(" ({}): {}", s.name, s.needed_for)}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                        <p>"A token without a scope still signs you in; the action that needs the scope then says which one is missing."</p>
                    </details>
                </div>
            </div>
        </section>
    }
}
