//! "Sign in with Quay": Quay's OAuth2 authorization-code flow (`recorded-more/OAUTH_*`).
//!
//! 1. `GET /oauth/start` makes a one-time nonce, keeps it in a short-lived HttpOnly cookie and
//!    sends the browser to Quay's `/oauth/authorize` with `redirect_uri = {public}/oauth/callback/{nonce}`
//!    (Quay matches redirect URIs by prefix, so the registered `{public}/oauth/callback` takes it).
//! 2. Quay sends the browser back to that URI with `code` (or `error`). The nonce in the path must
//!    equal the cookie's: a login started elsewhere (login CSRF) has no matching cookie. Quay drops
//!    `state` when dangerous scopes are asked (`org:admin`), so the check does not rely on it.
//! 3. The console exchanges the code with form fields (client credentials in a Basic header make
//!    Quay answer 500), checks the token with `GET /api/v1/user/`, and keeps it in the session.
//!
//! The texts and URL building are plain functions; the handlers are server-only.

/// Why a sign-in with Quay did not work, from the `error` code the console puts on `/signin`.
pub fn error_message(code: &str) -> &'static str {
    match code {
        "authorization_denied" => "You cancelled the sign-in at Quay. Sign in again, or paste an access token.",
        "invalid_client" => "Quay refused the console's OAuth client (wrong client id or secret). An operator must check --oauth-client-id and --oauth-client-secret.",
        "invalid_grant" => "Quay refused the sign-in code (it was used already, expired, or the redirect URI does not match the application's). Sign in again.",
        "redirect_uri_mismatch" => "The console's redirect URI is not under the Redirect/Callback URL of its OAuth application in Quay. An operator must set the application's URL to {public URL}/oauth/callback.",
        "state_mismatch" => "This sign-in did not start in this browser (or took longer than 10 minutes). Sign in again from this page.",
        "unreachable" => "The console could not reach Quay to finish the sign-in. Retry in a moment.",
        "user" => "Quay issued a token, but it cannot read who you are (the token needs the user:read scope).",
        "not_configured" => "Sign in with Quay is not set up on this console. Paste an access token instead.",
        _ => "The sign-in with Quay did not complete. Sign in again, or paste an access token.",
    }
}

/// The scopes the console asks for (README explains each).
pub const DEFAULT_SCOPES: &str = "org:admin repo:admin repo:read user:read user:admin";

/// Percent-encodes a query value.
fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// The redirect URI of one sign-in: `{public}/oauth/callback/{nonce}`.
pub fn redirect_uri(public: &str, nonce: &str) -> String {
    format!("{}/oauth/callback/{nonce}", public.trim_end_matches('/'))
}

/// Quay's authorize URL for one sign-in.
pub fn authorize_url(
    quay: &str,
    client_id: &str,
    redirect: &str,
    scopes: &str,
    state: &str,
) -> String {
    format!(
        "{}/oauth/authorize?response_type=code&client_id={}&redirect_uri={}&scope={}&state={}",
        quay.trim_end_matches('/'),
        enc(client_id),
        enc(redirect),
        enc(scopes),
        enc(state)
    )
}

/// The form of the code exchange (`POST /oauth/access_token`).
pub fn token_form<'a>(
    code: &'a str,
    client_id: &'a str,
    client_secret: &'a str,
    redirect: &'a str,
    scopes: &'a str,
) -> [(&'static str, &'a str); 6] {
    [
        ("grant_type", "authorization_code"),
        ("code", code),
        ("client_id", client_id),
        ("client_secret", client_secret),
        ("redirect_uri", redirect),
        ("scope", scopes),
    ]
}

#[cfg(feature = "ssr")]
pub mod ssr;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_authorize_url_carries_the_nonce_in_the_redirect_path() {
        let r = redirect_uri("https://robots.example.com/", "n0nce");
        assert_eq!(r, "https://robots.example.com/oauth/callback/n0nce");
        let u = authorize_url(
            "https://quay.example.com",
            "CLIENT",
            &r,
            DEFAULT_SCOPES,
            "n0nce",
        );
        assert_eq!(
            u,
            "https://quay.example.com/oauth/authorize?response_type=code&client_id=CLIENT&redirect_uri=https%3A%2F%2Frobots.example.com%2Foauth%2Fcallback%2Fn0nce&scope=org%3Aadmin%20repo%3Aadmin%20repo%3Aread%20user%3Aread%20user%3Aadmin&state=n0nce"
        );
    }

    #[test]
    fn the_exchange_sends_every_field_quay_requires() {
        let f = token_form("c", "id", "secret", "r", "s");
        let names: Vec<_> = f.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            names,
            [
                "grant_type",
                "code",
                "client_id",
                "client_secret",
                "redirect_uri",
                "scope"
            ]
        );
    }

    #[test]
    fn every_error_code_has_a_sentence() {
        assert!(error_message("authorization_denied").contains("cancelled"));
        assert!(error_message("invalid_client").contains("--oauth-client-secret"));
        assert!(error_message("<script>").starts_with("The sign-in with Quay did not complete"));
    }
}
