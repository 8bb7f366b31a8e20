//! Server functions: federation (load, save) and a live keyless token exchange test.

use crate::error::AppError;
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

#[cfg(feature = "ssr")]
mod ssr {
    use crate::error::{AppError, ErrorKind};
    use crate::quay::client::RobotScope;
    use crate::server::ssr::Auth;

    /// Checks that `robot` (`ns+short`) belongs to `namespace` and picks the endpoint family.
    pub fn scope(
        auth: &Auth,
        namespace: &str,
        robot: &str,
    ) -> Result<(RobotScope, String), AppError> {
        let short = match robot.split_once('+') {
            Some((ns, short)) if ns == namespace && !short.is_empty() => short.to_string(),
            _ => {
                return Err(AppError::new(
                    400,
                    ErrorKind::InvalidRequest,
                    format!("'{robot}' is not a robot of '{namespace}'."),
                ))
            }
        };
        Ok((auth.scope(namespace), short))
    }
}

#[server(endpoint = "get_federation")]
pub async fn get_federation(
    namespace: String,
    robot: String,
) -> Result<FederationConfig, AppError> {
    use crate::federation::snippets::exchange_url;
    let auth = crate::server::ssr::auth().await?;
    let (scope, short) = ssr::scope(&auth, &namespace, &robot)?;
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
#[server(endpoint = "save_federation", input = Json)]
pub async fn save_federation(
    namespace: String,
    robot: String,
    entries: Vec<FederationEntry>,
) -> Result<Vec<FederationEntry>, AppError> {
    use crate::federation::{normalize, quay_message};
    let auth = crate::server::ssr::auth().await?;
    let (scope, short) = ssr::scope(&auth, &namespace, &robot)?;
    let entries = normalize(&entries);
    if let Some(msg) = quay_message(&entries) {
        return Err(AppError::invalid(msg));
    }
    auth.state
        .quay
        .set_federation(&auth.token, &scope, &short, &entries)
        .await
}

/// Exchanges `jwt` for a robot token at the registry, exactly as the robot would.
#[server(endpoint = "test_federation_exchange", input = Json)]
pub async fn test_exchange(
    namespace: String,
    robot: String,
    jwt: String,
) -> Result<ExchangeSuccess, AppError> {
    let auth = crate::server::ssr::auth().await?;
    // Only admins of the namespace may test its robots: the same check as loading the list.
    let (scope, short) = ssr::scope(&auth, &namespace, &robot)?;
    auth.state
        .quay
        .federation(&auth.token, &scope, &short)
        .await?;
    let jwt = jwt.trim();
    if jwt.is_empty() {
        return Err(AppError::invalid("Paste a token to test."));
    }
    let resp = auth
        .state
        .quay
        .exchange_federated_token(&robot, jwt)
        .await?;
    let expires_at = crate::federation::jwt::decode(&resp.token)
        .ok()
        .and_then(|d| d.exp);
    Ok(ExchangeSuccess {
        token: resp.token,
        expires_at,
    })
}
