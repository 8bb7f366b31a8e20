//! Usage snippets for the federated robot (built by `crate::federation::snippets`).

use super::use_fed;
use crate::federation::snippets::{
    ci_script, external_secrets_yaml, podman_login, service_account_from_subjects,
};
use leptos::prelude::*;

#[component]
pub fn Snippets() -> impl IntoView {
    let fed = use_fed();
    let robot = fed.robot.get_value();
    let host = fed.registry_host.get_value();
    let url = fed.exchange_url.get_value();
    let (r, h) = (robot.clone(), host.clone());
    let yaml = move || {
        let sa = fed
            .saved
            .with(|s| service_account_from_subjects(s.iter().map(|e| e.subject.as_str())));
        external_secrets_yaml(&r, &h, sa.as_deref().unwrap_or("default"))
    };
    view! {
        <div class="rc-fed-snippets">
            <h3 class="pf-v6-c-title pf-m-md">"Kubernetes: External Secrets Operator"</h3>
            <p class="rc-fed-note">
                "The QuayAccessToken generator exchanges a service account token for a robot token; the ExternalSecret keeps a pull secret fresh (tokens live one hour, refreshed every 55 minutes)."
            </p>
            <Code testid="snippet-external-secret" text=Signal::derive(yaml) />
            <h3 class="pf-v6-c-title pf-m-md">"podman login with an exchanged token"</h3>
            <Code testid="snippet-podman" text=Signal::stored(podman_login(&robot, &host)) />
            <h3 class="pf-v6-c-title pf-m-md">"CI job: exchange and log in"</h3>
            <Code testid="snippet-ci" text=Signal::stored(ci_script(&robot, &host, &url)) />
        </div>
    }
}

#[component]
fn Code(testid: &'static str, text: Signal<String>) -> impl IntoView {
    view! {
        <div class="pf-v6-c-code-block">
            <div class="pf-v6-c-code-block__content">
                <pre class="pf-v6-c-code-block__pre">
                    <code class="pf-v6-c-code-block__code" data-testid=testid>{move || text.get()}</code>
                </pre>
            </div>
        </div>
    }
}
