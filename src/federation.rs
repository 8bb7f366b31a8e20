//! Robot federation (keyless robots): pure logic shared by the dialog and the server.
//!
//! - JWT decoding without verification (base64url; runs in the browser and on the server),
//! - the validation rules Quay applies when saving a federation list, with messages at the field,
//! - presets that explain issuer and subject for common identity providers,
//! - hints for the keyless exchange's error messages,
//! - usage snippets (External Secrets manifests, podman login, a CI script).

pub mod jwt;
pub mod presets;
pub mod snippets;

use crate::quay::model::FederationEntry;

/// Quay's messages (spec §4), kept verbatim where Quay has one.
pub const MSG_MISSING: &str = "Missing one or more required fields (issuer, subject)";
pub const MSG_ISSUER_REQUIRED: &str = "Issuer URL is required";
pub const MSG_SUBJECT_REQUIRED: &str = "Subject is required";
pub const MSG_NOT_URL: &str = "Issuer must be a URL (http:// or https://)";
pub const MSG_DUPLICATE: &str = "Duplicate federation config entry";
pub const WARN_HTTP_ISSUER: &str = "Quay saves an http:// issuer but never exchanges tokens from it (\"OIDC server must be accessed over SSL\"). Use the issuer's https:// URL.";

/// Field-level problems of one entry (None = fine).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntryProblems {
    pub issuer: Option<&'static str>,
    pub subject: Option<&'static str>,
    /// A warning that does not block saving (an `http://` issuer).
    pub issuer_warning: Option<&'static str>,
}

impl EntryProblems {
    pub fn is_ok(&self) -> bool {
        self.issuer.is_none() && self.subject.is_none()
    }
}

/// Quay's URL check: the issuer starts with `http://` or `https://`.
pub fn issuer_is_url(issuer: &str) -> bool {
    issuer.starts_with("http://") || issuer.starts_with("https://")
}

/// Checks every entry the way Quay does when saving (in Quay's order: required fields, URL,
/// duplicates), returning one result per entry. The duplicate is reported on the later entry.
pub fn validate(entries: &[FederationEntry]) -> Vec<EntryProblems> {
    let mut out = Vec::with_capacity(entries.len());
    for (i, e) in entries.iter().enumerate() {
        let mut p = EntryProblems::default();
        if e.issuer.is_empty() {
            p.issuer = Some(MSG_ISSUER_REQUIRED);
        } else if !issuer_is_url(&e.issuer) {
            p.issuer = Some(MSG_NOT_URL);
        } else if e.issuer.starts_with("http://") {
            p.issuer_warning = Some(WARN_HTTP_ISSUER);
        }
        if e.subject.is_empty() {
            p.subject = Some(MSG_SUBJECT_REQUIRED);
        }
        if p.is_ok()
            && entries[..i]
                .iter()
                .any(|o| o.issuer == e.issuer && o.subject == e.subject)
        {
            p.subject = Some(MSG_DUPLICATE);
        }
        out.push(p);
    }
    out
}

/// The first message Quay itself would answer for this list (server-side check before calling
/// Quay), or None when Quay would accept it.
pub fn quay_message(entries: &[FederationEntry]) -> Option<&'static str> {
    if entries
        .iter()
        .any(|e| e.issuer.is_empty() || e.subject.is_empty())
    {
        return Some(MSG_MISSING);
    }
    if entries.iter().any(|e| !issuer_is_url(&e.issuer)) {
        return Some(MSG_NOT_URL);
    }
    let problems = validate(entries);
    if problems.iter().any(|p| p.subject == Some(MSG_DUPLICATE)) {
        return Some(MSG_DUPLICATE);
    }
    None
}

/// Trims what people paste (stray spaces and newlines around a URL or subject).
pub fn normalize(entries: &[FederationEntry]) -> Vec<FederationEntry> {
    entries
        .iter()
        .map(|e| FederationEntry {
            issuer: e.issuer.trim().to_string(),
            subject: e.subject.trim().to_string(),
        })
        .collect()
}

/// The most federation entries one robot may have in the console (Quay sets no limit; a list
/// longer than this is a mistake or an attack).
pub const MAX_FEDERATION_ENTRIES: usize = 50;
/// The longest issuer URL or subject the console sends.
pub const MAX_FEDERATION_FIELD: usize = 2048;

/// A federation list that Quay would accept, checked before anything is sent: at most
/// [`MAX_FEDERATION_ENTRIES`] trimmed entries without control characters, then Quay's own rules
/// with Quay's messages (required fields, URL, duplicates).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Vec<FederationEntry>", into = "Vec<FederationEntry>")]
pub struct FederationList(Vec<FederationEntry>);

impl FederationList {
    pub fn entries(&self) -> &[FederationEntry] {
        &self.0
    }
}

impl TryFrom<Vec<FederationEntry>> for FederationList {
    type Error = crate::quay::ids::InputError;
    fn try_from(entries: Vec<FederationEntry>) -> Result<Self, Self::Error> {
        use crate::quay::ids::{is_invisible, InputError};
        let bad = |message: String| InputError {
            field: "federation",
            message,
        };
        if entries.len() > MAX_FEDERATION_ENTRIES {
            return Err(bad(format!(
                "federation: {} entries; the console takes at most {MAX_FEDERATION_ENTRIES} per robot.",
                entries.len()
            )));
        }
        let entries = normalize(&entries);
        for e in &entries {
            for (name, v) in [("issuer", &e.issuer), ("subject", &e.subject)] {
                if v.len() > MAX_FEDERATION_FIELD {
                    return Err(bad(format!(
                        "federation: an {name} is {} bytes long; at most {MAX_FEDERATION_FIELD} are accepted.",
                        v.len()
                    )));
                }
                if v.chars().any(|c| c.is_control() || is_invisible(c)) {
                    return Err(bad(format!(
                        "federation: an {name} holds an invisible or control character; remove it."
                    )));
                }
            }
        }
        if let Some(msg) = quay_message(&entries) {
            return Err(bad(msg.to_string()));
        }
        Ok(FederationList(entries))
    }
}

impl From<FederationList> for Vec<FederationEntry> {
    fn from(l: FederationList) -> Self {
        l.0
    }
}

/// What probably went wrong in a keyless exchange, from Quay's message (real Quay's texts, see
/// `recorded-extra/`) and the token's issuer.
pub fn exchange_hint(message: &str, token_issuer: Option<&str>) -> Option<String> {
    let m = message.to_ascii_lowercase();
    let http = token_issuer.is_some_and(|i| i.starts_with("http://"));
    let hint = if m.contains("token does not match robot") {
        "Subject mismatch: the token's sub claim is not a configured subject for its issuer. Compare the token's sub with the entry's Subject (exact match, case-sensitive) and save."
    } else if m.contains("signature has expired") {
        "The token has expired (its exp is in the past). Get a fresh token from the identity provider and try again."
    } else if m.contains("signature verification failed") || m.contains("signing key") {
        "Bad signature: the token was not signed by a key the issuer publishes in its JWKS. Check that the token really comes from this issuer and was not altered."
    } else if m.contains("does not have federated login configured") {
        "Issuer not configured: this robot has no saved federation entries. Add the token's issuer and subject and press Save before testing."
    } else if m.contains("not configured for this robot") || m.contains("invalid issuer") {
        "Issuer not configured: no saved entry has the token's iss exactly (watch for a trailing slash). Add it and press Save before testing."
    } else if m.contains("must be accessed over ssl") || (http && m.contains("500")) {
        "http:// issuer: Quay only exchanges tokens from https:// issuers. Use the issuer's https:// URL in the entry and in the token."
    } else if m.contains("not a jwt") {
        "This is not a JWT: paste the whole token (three base64url parts separated by dots)."
    } else if m.contains("cannot reach issuer") || m.contains("quay answered 500") {
        "Quay could not verify the token with the issuer: the issuer's discovery document (/.well-known/openid-configuration) and JWKS must be reachable from Quay over https."
    } else if m.contains("could not find robot") {
        "The robot no longer exists."
    } else {
        return None;
    };
    Some(hint.to_string())
}

/// Seconds since the Unix epoch, in the browser and on the server.
pub fn now_epoch() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        (date_now() / 1000.0) as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Date, js_name = now)]
    fn date_now() -> f64;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(i: &str, s: &str) -> FederationEntry {
        FederationEntry {
            issuer: i.into(),
            subject: s.into(),
        }
    }

    #[test]
    fn valid_entries_pass() {
        let list = [
            e(
                "https://token.actions.githubusercontent.com",
                "repo:o/r:ref:refs/heads/main",
            ),
            e("https://sso.example.com/realms/x", "1234"),
        ];
        assert!(validate(&list).iter().all(EntryProblems::is_ok));
        assert_eq!(quay_message(&list), None);
    }

    #[test]
    fn non_url_issuer_gets_quays_message_at_the_issuer_field() {
        let p = validate(&[e("sso.example.com", "x")]);
        assert_eq!(p[0].issuer, Some(MSG_NOT_URL));
        assert_eq!(p[0].subject, None);
        assert_eq!(
            quay_message(&[e("sso.example.com", "x")]),
            Some("Issuer must be a URL (http:// or https://)")
        );
    }

    #[test]
    fn empty_fields_are_required_and_quay_says_missing() {
        let p = validate(&[e("", "")]);
        assert_eq!(p[0].issuer, Some(MSG_ISSUER_REQUIRED));
        assert_eq!(p[0].subject, Some(MSG_SUBJECT_REQUIRED));
        // Quay checks required fields before URLs.
        assert_eq!(
            quay_message(&[e("nope", "x"), e("https://a", "")]),
            Some(MSG_MISSING)
        );
    }

    #[test]
    fn duplicate_pair_is_reported_on_the_later_entry_only() {
        let list = [
            e("https://a", "s"),
            e("https://a", "t"),
            e("https://a", "s"),
        ];
        let p = validate(&list);
        assert!(p[0].is_ok() && p[1].is_ok());
        assert_eq!(p[2].subject, Some(MSG_DUPLICATE));
        assert_eq!(quay_message(&list), Some(MSG_DUPLICATE));
    }

    #[test]
    fn http_issuer_is_saved_but_warned_about() {
        let p = validate(&[e("http://127.0.0.1:9/realms/x", "s1")]);
        assert!(p[0].is_ok());
        assert_eq!(p[0].issuer_warning, Some(WARN_HTTP_ISSUER));
    }

    #[test]
    fn normalize_trims_pasted_whitespace() {
        assert_eq!(
            normalize(&[e(" https://a\n", " s ")]),
            vec![e("https://a", "s")]
        );
    }

    #[test]
    fn hints_for_real_quay_messages() {
        let h = |m: &str| exchange_hint(m, Some("https://i")).unwrap();
        assert!(h("Token does not match robot").starts_with("Subject mismatch"));
        assert!(h("Invalid token: Signature has expired").starts_with("The token has expired"));
        assert!(h("Invalid token: Signature verification failed").starts_with("Bad signature"));
        assert!(h("Robot does not have federated login configured")
            .starts_with("Issuer not configured"));
        assert!(h("issuer https://x not configured for this robot")
            .starts_with("Issuer not configured"));
        assert!(exchange_hint(
            "Quay answered 500 (an error inside Quay).",
            Some("http://i")
        )
        .unwrap()
        .starts_with("http:// issuer"));
        assert_eq!(exchange_hint("something else", None), None);
    }
}
