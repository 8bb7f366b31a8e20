//! Server functions: federation (load, save) and a live keyless token exchange test.

use crate::error::AppError;
use crate::federation::FederationList;
use crate::quay::ids::{Jwt, Namespace, RobotName};
use crate::quay::model::FederationEntry;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use serde::{Deserialize, Serialize};

/// The saved list plus what the snippets need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FederationConfig {
    pub entries: Vec<FederationEntry>,
    /// Registry host for logins (`--registry-host`, else Quay's SERVER_HOSTNAME).
    pub registry_host: String,
    /// Where robots exchange their OIDC token.
    pub exchange_url: String,
}

/// A successful exchange.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeSuccess {
    /// The robot token Quay issued (shown only when asked for).
    pub token: String,
    /// Its `exp` (epoch seconds), when readable.
    pub expires_at: Option<i64>,
}

#[server(endpoint = "get_federation", client = crate::csrf::CsrfClient)]
pub async fn get_federation(
    namespace: Namespace,
    robot: RobotName,
) -> Result<FederationConfig, AppError> {
    use crate::federation::snippets::exchange_url;
    let short = robot.in_namespace(&namespace)?;
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let scope = auth.scope(&namespace);
    let (entries, host) = tokio::join!(
        auth.state.quay.federation(&auth.token, &scope, &short),
        crate::server::ssr::registry_host(&auth.state)
    );
    Ok(FederationConfig {
        entries: entries?,
        exchange_url: exchange_url(&host, auth.state.quay.base_url()),
        registry_host: host,
    })
}

/// Replaces the robot's whole federation list. Checks Quay's rules first (same messages).
#[server(endpoint = "save_federation", client = crate::csrf::CsrfClient, input = Json)]
pub async fn save_federation(
    namespace: Namespace,
    robot: RobotName,
    entries: FederationList,
) -> Result<Vec<FederationEntry>, AppError> {
    let short = robot.in_namespace(&namespace)?;
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let scope = auth.scope(&namespace);
    auth.state
        .quay
        .set_federation(&auth.token, &scope, &short, &entries)
        .await
}

/// Exchanges `jwt` for a robot token at the registry, exactly as the robot would.
#[server(endpoint = "test_federation_exchange", client = crate::csrf::CsrfClient, input = Json)]
pub async fn test_exchange(
    namespace: Namespace,
    robot: RobotName,
    jwt: Jwt,
) -> Result<ExchangeSuccess, AppError> {
    let short = robot.in_namespace(&namespace)?;
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    // Only admins of the namespace may test its robots: the same check as loading the list.
    let scope = auth.scope(&namespace);
    auth.state
        .quay
        .federation(&auth.token, &scope, &short)
        .await?;
    let resp = auth
        .state
        .quay
        .exchange_federated_token(&robot, &jwt)
        .await?;
    let expires_at = crate::federation::jwt::decode(&resp.token)
        .ok()
        .and_then(|d| d.exp);
    Ok(ExchangeSuccess {
        token: resp.token,
        expires_at,
    })
}
