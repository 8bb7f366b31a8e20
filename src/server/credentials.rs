//! Server functions: credentials of one robot (spec §6). Only the robot's own token leaves the
//! server, never the signed-in user's Quay token.

use crate::error::AppError;
use crate::quay::ids::{Namespace, RobotName, RobotShort};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the credentials modal shows: what a registry login needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotLogin {
    /// Full name `{ns}+{short}`.
    pub name: RobotName,
    pub token: String,
    /// The registry host (no scheme, maybe a port), e.g. `quay.example.com` or `localhost:8080`.
    pub host: String,
}

crate::json::from_json_struct! {
    RobotLogin { name, token, host }
}

/// The robot's name and token, with the registry host.
#[server(endpoint = "robot_credentials", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn robot_credentials(
    namespace: Namespace,
    short: RobotShort,
) -> Result<RobotLogin, AppError> {
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let scope = auth.scope(&namespace);
    let quay = &auth.state.quay;
    let (robot, host) = tokio::join!(
        quay.robot(&auth.token, &scope, &short),
        crate::server::ssr::registry_host(&auth.state)
    );
    ssr::credentials(&namespace, &short, robot?, host)
}

/// Regenerates the robot's token; answers the new credentials.
#[server(endpoint = "regenerate_robot_token", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn regenerate_robot_token(
    namespace: Namespace,
    short: RobotShort,
) -> Result<RobotLogin, AppError> {
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let scope = auth.scope(&namespace);
    let quay = &auth.state.quay;
    let robot = quay
        .regenerate_robot_token(&auth.token, &scope, &short)
        .await?;
    let host = crate::server::ssr::registry_host(&auth.state).await;
    ssr::credentials(&namespace, &short, robot, host)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::RobotLogin;
    use crate::error::{AppError, ErrorKind};
    use crate::quay::ids::{Namespace, RobotName, RobotShort};
    use crate::quay::model::Robot;

    pub fn credentials(
        ns: &Namespace,
        short: &RobotShort,
        robot: Robot,
        host: String,
    ) -> Result<RobotLogin, AppError> {
        let name = RobotName::new(ns, short);
        let token = robot.token.filter(|t| !t.is_empty()).ok_or_else(|| {
            AppError::new(
                403,
                ErrorKind::Forbidden,
                format!(
                    "Quay did not return the token of {name}. Only administrators of the namespace can see robot tokens."
                ),
            )
        })?;
        Ok(RobotLogin { name, token, host })
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn host_of_url_drops_scheme_and_path() {
            assert_eq!(
                crate::server::ssr::host_of_url("https://q.example:8443/x"),
                "q.example:8443"
            );
            assert_eq!(
                crate::server::ssr::host_of_url("http://127.0.0.1:8181"),
                "127.0.0.1:8181"
            );
        }
    }
}
