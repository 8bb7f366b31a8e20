//! A minimal browser for the OAuth tests: one cookie jar, no redirects followed, and the hidden
//! fields of a page's forms.

use quay_sandbox::RunningSandbox;

/// A browser: one cookie jar, no redirects followed.
pub struct Browser<'a> {
    sb: &'a RunningSandbox,
    client: reqwest::Client,
    cookie: Option<String>,
}

pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub content_type: String,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl<'a> Browser<'a> {
    pub fn new(sb: &'a RunningSandbox) -> Self {
        let client = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Browser {
            sb,
            client,
            cookie: None,
        }
    }

    pub async fn send(&mut self, method: &str, path: &str, form: Option<&[(&str, &str)]>) -> Page {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.sb.base_url)
        };
        let mut rb = self.client.request(method.parse().unwrap(), url);
        if let Some(c) = &self.cookie {
            rb = rb.header("Cookie", c);
        }
        if let Some(f) = form {
            rb = rb.form(f);
        }
        let r = rb.send().await.unwrap();
        if let Some(c) = r.headers().get("set-cookie").and_then(|v| v.to_str().ok()) {
            self.cookie = c.split(';').next().map(str::to_string);
        }
        let header = |n: &str| {
            r.headers()
                .get(n)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        Page {
            status: r.status().as_u16(),
            location: header("location"),
            content_type: header("content-type").unwrap_or_default(),
            headers: r.headers().clone(),
            body: r.text().await.unwrap(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        self.send("GET", path, None).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Page {
        self.send("POST", path, Some(form)).await
    }
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The hidden fields of the form with this id.
pub fn form_fields(html: &str, form_id: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("<form id=\"{form_id}\""))
        .unwrap_or_else(|| panic!("no form {form_id} in {html}"));
    let form = &html[start..start + html[start..].find("</form>").unwrap()];
    form.split("<input type=\"hidden\" ")
        .skip(1)
        .map(|i| {
            let attr = |a: &str| {
                let from = i.find(&format!("{a}=\"")).unwrap() + a.len() + 2;
                unescape(&i[from..from + i[from..].find('"').unwrap()])
            };
            (attr("name"), attr("value"))
        })
        .collect()
}
