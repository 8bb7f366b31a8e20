//! Light and dark theme (PatternFly 6's `pf-v6-theme-dark` class on `<html>`). The masthead toggle
//! remembers the choice per browser in a cookie, so the server renders the page in the chosen theme
//! at once (no flash of the wrong theme). Without a choice the page follows the system's
//! `prefers-color-scheme`: a two-statement script in `<head>` (with the page's CSP nonce) sets the class
//! before the first paint, and the toggle then overrides it.

use leptos::prelude::*;

/// The cookie holding the browser's choice (`light` or `dark`); readable by the page's script.
pub const COOKIE: &str = "rc-theme";
/// PatternFly's dark theme class.
pub const DARK_CLASS: &str = "pf-v6-theme-dark";
/// Runs in `<head>` before the first paint: marks `<html>` with `rc-js` (notes for pages without
/// JavaScript hide then) and, when no choice was made, follows the system's preference.
pub const HEAD_SCRIPT: &str = "document.documentElement.classList.add('rc-js');if(!/(^|;\\s*)rc-theme=/.test(document.cookie)&&window.matchMedia&&matchMedia('(prefers-color-scheme: dark)').matches)document.documentElement.classList.add('pf-v6-theme-dark')";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

impl Theme {
    fn value(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The class of `<html>` for a choice (none: light until the script says otherwise).
    pub fn html_class(choice: Option<Theme>) -> &'static str {
        match choice {
            Some(Theme::Dark) => DARK_CLASS,
            _ => "",
        }
    }

    /// The theme chosen in a `Cookie` header, if any (other values count as no choice).
    pub fn from_cookie_header(header: &str) -> Option<Theme> {
        header.split(';').find_map(|kv| {
            let (k, v) = kv.trim().split_once('=')?;
            if k != COOKIE {
                return None;
            }
            match v.trim() {
                "dark" => Some(Theme::Dark),
                "light" => Some(Theme::Light),
                _ => None,
            }
        })
    }

    /// The `document.cookie` assignment that remembers this choice for a year.
    pub fn cookie(self) -> String {
        format!(
            "{COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
            self.value()
        )
    }
}

/// The choice the request carries (server side; `None` in the browser).
pub fn requested() -> Option<Theme> {
    #[cfg(feature = "ssr")]
    {
        let parts = use_context::<axum::http::request::Parts>()?;
        parts
            .headers
            .get_all(axum::http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(Theme::from_cookie_header)
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Whether the page shows the dark theme now (browser only).
fn is_dark_now() -> bool {
    document()
        .document_element()
        .is_some_and(|e| e.class_list().contains(DARK_CLASS))
}

/// Shows `theme` and remembers it in this browser.
fn apply(theme: Theme) {
    use wasm_bindgen::JsCast;
    let doc = document();
    if let Some(e) = doc.document_element() {
        let _ = e
            .class_list()
            .toggle_with_force(DARK_CLASS, theme == Theme::Dark);
    }
    if let Ok(html) = doc.dyn_into::<web_sys::HtmlDocument>() {
        let _ = html.set_cookie(&theme.cookie());
    }
}

/// The masthead's toggle button: pressed while the dark theme shows.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let dark = RwSignal::new(requested() == Some(Theme::Dark));
    // In the browser the page's class is the truth (the head script may have set it).
    crate::components::effect::effect(move || dark.set(is_dark_now()));
    let toggle = move |_| {
        let next = if dark.get_untracked() {
            Theme::Light
        } else {
            Theme::Dark
        };
        apply(next);
        dark.set(next == Theme::Dark);
    };
    view! {
        <button
            class="pf-v6-c-button pf-m-plain"
            type="button"
            id="theme-toggle"
            aria-label="Dark theme"
            title="Dark theme"
            aria-pressed=move || dark.get().to_string()
            on:click=toggle
        >
            <i class=move || if dark.get() { "fas fa-sun" } else { "fas fa-moon" } aria-hidden="true"></i>
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_header_carries_the_choice() {
        assert_eq!(
            Theme::from_cookie_header("rc-theme=dark"),
            Some(Theme::Dark)
        );
        assert_eq!(
            Theme::from_cookie_header("a=1; rc-theme=light; b=2"),
            Some(Theme::Light)
        );
        assert_eq!(Theme::from_cookie_header("a=1; rc-theme=blue"), None);
        assert_eq!(Theme::from_cookie_header("xrc-theme=dark"), None);
        assert_eq!(Theme::from_cookie_header(""), None);
    }

    #[test]
    fn a_choice_round_trips_through_its_cookie() {
        for t in [Theme::Light, Theme::Dark] {
            let c = t.cookie();
            let pair = c.split(';').next().unwrap();
            assert_eq!(Theme::from_cookie_header(pair), Some(t));
            assert!(c.contains("Path=/") && c.contains("SameSite=Lax"));
        }
        assert_eq!(Theme::html_class(Some(Theme::Dark)), DARK_CLASS);
        assert_eq!(Theme::html_class(Some(Theme::Light)), "");
        assert_eq!(Theme::html_class(None), "");
    }
}
