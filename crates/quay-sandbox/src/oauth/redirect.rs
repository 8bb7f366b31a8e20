//! Redirect URIs: Quay's matching rules for an application's registered `redirect_uri`, and
//! `build_url` as Python's oauth2lib does it (`urlencode` with `quote_plus`).

/// (scheme, host[:port], path) of an absolute URL, or None.
fn parts(url: &str) -> Option<(&str, &str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (netloc, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    Some((scheme, netloc, path))
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("");
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Quay's `validate_redirect_uri`: same scheme and host, no credentials, no `..` (also encoded)
/// and no `@` in the path, the path starts with the registered one, and no `%` after it.
pub fn redirect_ok(registered: &str, provided: &str) -> bool {
    let (Some((rs, rh, rp)), Some((ps, ph, pp))) = (parts(registered), parts(provided)) else {
        return false;
    };
    if registered.is_empty() || rs != ps || rh != ph || ph.contains('@') {
        return false;
    }
    if percent_decode(pp).contains("..") || pp.contains('@') || !pp.starts_with(rp) {
        return false;
    }
    !pp[rp.len()..].contains('%')
}

/// The pairs of a query string or an `application/x-www-form-urlencoded` body (`+` is a space);
/// the first value of a repeated key wins.
pub fn parse_form(s: &str) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    for p in s.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        out.entry(percent_decode(&k.replace('+', " ")))
            .or_insert_with(|| percent_decode(&v.replace('+', " ")));
    }
    out
}

/// Python's `quote_plus` (safe: letters, digits, `_.-~`).
pub fn quote_plus(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `base` with `params` added to its query (None values are left out), like oauth2lib's
/// `build_url`: existing parameters first, then the new ones in order.
pub fn build_url(base: &str, params: &[(&str, Option<&str>)]) -> String {
    let (head, query) = base.split_once('?').unwrap_or((base, ""));
    let head = head.split('#').next().unwrap_or(head);
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                percent_decode(&k.replace('+', " ")),
                percent_decode(&v.replace('+', " ")),
            )
        })
        .collect();
    for (k, v) in params {
        pairs.retain(|(pk, _)| pk != k || v.is_some());
        match (pairs.iter_mut().find(|(pk, _)| pk == k), v) {
            (Some(p), Some(v)) => p.1 = v.to_string(),
            (None, Some(v)) => pairs.push((k.to_string(), v.to_string())),
            _ => {}
        }
    }
    if pairs.is_empty() {
        return head.to_string();
    }
    let q: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", quote_plus(k), quote_plus(v)))
        .collect();
    format!("{head}?{}", q.join("&"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: &str = "http://127.0.0.1:3000/oauth/callback";

    #[test]
    fn redirect_rules() {
        assert!(redirect_ok(REG, REG));
        assert!(redirect_ok(
            REG,
            "http://127.0.0.1:3000/oauth/callback/sub/path"
        ));
        assert!(redirect_ok(REG, "http://127.0.0.1:3000/oauth/callback?x=1"));
        for bad in [
            "http://127.0.0.1:3000/elsewhere",
            "https://127.0.0.1:3000/oauth/callback",
            "http://127.0.0.1:3001/oauth/callback",
            "http://evil@127.0.0.1:3000/oauth/callback",
            "http://127.0.0.1:3000/oauth/callback/../x",
            "http://127.0.0.1:3000/oauth/callback/%2e%2e/x",
            "http://127.0.0.1:3000/oauth/callback%2Fx",
            "not a url",
        ] {
            assert!(!redirect_ok(REG, bad), "{bad}");
        }
        assert!(!redirect_ok("", REG));
        assert!(!redirect_ok(REG, "http://127.0.0.1:3000/oauth/callback/%é"));
    }

    #[test]
    fn parses_forms() {
        let f = parse_form("scope=repo%3Aread+user%3Aread&state=st-1&state=x&empty=");
        assert_eq!(f["scope"], "repo:read user:read");
        assert_eq!(f["state"], "st-1");
        assert_eq!(f["empty"], "");
    }

    #[test]
    fn builds_urls_like_oauth2lib() {
        assert_eq!(
            build_url(REG, &[("scope", Some("repo:read user:read")), ("state", Some("st-1")), ("code", Some("abc"))]),
            "http://127.0.0.1:3000/oauth/callback?scope=repo%3Aread+user%3Aread&state=st-1&code=abc"
        );
        assert_eq!(
            build_url(
                REG,
                &[
                    ("scope", Some("org:admin")),
                    ("state", None),
                    ("code", Some("c"))
                ]
            ),
            "http://127.0.0.1:3000/oauth/callback?scope=org%3Aadmin&code=c"
        );
        assert_eq!(
            build_url(
                "http://h/cb?keep=1",
                &[("error", Some("authorization_denied"))]
            ),
            "http://h/cb?keep=1&error=authorization_denied"
        );
    }
}
