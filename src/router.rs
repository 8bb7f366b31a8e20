//! The console's router: its four pages, links followed inside the page, back and forward.
//!
//! The routes are flat and few (`/`, `/organization`, `/organization/:ns`, `/signin`), so the
//! console routes itself instead of with leptos_router, whose generic machinery (nested
//! matching, outlets, transitions, its location provider) was the largest library in the first
//! load after the reactive system and the view layer (README, "Weight"). What it did that the
//! console relies on is here:
//!
//! - the current address as a signal ([`use_url`]), read from the request on the server and
//!   from `window.location` in the browser, so both render the same page;
//! - a click on a same-origin link (no modifier key, no `target`, `download` or
//!   `rel="external"`) is followed in the page: `history.pushState`, the address signal set,
//!   the window scrolled to the top; the back and forward buttons (`popstate`) set it too;
//! - [`Redirect`]: a 302 on the server, a replaced history entry in the browser; and the
//!   redirects that server functions ask for (`leptos_axum::redirect`) are followed the same way.

use leptos::prelude::*;

/// A page's address: its path and its query (without the `?`), as the browser has them.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Url {
    pub path: String,
    pub query: String,
}

impl Url {
    /// Parses `path?query#hash` (the hash is dropped).
    pub fn parse(href: &str) -> Url {
        let href = href.split('#').next().unwrap_or_default();
        let (path, query) = href.split_once('?').unwrap_or((href, ""));
        Url {
            path: path.to_string(),
            query: query.to_string(),
        }
    }

    /// The first value of the query parameter `key`, decoded (`+` and `%XX`).
    pub fn param(&self, key: &str) -> Option<String> {
        self.query.split('&').find_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k) == key).then(|| decode(v))
        })
    }

    /// The page this address shows.
    pub fn route(&self) -> Route {
        let path = self.path.strip_suffix('/').unwrap_or(&self.path);
        match path {
            "" => Route::Root,
            "/organization" => Route::Organizations,
            "/signin" => Route::SignIn,
            p => match p.strip_prefix("/organization/") {
                Some(ns) if !ns.is_empty() && !ns.contains('/') => Route::Namespace(decode(ns)),
                _ => Route::NotFound,
            },
        }
    }
}

/// The console's pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: goes to the organizations.
    Root,
    Organizations,
    /// `/organization/:ns`, with the namespace.
    Namespace(String),
    SignIn,
    NotFound,
}

/// Which page a [`Route`] is, whatever its namespace: the page's view is built again only when
/// this changes (another namespace updates the page in place).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Root,
    Organizations,
    Namespace,
    SignIn,
    NotFound,
}

impl Route {
    pub fn page(&self) -> Page {
        match self {
            Route::Root => Page::Root,
            Route::Organizations => Page::Organizations,
            Route::Namespace(_) => Page::Namespace,
            Route::SignIn => Page::SignIn,
            Route::NotFound => Page::NotFound,
        }
    }
}

/// Percent-decoding as browsers encode a query or a form (`+` is a space); bytes that are not
/// UTF-8 become U+FFFD. (Also `crate::security::strict`'s, for the fields of a posted form.)
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |j: usize| b.get(j).and_then(|&c| (c as char).to_digit(16));
                match (hex(i + 1), hex(i + 2)) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[derive(Clone, Copy)]
struct Current(RwSignal<Url>);

/// The current address (a signal: it changes as the user follows links).
pub fn use_url() -> RwSignal<Url> {
    expect_context::<Current>().0
}

/// The query parameter `key` of the current address, as it changes.
pub fn use_query(key: &'static str) -> Memo<Option<String>> {
    let url = use_url();
    Memo::new(move |_| url.with(|u| u.param(key)))
}

/// Provides the current address to the app: the request's on the server, the window's in the
/// browser, where it also follows links, the back and forward buttons and server-function
/// redirects.
pub fn provide_router() {
    let url = RwSignal::new(initial());
    provide_context(Current(url));
    #[cfg(feature = "hydrate")]
    browser::listen(url);
}

#[cfg(feature = "ssr")]
fn initial() -> Url {
    use_context::<axum::http::request::Parts>()
        .map(|parts| Url {
            path: parts.uri.path().to_string(),
            query: parts.uri.query().unwrap_or_default().to_string(),
        })
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn initial() -> Url {
    let loc = window().location();
    Url {
        path: loc.pathname().unwrap_or_default(),
        query: loc
            .search()
            .unwrap_or_default()
            .trim_start_matches('?')
            .to_string(),
    }
}

/// Goes to `href` (a path on this site, with its query) inside the page: a new history entry
/// (or, with `replace`, instead of the current one), the window at the top.
pub fn navigate(href: &str, replace: bool) {
    #[cfg(feature = "hydrate")]
    browser::go(use_url(), href, replace);
    #[cfg(not(feature = "hydrate"))]
    let _ = (href, replace);
}

/// Sends the user to `path`: a 302 on the server (also without JavaScript), a replaced history
/// entry in the browser.
#[component]
pub fn Redirect(path: &'static str) -> impl IntoView {
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(path);
    #[cfg(feature = "hydrate")]
    {
        let url = use_url();
        // Not while the current view is being built or hydrated: on the next turn.
        leptos::task::spawn_local(async move { browser::go(url, path, true) });
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::Url;
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    pub fn go(url: RwSignal<Url>, href: &str, replace: bool) {
        let w = window();
        if let Ok(h) = w.history() {
            let _ = if replace {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
            } else {
                h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
            };
        }
        url.set(Url::parse(href));
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// The same-origin link a click should follow in the page, as `path?query#hash`.
    fn followed(ev: &web_sys::MouseEvent) -> Option<String> {
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.alt_key()
            || ev.ctrl_key()
            || ev.shift_key()
        {
            return None;
        }
        let target = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
        let a = target
            .closest("a[href]")
            .ok()??
            .dyn_into::<web_sys::HtmlAnchorElement>()
            .ok()?;
        let rel = a.rel();
        if !a.target().is_empty()
            || a.has_attribute("download")
            || rel.split_ascii_whitespace().any(|r| r == "external")
        {
            return None;
        }
        let origin = window().location().origin().ok()?;
        if a.origin() != origin {
            return None;
        }
        Some(a.pathname() + &a.search() + &a.hash())
    }

    pub fn listen(url: RwSignal<Url>) {
        let click = window_event_listener(leptos::ev::click, move |ev| {
            if let Some(href) = followed(&ev) {
                ev.prevent_default();
                go(url, &href, false);
            }
        });
        let popstate =
            window_event_listener(leptos::ev::popstate, move |_| url.set(super::initial()));
        on_cleanup(move || {
            click.remove();
            popstate.remove();
        });
        // A server function that answers with a redirect (sign-in, sign-out).
        let _ = leptos::server_fn::redirect::set_redirect_hook(move |loc: &str| {
            let origin = window().location().origin().unwrap_or_default();
            let href = loc.strip_prefix(origin.as_str()).unwrap_or(loc);
            if !href.starts_with("http") {
                let href = href.to_string();
                // On the next turn: the server function's action first takes its answer, while
                // the page that dispatched it (and owns the action) is still there.
                leptos::task::spawn_local(async move { go(url, &href, false) });
            } else {
                let _ = window().location().set_href(loc);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_and_params() {
        let u = Url::parse("/organization/acme?tab=Robotaccounts&x=a+b%2Fc#top");
        assert_eq!(u.route(), Route::Namespace("acme".into()));
        assert_eq!(u.param("tab").as_deref(), Some("Robotaccounts"));
        assert_eq!(u.param("x").as_deref(), Some("a b/c"));
        assert_eq!(u.param("y"), None);
        assert_eq!(Url::parse("/").route(), Route::Root);
        assert_eq!(Url::parse("/organization/").route(), Route::Organizations);
        assert_eq!(Url::parse("/signin?error=x").route(), Route::SignIn);
        assert_eq!(Url::parse("/organization/a/b").route(), Route::NotFound);
        assert_eq!(Url::parse("/nope").route(), Route::NotFound);
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%C3%A9"), "é");
    }
}
