//! Server functions: credentials of one robot (spec §6). Only the robot's own token leaves the
//! server, never the signed-in user's Quay token.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the credentials modal shows: what a registry login needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotLogin {
    /// Full name `{ns}+{short}`.
    pub name: String,
    pub token: String,
    /// The registry host (no scheme, maybe a port), e.g. `quay.example.com` or `localhost:8080`.
    pub host: String,
}

/// The robot's name and token, with the registry host.
#[server(endpoint = "robot_credentials")]
pub async fn robot_credentials(namespace: String, short: String) -> Result<RobotLogin, AppError> {
    let (auth, scope) = ssr::scope(&namespace, &short).await?;
    let quay = &auth.state.quay;
    let (robot, host) = tokio::join!(
        quay.robot(&auth.token, &scope, &short),
        crate::server::ssr::registry_host(&auth.state)
    );
    ssr::credentials(robot?, host)
}

/// Regenerates the robot's token; answers the new credentials.
#[server(endpoint = "regenerate_robot_token")]
pub async fn regenerate_robot_token(
    namespace: String,
    short: String,
) -> Result<RobotLogin, AppError> {
    let (auth, scope) = ssr::scope(&namespace, &short).await?;
    let quay = &auth.state.quay;
    let robot = quay
        .regenerate_robot_token(&auth.token, &scope, &short)
        .await?;
    let host = crate::server::ssr::registry_host(&auth.state).await;
    ssr::credentials(robot, host)
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::RobotLogin;
    use crate::error::{AppError, ErrorKind};
    use crate::quay::client::RobotScope;
    use crate::quay::model::Robot;
    use crate::quay::names::{check_robot_name, is_plausible_namespace, robot_name_message};
    use crate::server::ssr::{auth, Auth};

    /// Validates the names and picks the org or user robot endpoints.
    pub async fn scope(namespace: &str, short: &str) -> Result<(Auth, RobotScope), AppError> {
        if !is_plausible_namespace(namespace) {
            return Err(AppError::new(
                404,
                ErrorKind::NotFound,
                format!("'{namespace}' is not a valid organization or user name."),
            ));
        }
        check_robot_name(short).map_err(|p| AppError::invalid(robot_name_message(short, &p)))?;
        let auth = auth().await?;
        let scope = auth.scope(namespace);
        Ok((auth, scope))
    }

    pub fn credentials(robot: Robot, host: String) -> Result<RobotLogin, AppError> {
        let token = robot.token.filter(|t| !t.is_empty()).ok_or_else(|| {
            AppError::new(
                403,
                ErrorKind::Forbidden,
                format!(
                    "Quay did not return the token of {}. Only administrators of the namespace can see robot tokens.",
                    robot.name
                ),
            )
        })?;
        Ok(RobotLogin {
            name: robot.name,
            token,
            host,
        })
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
