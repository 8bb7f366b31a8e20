//! OIDC verification of federated robot tokens (keyless login).
//!
//! A robot whose federation config lists `(issuer, subject)` pairs can exchange a JWT from one of
//! those issuers for a registry token (`GET /oauth2/federation/robot/token`). This module does the
//! verification part, mirroring real Quay (`util/security/federated_robot_auth.py`):
//!
//! 1. the password must be a JWT (Quay answers 500 otherwise; we answer a clear message);
//! 2. its unverified `iss` must match a configured entry (trailing-slash differences allowed);
//! 3. the issuer must be `https://` (plain `http://` only for loopback hosts, and only when the
//!    verifier was built with `allow_http_issuers`);
//! 4. the issuer's discovery document and JWKS are fetched (and cached for a short time);
//! 5. the signature is checked with the key matching `kid` (RS256/384/512, PS256/384/512,
//!    ES256/384, EdDSA), then `exp` (required), `nbf` and `iat` with a 60 s leeway; the audience
//!    is not checked, like Quay;
//! 6. `sub` must be one of the subjects configured for that issuer.
//!
//! Every failure is an [`ExchangeError`] whose `Display` is the message the sandbox sends as
//! `400 {"message": ...}`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use jsonwebtoken::jwk::Jwk;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use reqwest::Url;
use serde_json::{Map, Value};

/// One entry of a robot's federation config, as stored and as sent by the API.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct FederationEntry {
    pub issuer: String,
    pub subject: String,
}

/// The claims of a verified issuer token.
#[derive(Clone, Debug)]
pub struct VerifiedClaims {
    /// The token's `iss`, verbatim.
    pub issuer: String,
    /// The token's `sub` (one of the configured subjects).
    pub subject: String,
    /// The token's `exp` (Unix seconds).
    pub expires_at: i64,
    /// All claims of the token.
    pub claims: Value,
}

/// Why a token exchange was refused. `Display` is the message for `400 {"message": ...}`; the
/// texts of real Quay are kept where Quay has one.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The password is not `header.payload.signature` with base64url JSON header and claims.
    /// (Quay: 500.)
    #[error("Invalid token: the password is not a JWT (expected header.payload.signature)")]
    NotAJwt,
    /// The token has no (string) `iss` claim. (Quay's text.)
    #[error("Token does not contain issuer")]
    MissingIssuer,
    /// The robot has no federation entries at all. (Quay's text.)
    #[error("Robot does not have federated login configured")]
    NotConfigured,
    /// No federation entry has the token's issuer. (Quay's text.)
    #[error("issuer {0} not configured for this robot")]
    IssuerNotConfigured(String),
    /// The issuer is not an absolute http(s) URL with a host.
    #[error("Invalid token: the issuer {0} is not a valid https:// URL")]
    InvalidIssuerUrl(String),
    /// The issuer (or its JWKS URL) is not `https://`. (Quay logs "OIDC server must be accessed
    /// over SSL" and answers 500.)
    #[error("OIDC server must be accessed over SSL: {what} must use https://{detail}")]
    InsecureIssuer { what: String, detail: String },
    /// Discovery or JWKS could not be fetched or parsed. (Quay: 500.)
    #[error("Cannot reach issuer {issuer}: {detail}")]
    IssuerUnreachable { issuer: String, detail: String },
    /// The issuer's discovery document names another issuer.
    #[error("Invalid token: Invalid issuer (the discovery document of {issuer} declares issuer {declared})")]
    IssuerMismatch { issuer: String, declared: String },
    /// `alg` is missing, `none`, symmetric, or unknown.
    #[error("Invalid token: The specified alg value is not allowed ({0})")]
    UnsupportedAlgorithm(String),
    /// No key of the issuer's JWKS (even after a refetch) matches the token's `kid`/`alg`.
    #[error("Invalid token: Unable to find a signing key that matches {0} in the issuer's JWKS")]
    UnknownKey(String),
    /// The signature does not verify. (Quay's text.)
    #[error("Invalid token: Signature verification failed")]
    BadSignature,
    /// `exp` is in the past (beyond the leeway). (Quay's text.)
    #[error("Invalid token: Signature has expired")]
    Expired,
    /// `nbf` or `iat` is in the future (beyond the leeway). (PyJWT's text.)
    #[error("Invalid token: The token is not yet valid ({0})")]
    NotYetValid(&'static str),
    /// A required claim (`exp`) is missing. (PyJWT's text.)
    #[error("Invalid token: Token is missing the \"{0}\" claim")]
    MissingClaim(String),
    /// Any other defect of the token.
    #[error("Invalid token: {0}")]
    InvalidToken(String),
    /// The token's `sub` is not configured for its issuer. (Quay's text.)
    #[error("Token does not match robot")]
    SubjectMismatch,
}

/// Timeout of one request to an issuer (connect and whole request).
pub const DEFAULT_HTTP_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a fetched discovery document and JWKS are reused.
pub const DEFAULT_CACHE_TTL: Duration = Duration::from_secs(60);
/// Clock skew allowed for `exp`, `nbf` and `iat`.
pub const CLOCK_SKEW_SECS: u64 = 60;

const MAX_TOKEN_BYTES: usize = 64 * 1024;
const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;
const MAX_CACHED_ISSUERS: usize = 64;
const MAX_REDIRECTS: usize = 5;

/// Verifies issuer JWTs for keyless robot login. Cheap to clone (shared cache and clients).
#[derive(Clone)]
pub struct OidcVerifier {
    inner: Arc<Inner>,
}

struct Inner {
    allow_http_issuers: bool,
    http_timeout: Duration,
    cache_ttl: Duration,
    /// For https URLs: honours system proxy settings.
    https_client: reqwest::Client,
    /// For http loopback URLs: never uses a proxy, so nothing but loopback is contacted.
    loopback_client: reqwest::Client,
    cache: Mutex<HashMap<String, CachedIssuer>>,
}

#[derive(Clone)]
struct CachedIssuer {
    jwks_uri: Url,
    keys: Vec<Arc<PublicKey>>,
    fetched_at: Instant,
}

struct PublicKey {
    kid: Option<String>,
    kty: String,
    crv: Option<String>,
    alg: Option<String>,
    key_use: Option<String>,
    key: DecodingKey,
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

    /// Fetches `{issuer}/.well-known/openid-configuration` and returns its `jwks_uri`.
    async fn discover(&self, issuer: &str) -> Result<Url, ExchangeError> {
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

    async fn fetch_jwks(
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
    fn check_fetchable(&self, url: &Url, shown: &str) -> Result<(), ExchangeError> {
        match url_policy(url, self.inner.allow_http_issuers) {
            Ok(()) => Ok(()),
            Err(detail) => Err(ExchangeError::InsecureIssuer {
                what: shown.to_string(),
                detail,
            }),
        }
    }
}

enum Selection {
    Found(Vec<Arc<PublicKey>>),
    /// Keys with the token's kid exist but cannot verify this alg.
    Incompatible,
    None,
}

fn select_keys(keys: &[Arc<PublicKey>], kid: Option<&str>, alg: Algorithm) -> Selection {
    let matching_kid: Vec<usize> = keys
        .iter()
        .enumerate()
        .filter(|(_, k)| match kid {
            Some(kid) => k.kid.as_deref() == Some(kid),
            None => true,
        })
        .map(|(i, _)| i)
        .collect();
    if matching_kid.is_empty() {
        return Selection::None;
    }
    let compatible: Vec<usize> = matching_kid
        .into_iter()
        .filter(|&i| key_fits(&keys[i], alg))
        .collect();
    if compatible.is_empty() {
        return if kid.is_some() {
            Selection::Incompatible
        } else {
            Selection::None
        };
    }
    Selection::Found(compatible.into_iter().map(|i| keys[i].clone()).collect())
}

fn key_fits(key: &PublicKey, alg: Algorithm) -> bool {
    if key.key_use.as_deref().is_some_and(|u| u != "sig") {
        return false;
    }
    if key.alg.as_deref().is_some_and(|a| a != alg_name(alg)) {
        return false;
    }
    match alg {
        Algorithm::RS256
        | Algorithm::RS384
        | Algorithm::RS512
        | Algorithm::PS256
        | Algorithm::PS384
        | Algorithm::PS512 => key.kty == "RSA",
        Algorithm::ES256 => key.kty == "EC" && key.crv.as_deref().is_none_or(|c| c == "P-256"),
        Algorithm::ES384 => key.kty == "EC" && key.crv.as_deref().is_none_or(|c| c == "P-384"),
        Algorithm::EdDSA => key.kty == "OKP" && key.crv.as_deref().is_none_or(|c| c == "Ed25519"),
        _ => false,
    }
}

fn unknown_key(kid: Option<&str>, alg: Algorithm) -> ExchangeError {
    match kid {
        Some(kid) => ExchangeError::UnknownKey(format!("kid {kid:?}")),
        None => ExchangeError::UnknownKey(format!("alg {}", alg_name(alg))),
    }
}

fn parse_public_key(value: &Value) -> Option<PublicKey> {
    let obj = value.as_object()?;
    let text = |name: &str| obj.get(name).and_then(Value::as_str).map(str::to_string);
    let kty = text("kty")?;
    if !matches!(kty.as_str(), "RSA" | "EC" | "OKP") {
        return None;
    }
    let jwk: Jwk = serde_json::from_value(value.clone()).ok()?;
    let key = DecodingKey::from_jwk(&jwk).ok()?;
    Some(PublicKey {
        kid: text("kid"),
        kty,
        crv: text("crv"),
        alg: text("alg"),
        key_use: text("use"),
        key,
    })
}

fn alg_name(alg: Algorithm) -> &'static str {
    match alg {
        Algorithm::HS256 => "HS256",
        Algorithm::HS384 => "HS384",
        Algorithm::HS512 => "HS512",
        Algorithm::ES256 => "ES256",
        Algorithm::ES384 => "ES384",
        Algorithm::RS256 => "RS256",
        Algorithm::RS384 => "RS384",
        Algorithm::RS512 => "RS512",
        Algorithm::PS256 => "PS256",
        Algorithm::PS384 => "PS384",
        Algorithm::PS512 => "PS512",
        Algorithm::EdDSA => "EdDSA",
        _ => "unsupported",
    }
}

/// The algorithms accepted in a token header (asymmetric only).
pub const SUPPORTED_ALGORITHMS: &[&str] = &[
    "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA",
];

fn header_algorithm(header: &Map<String, Value>) -> Result<Algorithm, ExchangeError> {
    let name = match header.get("alg") {
        Some(Value::String(s)) => s.as_str(),
        Some(other) => return Err(ExchangeError::UnsupportedAlgorithm(format!("alg {other}"))),
        None => {
            return Err(ExchangeError::UnsupportedAlgorithm(
                "the header has no alg".into(),
            ))
        }
    };
    let alg = match name {
        "RS256" => Algorithm::RS256,
        "RS384" => Algorithm::RS384,
        "RS512" => Algorithm::RS512,
        "PS256" => Algorithm::PS256,
        "PS384" => Algorithm::PS384,
        "PS512" => Algorithm::PS512,
        "ES256" => Algorithm::ES256,
        "ES384" => Algorithm::ES384,
        "EdDSA" => Algorithm::EdDSA,
        other => {
            return Err(ExchangeError::UnsupportedAlgorithm(format!(
                "alg {other:?}; supported: {}",
                SUPPORTED_ALGORITHMS.join(", ")
            )))
        }
    };
    Ok(alg)
}

fn validation_for(alg: Algorithm) -> Validation {
    let mut v = Validation::new(alg);
    v.leeway = CLOCK_SKEW_SECS;
    v.validate_exp = true;
    v.validate_nbf = true;
    v.validate_aud = false;
    v.aud = None;
    v.iss = None;
    v.sub = None;
    v.set_required_spec_claims(&["exp"]);
    v
}

fn map_jwt_error(e: jsonwebtoken::errors::Error) -> ExchangeError {
    use jsonwebtoken::errors::ErrorKind;
    match e.kind() {
        ErrorKind::InvalidSignature
        | ErrorKind::InvalidAlgorithm
        | ErrorKind::InvalidEcdsaKey
        | ErrorKind::InvalidEddsaKey
        | ErrorKind::InvalidRsaKey(_)
        | ErrorKind::InvalidKeyFormat
        | ErrorKind::Base64(_) => ExchangeError::BadSignature,
        ErrorKind::ExpiredSignature => ExchangeError::Expired,
        ErrorKind::ImmatureSignature => ExchangeError::NotYetValid("nbf"),
        ErrorKind::MissingRequiredClaim(c) => ExchangeError::MissingClaim(c.clone()),
        ErrorKind::InvalidClaimFormat(c) => {
            ExchangeError::InvalidToken(format!("the {c} claim must be a number"))
        }
        _ => ExchangeError::InvalidToken(e.to_string()),
    }
}

fn numeric_claim(claims: &Value, name: &str) -> Result<Option<f64>, ExchangeError> {
    match claims.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_f64().map(Some).ok_or_else(|| {
            ExchangeError::InvalidToken(format!("the {name} claim must be a number"))
        }),
        Some(_) => Err(ExchangeError::InvalidToken(format!(
            "the {name} claim must be a number"
        ))),
    }
}

fn check_iat(claims: &Value) -> Result<(), ExchangeError> {
    if let Some(iat) = numeric_claim(claims, "iat")? {
        let now = jsonwebtoken::get_current_timestamp() as f64;
        if iat > now + CLOCK_SKEW_SECS as f64 {
            return Err(ExchangeError::NotYetValid("iat"));
        }
    }
    Ok(())
}

/// Splits a compact JWS and decodes its header and claims (unverified).
type JsonObject = Map<String, Value>;

fn split_jwt(jwt: &str) -> Result<(JsonObject, JsonObject), ExchangeError> {
    if jwt.len() > MAX_TOKEN_BYTES {
        return Err(ExchangeError::InvalidToken(format!(
            "the token is longer than {MAX_TOKEN_BYTES} bytes"
        )));
    }
    let mut parts = jwt.split('.');
    let (Some(header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(ExchangeError::NotAJwt);
    };
    let header = decode_json_part(header).ok_or(ExchangeError::NotAJwt)?;
    let claims = decode_json_part(payload).ok_or(ExchangeError::NotAJwt)?;
    Ok((header, claims))
}

fn decode_json_part(part: &str) -> Option<Map<String, Value>> {
    if part.is_empty() {
        return None;
    }
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// Issuer equality as Quay does it (exact string), tolerating one trailing slash difference.
pub fn same_issuer(a: &str, b: &str) -> bool {
    a == b || a.trim_end_matches('/') == b.trim_end_matches('/')
}

fn parse_issuer_url(issuer: &str) -> Result<Url, ExchangeError> {
    let url =
        Url::parse(issuer).map_err(|_| ExchangeError::InvalidIssuerUrl(issuer.to_string()))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(ExchangeError::InvalidIssuerUrl(issuer.to_string()));
    }
    Ok(url)
}

/// Whether `url` may be fetched: `https://` always; `http://` only when allowed and the host is
/// a loopback address or `localhost` (no DNS lookups are made to decide).
fn url_policy(url: &Url, allow_http: bool) -> Result<(), String> {
    match url.scheme() {
        "https" if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        "http" if allow_http && is_loopback_host(url) => Ok(()),
        "http" if allow_http => Err(
            " (plain http:// is accepted only for loopback issuers such as http://127.0.0.1:PORT)"
                .to_string(),
        ),
        _ => Err(String::new()),
    }
}

/// 127.0.0.0/8, `[::1]` (or an IPv4-mapped loopback), `localhost` and `*.localhost`.
pub fn is_loopback_host(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    match bare.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => ip.is_loopback(),
        Ok(std::net::IpAddr::V6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => {
            let d = bare.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
    }
}

fn build_client(allow_http: bool, timeout: Duration, loopback_only: bool) -> reqwest::Client {
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= MAX_REDIRECTS {
            return attempt.error("too many redirects");
        }
        let url = attempt.url().clone();
        let url = &url;
        let allowed = if loopback_only {
            url.scheme() == "http" && allow_http && is_loopback_host(url)
                || url.scheme() == "https" && is_loopback_host(url)
        } else {
            url_policy(url, allow_http).is_ok()
                && (url.scheme() == "https" || is_loopback_host(url))
        };
        if allowed {
            attempt.follow()
        } else {
            attempt.error(format!(
                "refused to follow a redirect to {url} (must be https://, or http:// on loopback)"
            ))
        }
    });
    let mut builder = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(policy)
        .user_agent(concat!("quay-sandbox-oidc/", env!("CARGO_PKG_VERSION")));
    if loopback_only {
        builder = builder.no_proxy();
    }
    builder.build().expect("building the OIDC HTTP client")
}

fn describe_reqwest_error(e: &reqwest::Error, timeout: Duration) -> String {
    if e.is_timeout() {
        return format!("timed out after {} s", timeout.as_secs_f32());
    }
    // The innermost causes are the informative ones ("Connection refused (os error 111)").
    let mut causes = Vec::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if !causes.iter().any(|c: &String| c.contains(&text)) {
            causes.push(text);
        }
        source = s.source();
    }
    let kind = if e.is_connect() {
        "connection failed"
    } else if e.is_redirect() {
        "bad redirect"
    } else if e.is_body() || e.is_decode() {
        "bad response body"
    } else {
        "request failed"
    };
    match causes.last() {
        Some(cause) => format!("{kind} ({cause})"),
        None => format!("{kind} ({e})"),
    }
}

/// Makes jsonwebtoken use its pure-Rust backend even if another crate in the build also enables
/// its aws-lc backend (with both features it would otherwise refuse to pick one).
pub(crate) fn install_crypto_provider() {
    let _ = jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER.install_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_jwt_is_detected_before_anything_else() {
        for bad in [
            "notajwt",
            "a.b",
            "a.b.c.d",
            "x.y.z",
            "",
            "..",
            "eyJhbGciOiJSUzI1NiJ9..sig",
        ] {
            assert!(
                matches!(split_jwt(bad), Err(ExchangeError::NotAJwt)),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn trailing_slash_difference_is_the_same_issuer() {
        assert!(same_issuer(
            "https://a.example/realms/x",
            "https://a.example/realms/x/"
        ));
        assert!(!same_issuer(
            "https://a.example/realms/x",
            "https://a.example/realms/y"
        ));
    }

    #[test]
    fn only_loopback_hosts_count_as_loopback() {
        for ok in [
            "http://127.0.0.1:9",
            "http://127.8.9.10/",
            "http://localhost:1",
            "http://[::1]:5",
            "http://LOCALHOST./",
        ] {
            assert!(is_loopback_host(&Url::parse(ok).unwrap()), "{ok}");
        }
        for bad in [
            "http://10.0.0.1",
            "http://example.com",
            "http://[::2]",
            "http://localhost.example.com",
            "http://128.0.0.1",
        ] {
            assert!(!is_loopback_host(&Url::parse(bad).unwrap()), "{bad}");
        }
    }

    #[test]
    fn http_is_refused_unless_allowed_and_loopback() {
        let local = Url::parse("http://127.0.0.1:8080").unwrap();
        let remote = Url::parse("http://issuer.example").unwrap();
        let secure = Url::parse("https://issuer.example").unwrap();
        assert!(url_policy(&local, true).is_ok());
        assert!(url_policy(&local, false).is_err());
        assert!(url_policy(&remote, true).is_err());
        assert!(url_policy(&secure, false).is_ok());
        assert!(url_policy(&Url::parse("ftp://127.0.0.1").unwrap(), true).is_err());
    }

    #[test]
    fn messages_match_quay() {
        assert_eq!(
            ExchangeError::SubjectMismatch.to_string(),
            "Token does not match robot"
        );
        assert_eq!(
            ExchangeError::Expired.to_string(),
            "Invalid token: Signature has expired"
        );
        assert_eq!(
            ExchangeError::BadSignature.to_string(),
            "Invalid token: Signature verification failed"
        );
        assert_eq!(
            ExchangeError::IssuerNotConfigured("https://x".into()).to_string(),
            "issuer https://x not configured for this robot"
        );
    }
}
