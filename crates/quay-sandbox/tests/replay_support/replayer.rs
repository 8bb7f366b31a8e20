//! Sends one recorded request to the sandbox, learning tokens, ids and cookies on the way.

use std::collections::HashMap;
use std::path::Path;

use base64::Engine;
use serde_json::Value;

use super::compare::{compare, compare_location, normalize_logs};
use super::dates::shift_dates;

pub struct Replayer {
    pub base: String,
    pub addr: std::net::SocketAddr,
    pub client: reqwest::Client,
    /// Auth label → bearer token.
    pub tokens: HashMap<String, String>,
    pub robot_tokens: HashMap<String, String>,
    /// A robot's token before its last regeneration.
    pub old_robot_tokens: HashMap<String, String>,
    pub registry_token: Option<String>,
    /// Cookie jar name → `name=value` of the session cookie.
    pub cookies: HashMap<String, String>,
    /// Recorded values (ids, csrf tokens, client ids and secrets, codes) → the sandbox's.
    pub id_map: HashMap<String, String>,
    /// File prefix (`OAUTH_22`) → the access token that call returned.
    pub access_tokens: HashMap<String, String>,
    /// The last application created: (client_id, client_secret).
    pub app: Option<(String, String)>,
    /// Days between the recording and now, for `MM/DD/YYYY` dates in paths.
    pub day_shift: i64,
}

fn basic(user: &str, pass: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{pass}"))
    )
}

impl Replayer {
    fn map_ids(&self, s: &str) -> String {
        let mut s = s.to_string();
        for (recorded, actual) in &self.id_map {
            s = s.replace(recorded.as_str(), actual);
        }
        s
    }

    fn auth_header(&self, label: &str) -> Option<String> {
        if let Some(t) = self.tokens.get(label) {
            return Some(format!("Bearer {t}"));
        }
        let l = label.trim();
        if l.starts_with("bearer <registry") {
            return self.registry_token.as_ref().map(|t| format!("Bearer {t}"));
        }
        if let Some(rest) = l.strip_prefix("bearer <access_token from ") {
            let call = rest.split('>').next().unwrap_or("");
            return self.access_tokens.get(call).map(|t| format!("Bearer {t}"));
        }
        if l.starts_with("basic <client_id>:<client_secret>") {
            return self.app.as_ref().map(|(id, secret)| basic(id, secret));
        }
        if let Some(rest) = l.strip_prefix("basic ") {
            let (user, pass) = rest.split_once(':')?;
            let pass = if pass == "<robot token>" {
                self.robot_tokens.get(user).cloned().unwrap_or_default()
            } else if pass.starts_with("<token from before") {
                self.old_robot_tokens.get(user).cloned().unwrap_or_default()
            } else {
                pass.to_string()
            };
            return Some(basic(user, &pass));
        }
        None
    }

    /// The cookie jar a label uses: `cookie session reader (...)` → `reader`.
    fn jar(label: &str) -> Option<String> {
        let rest = label.strip_prefix("cookie session")?;
        let word = rest.split_whitespace().next().unwrap_or("");
        Some(if word.starts_with('(') || word.is_empty() {
            "default".into()
        } else {
            word.to_string()
        })
    }

    fn fill_placeholders(&self, s: &str) -> String {
        let secret = self.app.as_ref().map(|(_, s)| s.as_str()).unwrap_or("");
        self.map_ids(s).replace("<client_secret>", secret)
    }

    /// Replays `file`; None when the answer matches, else a description of the mismatch.
    pub async fn replay(&mut self, file: &Path) -> Option<String> {
        let rec: Value = serde_json::from_str(&std::fs::read_to_string(file).ok()?).ok()?;
        let name = file.file_name()?.to_string_lossy().to_string();
        let prefix = name.splitn(3, '_').take(2).collect::<Vec<_>>().join("_");
        let req = &rec["request"];
        let resp = &rec["response"];
        let method = req["method"].as_str().unwrap_or("GET");
        let path = shift_dates(
            &self.map_ids(req["path"].as_str().unwrap_or("/")),
            self.day_shift,
        );
        let label = req["auth"].as_str().unwrap_or("");
        let mut headers: Vec<(String, String)> = Vec::new();
        let jar = Self::jar(label).or_else(|| {
            req["auth_desc"]
                .as_str()
                .filter(|d| d.contains("cookie session"))
                .map(|_| "default".to_string())
        });
        if let Some(jar) = &jar {
            if let Some(c) = self.cookies.get(jar) {
                headers.push(("Cookie".into(), c.clone()));
            }
        } else if let Some(h) = self.auth_header(label) {
            headers.push(("Authorization".into(), h));
        }
        if let Some(hs) = req["headers"].as_object() {
            for (k, v) in hs {
                headers.push((k.clone(), self.map_ids(v.as_str().unwrap_or(""))));
            }
        }
        let body: Option<Vec<u8>> = match &req["body"] {
            Value::Null => None,
            Value::String(s) if s.starts_with("RAW:") => {
                headers.push(("Content-Type".into(), "application/json".into()));
                Some(s.trim_start_matches("RAW:").as_bytes().to_vec())
            }
            Value::String(s) => Some(self.fill_placeholders(s).into_bytes()),
            b => {
                headers.push(("Content-Type".into(), "application/json".into()));
                Some(b.to_string().into_bytes())
            }
        };
        // reqwest (the url crate) resolves `..`, `.` and their `%2E` spellings like a
        // URL-normalising client would: send those paths raw instead.
        let dot_segments = path
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .split('/')
            .map(|s| s.to_ascii_lowercase().replace("%2e", "."))
            .any(|s| s == ".." || s == ".");
        let (status, resp_headers, text) = if dot_segments {
            let h: Vec<(&str, &str)> = headers
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            crate::common::raw_exchange(
                self.addr,
                method,
                &path,
                &h,
                body.as_deref().unwrap_or(&[]),
            )
            .await
        } else {
            let mut rb = self
                .client
                .request(method.parse().unwrap(), format!("{}{}", self.base, path));
            for (k, v) in &headers {
                rb = rb.header(k.as_str(), v.as_str());
            }
            if let Some(b) = body {
                rb = rb.body(b);
            }
            let r = match rb.send().await {
                Ok(r) => r,
                Err(e) => return Some(format!("request failed: {e}")),
            };
            let status = r.status().as_u16();
            let hs: Vec<(String, String)> = r
                .headers()
                .iter()
                .map(|(k, v)| (k.as_str().to_string(), v.to_str().unwrap_or("").to_string()))
                .collect();
            (status, hs, r.text().await.unwrap_or_default())
        };
        let header = |n: &str| {
            resp_headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(n))
                .map(|(_, v)| v.clone())
        };
        if let (Some(c), Some(jar)) = (header("set-cookie"), &jar) {
            if let Some(kv) = c.split(';').next() {
                self.cookies.insert(jar.clone(), kv.to_string());
            }
        }
        let mut body: Value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        self.learn(&prefix, &path, resp, &body, header("location").as_deref());
        let mut diffs = Vec::new();
        let want = resp["status"].as_u64().unwrap_or(0) as u16;
        if want != status {
            diffs.push(format!("status {want} vs {status}"));
        }
        if let Some(rec_loc) = resp["headers"]["Location"].as_str() {
            match header("location") {
                Some(l) => compare_location(&self.map_ids(rec_loc), &l, &mut diffs),
                None => diffs.push("Location missing".into()),
            }
        }
        let mut rec_body = resp["body"].clone();
        normalize_logs(&mut rec_body, &mut body);
        compare("$", &rec_body, &body, &mut diffs);
        if diffs.is_empty() {
            None
        } else {
            Some(format!(
                "{} (body: {})",
                diffs.join("; "),
                &body.to_string().chars().take(300).collect::<String>()
            ))
        }
    }

    /// Learn what later calls need from an answer.
    fn learn(
        &mut self,
        prefix: &str,
        path: &str,
        resp: &Value,
        body: &Value,
        location: Option<&str>,
    ) {
        let rec = &resp["body"];
        if let (Some(name), Some(tok)) = (body["name"].as_str(), body["token"].as_str()) {
            if let Some(old) = self.robot_tokens.insert(name.to_string(), tok.to_string()) {
                if old != tok {
                    self.old_robot_tokens.insert(name.to_string(), old);
                }
            }
        }
        if path.starts_with("/v2/auth") {
            if let Some(t) = body["token"].as_str() {
                self.registry_token = Some(t.to_string());
            }
        }
        for key in [
            "id",
            "csrf_token",
            "csrf_token_val",
            "client_id",
            "client_secret",
            "next_page",
        ] {
            if let (Some(r), Some(a)) = (rec[key].as_str(), body[key].as_str()) {
                self.id_map.insert(r.to_string(), a.to_string());
                // Page tokens come back percent-encoded in later paths.
                let encoded = r
                    .replace('=', "%3D")
                    .replace('+', "%2B")
                    .replace('/', "%2F");
                if encoded != r {
                    self.id_map.insert(encoded, a.to_string());
                }
            }
        }
        if let (Some(id), Some(secret)) =
            (body["client_id"].as_str(), body["client_secret"].as_str())
        {
            if path.ends_with("/applications") {
                self.app = Some((id.to_string(), secret.to_string()));
            }
        }
        if let Some(t) = body["access_token"].as_str() {
            self.access_tokens.insert(prefix.to_string(), t.to_string());
        }
        let code = |l: &str| {
            l.split(['?', '&'])
                .find_map(|p| p.strip_prefix("code="))
                .map(str::to_string)
        };
        if let (Some(r), Some(a)) = (
            resp["headers"]["Location"].as_str().and_then(code),
            location.and_then(code),
        ) {
            self.id_map.insert(r, a);
        }
    }
}
