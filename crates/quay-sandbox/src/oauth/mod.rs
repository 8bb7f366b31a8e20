//! OAuth2 authorization-code flow, the pure parts: Quay's scopes ([`scopes`]) and its
//! redirect-URI rules and URL building ([`redirect`]). The endpoints are in `api::oauth_web`
//! and `api::applications`.

pub mod redirect;
pub mod scopes;
