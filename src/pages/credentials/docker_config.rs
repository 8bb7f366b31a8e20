//! Tab "Docker Configuration": config.json for the scope chosen in the Kubernetes tab.

use super::download::DownloadButton;
use super::use_creds;
use crate::components::alert::WarningAlert;
use crate::components::clipboard::{ClipboardCopy, CodeBlock};
use crate::credentials::{auth_file_name, docker_config_json, mv_command};
use leptos::prelude::*;

#[component]
pub fn DockerConfigTab() -> impl IntoView {
    let c = use_creds();
    let name = c.name.get_value();
    let json = Signal::derive(move || {
        docker_config_json(&c.scope_value(), &c.name.get_value(), &c.token.get())
    });
    view! {
        <h4 class="pf-v6-c-title pf-m-md rc-credentials-step">"Step 1: Download Docker configuration file."</h4>
        <p>"The following is a Docker configuration file containing the credentials for this robot account:"</p>
        <CodeBlock value=json testid="docker-config-content" />
        <DownloadButton file_name=auth_file_name(&name) text=json testid="docker-config-download" />
        <WarningAlert
            text="Note that once you place this file, any existing credentials will be overwritten."
            testid="docker-config-warning"
        />
        <ClipboardCopy value=mv_command(&name) testid="docker-config-mv" aria_label="Move command" />
    }
}
