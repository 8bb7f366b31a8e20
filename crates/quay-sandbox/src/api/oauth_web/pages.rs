//! The sandbox's small HTML pages for the OAuth flow: sign-in, consent, and errors. Elements
//! have stable ids for browser tests (`signin-username`, `signin-password`, `signin-submit`,
//! `signin-error`, `oauth-authorize`, `oauth-deny`, `oauth-error`).

use crate::oauth::scopes::Scope;

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} · Quay sandbox</title>\n\
         <style>body{{font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}}\
         label{{display:block;margin:.5rem 0}}input{{display:block;width:100%;padding:.4rem}}\
         button{{margin:.75rem .5rem 0 0;padding:.5rem 1rem}}.dangerous{{color:#a30000}}\
         .error{{color:#a30000}}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        escape(title)
    )
}

fn hidden(name: &str, value: &str) -> String {
    format!(
        "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
        escape(name),
        escape(value)
    )
}

/// The sign-in form; it posts to `/oauth/signin` and continues to `next`.
pub fn signin(next: &str, csrf: &str, error: Option<&str>) -> String {
    let error = error
        .map(|e| {
            format!(
                "<p id=\"signin-error\" class=\"error\" role=\"alert\">{}</p>",
                escape(e)
            )
        })
        .unwrap_or_default();
    page(
        "Sign in",
        &format!(
            "<h1>Sign in to Quay (sandbox)</h1>\n{error}\n<form id=\"signin-form\" method=\"post\" action=\"/oauth/signin\">\n\
             <label for=\"signin-username\">Username</label><input id=\"signin-username\" name=\"username\" autocomplete=\"username\" required>\n\
             <label for=\"signin-password\">Password</label><input id=\"signin-password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\n\
             {}{}\n<button id=\"signin-submit\" type=\"submit\">Sign in</button>\n</form>",
            hidden("next", next),
            hidden("_csrf_token", csrf)
        ),
    )
}

/// What the consent page shows and posts.
pub struct Consent<'a> {
    pub app_name: &'a str,
    pub org_name: &'a str,
    pub username: &'a str,
    pub scopes: &'a [&'static Scope],
    pub response_type: &'a str,
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub scope: &'a str,
    pub state: Option<&'a str>,
    pub csrf: &'a str,
}

/// The consent page. With a dangerous scope Quay's confirm form has no `state` field, so the
/// redirect after Authorize carries none; this page copies that quirk.
pub fn consent(c: &Consent) -> String {
    let dangerous = c.scopes.iter().any(|s| s.dangerous);
    let items: String = c
        .scopes
        .iter()
        .map(|s| {
            format!(
                "<li class=\"scope{}\" data-scope=\"{}\"><strong>{}</strong>{}<br>{}</li>\n",
                if s.dangerous { " dangerous" } else { "" },
                escape(s.scope),
                escape(s.title),
                if s.dangerous { " (dangerous)" } else { "" },
                escape(s.description)
            )
        })
        .collect();
    let state = c.state.map(|s| hidden("state", s)).unwrap_or_default();
    let authorize_state = if dangerous {
        String::new()
    } else {
        state.clone()
    };
    let common = format!(
        "{}{}{}{}",
        hidden("client_id", c.client_id),
        hidden("redirect_uri", c.redirect_uri),
        hidden("scope", c.scope),
        hidden("_csrf_token", c.csrf)
    );
    page(
        &format!("Authorize {}", c.app_name),
        &format!(
            "<h1 id=\"oauth-app-name\">{}</h1>\n<p>The application <strong>{}</strong> of organization <strong>{}</strong> \
             asks to act as <strong id=\"oauth-user\">{}</strong> with these permissions:</p>\n<ul id=\"oauth-scopes\">\n{items}</ul>\n\
             <form id=\"oauth-authorize-form\" method=\"post\" action=\"/oauth/authorizeapp\">{}{common}{authorize_state}\
             <button id=\"oauth-authorize\" type=\"submit\">Authorize Application</button></form>\n\
             <form id=\"oauth-deny-form\" method=\"post\" action=\"/oauth/denyapp\">{common}{state}\
             <button id=\"oauth-deny\" type=\"submit\">Cancel</button></form>",
            escape(c.app_name),
            escape(c.app_name),
            escape(c.org_name),
            escape(c.username),
            hidden("response_type", c.response_type),
        ),
    )
}

/// An error page (403 for a user who may not authorize the application).
pub fn error(title: &str, message: &str) -> String {
    page(
        title,
        &format!(
            "<h1>{}</h1>\n<p id=\"oauth-error\" role=\"alert\">{}</p>",
            escape(title),
            escape(message)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oauth::scopes::parse;

    fn consent_for(scope: &str) -> String {
        let scopes = parse(scope).unwrap();
        consent(&Consent {
            app_name: "Robot <console>",
            org_name: "acme",
            username: "demo",
            scopes: &scopes,
            response_type: "code",
            client_id: "CID",
            redirect_uri: "http://127.0.0.1:3000/cb",
            scope,
            state: Some("st-1"),
            csrf: "CSRF",
        })
    }

    #[test]
    fn consent_page_has_the_buttons_and_drops_state_when_dangerous() {
        let html = consent_for("repo:read user:read");
        assert!(html.contains("id=\"oauth-authorize\"") && html.contains("id=\"oauth-deny\""));
        assert!(html.contains("Robot &lt;console&gt;"));
        assert_eq!(html.matches("name=\"state\"").count(), 2);
        let html = consent_for("org:admin user:read");
        assert_eq!(
            html.matches("name=\"state\"").count(),
            1,
            "only the Cancel form keeps it"
        );
        assert!(html.contains("dangerous"));
    }

    #[test]
    fn signin_page_has_the_fields() {
        let html = signin(
            "/oauth/authorize?x=1&y=\"",
            "C",
            Some("Invalid Username or Password"),
        );
        for id in [
            "signin-username",
            "signin-password",
            "signin-submit",
            "signin-error",
        ] {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
        }
        assert!(html.contains("value=\"/oauth/authorize?x=1&amp;y=&quot;\""));
    }
}
