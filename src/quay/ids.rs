//! Typed identifiers: values that can only hold what Quay itself accepts, so nothing a visitor
//! sends can reach a Quay URL unchecked (a robot named `..` once made a URL-normalising client
//! send `DELETE /api/v1/user/`, which deletes the user).
//!
//! Every server function takes these types; they deserialize with `try_from`, so a bad value is
//! refused while the request is decoded, with a message that names the field. The Quay client
//! builds its paths only from them. Shared by the browser (forms) and the server.

use super::names::{matches_pattern, MAX_DESCRIPTION_LEN, ROBOT_NAME_PATTERN};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a value was refused: the field it belongs to and a sentence saying what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub field: &'static str,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InputError {}

impl InputError {
    fn new(field: &'static str, message: String) -> Self {
        InputError { field, message }
    }
}

/// A value for a message: at most 40 characters, invisible and control characters escaped, so a
/// megabyte or a right-to-left override in the input does not end up in the answer as such.
pub fn shown(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(40)
        .flat_map(|c| {
            if c.is_control() || is_invisible(c) {
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// Format and bidirectional controls that make text display differently than it reads
/// ("Trojan Source"), and zero-width characters that hide inside names.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2028}' | '\u{2029}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Quay's name rule (`^([a-z0-9]+(?:[._-][a-z0-9]+)*)$`, 2 to 255 characters).
fn quay_name(field: &'static str, what: &str, s: &str) -> Result<(), InputError> {
    let len = s.chars().count();
    if !matches_pattern(s) || !(2..=255).contains(&len) {
        return Err(InputError::new(
            field,
            format!(
                "{field}: '{}' is not a valid {what}. Use 2 to 255 lowercase letters, digits and separators (. _ -), starting and ending with a letter or digit (Quay's rule {ROBOT_NAME_PATTERN}).",
                shown(s)
            ),
        ));
    }
    Ok(())
}

macro_rules! string_type {
    ($(#[$doc:meta])* $name:ident, $field:literal, $check:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const FIELD: &'static str = $field;

            pub fn parse(s: &str) -> Result<Self, InputError> {
                let check: fn(&str) -> Result<(), InputError> = $check;
                check(s)?;
                Ok($name(s.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = InputError;
            fn try_from(s: String) -> Result<Self, InputError> {
                let check: fn(&str) -> Result<(), InputError> = $check;
                check(&s)?;
                Ok($name(s))
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }

        crate::json::from_json_string!($name);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        /// Renders as its text in `view!`.
        impl leptos::prelude::IntoRender for $name {
            type Output = String;
            fn into_render(self) -> String {
                self.0
            }
        }
    };
}
pub(crate) use string_type;

mod logs;
pub use logs::{LogDate, LogKind, LogRange, PageToken, MAX_RANGE_DAYS};

string_type!(
    /// An organization or user name (Quay's username rule).
    Namespace,
    "namespace",
    |s| quay_name("namespace", "organization or user name", s)
);

string_type!(
    /// A robot's short name, the part after `{namespace}+`.
    RobotShort,
    "robot name",
    |s| quay_name("robot name", "robot account name", s)
);

string_type!(
    /// A team name, by Quay's server rule (its UI's stricter rule refuses names the server takes).
    TeamName,
    "team",
    |s| quay_name("team", "team name", s)
);

string_type!(
    /// A repository name inside a namespace: `[a-z0-9][.a-z0-9_-]*`, up to 255 characters, so it
    /// cannot be `.` or `..`. Quay's optional extended names (`a/b`) are refused: a `/` would
    /// let a name address another endpoint of the repository API.
    RepoName,
    "repository",
    check_repo
);

fn check_repo(s: &str) -> Result<(), InputError> {
    let part_ok = |p: &str| {
        let mut cs = p.chars();
        matches!(cs.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
            && cs.all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-')
            })
    };
    if s.is_empty() || s.len() > 255 || !part_ok(s) {
        return Err(InputError::new(
            "repository",
            format!(
                "repository: '{}' is not a valid repository name. Use lowercase letters, digits and . _ -, starting with a letter or digit, at most 255 characters.",
                shown(s)
            ),
        ));
    }
    Ok(())
}

string_type!(
    /// A description (robot or team): at most 255 characters, no control or invisible characters.
    Description,
    "description",
    check_description
);

fn check_description(s: &str) -> Result<(), InputError> {
    let len = s.chars().count();
    if len > MAX_DESCRIPTION_LEN {
        return Err(InputError::new(
            "description",
            format!("description: it is {len} characters long; Quay accepts at most {MAX_DESCRIPTION_LEN}. Shorten it."),
        ));
    }
    if let Some((i, c)) = s
        .chars()
        .enumerate()
        .find(|(_, c)| c.is_control() || is_invisible(*c))
    {
        return Err(InputError::new(
            "description",
            format!(
                "description: character {} is an invisible or control character ({}); remove it.",
                i + 1,
                c.escape_unicode()
            ),
        ));
    }
    Ok(())
}

impl Description {
    pub fn empty() -> Self {
        Description(String::new())
    }
}

impl Default for Description {
    fn default() -> Self {
        Description::empty()
    }
}

string_type!(
    /// A JSON Web Token to test a keyless exchange with: three base64url parts, at most 16 KiB.
    Jwt,
    "token",
    check_jwt
);

fn check_jwt(s: &str) -> Result<(), InputError> {
    let ok = !s.is_empty()
        && s.len() <= 16 * 1024
        && s.split('.').count() == 3
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'='));
    if !ok {
        return Err(InputError::new(
            "token",
            "token: this is not a JWT. Paste the whole token: three base64url parts separated by dots.".into(),
        ));
    }
    Ok(())
}

/// A Quay OAuth access token pasted at sign-in. Its `Debug` never shows the value.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccessToken(String);

impl AccessToken {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(…)")
    }
}

impl TryFrom<String> for AccessToken {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, InputError> {
        let t = s.trim();
        if t.is_empty() {
            return Err(InputError::new(
                "token",
                "token: enter an access token. Create one in Quay: Organization → Applications → Create New Application → Generate Token.".into(),
            ));
        }
        if t.len() > 4096 || !t.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(InputError::new(
                "token",
                "token: this is not a Quay access token (it has spaces, control characters, or is over 4 KiB). Paste only the token.".into(),
            ));
        }
        Ok(AccessToken(t.to_string()))
    }
}

impl From<AccessToken> for String {
    fn from(v: AccessToken) -> String {
        v.0
    }
}

/// A full robot name `{namespace}+{short}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RobotName {
    full: String,
    plus: usize,
}

impl RobotName {
    pub const FIELD: &'static str = "robot";

    pub fn new(ns: &Namespace, short: &RobotShort) -> Self {
        RobotName {
            full: format!("{ns}+{short}"),
            plus: ns.len(),
        }
    }

    pub fn parse(s: &str) -> Result<Self, InputError> {
        let bad = || {
            InputError::new(
                "robot",
                format!(
                    "robot: '{}' is not a robot account name; expected namespace+name, e.g. acme+deployer.",
                    shown(s)
                ),
            )
        };
        let (ns, short) = s.split_once('+').ok_or_else(bad)?;
        let ns = Namespace::parse(ns).map_err(|_| bad())?;
        let short = RobotShort::parse(short).map_err(|_| bad())?;
        Ok(RobotName::new(&ns, &short))
    }

    pub fn namespace(&self) -> Namespace {
        Namespace(self.full[..self.plus].to_string())
    }

    pub fn short(&self) -> RobotShort {
        RobotShort(self.full[self.plus + 1..].to_string())
    }

    pub fn short_str(&self) -> &str {
        &self.full[self.plus + 1..]
    }

    pub fn as_str(&self) -> &str {
        &self.full
    }

    /// Refuses a robot of another namespace (`other+bot` sent with namespace `acme`).
    pub fn in_namespace(&self, ns: &Namespace) -> Result<RobotShort, InputError> {
        if &self.full[..self.plus] == ns.as_str() {
            Ok(self.short())
        } else {
            Err(InputError::new(
                "robot",
                format!("robot: {} is not a robot account of {ns}.", self.full),
            ))
        }
    }
}

crate::json::from_json_string!(RobotName);

impl TryFrom<String> for RobotName {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, InputError> {
        RobotName::parse(&s)
    }
}

impl From<RobotName> for String {
    fn from(v: RobotName) -> String {
        v.full
    }
}

impl fmt::Display for RobotName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full)
    }
}

impl leptos::prelude::IntoRender for RobotName {
    type Output = String;
    fn into_render(self) -> String {
        self.full
    }
}

impl AsRef<str> for RobotName {
    fn as_ref(&self) -> &str {
        &self.full
    }
}

impl std::ops::Deref for RobotName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.full
    }
}

/// The most items one bulk request may carry (robots to delete, permission changes, wizard
/// steps): more than any namespace's page of work, and a bound on what one request can make
/// the console send to Quay.
pub const MAX_BULK_ITEMS: usize = 5_000;

/// Refuses a list longer than [`MAX_BULK_ITEMS`].
pub fn check_bulk_len(field: &'static str, n: usize) -> Result<(), InputError> {
    if n > MAX_BULK_ITEMS {
        return Err(InputError::new(
            field,
            format!("{field}: {n} items in one request; the console takes at most {MAX_BULK_ITEMS}. Split the work into smaller batches."),
        ));
    }
    Ok(())
}

/// Refuses an empty list where there must be something to do, and a list longer than
/// [`MAX_BULK_ITEMS`].
pub fn check_bulk_items(field: &'static str, n: usize) -> Result<(), InputError> {
    if n == 0 {
        return Err(InputError::new(
            field,
            format!("{field}: the list is empty; there is nothing to do."),
        ));
    }
    check_bulk_len(field, n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_and_robot_names_follow_quays_rule() {
        for ok in ["acme", "my_org.x", "a-b", "ab"] {
            assert!(Namespace::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            ".",
            "..",
            "a",
            "Acme",
            "ac me",
            "a/b",
            "a?b",
            "a#b",
            "a+b",
            "%2e%2e",
            "ac\u{0}me",
            "ac\u{200B}me",
            "ac\u{202E}me",
            "-ab",
            "ab-",
        ] {
            let e = Namespace::parse(bad).unwrap_err();
            assert_eq!(e.field, "namespace", "{bad}");
            assert!(e.message.starts_with("namespace: "), "{}", e.message);
        }
        assert!(Namespace::parse(&"a".repeat(256)).is_err());
    }

    #[test]
    fn a_full_robot_name_belongs_to_one_namespace() {
        let r = RobotName::parse("acme+my_bot.x").unwrap();
        assert_eq!(r.namespace().as_str(), "acme");
        assert_eq!(r.short().as_str(), "my_bot.x");
        let acme = Namespace::parse("acme").unwrap();
        assert_eq!(r.in_namespace(&acme).unwrap().as_str(), "my_bot.x");
        let other = RobotName::parse("other+bot").unwrap();
        let e = other.in_namespace(&acme).unwrap_err();
        assert_eq!(
            e.message,
            "robot: other+bot is not a robot account of acme."
        );
        for bad in [
            "acme+..",
            "acme+",
            "+bot",
            "acme",
            "acme+a+b",
            "acme+.",
            "acme+%2e%2e",
            "acme+a/b",
        ] {
            assert!(RobotName::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn repository_names_cannot_hold_dot_segments() {
        for ok in ["billing", "a.b_c-d", "0repo"] {
            assert!(RepoName::parse(ok).is_ok(), "{ok}");
        }
        // Quay's extended names (`team/app`) are refused: a `/` could address another endpoint.
        for bad in [
            "", ".", "..", "a/..", "../a", "/a", "a/", "team/app", "A", ".hidden", "a b", "a?b",
            "a#b", "a%2fb",
        ] {
            assert!(RepoName::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn descriptions_refuse_invisible_characters_and_length() {
        assert!(Description::parse("Deploys to production 🚀 <script>").is_ok());
        assert!(Description::parse(&"x".repeat(255)).is_ok());
        let e = Description::parse(&"x".repeat(256)).unwrap_err();
        assert!(e.message.contains("at most 255"), "{}", e.message);
        let e = Description::parse("abc\u{202E}def").unwrap_err();
        assert!(e.message.contains("character 4"), "{}", e.message);
        assert!(Description::parse("a\u{0}b").is_err());
    }

    #[test]
    fn messages_never_echo_a_megabyte_or_an_override() {
        let big = "A".repeat(1 << 20);
        let e = Namespace::parse(&big).unwrap_err();
        assert!(e.message.len() < 400, "{}", e.message.len());
        let e = Namespace::parse("evil\u{202E}gnp.exe").unwrap_err();
        assert!(!e.message.contains('\u{202E}'));
        assert!(e.message.contains("\\u{202e}"), "{}", e.message);
    }

    #[test]
    fn serde_refuses_invalid_values_while_decoding() {
        let ok: Namespace = serde_json::from_str("\"acme\"").unwrap();
        assert_eq!(ok.as_str(), "acme");
        let e = serde_json::from_str::<Namespace>("\"..\"").unwrap_err();
        assert!(e.to_string().starts_with("namespace: '..'"), "{e}");
        let e = serde_json::from_str::<RobotName>("\"reader+..\"").unwrap_err();
        assert!(e.to_string().starts_with("robot: 'reader+..'"), "{e}");
        let back = serde_json::to_string(&RobotName::parse("acme+bot").unwrap()).unwrap();
        assert_eq!(back, "\"acme+bot\"");
    }

    #[test]
    fn access_tokens_are_trimmed_and_never_debug_printed() {
        let t: AccessToken = serde_json::from_str("\"  abc123  \"").unwrap();
        assert_eq!(t.as_str(), "abc123");
        assert_eq!(format!("{t:?}"), "AccessToken(…)");
        assert!(serde_json::from_str::<AccessToken>("\"a b\"").is_err());
        assert!(serde_json::from_str::<AccessToken>("\"\"").is_err());
    }

    #[test]
    fn jwts_are_three_base64url_parts() {
        assert!(Jwt::parse("a.b.c").is_ok());
        assert!(Jwt::parse("a.b").is_err());
        assert!(Jwt::parse("a.b.c d").is_err());
    }
}
