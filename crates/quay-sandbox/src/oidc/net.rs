//! Issuer URLs: issuer equality, URL parsing, the https/loopback policy, the HTTP clients and the
//! texts of their errors.

use std::time::Duration;

use reqwest::Url;

use super::{ExchangeError, MAX_REDIRECTS};

/// Issuer equality as Quay does it (exact string), tolerating one trailing slash difference.
pub fn same_issuer(a: &str, b: &str) -> bool {
    a == b || a.trim_end_matches('/') == b.trim_end_matches('/')
}

pub(super) fn parse_issuer_url(issuer: &str) -> Result<Url, ExchangeError> {
    let url =
        Url::parse(issuer).map_err(|_| ExchangeError::InvalidIssuerUrl(issuer.to_string()))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err(ExchangeError::InvalidIssuerUrl(issuer.to_string()));
    }
    Ok(url)
}

/// Whether `url` may be fetched: `https://` always; `http://` only when allowed and the host is
/// a loopback address or `localhost` (no DNS lookups are made to decide).
pub(super) fn url_policy(url: &Url, allow_http: bool) -> Result<(), String> {
    match url.scheme() {
        "https" if url.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
        "http" if allow_http && is_loopback_host(url) => Ok(()),
        "http" if allow_http => Err(
            " (plain http:// is accepted only for loopback issuers such as http://127.0.0.1:PORT)"
                .to_string(),
        ),
        _ => Err(String::new()),
    }
}

/// 127.0.0.0/8, `[::1]` (or an IPv4-mapped loopback), `localhost` and `*.localhost`.
pub fn is_loopback_host(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host);
    match bare.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => ip.is_loopback(),
        Ok(std::net::IpAddr::V6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Err(_) => {
            let d = bare.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
    }
}

pub(super) fn build_client(
    allow_http: bool,
    timeout: Duration,
    loopback_only: bool,
) -> reqwest::Client {
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if attempt.previous().len() >= MAX_REDIRECTS {
            return attempt.error("too many redirects");
        }
        let url = attempt.url().clone();
        let url = &url;
        let allowed = if loopback_only {
            url.scheme() == "http" && allow_http && is_loopback_host(url)
                || url.scheme() == "https" && is_loopback_host(url)
        } else {
            url_policy(url, allow_http).is_ok()
                && (url.scheme() == "https" || is_loopback_host(url))
        };
        if allowed {
            attempt.follow()
        } else {
            attempt.error(format!(
                "refused to follow a redirect to {url} (must be https://, or http:// on loopback)"
            ))
        }
    });
    let mut builder = reqwest::Client::builder()
        .timeout(timeout)
        .connect_timeout(timeout)
        .redirect(policy)
        .user_agent(concat!("quay-sandbox-oidc/", env!("CARGO_PKG_VERSION")));
    if loopback_only {
        builder = builder.no_proxy();
    }
    builder.build().expect("building the OIDC HTTP client")
}

pub(super) fn describe_reqwest_error(e: &reqwest::Error, timeout: Duration) -> String {
    if e.is_timeout() {
        return format!("timed out after {} s", timeout.as_secs_f32());
    }
    // The innermost causes are the informative ones ("Connection refused (os error 111)").
    let mut causes = Vec::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let text = s.to_string();
        if !causes.iter().any(|c: &String| c.contains(&text)) {
            causes.push(text);
        }
        source = s.source();
    }
    let kind = if e.is_connect() {
        "connection failed"
    } else if e.is_redirect() {
        "bad redirect"
    } else if e.is_body() || e.is_decode() {
        "bad response body"
    } else {
        "request failed"
    };
    match causes.last() {
        Some(cause) => format!("{kind} ({cause})"),
        None => format!("{kind} ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_slash_difference_is_the_same_issuer() {
        assert!(same_issuer(
            "https://a.example/realms/x",
            "https://a.example/realms/x/"
        ));
        assert!(!same_issuer(
            "https://a.example/realms/x",
            "https://a.example/realms/y"
        ));
    }

    #[test]
    fn only_loopback_hosts_count_as_loopback() {
        for ok in [
            "http://127.0.0.1:9",
            "http://127.8.9.10/",
            "http://localhost:1",
            "http://[::1]:5",
            "http://LOCALHOST./",
        ] {
            assert!(is_loopback_host(&Url::parse(ok).unwrap()), "{ok}");
        }
        for bad in [
            "http://10.0.0.1",
            "http://example.com",
            "http://[::2]",
            "http://localhost.example.com",
            "http://128.0.0.1",
        ] {
            assert!(!is_loopback_host(&Url::parse(bad).unwrap()), "{bad}");
        }
    }

    #[test]
    fn http_is_refused_unless_allowed_and_loopback() {
        let local = Url::parse("http://127.0.0.1:8080").unwrap();
        let remote = Url::parse("http://issuer.example").unwrap();
        let secure = Url::parse("https://issuer.example").unwrap();
        assert!(url_policy(&local, true).is_ok());
        assert!(url_policy(&local, false).is_err());
        assert!(url_policy(&remote, true).is_err());
        assert!(url_policy(&secure, false).is_ok());
        assert!(url_policy(&Url::parse("ftp://127.0.0.1").unwrap(), true).is_err());
    }
}
