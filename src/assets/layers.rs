//! How the server sends assets and pages: the precompressed `.br`/`.gz` files next to the static
//! ones (leptos_axum's file handler, `ServeDir`, picks them), compression of every dynamic answer
//! (HTML, server functions), and the `Cache-Control` of each answer.

use super::{is_content_hashed, Manifest};
use axum::body::Body;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use axum::Router;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::compression::CompressionLayer;

/// Content-hashed files: the name changes with the content, so the browser keeps them a year and
/// never asks again (a repeat visit downloads no asset).
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else: HTML pages (they name the current hashes and carry per-user data) and
/// server-function answers.
pub const NO_STORE: &str = "no-store";

static MANIFEST: OnceLock<Manifest> = OnceLock::new();

/// Reads `asset-manifest.json` of the site root once; a missing file (a build without
/// `scripts/assets/styles.mjs`) leaves the head without font preloads.
pub fn init(site_root: &str) {
    let path = Path::new(site_root).join("asset-manifest.json");
    let manifest = match std::fs::read_to_string(&path) {
        Ok(json) => Manifest::parse(&json).unwrap_or_else(|e| {
            tracing::warn!("{e}");
            Manifest::default()
        }),
        Err(_) => Manifest::default(),
    };
    let _ = MANIFEST.set(manifest);
}

pub fn manifest() -> Option<&'static Manifest> {
    MANIFEST.get()
}

/// cargo-leptos' `hash.txt` in the site root, as an absolute path (leptos joins it to the
/// binary's folder, which an absolute path replaces), so the binary finds it wherever it runs.
pub fn hash_file(site_root: &str) -> Option<PathBuf> {
    let path = std::path::absolute(Path::new(site_root).join("hash.txt")).ok()?;
    path.is_file().then_some(path)
}

/// The `Cache-Control` of an answer to `path` with `status`.
pub fn cache_control(path: &str, status: StatusCode) -> &'static str {
    if is_content_hashed(path) && (status.is_success() || status == StatusCode::NOT_MODIFIED) {
        IMMUTABLE
    } else {
        NO_STORE
    }
}

async fn set_cache_control(req: Request<Body>, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let mut res = next.run(req).await;
    let value = cache_control(&path, res.status());
    res.headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(value));
    res
}

/// Compresses what is not compressed yet: pages and server-function answers. Precompressed
/// files already carry a `Content-Encoding` and pass through; fonts are compressed by their
/// format; streamed server-function answers (`text/plain`, `application/octet-stream`) are left
/// alone so every chunk reaches the browser when it is written.
fn compression() -> CompressionLayer<impl Predicate> {
    let predicate = DefaultPredicate::new()
        .and(NotForContentType::const_new("font/"))
        .and(NotForContentType::const_new("text/plain"))
        .and(NotForContentType::const_new("application/octet-stream"));
    CompressionLayer::new()
        .br(true)
        .gzip(true)
        .compress_when(predicate)
}

/// The hook for the router: compression and cache headers for every answer.
pub fn apply<S: Clone + Send + Sync + 'static>(router: Router<S>) -> Router<S> {
    router
        .layer(axum::middleware::from_fn(set_cache_control))
        .layer(compression())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_files_are_immutable_and_the_rest_is_not_stored() {
        let wasm = "/pkg/robot-console.AbCdEfGhIjKlMnOpQrStUv.wasm";
        assert_eq!(cache_control(wasm, StatusCode::OK), IMMUTABLE);
        assert_eq!(cache_control(wasm, StatusCode::NOT_MODIFIED), IMMUTABLE);
        // A hashed name that does not exist is answered by the 404 page: never cache that.
        assert_eq!(cache_control(wasm, StatusCode::NOT_FOUND), NO_STORE);
        assert_eq!(
            cache_control("/organization/acme", StatusCode::OK),
            NO_STORE
        );
        assert_eq!(cache_control("/api/list_robots", StatusCode::OK), NO_STORE);
        assert_eq!(cache_control("/favicon.svg", StatusCode::OK), NO_STORE);
    }
}
