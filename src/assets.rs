//! The static assets: what the HTML head links (the content-hashed stylesheet, favicon and the
//! fonts the first paint needs), and, on the server, how they are sent (`layers`): precompressed,
//! cached for a year when the name carries a content hash, never cached otherwise.
//!
//! The build (`scripts/assets/`, then cargo-leptos with `hash-files`) writes into the site root:
//! `hash.txt` (cargo-leptos' hashes of the pkg files) and `asset-manifest.json` ([`Manifest`]).

#[cfg(feature = "ssr")]
pub mod layers;

use leptos::prelude::*;
use serde::Deserialize;

/// `asset-manifest.json`, written by `scripts/assets/styles.mjs`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// Font URLs the first paint uses, preloaded from the head.
    #[serde(default)]
    pub preload_fonts: Vec<String>,
    /// The favicon's URL.
    #[serde(default)]
    pub icon: Option<String>,
}

impl Manifest {
    pub fn parse(json: &str) -> Result<Self, String> {
        serde_json::from_str(json).map_err(|e| format!("asset-manifest.json: {e}"))
    }
}

/// True when the last segment of `path` is `name.<hash>.ext` with a 22-character base64url
/// hash (cargo-leptos' scheme, which `scripts/assets/hash.mjs` follows): such a file never
/// changes, so browsers may keep it for good.
pub fn is_content_hashed(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let mut parts = file.rsplit('.');
    let (Some(ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !ext.is_empty()
        && !stem.is_empty()
        && hash.len() == 22
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The manifest of the running server's site root (empty before `layers::init`, and in tests
/// that run without a built site).
#[cfg(feature = "ssr")]
fn manifest() -> Manifest {
    layers::manifest().cloned().unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn manifest() -> Manifest {
    Manifest::default()
}

/// The links of the HTML head: the stylesheet (content-hashed by cargo-leptos), the favicon
/// and font preloads.
#[component]
pub fn AssetLinks(options: LeptosOptions) -> impl IntoView {
    let m = manifest();
    let icon = m.icon.unwrap_or_else(|| "/favicon.svg".into());
    view! {
        <leptos_meta::HashedStylesheet options />
        {m
            .preload_fonts
            .into_iter()
            .map(|href| {
                view! { <link rel="preload" href=href r#as="font" r#type="font/woff2" crossorigin="" /> }
            })
            .collect_view()}
        <link rel="icon" href=icon r#type="image/svg+xml" />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_the_cargo_leptos_pattern() {
        assert!(is_content_hashed(
            "/pkg/robot-console.AbCdEfGhIjKlMnOpQrStUv.wasm"
        ));
        assert!(is_content_hashed(
            "/fonts/RedHatText.D_dGZikDb58DMEKy_okRAA.woff2"
        ));
        assert!(is_content_hashed(
            "/pkg/__wasm_split.D_dGZikDb58DMEKy-okRAA.js"
        ));
        assert!(!is_content_hashed("/pkg/robot-console.js"));
        assert!(!is_content_hashed("/favicon.svg"));
        assert!(!is_content_hashed("/organization/acme"));
        assert!(!is_content_hashed("/api/list_robots"));
        // 21 characters, or a character outside base64url
        assert!(!is_content_hashed("/pkg/a.D_dGZikDb58DMEKy_okRA.js"));
        assert!(!is_content_hashed("/pkg/a.D_dGZikDb58DMEKy_okR+A.js"));
        assert!(!is_content_hashed("/.D_dGZikDb58DMEKy_okRAA.js"));
    }

    #[test]
    fn manifest_parses_what_styles_mjs_writes() {
        let m = Manifest::parse(
            r#"{"preload_fonts": ["/fonts/A.D_dGZikDb58DMEKy_okRAA.woff2"], "icon": "/favicon.x.svg"}"#,
        )
        .unwrap();
        assert_eq!(m.preload_fonts.len(), 1);
        assert_eq!(m.icon.as_deref(), Some("/favicon.x.svg"));
        assert_eq!(Manifest::parse("{}").unwrap(), Manifest::default());
        assert!(Manifest::parse("[").is_err());
    }
}
