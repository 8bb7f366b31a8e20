//! OIDC verification of federated robot tokens (keyless login).
