//! Quay's API: models and name rules (shared), and the HTTP client (server only).

pub mod ids;
pub mod model;
pub mod names;

#[cfg(feature = "ssr")]
pub mod client;
