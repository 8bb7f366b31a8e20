//! The per-browser CSRF token: the server renders it into the page (`<meta name="csrf-token">`
//! and a hidden field of each form), the browser sends it back with every server-function call
//! (header `X-CSRF-Token`, or the form field when JavaScript is off), and the server's guard
//! (`crate::security`) refuses a state-changing request without the right one.
//!
//! The token is an HMAC of a random per-browser nonce kept in an HttpOnly cookie, so a page on
//! another site can neither read it nor forge it.

use leptos::prelude::*;
use leptos::server_fn::client::{browser::BrowserClient, Client};
use leptos::server_fn::error::FromServerFnError;
use leptos::server_fn::request::browser::BrowserRequest;
use leptos::server_fn::response::browser::BrowserResponse;

/// The request header the browser sends the token in.
pub const HEADER: &str = "x-csrf-token";
/// The form field no-JavaScript forms send the token in.
pub const FIELD: &str = "csrf_token";
/// The `<meta>` name holding the token in every page.
pub const META: &str = "csrf-token";

/// This request's token, as rendered into the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsrfToken(pub String);

/// The token of the current page: from the request on the server, from the page's `<meta>` in
/// the browser (both hold the same value, so hydration matches).
pub fn token() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<CsrfToken>().map(|t| t.0).unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .query_selector(&format!("meta[name=\"{META}\"]"))
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
            .unwrap_or_default()
    }
}

/// The hidden field a form needs to work without JavaScript.
#[component]
pub fn CsrfField() -> impl IntoView {
    view! { <input type="hidden" name=FIELD value=token() /> }
}

/// The browser client of every server function: `fetch`, plus the CSRF header.
pub struct CsrfClient;

impl<E, IS, OS> Client<E, IS, OS> for CsrfClient
where
    E: FromServerFnError,
    IS: FromServerFnError,
    OS: FromServerFnError,
{
    type Request = BrowserRequest;
    type Response = BrowserResponse;

    fn send(
        req: Self::Request,
    ) -> impl std::future::Future<Output = Result<Self::Response, E>> + Send {
        #[cfg(not(feature = "ssr"))]
        req.headers().set(HEADER, &token());
        <BrowserClient as Client<E, IS, OS>>::send(req)
    }

    #[allow(clippy::type_complexity)]
    fn open_websocket(
        path: &str,
    ) -> impl std::future::Future<
        Output = Result<
            (
                impl futures::Stream<Item = Result<bytes::Bytes, bytes::Bytes>> + Send + 'static,
                impl futures::Sink<bytes::Bytes> + Send + 'static,
            ),
            E,
        >,
    > + Send {
        <BrowserClient as Client<E, IS, OS>>::open_websocket(path)
    }

    fn spawn(future: impl std::future::Future<Output = ()> + Send + 'static) {
        <BrowserClient as Client<E, IS, OS>>::spawn(future)
    }
}
