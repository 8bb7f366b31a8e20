//! [`OidcVerifier`]: the verification steps and the cache of discovery documents and JWKS.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jsonwebtoken::Algorithm;
use reqwest::Url;
use serde_json::Value;

use super::claims::{check_iat, map_jwt_error, numeric_claim, split_jwt};
use super::keys::{
    header_algorithm, select_keys, unknown_key, validation_for, PublicKey, Selection,
};
use super::net::{build_client, parse_issuer_url, same_issuer};
use super::{
    install_crypto_provider, ExchangeError, FederationEntry, VerifiedClaims, DEFAULT_CACHE_TTL,
    DEFAULT_HTTP_TIMEOUT, MAX_CACHED_ISSUERS,
};

/// Verifies issuer JWTs for keyless robot login. Cheap to clone (shared cache and clients).
#[derive(Clone)]
pub struct OidcVerifier {
    pub(super) inner: Arc<Inner>,
}

pub(super) struct Inner {
    pub(super) allow_http_issuers: bool,
    pub(super) http_timeout: Duration,
    cache_ttl: Duration,
    /// For https URLs: honours system proxy settings.
    pub(super) https_client: reqwest::Client,
    /// For http loopback URLs: never uses a proxy, so nothing but loopback is contacted.
    pub(super) loopback_client: reqwest::Client,
    cache: Mutex<HashMap<String, CachedIssuer>>,
}

#[derive(Clone)]
struct CachedIssuer {
    jwks_uri: Url,
    keys: Vec<Arc<PublicKey>>,
    fetched_at: Instant,
}

impl std::fmt::Debug for OidcVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcVerifier")
            .field("allow_http_issuers", &self.inner.allow_http_issuers)
            .field("http_timeout", &self.inner.http_timeout)
            .field("cache_ttl", &self.inner.cache_ttl)
            .finish_non_exhaustive()
    }
}

impl OidcVerifier {
    /// A verifier with a 5 s HTTP timeout and a 60 s discovery/JWKS cache. With
    /// `allow_http_issuers`, `http://` issuers on loopback hosts (127.0.0.0/8, `localhost`,
    /// `[::1]`) are accepted too (for tests and demos).
    pub fn new(allow_http_issuers: bool) -> Self {
        Self::with_options(allow_http_issuers, DEFAULT_HTTP_TIMEOUT, DEFAULT_CACHE_TTL)
    }

    /// Like [`OidcVerifier::new`] with explicit timeout and cache lifetime.
    pub fn with_options(
        allow_http_issuers: bool,
        http_timeout: Duration,
        cache_ttl: Duration,
    ) -> Self {
        install_crypto_provider();
        let https_client = build_client(allow_http_issuers, http_timeout, false);
        let loopback_client = build_client(allow_http_issuers, http_timeout, true);
        OidcVerifier {
            inner: Arc::new(Inner {
                allow_http_issuers,
                http_timeout,
                cache_ttl,
                https_client,
                loopback_client,
                cache: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// Whether `http://` loopback issuers are accepted.
    pub fn allows_http_issuers(&self) -> bool {
        self.inner.allow_http_issuers
    }

    /// Forgets every cached discovery document and JWKS.
    pub fn clear_cache(&self) {
        self.lock_cache().clear();
    }

    /// Verifies `jwt` against the robot's federation `entries`; see the module docs for the
    /// steps and [`ExchangeError`] for the failures.
    pub async fn verify(
        &self,
        jwt: &str,
        entries: &[FederationEntry],
    ) -> Result<VerifiedClaims, ExchangeError> {
        let jwt = jwt.trim();
        let (header, claims) = split_jwt(jwt)?;

        let issuer = match claims.get("iss") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
            _ => return Err(ExchangeError::MissingIssuer),
        };
        if entries.is_empty() {
            return Err(ExchangeError::NotConfigured);
        }
        let subjects: Vec<&str> = entries
            .iter()
            .filter(|e| same_issuer(&e.issuer, &issuer))
            .map(|e| e.subject.as_str())
            .collect();
        if subjects.is_empty() {
            return Err(ExchangeError::IssuerNotConfigured(issuer));
        }

        let issuer_url = parse_issuer_url(&issuer)?;
        self.check_fetchable(&issuer_url, &format!("the issuer {issuer}"))?;

        let alg = header_algorithm(&header)?;
        let kid = match header.get("kid") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                return Err(ExchangeError::InvalidToken(format!(
                    "the header's kid must be a string, not {other}"
                )))
            }
        };

        let candidates = self.candidate_keys(&issuer, kid.as_deref(), alg).await?;
        let validation = validation_for(alg);
        let mut verified = None;
        for key in candidates.iter() {
            match jsonwebtoken::decode::<Value>(jwt, &key.key, &validation) {
                Ok(data) => {
                    verified = Some(data.claims);
                    break;
                }
                Err(e) => match map_jwt_error(e) {
                    ExchangeError::BadSignature => continue,
                    other => return Err(other),
                },
            }
        }
        let claims = verified.ok_or(ExchangeError::BadSignature)?;

        check_iat(&claims)?;
        let expires_at = numeric_claim(&claims, "exp")?
            .ok_or_else(|| ExchangeError::MissingClaim("exp".into()))?;

        let subject = match claims.get("sub") {
            Some(Value::String(s)) if subjects.contains(&s.as_str()) => s.clone(),
            _ => return Err(ExchangeError::SubjectMismatch),
        };

        Ok(VerifiedClaims {
            issuer,
            subject,
            expires_at: expires_at as i64,
            claims,
        })
    }

    fn lock_cache(&self) -> std::sync::MutexGuard<'_, HashMap<String, CachedIssuer>> {
        self.inner
            .cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keys of the issuer that may have signed a token with this `kid` and `alg`. Uses the cache;
    /// when the cached JWKS has no key for `kid`, refetches the JWKS once.
    async fn candidate_keys(
        &self,
        issuer: &str,
        kid: Option<&str>,
        alg: Algorithm,
    ) -> Result<Vec<Arc<PublicKey>>, ExchangeError> {
        let cache_key = issuer.trim_end_matches('/').to_string();
        let cached = {
            let cache = self.lock_cache();
            cache
                .get(&cache_key)
                .filter(|c| c.fetched_at.elapsed() < self.inner.cache_ttl)
                .cloned()
        };
        let (entry, fresh) = match cached {
            Some(c) => (c, false),
            None => {
                let jwks_uri = self.discover(issuer).await?;
                let keys = self.fetch_jwks(issuer, &jwks_uri).await?;
                (self.store(&cache_key, jwks_uri, keys), true)
            }
        };

        match select_keys(&entry.keys, kid, alg) {
            Selection::Found(keys) => return Ok(keys),
            Selection::Incompatible => return Err(ExchangeError::BadSignature),
            Selection::None if fresh => return Err(unknown_key(kid, alg)),
            Selection::None => {}
        }

        // Key rotation: the cached JWKS may be stale. Refetch it once.
        let keys = self.fetch_jwks(issuer, &entry.jwks_uri).await?;
        let entry = self.store(&cache_key, entry.jwks_uri, keys);
        match select_keys(&entry.keys, kid, alg) {
            Selection::Found(keys) => Ok(keys),
            Selection::Incompatible => Err(ExchangeError::BadSignature),
            Selection::None => Err(unknown_key(kid, alg)),
        }
    }

    fn store(&self, cache_key: &str, jwks_uri: Url, keys: Vec<Arc<PublicKey>>) -> CachedIssuer {
        let entry = CachedIssuer {
            jwks_uri,
            keys,
            fetched_at: Instant::now(),
        };
        let mut cache = self.lock_cache();
        if cache.len() >= MAX_CACHED_ISSUERS && !cache.contains_key(cache_key) {
            let ttl = self.inner.cache_ttl;
            cache.retain(|_, c| c.fetched_at.elapsed() < ttl);
            if cache.len() >= MAX_CACHED_ISSUERS {
                cache.clear();
            }
        }
        cache.insert(cache_key.to_string(), entry.clone());
        entry
    }
}
