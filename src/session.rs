//! The sign-in session: the Quay token lives in an encrypted (AES-GCM), HttpOnly, SameSite
//! cookie, so no server keeps session rows and any replica with the same key serves any request.

use cookie::{Cookie, CookieJar, Key, SameSite};
use serde::{Deserialize, Serialize};

pub const SESSION_COOKIE: &str = "rc_session";
/// Set on sign-out in embedded mode, so the visitor is not signed in again automatically.
pub const SIGNED_OUT_COOKIE: &str = "rc_signed_out";
const MAX_AGE_HOURS: i64 = 12;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    #[serde(rename = "t")]
    pub token: String,
    #[serde(rename = "u")]
    pub username: String,
    /// Quay says the user is a superuser and the token has the `super:user` scope.
    #[serde(rename = "s", default)]
    pub superuser: bool,
}

fn jar_from_header(cookie_header: &str) -> CookieJar {
    let mut jar = CookieJar::new();
    for c in Cookie::split_parse_encoded(cookie_header.to_string()).flatten() {
        jar.add_original(c.into_owned());
    }
    jar
}

/// Reads and decrypts the session from a `Cookie` header. Tampered or foreign cookies give `None`.
pub fn read_session(cookie_header: &str, key: &Key) -> Option<Session> {
    let jar = jar_from_header(cookie_header);
    let c = jar.private(key).get(SESSION_COOKIE)?;
    serde_json::from_str(c.value()).ok()
}

pub fn has_cookie(cookie_header: &str, name: &str) -> bool {
    jar_from_header(cookie_header).get(name).is_some()
}

/// The `Set-Cookie` value that stores `session`.
pub fn session_cookie(session: &Session, key: &Key, secure: bool) -> String {
    let value = serde_json::to_string(session).expect("session serializes");
    let mut jar = CookieJar::new();
    let c = Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::hours(MAX_AGE_HOURS))
        .build();
    jar.private_mut(key).add(c);
    let out = jar
        .delta()
        .next()
        .expect("one cookie was added")
        .encoded()
        .to_string();
    out
}

/// A `Set-Cookie` value that removes cookie `name`.
pub fn removal_cookie(name: &str, secure: bool) -> String {
    Cookie::build((name, ""))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(cookie::time::Duration::ZERO)
        .build()
        .encoded()
        .to_string()
}

/// A plain marker cookie (no secret inside).
pub fn marker_cookie(name: &str, secure: bool) -> String {
    Cookie::build((name, "1"))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .build()
        .encoded()
        .to_string()
}

/// What to do about a bad configured key.
const MAKE_KEY: &str =
    "set it to base64 of 64 random bytes (head -c 64 /dev/urandom | base64 -w0), the same on every replica";

/// Loads the key from base64 (64 bytes), or from `path`, creating the file on first start.
pub fn load_or_create_key(
    configured: Option<&str>,
    path: &std::path::Path,
) -> anyhow_like::Result<Key> {
    use base64::Engine;
    if let Some(b64) = configured {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64.trim())
            .map_err(|e| format!("ROBOT_CONSOLE_SESSION_KEY is not base64 ({e}): {MAKE_KEY}"))?;
        return Key::try_from(bytes.as_slice()).map_err(|_| {
            format!("ROBOT_CONSOLE_SESSION_KEY must hold at least 64 bytes: {MAKE_KEY}")
        });
    }
    if let Ok(bytes) = std::fs::read(path) {
        if let Ok(k) = Key::try_from(bytes.as_slice()) {
            return Ok(k);
        }
    }
    let key = Key::generate();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(path, key.master())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(key)
}

/// Errors of start-up helpers are plain strings shown to the operator.
pub mod anyhow_like {
    pub type Result<T> = std::result::Result<T, String>;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_from_set_cookie(set_cookie: &str) -> String {
        set_cookie.split(';').next().unwrap().to_string()
    }

    #[test]
    fn session_round_trips_through_the_encrypted_cookie() {
        let key = Key::generate();
        let s = Session {
            token: "secret-token".into(),
            username: "demo".into(),
            superuser: false,
        };
        let set = session_cookie(&s, &key, false);
        assert!(set.contains("HttpOnly"));
        assert!(set.contains("SameSite=Lax"));
        assert!(
            !set.contains("secret-token"),
            "the token must not be readable in the cookie"
        );
        let back = read_session(&header_from_set_cookie(&set), &key);
        assert_eq!(back, Some(s));
    }

    #[test]
    fn a_cookie_from_another_key_is_refused() {
        let s = Session {
            token: "t".into(),
            username: "u".into(),
            superuser: true,
        };
        let set = session_cookie(&s, &Key::generate(), true);
        assert!(set.contains("Secure"));
        assert_eq!(
            read_session(&header_from_set_cookie(&set), &Key::generate()),
            None
        );
    }

    #[test]
    fn key_file_is_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("session.key");
        let k1 = load_or_create_key(None, &p).unwrap();
        let k2 = load_or_create_key(None, &p).unwrap();
        assert_eq!(k1.master(), k2.master());
    }
}
