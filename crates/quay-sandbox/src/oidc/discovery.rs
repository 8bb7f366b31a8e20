//! Fetching an issuer's discovery document and JWKS over HTTP, and the fetchability check.

use std::sync::Arc;

use reqwest::Url;
use serde_json::Value;

use super::keys::{parse_public_key, PublicKey};
use super::net::{describe_reqwest_error, same_issuer, url_policy};
use super::verifier::OidcVerifier;
use super::{ExchangeError, MAX_DOCUMENT_BYTES};

impl OidcVerifier {
    /// Fetches `{issuer}/.well-known/openid-configuration` and returns its `jwks_uri`.
    pub(super) async fn discover(&self, issuer: &str) -> Result<Url, ExchangeError> {
        let discovery_url = format!(
            "{}/.well-known/openid-configuration",
            issuer.trim_end_matches('/')
        );
        let discovery_url = Url::parse(&discovery_url)
            .map_err(|_| ExchangeError::InvalidIssuerUrl(issuer.to_string()))?;
        let doc = self
            .fetch_json(issuer, &discovery_url, "the discovery document")
            .await?;
        if let Some(declared) = doc.get("issuer").and_then(Value::as_str) {
            if !same_issuer(declared, issuer) {
                return Err(ExchangeError::IssuerMismatch {
                    issuer: issuer.to_string(),
                    declared: declared.to_string(),
                });
            }
        }
        let jwks_uri = doc.get("jwks_uri").and_then(Value::as_str).ok_or_else(|| {
            ExchangeError::IssuerUnreachable {
                issuer: issuer.to_string(),
                detail: format!("the discovery document {discovery_url} has no jwks_uri"),
            }
        })?;
        let jwks_uri = Url::parse(jwks_uri).map_err(|e| ExchangeError::IssuerUnreachable {
            issuer: issuer.to_string(),
            detail: format!(
                "the discovery document {discovery_url} has an invalid jwks_uri {jwks_uri:?}: {e}"
            ),
        })?;
        self.check_fetchable(&jwks_uri, &format!("the issuer's jwks_uri {jwks_uri}"))?;
        Ok(jwks_uri)
    }

    pub(super) async fn fetch_jwks(
        &self,
        issuer: &str,
        jwks_uri: &Url,
    ) -> Result<Vec<Arc<PublicKey>>, ExchangeError> {
        let doc = self.fetch_json(issuer, jwks_uri, "the JWKS").await?;
        let Some(keys) = doc.get("keys").and_then(Value::as_array) else {
            return Err(ExchangeError::IssuerUnreachable {
                issuer: issuer.to_string(),
                detail: format!("the JWKS {jwks_uri} has no \"keys\" array"),
            });
        };
        // Keys that cannot be used (unknown kty, bad encoding) are skipped, not fatal.
        Ok(keys
            .iter()
            .filter_map(parse_public_key)
            .map(Arc::new)
            .collect())
    }

    async fn fetch_json(
        &self,
        issuer: &str,
        url: &Url,
        what: &str,
    ) -> Result<Value, ExchangeError> {
        let unreachable = |detail: String| ExchangeError::IssuerUnreachable {
            issuer: issuer.to_string(),
            detail,
        };
        let client = if url.scheme() == "http" {
            &self.inner.loopback_client
        } else {
            &self.inner.https_client
        };
        let response = client
            .get(url.clone())
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .map_err(|e| {
                unreachable(format!(
                    "could not fetch {what} {url}: {}",
                    describe_reqwest_error(&e, self.inner.http_timeout)
                ))
            })?;
        let status = response.status();
        if status != reqwest::StatusCode::OK {
            return Err(unreachable(format!(
                "{what} {url} answered HTTP {status} (expected 200)"
            )));
        }
        if response
            .content_length()
            .is_some_and(|n| n > MAX_DOCUMENT_BYTES as u64)
        {
            return Err(unreachable(format!(
                "{what} {url} is larger than {MAX_DOCUMENT_BYTES} bytes"
            )));
        }
        let body = response.bytes().await.map_err(|e| {
            unreachable(format!(
                "could not read {what} {url}: {}",
                describe_reqwest_error(&e, self.inner.http_timeout)
            ))
        })?;
        if body.len() > MAX_DOCUMENT_BYTES {
            return Err(unreachable(format!(
                "{what} {url} is larger than {MAX_DOCUMENT_BYTES} bytes"
            )));
        }
        let value: Value = serde_json::from_slice(&body)
            .map_err(|e| unreachable(format!("{what} {url} is not valid JSON: {e}")))?;
        if !value.is_object() {
            return Err(unreachable(format!("{what} {url} is not a JSON object")));
        }
        Ok(value)
    }

    /// `https://` anything, or `http://` loopback when allowed.
    pub(super) fn check_fetchable(&self, url: &Url, shown: &str) -> Result<(), ExchangeError> {
        match url_policy(url, self.inner.allow_http_issuers) {
            Ok(()) => Ok(()),
            Err(detail) => Err(ExchangeError::InsecureIssuer {
                what: shown.to_string(),
                detail,
            }),
        }
    }
}
