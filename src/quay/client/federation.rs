//! QuayClient endpoints: federation (spec §4, §7.8) and the keyless token exchange.

use super::{error_from_response, seg, RobotScope};
use crate::error::{AppError, ErrorKind};
use crate::quay::model::{FederationEntry, TokenResponse};
use reqwest::Method;

fn federation_path(scope: &RobotScope, short: &str) -> String {
    format!("{}/{}/federation", scope.robots_path(), seg(short))
}

impl super::QuayClient {
    pub async fn federation(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &str,
    ) -> Result<Vec<FederationEntry>, AppError> {
        let path = federation_path(scope, short);
        self.call(Some(token), Method::GET, &path, None).await
    }

    /// Replaces the whole list (Quay's POST takes the full array, even when empty).
    pub async fn set_federation(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &str,
        entries: &[FederationEntry],
    ) -> Result<Vec<FederationEntry>, AppError> {
        let path = federation_path(scope, short);
        let body = serde_json::to_value(entries)
            .map_err(|e| AppError::internal(format!("cannot encode the federation list: {e}")))?;
        self.call(Some(token), Method::POST, &path, Some(&body))
            .await
    }

    /// `GET /oauth2/federation/robot/token` with Basic `robot:jwt`, no bearer token: exactly what
    /// a federated robot does. Quay's `{"error"}` / `{"message"}` answers become `AppError`s.
    pub async fn exchange_federated_token(
        &self,
        robot: &str,
        jwt: &str,
    ) -> Result<TokenResponse, AppError> {
        let path = "/oauth2/federation/robot/token";
        let url = format!("{}{path}", self.base);
        let resp = self
            .http
            .get(&url)
            .header("Accept", "application/json")
            .basic_auth(robot, Some(jwt))
            .send()
            .await
            .map_err(|e| self.transport_error(&e, &url))?;
        let status = resp.status();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| self.transport_error(&e, &url))?;
        if !status.is_success() {
            return Err(error_from_response(status.as_u16(), &bytes));
        }
        serde_json::from_slice(&bytes).map_err(|e| {
            AppError::new(
                502,
                ErrorKind::Upstream,
                format!("Quay answered {path} with JSON the console does not understand ({e})."),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn federation_paths_for_org_and_user() {
        assert_eq!(
            federation_path(&RobotScope::Org("acme".into()), "deployer"),
            "/api/v1/organization/acme/robots/deployer/federation"
        );
        assert_eq!(
            federation_path(&RobotScope::User, "laptop"),
            "/api/v1/user/robots/laptop/federation"
        );
    }
}
