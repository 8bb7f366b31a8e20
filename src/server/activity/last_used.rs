//! One bounded pass over a namespace's log for the robots tab's "Last used", with a short-lived
//! per-process memory so that reloading the tab does not read the log again.

use crate::activity::last_used::{LastUsed, MAX_PAGES, WINDOW_DAYS};
use crate::error::AppError;
use crate::quay::ids::{LogDate, LogRange, Namespace, PageToken, RobotName};
use crate::server::ssr::Auth;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// How long a pass's result is reused.
pub const KEEP: Duration = Duration::from_secs(60);
const MAX_KEPT: usize = 512;

type Memory = Mutex<HashMap<String, (Instant, LastUsed)>>;

fn memory() -> &'static Memory {
    static M: OnceLock<Memory> = OnceLock::new();
    M.get_or_init(Default::default)
}

/// Per Quay, visitor (a hash of the token: the token itself is not kept), namespace and the
/// robots asked about (a new robot asks again at once).
fn key(auth: &Auth, ns: &Namespace, robots: &[RobotName]) -> String {
    use sha2::Digest;
    let mut h = sha2::Sha256::new();
    h.update(auth.token.as_bytes());
    let mut names: Vec<&str> = robots.iter().map(|r| r.as_str()).collect();
    names.sort_unstable();
    for n in names {
        h.update([0]);
        h.update(n.as_bytes());
    }
    let hash: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("{}|{ns}|{hash}", auth.state.quay.base_url())
}

fn recall(key: &str) -> Option<LastUsed> {
    let m = memory().lock().ok()?;
    let (at, found) = m.get(key)?;
    (at.elapsed() < KEEP).then(|| found.clone())
}

fn keep(key: String, found: &LastUsed) {
    if let Ok(mut m) = memory().lock() {
        m.retain(|_, (at, _)| at.elapsed() < KEEP);
        if m.len() < MAX_KEPT {
            m.insert(key, (Instant::now(), found.clone()));
        }
    }
}

/// Reads the namespace's log newest first, up to [`MAX_PAGES`] pages of the last
/// [`WINDOW_DAYS`] days, and stops early once every one of `robots` has a use.
pub async fn find(auth: &Auth, ns: &Namespace, robots: &[RobotName]) -> Result<LastUsed, AppError> {
    let key = key(auth, ns, robots);
    if let Some(found) = recall(&key) {
        return Ok(found);
    }
    let range = LogRange::last_days(WINDOW_DAYS, LogDate::today());
    let scope = auth.scope(ns);
    let mut found = LastUsed {
        since: Some(range.start()),
        ..Default::default()
    };
    let mut next: Option<PageToken> = None;
    for _ in 0..MAX_PAGES {
        let page = auth
            .state
            .quay
            .logs(&auth.token, &scope, &range, None, next.as_ref())
            .await?;
        for e in &page.logs {
            found.record(e, ns);
        }
        next = match page.next_page.as_deref().map(PageToken::parse) {
            Some(Ok(t)) if !page.logs.is_empty() => Some(t),
            _ => {
                found.complete = true;
                break;
            }
        };
        if found.covers(robots) {
            break;
        }
    }
    keep(key, &found);
    Ok(found)
}
