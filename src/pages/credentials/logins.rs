//! Tabs "Podman" and "Docker Login": the login command.

use super::use_creds;
use crate::components::clipboard::ClipboardCopy;
use crate::credentials::{docker_login, podman_login};
use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Podman,
    Docker,
}

#[component]
pub fn LoginTab(tool: Tool) -> impl IntoView {
    let c = use_creds();
    let (title, testid) = match tool {
        Tool::Podman => ("Podman Login", "podman-login"),
        Tool::Docker => ("Docker Login", "docker-login"),
    };
    let command = Signal::derive(move || {
        let (name, host) = (c.name.get_value(), c.host.get_value());
        let token = c.token.get();
        match tool {
            Tool::Podman => podman_login(&name, &token, &host),
            Tool::Docker => docker_login(&name, &token, &host),
        }
    });
    view! {
        <h3 class="pf-v6-c-title pf-m-md rc-credentials-subtitle">{title}</h3>
        <p>"Enter the following command on the command line:"</p>
        <ClipboardCopy value=command testid=testid aria_label=title />
    }
}
