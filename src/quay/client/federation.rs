//! QuayClient endpoints: federation (spec §4, §7.8) and the keyless token exchange.

use super::{error_from_response, RobotScope};
use crate::error::{AppError, ErrorKind};
use crate::quay::ids::{Jwt, RobotName, RobotShort};
use crate::quay::model::{FederationEntry, TokenResponse};
use reqwest::Method;

fn federation_path(scope: &RobotScope, short: &RobotShort) -> Result<String, AppError> {
    scope.robot_path(short, &["federation"])
}

impl super::QuayClient {
    pub async fn federation(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &RobotShort,
    ) -> Result<Vec<FederationEntry>, AppError> {
        let path = federation_path(scope, short)?;
        self.call(Some(token), Method::GET, &path, None).await
    }

    /// Replaces the whole list (Quay's POST takes the full array, even when empty).
    pub async fn set_federation(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &RobotShort,
        entries: &crate::federation::FederationList,
    ) -> Result<Vec<FederationEntry>, AppError> {
        let path = federation_path(scope, short)?;
        let body = serde_json::to_value(entries.entries())
            .map_err(|e| AppError::internal(format!("cannot encode the federation list: {e}")))?;
        self.call(Some(token), Method::POST, &path, Some(&body))
            .await
    }

    /// `GET /oauth2/federation/robot/token` with Basic `robot:jwt`, no bearer token: exactly what
    /// a federated robot does. Quay's `{"error"}` / `{"message"}` answers become `AppError`s.
    pub async fn exchange_federated_token(
        &self,
        robot: &RobotName,
        jwt: &Jwt,
    ) -> Result<TokenResponse, AppError> {
        let path = "/oauth2/federation/robot/token";
        let url = format!("{}{path}", self.base);
        let resp = self
            .http
            .get(&url)
            .header("Accept", "application/json")
            .basic_auth(robot.as_str(), Some(jwt.as_str()))
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
    use crate::quay::client::QuayClient;

    fn org(s: &str) -> RobotScope {
        RobotScope::Org(crate::quay::ids::Namespace::parse(s).unwrap())
    }

    fn short(s: &str) -> RobotShort {
        RobotShort::parse(s).unwrap()
    }

    #[test]
    fn federation_paths_for_org_and_user() {
        assert_eq!(
            federation_path(&org("acme"), &short("deployer")).unwrap(),
            "/api/v1/organization/acme/robots/deployer/federation"
        );
        assert_eq!(
            federation_path(&RobotScope::User, &short("laptop")).unwrap(),
            "/api/v1/user/robots/laptop/federation"
        );
    }

    /// Against the embedded backend over loopback, with a live OIDC issuer: what the console's
    /// "Test exchange" relies on (Quay's messages come through `AppError.message`).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn save_then_exchange_against_the_sandbox_with_a_live_issuer() {
        use crate::federation::FederationList;
        use quay_sandbox::test_issuer::TestIssuer;
        let sandbox = quay_sandbox::start(quay_sandbox::SandboxConfig {
            addr: "127.0.0.1:0".parse().unwrap(),
            allow_http_issuers: true,
            ..Default::default()
        })
        .await
        .unwrap();
        let issuer = TestIssuer::start().await.unwrap();
        let quay = QuayClient::new(&sandbox.base_url, std::time::Duration::from_secs(10));
        let token = sandbox.admin_token.clone();
        let scope = org("acme");
        let deployer = short("deployer");
        let list = vec![FederationEntry {
            issuer: issuer.url.clone(),
            subject: "system:serviceaccount:apps:puller".into(),
        }];
        let typed = FederationList::try_from(list.clone()).unwrap();
        let saved = quay
            .set_federation(&token, &scope, &deployer, &typed)
            .await
            .unwrap();
        assert_eq!(saved, list);
        assert_eq!(
            quay.federation(&token, &scope, &deployer).await.unwrap(),
            list
        );

        let robot = RobotName::parse("acme+deployer").unwrap();
        let jwt = |s: String| Jwt::parse(&s).unwrap();
        let ok = quay
            .exchange_federated_token(
                &robot,
                &jwt(issuer.mint_for("system:serviceaccount:apps:puller", 300)),
            )
            .await
            .unwrap();
        let claims = crate::federation::jwt::decode(&ok.token).unwrap();
        assert_eq!(claims.sub.as_deref(), Some("acme+deployer"));

        let wrong = quay
            .exchange_federated_token(&robot, &jwt(issuer.mint_for("someone-else", 300)))
            .await
            .unwrap_err();
        assert_eq!(
            (wrong.status, wrong.message.as_str()),
            (400, "Token does not match robot")
        );
        let expired = quay
            .exchange_federated_token(
                &robot,
                &jwt(issuer.mint_for("system:serviceaccount:apps:puller", -3600)),
            )
            .await
            .unwrap_err();
        assert_eq!(expired.message, "Invalid token: Signature has expired");

        // A list Quay would refuse is refused before anything is sent, with Quay's message.
        let bad = vec![FederationEntry {
            issuer: "not-a-url".into(),
            subject: "s".into(),
        }];
        let e = FederationList::try_from(bad).unwrap_err();
        assert_eq!(e.message, crate::federation::MSG_NOT_URL);
        issuer.shutdown().await;
        sandbox.shutdown().await;
    }
}
