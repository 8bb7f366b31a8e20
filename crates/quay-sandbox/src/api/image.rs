//! The one image every sandbox repository holds under the tag `latest`: a Docker schema 2
//! manifest with a small config and one (empty) gzip layer, the same bytes every time for a given
//! repository, so `skopeo inspect` and pulls work and digests are stable.

use serde_json::json;

/// The only tag of every repository.
pub const TAG: &str = "latest";
pub const MANIFEST_TYPE: &str = "application/vnd.docker.distribution.manifest.v2+json";
pub const CONFIG_TYPE: &str = "application/vnd.docker.container.image.v1+json";
pub const LAYER_TYPE: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";

/// A gzipped empty tar (1024 zero bytes), Docker's well-known empty layer.
pub const EMPTY_LAYER: &[u8] = &[
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x09, 0x6e, 0x88, 0x00, 0xff, 0x62, 0x18, 0x05, 0xa3, 0x60, 0x14,
    0x8c, 0x58, 0x00, 0x08, 0x00, 0x00, 0xff, 0xff, 0x2e, 0xaf, 0xb5, 0xef, 0x00, 0x04, 0x00, 0x00,
];
/// sha256 of the uncompressed empty layer.
const EMPTY_LAYER_DIFF_ID: &str =
    "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";

pub fn digest(bytes: &[u8]) -> String {
    format!("sha256:{}", sha256_bytes(bytes))
}

fn sha256_bytes(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The image config of `ns/repo`.
pub fn config(ns: &str, repo: &str) -> Vec<u8> {
    json!({
        "architecture": "amd64",
        "os": "linux",
        "created": "2026-01-01T00:00:00Z",
        "config": {"Labels": {"io.quay-sandbox.repository": format!("{ns}/{repo}")}},
        "rootfs": {"type": "layers", "diff_ids": [EMPTY_LAYER_DIFF_ID]},
        "history": [{"created": "2026-01-01T00:00:00Z", "created_by": "quay-sandbox"}],
    })
    .to_string()
    .into_bytes()
}

/// The manifest of `ns/repo:latest`.
pub fn manifest(ns: &str, repo: &str) -> Vec<u8> {
    let config = config(ns, repo);
    serde_json::to_vec_pretty(&json!({
        "schemaVersion": 2,
        "mediaType": MANIFEST_TYPE,
        "config": {"mediaType": CONFIG_TYPE, "size": config.len(), "digest": digest(&config)},
        "layers": [{"mediaType": LAYER_TYPE, "size": EMPTY_LAYER.len(), "digest": digest(EMPTY_LAYER)}],
    }))
    .unwrap_or_default()
}

/// The blob of `ns/repo` with this digest, if it is one of the image's.
pub fn blob(ns: &str, repo: &str, wanted: &str) -> Option<Vec<u8>> {
    let config = config(ns, repo);
    if digest(&config) == wanted {
        return Some(config);
    }
    (digest(EMPTY_LAYER) == wanted).then(|| EMPTY_LAYER.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_stable_and_consistent() {
        assert_eq!(
            digest(EMPTY_LAYER),
            "sha256:a3ed95caeb02ffe68cdd9fd84406680ae93d633cb16422d00e8a7c22955b46d4"
        );
        let m: serde_json::Value = serde_json::from_slice(&manifest("acme", "billing")).unwrap();
        let cfg = m["config"]["digest"].as_str().unwrap();
        assert_eq!(
            blob("acme", "billing", cfg),
            Some(config("acme", "billing"))
        );
        assert!(blob("acme", "other", cfg).is_none());
        assert_eq!(manifest("acme", "billing"), manifest("acme", "billing"));
    }
}
