//! Server functions of robots as code: export a namespace's robots file, review a file (its
//! problems, or the plan against the live state), and apply reviewed changes through the bulk
//! engine. The reading, planning and applying live in `iac/` and are shared with the CLI.

use crate::error::AppError;
use crate::iac::plan::{Change, Plan};
use crate::iac::problem::Problem;
use crate::quay::ids::Namespace;
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, Json, Streaming};
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod apply;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod planning;

/// A file reviewed against the namespace: its problems (nothing can be applied), or the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAnswer {
    pub problems: Vec<Problem>,
    pub plan: Plan,
}

/// The robots file of `namespace` as Quay has it now: YAML, or JSON when `json`.
#[server(endpoint = "iac_export", client = crate::csrf::CsrfClient)]
pub async fn iac_export(namespace: Namespace, json: bool) -> Result<String, AppError> {
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let target = live::Target::of(&auth, namespace);
    let live = live::read(&target, auth.state.concurrency).await?;
    Ok(if json {
        crate::iac::export::to_json(&live.file)
    } else {
        crate::iac::export::to_yaml(&live.file)
    })
}

/// Reviews a robots file (YAML or JSON text) against `namespace`: nothing is changed.
/// `prune`: robots the file does not list are to be deleted.
#[server(endpoint = "iac_plan", client = crate::csrf::CsrfClient, input = Json)]
pub async fn iac_plan(
    namespace: Namespace,
    text: String,
    prune: bool,
) -> Result<PlanAnswer, AppError> {
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let target = live::Target::of(&auth, namespace);
    Ok(
        match planning::review(&target, &text, prune, auth.state.concurrency).await? {
            planning::Review::Problems(problems) => PlanAnswer {
                problems,
                ..PlanAnswer::default()
            },
            planning::Review::Plan(plan) => PlanAnswer {
                problems: vec![],
                plan,
            },
        },
    )
}

/// Applies reviewed `changes` to `namespace` and streams each one's outcome: in phases
/// (robots created first, deletions last), bounded concurrency, retries, no state kept on the
/// server. "Retry failed" is this call with the failed changes; reviewing the file again
/// plans only what is still to do. An empty list is refused (there is nothing to do).
#[server(endpoint = "iac_apply", client = crate::csrf::CsrfClient, input = Json, output = Streaming)]
pub async fn iac_apply(
    namespace: Namespace,
    changes: Vec<Change>,
) -> Result<ByteStream<AppError>, AppError> {
    crate::quay::ids::check_bulk_items("changes", changes.len())?;
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let target = live::Target::of(&auth, namespace);
    apply::check_changes(&target, &changes)?;
    let run = std::sync::Arc::new(apply::Apply::new(target, &changes));
    Ok(crate::server::bulk::stream_phases(
        &auth.state,
        crate::iac::plan::phases(changes),
        move |c: &Change| {
            let (run, c) = (run.clone(), c.clone());
            async move { run.change(&c).await }
        },
    ))
}
