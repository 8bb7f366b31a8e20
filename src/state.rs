//! Server state shared by every request (server side only).

use crate::quay::client::QuayClient;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;
use tokio::sync::OnceCell;

/// How visitors get their Quay token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The embedded backend: visitors are signed in as its demo admin unless they signed out.
    Embedded,
    /// `--quay-token`: every visitor acts with the server-wide token.
    ServerToken,
    /// Each visitor signs in with their own Quay access token.
    PerUser,
}

pub struct Inner {
    pub quay: QuayClient,
    pub mode: Mode,
    /// The embedded admin token or `--quay-token`.
    pub server_token: Option<String>,
    /// The user `server_token` belongs to (and whether Quay says they are a superuser), looked
    /// up once.
    pub server_user: OnceCell<(String, bool)>,
    pub session_key: cookie::Key,
    pub secure_cookie: bool,
    pub registry_host: Option<String>,
    pub concurrency: usize,
    /// The console's OAuth application at Quay ("Sign in with Quay"), when configured.
    pub oauth: Option<crate::oauth::ssr::OAuthClient>,
    /// The address people open the console at (OAuth redirect URIs start with it).
    pub public_url: String,
    /// Bulk work running in the background (see `server::bulk`); a shutdown waits for it.
    pub tasks: tokio_util::task::TaskTracker,
}

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub inner: Arc<Inner>,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.inner
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(s: &AppState) -> Self {
        s.leptos_options.clone()
    }
}
