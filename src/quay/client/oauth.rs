//! QuayClient endpoints: the OAuth2 code exchange (`POST /oauth/access_token`).

use super::QuayClient;
use crate::error::AppError;

/// Why an exchange failed: Quay's `{"error": code}`, or the request never got an answer.
#[derive(Debug)]
pub enum OAuthError {
    Quay(String),
    Transport(AppError),
}

#[derive(serde::Deserialize)]
struct TokenAnswer {
    access_token: String,
}

#[derive(serde::Deserialize)]
struct ErrorAnswer {
    error: String,
}

impl QuayClient {
    /// Exchanges an authorization code; the client credentials go in the form (Quay answers 500
    /// to HTTP Basic client authentication).
    pub async fn exchange_oauth_code(&self, form: &[(&str, &str)]) -> Result<String, OAuthError> {
        let url = format!("{}/oauth/access_token", self.base);
        let resp = self
            .http
            .post(&url)
            .header("Accept", "application/json")
            .form(form)
            .send()
            .await
            .map_err(|e| OAuthError::Transport(self.transport_error(&e, &url)))?;
        let status = resp.status();
        let bytes = resp
            .bytes()
            .await
            .map_err(|e| OAuthError::Transport(self.transport_error(&e, &url)))?;
        if status.is_success() {
            if let Ok(t) = serde_json::from_slice::<TokenAnswer>(&bytes) {
                if !t.access_token.is_empty() {
                    return Ok(t.access_token);
                }
            }
            return Err(OAuthError::Quay("failed".into()));
        }
        let code = serde_json::from_slice::<ErrorAnswer>(&bytes)
            .map(|e| e.error)
            .unwrap_or_else(|_| format!("http_{}", status.as_u16()));
        Err(OAuthError::Quay(code))
    }
}
