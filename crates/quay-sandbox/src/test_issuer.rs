//! A small OIDC issuer for tests: discovery, JWKS, and token minting.
//!
//! [`TestIssuer::start`] binds `127.0.0.1:0` and serves
//! `GET /.well-known/openid-configuration`, `GET /jwks` and `GET /healthz`. It holds an RSA-2048
//! key (kid `rs1`, RS256) and a P-256 key (kid `es1`, ES256), plus a P-256 key that the JWKS does
//! not publish (for bad signatures). [`TestIssuer::start_on`] can also serve `POST /mint` (used by
//! the `oidc-test-issuer` binary; loopback only).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use anyhow::Context;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Map, Value};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Signing algorithms of the test issuer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Alg {
    RS256,
    ES256,
}

impl Alg {
    pub fn as_str(self) -> &'static str {
        match self {
            Alg::RS256 => "RS256",
            Alg::ES256 => "ES256",
        }
    }

    fn jwt_algorithm(self) -> Algorithm {
        match self {
            Alg::RS256 => Algorithm::RS256,
            Alg::ES256 => Algorithm::ES256,
        }
    }
}

impl std::str::FromStr for Alg {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "RS256" => Ok(Alg::RS256),
            "ES256" => Ok(Alg::ES256),
            other => Err(format!("unsupported alg {other:?} (use RS256 or ES256)")),
        }
    }
}

struct SigningKey {
    kid: String,
    alg: Alg,
    encoding: EncodingKey,
    /// The public JWK as served in `/jwks`.
    jwk: Value,
}

impl SigningKey {
    fn generate(alg: Alg, kid: &str) -> anyhow::Result<SigningKey> {
        match alg {
            Alg::RS256 => {
                use rsa::pkcs1::EncodeRsaPrivateKey;
                use rsa::traits::PublicKeyParts;
                let key = rsa::RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048)
                    .context("generating an RSA key")?;
                let der = key.to_pkcs1_der().context("encoding the RSA key")?;
                let jwk = json!({
                    "kty": "RSA",
                    "kid": kid,
                    "alg": "RS256",
                    "use": "sig",
                    "n": b64(&key.n().to_bytes_be()),
                    "e": b64(&key.e().to_bytes_be()),
                });
                Ok(SigningKey {
                    kid: kid.to_string(),
                    alg,
                    encoding: EncodingKey::from_rsa_der(der.as_bytes()),
                    jwk,
                })
            }
            Alg::ES256 => {
                use p256::elliptic_curve::sec1::ToEncodedPoint;
                use p256::pkcs8::EncodePrivateKey;
                let key = p256::SecretKey::random(&mut rand::rngs::OsRng);
                let der = key.to_pkcs8_der().context("encoding the P-256 key")?;
                let point = key.public_key().to_encoded_point(false);
                let (x, y) = (point.x().context("P-256 x")?, point.y().context("P-256 y")?);
                let jwk = json!({
                    "kty": "EC",
                    "kid": kid,
                    "alg": "ES256",
                    "use": "sig",
                    "crv": "P-256",
                    "x": b64(x),
                    "y": b64(y),
                });
                Ok(SigningKey {
                    kid: kid.to_string(),
                    alg,
                    encoding: EncodingKey::from_ec_der(der.as_bytes()),
                    jwk,
                })
            }
        }
    }

    fn sign(&self, kid: &str, claims: &Value) -> String {
        let mut header = Header::new(self.alg.jwt_algorithm());
        header.kid = Some(kid.to_string());
        jsonwebtoken::encode(&header, claims, &self.encoding).expect("signing a test token")
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

struct Shared {
    url: String,
    /// Published keys; the last key of an alg is the one `mint` uses.
    keys: RwLock<Vec<Arc<SigningKey>>>,
    /// A P-256 key that is never published.
    foreign: SigningKey,
    discovery_requests: AtomicUsize,
    jwks_requests: AtomicUsize,
}

impl Shared {
    fn current(&self, alg: Alg) -> Arc<SigningKey> {
        let keys = self.keys.read().unwrap_or_else(|p| p.into_inner());
        keys.iter()
            .rev()
            .find(|k| k.alg == alg)
            .cloned()
            .unwrap_or_else(|| panic!("the test issuer has no {} key", alg.as_str()))
    }

    fn mint(&self, alg: Alg, claims: &Value) -> String {
        let key = self.current(alg);
        key.sign(&key.kid, claims)
    }

    fn standard_claims(&self, subject: &str, ttl_secs: i64) -> Value {
        let now = now_secs();
        json!({
            "iss": self.url,
            "sub": subject,
            "aud": "quay",
            "iat": now,
            "exp": now + ttl_secs,
        })
    }
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Flips one bit of the signature, keeping the token well-formed.
fn tamper_signature(token: &str) -> String {
    let (message, signature) = token.rsplit_once('.').expect("a compact JWS");
    let mut bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(signature)
        .expect("a base64url signature");
    let middle = bytes.len() / 2;
    if let Some(b) = bytes.get_mut(middle) {
        *b ^= 0x01;
    }
    format!("{message}.{}", b64(&bytes))
}

/// A running test issuer. Dropping it stops the server too; [`TestIssuer::shutdown`] also waits.
pub struct TestIssuer {
    /// `http://127.0.0.1:PORT` (no trailing slash): the `iss` of its tokens.
    pub url: String,
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl TestIssuer {
    /// Binds `127.0.0.1:0` and serves discovery and JWKS (no `/mint`).
    pub async fn start() -> anyhow::Result<TestIssuer> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0)), false).await
    }

    /// Binds `addr` (which must be a loopback address) and serves discovery and JWKS, and
    /// `POST /mint` when `mint_endpoint` is set.
    pub async fn start_on(addr: SocketAddr, mint_endpoint: bool) -> anyhow::Result<TestIssuer> {
        anyhow::ensure!(
            addr.ip().is_loopback(),
            "the test issuer binds loopback addresses only, not {addr}"
        );
        crate::oidc::install_crypto_provider();
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("binding {addr}"))?;
        let addr = listener.local_addr()?;
        let url = format!("http://{addr}");

        let (rs1, es1, foreign) = tokio::task::spawn_blocking(|| -> anyhow::Result<_> {
            Ok((
                SigningKey::generate(Alg::RS256, "rs1")?,
                SigningKey::generate(Alg::ES256, "es1")?,
                SigningKey::generate(Alg::ES256, "foreign")?,
            ))
        })
        .await
        .context("key generation task")??;

        let shared = Arc::new(Shared {
            url: url.clone(),
            keys: RwLock::new(vec![Arc::new(rs1), Arc::new(es1)]),
            foreign,
            discovery_requests: AtomicUsize::new(0),
            jwks_requests: AtomicUsize::new(0),
        });

        let mut router = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/healthz", get(|| async { "ok" }));
        if mint_endpoint {
            router = router.route("/mint", post(mint));
        }
        let router = router.with_state(shared.clone());

        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });

        Ok(TestIssuer {
            url,
            addr,
            shared,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Signs `claims` (verbatim) with the issuer's current key for `alg` (kid `rs1`/`es1`
    /// unless [`TestIssuer::add_key`] added a newer one).
    pub fn mint(&self, alg: Alg, claims: Value) -> String {
        self.shared.mint(alg, &claims)
    }

    /// RS256 token with `iss` = [`TestIssuer::url`], `sub`, `aud` "quay", `iat` now and
    /// `exp` now + `ttl_secs` (negative: already expired; the verifier allows 60 s of skew).
    pub fn mint_for(&self, subject: &str, ttl_secs: i64) -> String {
        self.shared
            .mint(Alg::RS256, &self.shared.standard_claims(subject, ttl_secs))
    }

    /// The standard claims of [`TestIssuer::mint_for`], to modify before [`TestIssuer::mint`].
    pub fn claims_for(&self, subject: &str, ttl_secs: i64) -> Value {
        self.shared.standard_claims(subject, ttl_secs)
    }

    /// ES256 token with kid `es1` (published) but signed by an unpublished key: its signature
    /// does not verify.
    pub fn mint_with_foreign_key(&self, claims: Value) -> String {
        self.shared.foreign.sign("es1", &claims)
    }

    /// Signs with the current key for `alg` but puts `kid` in the header.
    pub fn mint_with_kid(&self, alg: Alg, kid: &str, claims: Value) -> String {
        self.shared.current(alg).sign(kid, &claims)
    }

    /// A valid token with one bit of its signature flipped.
    pub fn mint_tampered(&self, alg: Alg, claims: Value) -> String {
        tamper_signature(&self.mint(alg, claims))
    }

    /// Generates and publishes a new key (key rotation); it becomes the key `mint` uses for
    /// `alg`. RSA key generation takes a moment; prefer ES256 in tests.
    pub async fn add_key(&self, alg: Alg, kid: &str) -> anyhow::Result<()> {
        let kid_owned = kid.to_string();
        let key =
            tokio::task::spawn_blocking(move || SigningKey::generate(alg, &kid_owned)).await??;
        self.shared
            .keys
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .push(Arc::new(key));
        Ok(())
    }

    /// Stops publishing the key `kid` (tokens already minted with it stop verifying once a
    /// verifier refetches the JWKS).
    pub fn remove_key(&self, kid: &str) {
        self.shared
            .keys
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|k| k.kid != kid);
    }

    /// The kids currently published in `/jwks`.
    pub fn kids(&self) -> Vec<String> {
        let keys = self.shared.keys.read().unwrap_or_else(|p| p.into_inner());
        keys.iter().map(|k| k.kid.clone()).collect()
    }

    /// How many times `/.well-known/openid-configuration` was fetched.
    pub fn discovery_requests(&self) -> usize {
        self.shared.discovery_requests.load(Ordering::SeqCst)
    }

    /// How many times `/jwks` was fetched.
    pub fn jwks_requests(&self) -> usize {
        self.shared.jwks_requests.load(Ordering::SeqCst)
    }

    /// Stops the server and waits (at most 5 s) for it to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut task) = self.task.take() {
            if tokio::time::timeout(Duration::from_secs(5), &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
    }
}

impl Drop for TestIssuer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl std::fmt::Debug for TestIssuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestIssuer")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

async fn discovery(State(shared): State<Arc<Shared>>) -> Json<Value> {
    shared.discovery_requests.fetch_add(1, Ordering::SeqCst);
    let url = &shared.url;
    Json(json!({
        "issuer": url,
        "jwks_uri": format!("{url}/jwks"),
        "authorization_endpoint": format!("{url}/authorize"),
        "token_endpoint": format!("{url}/token"),
        "response_types_supported": ["code", "id_token"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256", "ES256"],
    }))
}

async fn jwks(State(shared): State<Arc<Shared>>) -> Json<Value> {
    shared.jwks_requests.fetch_add(1, Ordering::SeqCst);
    let keys = shared.keys.read().unwrap_or_else(|p| p.into_inner());
    let keys: Vec<Value> = keys.iter().map(|k| k.jwk.clone()).collect();
    Json(json!({ "keys": keys }))
}

#[derive(serde::Deserialize)]
struct MintRequest {
    sub: String,
    ttl_secs: Option<i64>,
    alg: Option<String>,
    aud: Option<Value>,
    bad_signature: Option<bool>,
    claims: Option<Map<String, Value>>,
}

/// `POST /mint {"sub", "ttl_secs"?, "alg"?, "aud"?, "bad_signature"?, "claims"?}` →
/// `{"token"}`. Extra `claims` override the standard ones.
async fn mint(
    State(shared): State<Arc<Shared>>,
    Json(req): Json<MintRequest>,
) -> (StatusCode, Json<Value>) {
    let alg = match req.alg.as_deref().map(str::parse::<Alg>).transpose() {
        Ok(alg) => alg.unwrap_or(Alg::RS256),
        Err(message) => return (StatusCode::BAD_REQUEST, Json(json!({ "message": message }))),
    };
    let mut claims = shared.standard_claims(&req.sub, req.ttl_secs.unwrap_or(300));
    if let Some(aud) = req.aud {
        claims["aud"] = aud;
    }
    if let (Some(extra), Some(obj)) = (req.claims, claims.as_object_mut()) {
        obj.extend(extra);
    }
    let mut token = shared.mint(alg, &claims);
    if req.bad_signature.unwrap_or(false) {
        token = tamper_signature(&token);
    }
    (StatusCode::OK, Json(json!({ "token": token })))
}
