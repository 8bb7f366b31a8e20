//! Server functions of the Robot access tab: the plan (robots and teams, one call) and the
//! gathering of every robot's and team's grants through the bulk engine, streamed so the page
//! shows progress and builds the matrix as answers arrive. Nothing is kept on the server between
//! calls: "Retry failed" is the gathering again with the failed fetches.

use crate::access::{AccessPlan, Fetch};
use crate::error::AppError;
use crate::quay::ids::Namespace;
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, Json, Streaming};

/// The robots of `namespace` (with their teams, last use and creation) and its teams with their
/// organization roles.
#[server(endpoint = "access_plan", client = crate::csrf::CsrfClient)]
pub async fn load_access_plan(namespace: Namespace) -> Result<AccessPlan, AppError> {
    let auth = crate::server::ssr::auth().await?;
    ssr::managed_plan(&auth, &namespace).await
}

/// Runs `fetches` (the repository list, robots of `namespace`, its teams) with bounded
/// concurrency and retries, and streams each answer (`crate::bulk::Event` lines whose `data`
/// is a `crate::access::Fetched`). Every robot must belong to `namespace`; a user namespace has
/// no teams.
#[server(endpoint = "access_gather", client = crate::csrf::CsrfClient, input = Json, output = Streaming)]
pub async fn access_gather(
    namespace: Namespace,
    fetches: Vec<Fetch>,
) -> Result<ByteStream<AppError>, AppError> {
    crate::quay::ids::check_bulk_items("fetches", fetches.len())?;
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let is_user = auth.is_user_namespace(&namespace);
    let fetches = ssr::checked(&namespace, is_user, fetches)?;
    let scope = auth.scope(&namespace);
    let (quay, token) = (auth.state.quay.clone(), auth.token.clone());
    Ok(crate::server::bulk::stream_data(
        &auth.state,
        fetches,
        move |f: &Fetch| {
            let (quay, token, scope, ns, f) = (
                quay.clone(),
                token.clone(),
                scope.clone(),
                namespace.clone(),
                f.clone(),
            );
            async move { ssr::fetch_one(&quay, &token, &scope, &ns, &f).await }
        },
    ))
}

/// The whole report's Summary view, gathered on the server (the same fetches, concurrency and
/// retries as [`access_gather`]) and answered at once: the tab without JavaScript.
#[server(endpoint = "access_summary", client = crate::csrf::CsrfClient)]
pub async fn access_summary(
    namespace: Namespace,
) -> Result<crate::access::summary::ServerSummary, AppError> {
    let auth = crate::server::ssr::auth().await?;
    let plan = ssr::managed_plan(&auth, &namespace).await?;
    let mut gathered = crate::access::Gathered::default();
    let scope = auth.scope(&namespace);
    let (quay, token) = (&auth.state.quay, auth.token.as_str());
    crate::server::bulk::run_all_with(
        plan.fetches(),
        auth.state.concurrency,
        crate::bulk::RetryPolicy::default(),
        |f: &Fetch| {
            let (scope, namespace, f) = (&scope, &namespace, f.clone());
            async move { ssr::fetch_one(quay, token, scope, namespace, &f).await }
        },
        |f, result| match result {
            Ok(data) => gathered.record(&f, &crate::bulk::Outcome::Done, Some(data)),
            Err(e) => gathered.record(&f, &crate::bulk::Outcome::failed(&e), None),
        },
    )
    .await;
    Ok(crate::access::summary::ServerSummary::of(&plan, &gathered))
}

#[cfg(feature = "ssr")]
pub mod ssr;
