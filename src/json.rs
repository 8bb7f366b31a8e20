//! JSON in the browser bundle.
//!
//! What the robots tab and the organizations and sign-in pages read (their server functions'
//! answers, every error, their resources, the table's stored preferences) is read by the
//! browser's own parser: [`FromJson`] (`src/json/from_json.rs`), the
//! [`Answer`] encoding of server functions (`output = crate::json::Answer`), [`page_resource`],
//! [`page_stored`] and `AppError`'s encoder. The JSON is the one serde_json writes; only the
//! reading side changes. That keeps serde's derived deserialisers and serde_json's reader out of
//! the main module (25 kB gzip -9, README "Weight"). The credentials, teams, delete and
//! permissions dialogs and the create wizard read the same way, and so do the bulk engine's
//! progress lines, so opening one of them does not fetch serde_json's reader either; the
//! federation dialog (its JWT decoder) and the other tabs still use serde_json.
//!
//! There, serde_json compiles every `Deserialize` type once per reader: server-function answers
//! are read from bytes (`from_slice`), but Leptos' default resource codec and gloo-storage read
//! the same types from a `str` (`from_str`), which doubled the deserialising code of each type in
//! the wasm. Resources made with [`resource`] use the byte reader too (the JSON is the same), and
//! stored preferences are all read with [`page_stored`]. `clippy.toml` refuses `Resource::new`
//! and gloo-storage's `get`, so the second reader cannot come back unnoticed.

mod from_json;
pub use from_json::*;

use bytes::Bytes;
use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use leptos::server_fn::codec::Post;
use leptos::server_fn::{ContentType, Decodes, Encodes, Format, FormatType};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::future::Future;

/// The resource codec: JSON written as text (as Leptos' default), read from its bytes.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(val.as_bytes())
    }
}

/// A resource of the console: [`Resource::new`] with the [`Json`] codec.
pub type JsonResource<T> = Resource<T, Json>;

/// [`Resource::new`], with the [`Json`] codec.
#[track_caller]
pub fn resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> JsonResource<T>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: Send + Sync + Clone + PartialEq + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

/// The text stored under `key` in the browser's local storage, if there is one.
fn stored_text(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()?
}

/// JSON that [`FromJson`] could not read.
#[derive(Debug)]
pub struct Unreadable;

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not the JSON expected")
    }
}

/// The server-function encoding of the answers the robots tab and the organizations and
/// sign-in pages read (`output = Answer`): JSON
/// written by serde_json, as [`leptos::server_fn::codec::Json`], read with [`FromJson`].
pub struct AnswerJson;

/// `POST`, answered with JSON read by [`FromJson`] in the browser.
pub type Answer = Post<AnswerJson>;

impl ContentType for AnswerJson {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for AnswerJson {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: Serialize> Encodes<T> for AnswerJson {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<Bytes, serde_json::Error> {
        serde_json::to_vec(output).map(Bytes::from)
    }
}

impl<T: FromJson> Decodes<T> for AnswerJson {
    type Error = Unreadable;

    fn decode(bytes: Bytes) -> Result<T, Unreadable> {
        std::str::from_utf8(&bytes)
            .ok()
            .and_then(read)
            .ok_or(Unreadable)
    }
}

/// The codec of [`page_resource`]: JSON written as text by serde_json, read with [`FromJson`].
pub struct PageJson;

/// Written as [`Json`] writes it.
impl<T: Serialize> Encoder<T> for PageJson {
    type Error = <Json as Encoder<T>>::Error;
    type Encoded = <Json as Encoder<T>>::Encoded;

    fn encode(val: &T) -> Result<Self::Encoded, Self::Error> {
        <Json as Encoder<T>>::encode(val)
    }
}

impl<T: FromJson> Decoder<T> for PageJson {
    type Error = Unreadable;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, Unreadable> {
        read(val).ok_or(Unreadable)
    }
}

/// A resource read with [`FromJson`]: [`page_resource`]'s.
pub type PageResource<T> = Resource<T, PageJson>;

/// [`resource`] for data read with [`FromJson`] when it hydrates (the robots tab's, the
/// organizations and sign-in pages').
#[track_caller]
pub fn page_resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> PageResource<T>
where
    T: Serialize + FromJson + Send + Sync + 'static,
    S: Send + Sync + Clone + PartialEq + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

/// The value stored under `key` in the browser's local storage, if there is one and it parses,
/// read with [`FromJson`]. (In the browser only: effects call it.)
pub fn page_stored<T: FromJson>(key: &str) -> Option<T> {
    read(&stored_text(key)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codec_reads_what_it_writes() {
        let v = (vec!["a\"b".to_string()], Some(3u8));
        let text = <Json as Encoder<_>>::encode(&v).unwrap();
        assert_eq!(text, serde_json::to_string(&v).unwrap());
        let back: (Vec<String>, Option<u8>) = <Json as Decoder<_>>::decode(&text).unwrap();
        assert_eq!(back, v);
        assert!(<Json as Decoder<(u8,)>>::decode("[").is_err());
    }
}
