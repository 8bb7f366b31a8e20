//! Set robot federation dialog (spec §4), with a setup assistant, a local JWT decoder, a live
//! token-exchange test and usage snippets for keyless robots.

mod assistant;
mod entries;
mod entry;
mod exchange;
mod section;
mod snippets;
mod token;

use crate::components::alert::DangerAlert;
use crate::components::lazy::{Chunk, LazyView, LoadChunk};
use crate::components::modal::{Modal, ModalSize};
use crate::components::spinner::Loading;
use crate::quay::ids::{Namespace, RobotName};
use crate::quay::model::FederationEntry;
use crate::robot_list::RobotRow;
use crate::server::federation::{get_federation, FederationConfig};
use leptos::prelude::*;
use section::Section;

/// One entry of the form.
#[derive(Clone, Copy)]
pub struct Row {
    pub id: u64,
    pub issuer: RwSignal<String>,
    pub subject: RwSignal<String>,
    pub expanded: RwSignal<bool>,
}

/// The dialog's state, shared by its parts through context.
#[derive(Clone, Copy)]
pub struct Fed {
    pub namespace: StoredValue<Namespace>,
    pub robot: StoredValue<RobotName>,
    pub rows: RwSignal<Vec<Row>>,
    next_id: StoredValue<u64>,
    /// The list as Quay last saved it (what the exchange test and snippets use).
    pub saved: RwSignal<Vec<FederationEntry>>,
    pub jwt: RwSignal<String>,
    pub registry_host: StoredValue<String>,
    pub exchange_url: StoredValue<String>,
}

impl Fed {
    pub fn add(&self, issuer: String, subject: String, expanded: bool) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        let row = Row {
            id,
            issuer: RwSignal::new(issuer),
            subject: RwSignal::new(subject),
            expanded: RwSignal::new(expanded),
        };
        self.rows.update(|r| r.push(row));
    }

    /// Replaces the form with `list`, collapsed (after loading and after saving).
    pub fn reset(&self, list: &[FederationEntry]) {
        self.rows.set(Vec::new());
        for e in list {
            self.add(e.issuer.clone(), e.subject.clone(), false);
        }
        self.saved.set(list.to_vec());
    }

    pub fn entries(&self) -> Vec<FederationEntry> {
        self.rows
            .get()
            .iter()
            .map(|r| FederationEntry {
                issuer: r.issuer.get(),
                subject: r.subject.get(),
            })
            .collect()
    }
}

pub fn use_fed() -> Fed {
    expect_context::<Fed>()
}

#[component]
pub fn FederationModal(
    namespace: Namespace,
    robot: RobotRow,
    #[prop(into)] on_close: Callback<()>,
) -> impl IntoView {
    let title = format!("Robot identity federation configuration for {}", robot.name);
    let (ns, name) = (namespace.clone(), robot.name.clone());
    let config = crate::json::resource(|| (), move |_| get_federation(ns.clone(), name.clone()));
    view! {
        <Modal title=title id="robot-federation-modal" size=ModalSize::Large on_close>
            <Suspense fallback=|| view! { <Loading /> }>
                {
                    let namespace = namespace.clone();
                    let robot = robot.name.clone();
                    move || {
                        let (namespace, robot) = (namespace.clone(), robot.clone());
                        Suspend::new(async move {
                            match config.await {
                                Err(e) => {
                                    view! {
                                        <DangerAlert
                                            title="Error fetching federation config"
                                            message=e.message
                                        />
                                    }
                                        .into_any()
                                }
                                Ok(c) => {
                                    view! { <FederationBody namespace robot config=c on_close /> }
                                        .into_any()
                                }
                            }
                        })
                    }
                }
            </Suspense>
        </Modal>
    }
}

// The collapsed sections load their code when first expanded (split points, see
// `crate::components::lazy`). No chunk name may contain "snippets": cargo-leptos leaves such
// files unhashed (it takes them for wasm-bindgen's JS snippets).
#[wasm_split_helpers::wasm_split(federation_assistant, fallible)]
fn assistant_part() -> Chunk {
    Ok(view! { <assistant::Assistant /> }.into_any())
}

#[wasm_split_helpers::wasm_split(federation_usage, fallible)]
fn snippets_part() -> Chunk {
    Ok(view! { <snippets::Snippets /> }.into_any())
}

#[component]
fn FederationBody(
    namespace: Namespace,
    robot: RobotName,
    config: FederationConfig,
    on_close: Callback<()>,
) -> impl IntoView {
    let fed = Fed {
        namespace: StoredValue::new(namespace),
        robot: StoredValue::new(robot),
        rows: RwSignal::new(Vec::new()),
        next_id: StoredValue::new(1),
        saved: RwSignal::new(Vec::new()),
        jwt: RwSignal::new(String::new()),
        registry_host: StoredValue::new(config.registry_host),
        exchange_url: StoredValue::new(config.exchange_url),
    };
    fed.reset(&config.entries);
    provide_context(fed);
    view! {
        <entries::EntriesForm on_close />
        <Section id="federation-assistant" title="Setup assistant: where to find issuer and subject">
            <LazyView load=Callback::new(|_| -> LoadChunk { Box::pin(assistant_part()) }) />
        </Section>
        <Section id="federation-token" title="Paste a token: decode it and test the exchange" expanded=true>
            <token::TokenDecoder />
            <exchange::ExchangePanel />
        </Section>
        <Section id="federation-snippets" title="Use the federated robot">
            <LazyView load=Callback::new(|_| -> LoadChunk { Box::pin(snippets_part()) }) />
        </Section>
    }
}
