//! Tab "Kubernetes": scope, pull secret (shown, copied, downloaded), kubectl command, Pod example.

use super::download::DownloadButton;
use super::use_creds;
use crate::components::clipboard::{ClipboardCopy, CodeBlock};
use crate::credentials::{kubectl_command, pod_yaml, secret_file_name, secret_yaml, SecretScope};
use leptos::prelude::*;

#[component]
pub fn KubernetesTab() -> impl IntoView {
    let c = use_creds();
    let name = c.name.get_value();
    let yaml =
        Signal::derive(move || secret_yaml(&c.scope_value(), &c.name.get_value(), &c.token.get()));
    let pod = pod_yaml(&c.host.get_value(), &c.namespace.get_value(), &name);
    view! {
        <h4 class="pf-v6-c-title pf-m-md rc-credentials-step">"Step 1: Select the scope of the secret."</h4>
        <p>"The Kubernetes runtime can be instructed to use this secret only for a specific Quay organization or registry-wide."</p>
        <div class="rc-scope-row">
            <ScopeSelect />
            <span class="rc-scope-arrow" aria-hidden="true">"→"</span>
            <span data-testid="secret-scope">{move || c.scope_value()}</span>
        </div>
        <h4 class="pf-v6-c-title pf-m-md rc-credentials-step">"Step 2: Download secret."</h4>
        <p>"Next, download the Kubernetes pull secret for the robot account:"</p>
        <CodeBlock value=yaml testid="step-2-secret" />
        <DownloadButton file_name=secret_file_name(&name) text=yaml testid="secret-download" />
        <h4 class="pf-v6-c-title pf-m-md rc-credentials-step">"Step 3: Submit."</h4>
        <p>"Then, submit the secret to the cluster using this command:"</p>
        <ClipboardCopy value=kubectl_command(&name) testid="kubectl-command" aria_label="kubectl command" />
        <h4 class="pf-v6-c-title pf-m-md rc-credentials-step">"Step 4: Update Kubernetes Configuration."</h4>
        // "Kuberenetes" is Quay's text, typo included.
        <p>"Finally, add a reference to the secret to your Kuberenetes pod config via an imagePullSecrets field. For example:"</p>
        <CodeBlock value=pod testid="pod-yaml" />
    }
}

/// The scope select: Organization (`{host}/{ns}`) or Registry (`{host}`).
#[component]
fn ScopeSelect() -> impl IntoView {
    let c = use_creds();
    let open = RwSignal::new(false);
    let options = SecretScope::ALL
        .into_iter()
        .map(|s| {
            view! {
                <li class="pf-v6-c-menu__list-item" role="none">
                    <button
                        type="button"
                        class="pf-v6-c-menu__item"
                        role="option"
                        aria-selected=move || (c.scope.get() == s).to_string()
                        on:click=move |_| {
                            c.scope.set(s);
                            open.set(false);
                        }
                    >
                        <span class="pf-v6-c-menu__item-main">
                            <span class="pf-v6-c-menu__item-text">{s.label()}</span>
                        </span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="rc-scope-select">
            <button
                type="button"
                class="pf-v6-c-menu-toggle"
                aria-expanded=move || open.get().to_string()
                data-testid="secret-scope-toggle"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span class="pf-v6-c-menu-toggle__text">{move || c.scope.get().label()}</span>
                <span class="pf-v6-c-menu-toggle__controls">
                    <span class="pf-v6-c-menu-toggle__toggle-icon">
                        <i class="fas fa-caret-down" aria-hidden="true"></i>
                    </span>
                </span>
            </button>
            <div class="pf-v6-c-menu rc-scope-menu" data-testid="secret-scope-selector" class:rc-hidden=move || !open.get()>
                <div class="pf-v6-c-menu__content">
                    <ul class="pf-v6-c-menu__list" role="listbox">{options}</ul>
                </div>
            </div>
        </div>
    }
}
