//! JSON in the browser bundle is read from bytes only.
//!
//! serde_json compiles every `Deserialize` type once per reader: server-function answers are
//! read from bytes (`from_slice`), but Leptos' default resource codec and gloo-storage read the
//! same types from a `str` (`from_str`), which doubled the deserialising code of each type in
//! the wasm (some 39 kB before optimisation in the main module). Resources made with
//! [`resource`] and preferences read with [`stored`] use the byte reader too; the JSON is the
//! same. `clippy.toml` refuses `Resource::new` and gloo-storage's `get`, so the second reader
//! cannot come back unnoticed.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
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

/// The value stored under `key` in the browser's local storage, if there is one and it parses.
/// (In the browser only: effects call it.)
pub fn stored<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(key)
        .ok()??;
    serde_json::from_slice(text.as_bytes()).ok()
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
