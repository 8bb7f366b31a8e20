//! Credentials modal (spec §6), opened by clicking a robot's name: the robot's name and token,
//! and ready-to-use Kubernetes, Podman, Docker login and Docker configuration texts.

mod docker_config;
mod download;
mod kubernetes;
mod logins;
mod robot_account;

use crate::components::alert::DangerAlert;
use crate::components::modal::{Modal, ModalSize};
use crate::components::spinner::Loading;
use crate::components::tabs::{TabPanel, TabSpec, Tabs};
use crate::credentials::SecretScope;
use crate::quay::ids::{Namespace, RobotName, RobotShort};
use crate::robot_list::RobotRow;
use crate::server::credentials::{robot_credentials, RobotLogin};
use leptos::prelude::*;

/// The browser's memory of the last tab used (localStorage key).
pub const TAB_STORAGE_KEY: &str = "robot-console.credentials.tab";

/// What every tab reads: the robot, its token (replaced on regenerate) and the scope chosen in
/// the Kubernetes tab (the Docker Configuration tab reuses it, as in Quay).
#[derive(Clone, Copy)]
pub struct Creds {
    pub namespace: StoredValue<Namespace>,
    pub short: StoredValue<RobotShort>,
    pub name: StoredValue<RobotName>,
    pub host: StoredValue<String>,
    pub token: RwSignal<String>,
    pub scope: RwSignal<SecretScope>,
}

impl Creds {
    /// The registry key of the chosen scope: `{host}/{ns}` or `{host}`.
    pub fn scope_value(&self) -> String {
        self.scope
            .get()
            .value(&self.host.get_value(), &self.namespace.get_value())
    }
}

fn use_creds() -> Creds {
    expect_context::<Creds>()
}

#[component]
pub fn CredentialsModal(
    namespace: Namespace,
    robot: RobotRow,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let title = format!("Credentials for {}", robot.name);
    let short = robot.name.short();
    let (ns, sh) = (namespace.clone(), short.clone());
    let loaded =
        crate::json::page_resource(|| (), move |_| robot_credentials(ns.clone(), sh.clone()));
    // From the robots tab, the robot's activity is one click away.
    let tab = use_context::<crate::pages::robots::RobotTab>();
    let row = StoredValue::new(robot.clone());
    let footer = move || {
        view! {
            {tab.map(|tab| view! {
                <button
                    type="button"
                    class="pf-v6-c-button pf-m-link"
                    data-testid="credentials-activity"
                    on:click=move |_| tab.open(crate::pages::robots::RobotDialog::Activity(row.get_value()))
                >
                    "View activity"
                </button>
            })}
            <button
                type="button"
                class="pf-v6-c-button pf-m-primary"
                data-testid="credentials-close"
                on:click=move |_| on_close.run(())
            >
                "Close"
            </button>
        }
    };
    view! {
        <Modal title=title id="credentials-modal" size=ModalSize::Large on_close footer=ChildrenFn::to_children(footer)>
            <Suspense fallback=|| view! { <Loading /> }>
                {
                    let (namespace, short) = (namespace.clone(), short.clone());
                    move || {
                        let (namespace, short) = (namespace.clone(), short.clone());
                        Suspend::new(async move {
                            match loaded.await {
                                Err(e) => view! {
                                    <DangerAlert title="Could not load the credentials" message=e.message />
                                }
                                .into_any(),
                                Ok(c) => view! { <CredentialTabs namespace short creds=c /> }.into_any(),
                            }
                        })
                    }
                }
            </Suspense>
        </Modal>
    }
}

const TABS: [TabSpec; 5] = [
    TabSpec {
        label: "Robot Account",
        icon: Some("fas fa-key"),
        testid: Some("robot-account-tab"),
    },
    TabSpec {
        label: "Kubernetes",
        icon: None,
        testid: Some("kubernetes-tab"),
    },
    TabSpec {
        label: "Podman",
        icon: None,
        testid: Some("podman-tab"),
    },
    TabSpec {
        label: "Docker Login",
        icon: None,
        testid: Some("docker-login-tab"),
    },
    TabSpec {
        label: "Docker Configuration",
        icon: None,
        testid: Some("docker-config-tab"),
    },
];

#[component]
fn CredentialTabs(namespace: Namespace, short: RobotShort, creds: RobotLogin) -> impl IntoView {
    let ctx = Creds {
        namespace: StoredValue::new(namespace),
        short: StoredValue::new(short),
        name: StoredValue::new(creds.name),
        host: StoredValue::new(creds.host),
        token: RwSignal::new(creds.token),
        scope: RwSignal::new(SecretScope::default()),
    };
    provide_context(ctx);
    let active = RwSignal::new(0usize);
    // Browser only: restore the last tab, then remember every change.
    crate::components::effect::effect(move || {
        if let Some(i) = load_tab().filter(|i| *i < TABS.len()) {
            active.set(i);
        }
    });
    crate::components::effect::effect_with_first(move |first| {
        let i = active.get();
        if !first {
            save_tab(i);
        }
    });
    let id = "credentials";
    view! {
        <Tabs id=id tabs=TABS.to_vec() active aria_label="Credentials" />
        {move || {
            let index = active.get();
            let body = match index {
                0 => view! { <robot_account::RobotAccountTab /> }.into_any(),
                1 => view! { <kubernetes::KubernetesTab /> }.into_any(),
                2 => view! { <logins::LoginTab tool=logins::Tool::Podman /> }.into_any(),
                3 => view! { <logins::LoginTab tool=logins::Tool::Docker /> }.into_any(),
                _ => view! { <docker_config::DockerConfigTab /> }.into_any(),
            };
            view! { <TabPanel id=id index>{body}</TabPanel> }
        }}
    }
}

fn load_tab() -> Option<usize> {
    #[cfg(feature = "hydrate")]
    {
        crate::json::page_stored::<usize>(TAB_STORAGE_KEY)
    }
    #[cfg(not(feature = "hydrate"))]
    None
}

fn save_tab(i: usize) {
    #[cfg(feature = "hydrate")]
    {
        use gloo_storage::Storage;
        let _ = gloo_storage::LocalStorage::set(TAB_STORAGE_KEY, i);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = i;
}
