//! A small OIDC issuer for tests: discovery, JWKS, and token minting.
