//! quay-sandbox: a Quay-compatible registry API on SQLite, for demos and tests.

pub mod oidc;
pub mod test_issuer;
