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
    /// The URL of the CSS that only the views of split points use (dialogs, the other pages and
    /// tabs): loaded with the first of them ([`lazy_css`]), not with the robots tab.
    #[serde(default)]
    pub lazy_css: Option<String>,
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

/// The id of the lazy CSS's `<link>`, and the name of the `<meta>` giving its URL.
const LAZY_CSS: &str = "rc-lazy-css";

/// True when the page at `path` and `query` shows only views of the main wasm module: the
/// organizations page and the robots tab (a namespace page on its default tab). Every other page
/// server-renders a view of a split point (the sign-in page, the other tabs), which needs the
/// lazy CSS before it paints, so its head links that too.
pub fn first_load_only(path: &str, query: Option<&str>) -> bool {
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(1).collect();
    use crate::pages::namespace::{tab_key, ROBOTS_TAB};
    match segments[..] {
        ["organization"] => true,
        ["organization", ns] if !ns.is_empty() => {
            matches!(tab_key(query.unwrap_or("")), None | Some(ROBOTS_TAB))
        }
        _ => false,
    }
}

/// Whether the page being rendered on the server needs the lazy CSS in its head.
#[cfg(feature = "ssr")]
fn page_needs_lazy_css() -> bool {
    use_context::<axum::http::request::Parts>()
        .is_some_and(|p| !first_load_only(p.uri.path(), p.uri.query()))
}

#[cfg(not(feature = "ssr"))]
fn page_needs_lazy_css() -> bool {
    false
}

/// Resolves once the lazy CSS is in the page, so that a view of a split point never shows
/// unstyled: at once when the head links it already (or the build has none); otherwise it is
/// linked now and its load awaited (the caller shows the dialog's skeleton meanwhile, which the
/// first load's CSS styles). `Err` when it could not be loaded: the caller offers Retry, which
/// tries again.
pub async fn lazy_css() -> Result<(), ()> {
    #[cfg(feature = "hydrate")]
    {
        client::lazy_css().await
    }
    #[cfg(not(feature = "hydrate"))]
    {
        Ok(())
    }
}

#[cfg(feature = "hydrate")]
mod client {
    use super::LAZY_CSS;
    use leptos::prelude::document;
    use std::cell::RefCell;

    thread_local! {
        /// The load under way, which every view waiting for the CSS awaits.
        static LOADING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    }

    pub async fn lazy_css() -> Result<(), ()> {
        let doc = document();
        let promise = match LOADING.with(|l| l.borrow().clone()) {
            Some(promise) => promise,
            None => {
                if doc.get_element_by_id(LAZY_CSS).is_some() {
                    return Ok(());
                }
                let href = doc
                    .query_selector("meta[name=rc-lazy-css]")
                    .ok()
                    .flatten()
                    .and_then(|m| m.get_attribute("content"));
                let (Some(href), Some(head)) = (href, doc.head()) else {
                    return Ok(());
                };
                let link = doc.create_element("link").map_err(drop)?;
                for (name, value) in [("rel", "stylesheet"), ("href", &href), ("id", LAZY_CSS)] {
                    link.set_attribute(name, value).map_err(drop)?;
                }
                let promise = js_sys::Promise::new(&mut |resolve, reject| {
                    let _ = link.add_event_listener_with_callback("load", &resolve);
                    let _ = link.add_event_listener_with_callback("error", &reject);
                });
                head.append_child(&link).map_err(drop)?;
                LOADING.with(|l| *l.borrow_mut() = Some(promise.clone()));
                promise
            }
        };
        let loaded = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        LOADING.with(|l| *l.borrow_mut() = None);
        if !loaded {
            // Gone, so that Retry links it again.
            if let Some(link) = doc.get_element_by_id(LAZY_CSS) {
                link.remove();
            }
            return Err(());
        }
        Ok(())
    }
}

/// The links of the HTML head: the stylesheet (content-hashed by cargo-leptos), the lazy CSS's
/// URL (and the CSS itself on a page that server-renders a split point's view), the favicon and
/// font preloads.
#[component]
pub fn AssetLinks(options: LeptosOptions) -> impl IntoView {
    let m = manifest();
    let icon = m.icon.unwrap_or_else(|| "/favicon.svg".into());
    let lazy = m.lazy_css.map(|href| {
        let link = page_needs_lazy_css()
            .then(|| view! { <link rel="stylesheet" href=href.clone() id=LAZY_CSS /> });
        view! {
            <meta name=LAZY_CSS content=href />
            {link}
        }
    });
    view! {
        <leptos_meta::HashedStylesheet options />
        {lazy}
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
        let m = Manifest::parse(r#"{"lazy_css": "/css/lazy.D_dGZikDb58DMEKy_okRAA.css"}"#).unwrap();
        assert_eq!(
            m.lazy_css.as_deref(),
            Some("/css/lazy.D_dGZikDb58DMEKy_okRAA.css")
        );
    }

    #[test]
    fn only_the_robots_tab_and_the_organizations_page_go_without_the_lazy_css() {
        assert!(first_load_only("/organization/acme", None));
        assert!(first_load_only(
            "/organization/acme/",
            Some("tab=Robotaccounts")
        ));
        assert!(first_load_only(
            "/organization/acme",
            Some("x=1&tab=Robotaccounts")
        ));
        assert!(!first_load_only(
            "/organization/acme",
            Some("tab=Robotaccess")
        ));
        assert!(!first_load_only(
            "/organization/acme",
            Some("tab=RobotsAsCode")
        ));
        assert!(first_load_only("/organization", None));
        assert!(first_load_only("/organization/", None));
        assert!(!first_load_only("/", None));
        assert!(!first_load_only("/signin", None));
        assert!(!first_load_only("/organization/acme/extra", None));
        assert!(!first_load_only("/nowhere", None));
    }
}
