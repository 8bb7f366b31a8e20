//! Opaque `next_page` tokens of the log endpoints: the position after the last entry returned
//! (entries are ordered newest first by `(datetime, id)`). A token that does not decode is ignored,
//! which gives the first page, as in Quay.

use base64::Engine;
use serde_json::{json, Value};

/// Entries per page.
pub const PAGE_SIZE: usize = 20;

const PREFIX: &str = "qsl1";

pub fn encode(datetime: i64, id: i64) -> String {
    let raw = json!({"before_datetime": datetime, "before_id": id}).to_string();
    format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw)
    )
}

pub fn decode(token: &str) -> Option<(i64, i64)> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.strip_prefix(PREFIX)?.trim_end_matches('='))
        .ok()?;
    let v: Value = serde_json::from_slice(&raw).ok()?;
    Some((v["before_datetime"].as_i64()?, v["before_id"].as_i64()?))
}

#[cfg(test)]
mod tests {
    #[test]
    fn roundtrip_and_garbage() {
        let t = super::encode(1_796_083_200, 42);
        assert_eq!(super::decode(&t), Some((1_796_083_200, 42)));
        assert_eq!(super::decode("notavalidtoken"), None);
        assert_eq!(super::decode("qsl1!!"), None);
    }
}
