//! The summary above a robot's events: last pull, push and login, failed logins, the addresses
//! it came from and the repositories it used.
//!
//! Counts come from Quay's aggregated counts (exact for the whole range); the last uses, the
//! addresses and the repositories come from the robot's newest events, read up to a bound, and
//! the summary says how many of the range's events that covered.

use super::chart::DayCount;
use super::Event;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// When and where something last happened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub epoch: i64,
    pub repository: Option<String>,
    pub ip: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub last_pull: Option<Seen>,
    pub last_push: Option<Seen>,
    pub last_login: Option<Seen>,
    /// `login_failure` entries in the range (from the aggregated counts).
    pub failed_logins: u64,
    /// Addresses with their number of events, most frequent first.
    pub ips: Vec<(String, u64)>,
    /// Repositories with their number of events, most frequent first.
    pub repositories: Vec<(String, u64)>,
    /// Events read for the last uses, addresses and repositories.
    pub scanned: u64,
    /// Events of the robot in the range (from the aggregated counts).
    pub total: u64,
}

impl Summary {
    /// The addresses and repositories cover only the newest `scanned` of `total` events.
    pub fn is_partial(&self) -> bool {
        self.scanned < self.total
    }
}

fn ranked(counts: BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// Summarises the robot's own `events` (newest first, or in any order) and the range's counts.
pub fn summarize(events: &[Event], counts: &[DayCount]) -> Summary {
    let newest = |kind: &str| {
        events
            .iter()
            .filter(|e| e.kind == kind)
            .max_by_key(|e| e.epoch)
            .map(|e| Seen {
                epoch: e.epoch,
                repository: e.repository.clone(),
                ip: e.ip.clone(),
            })
    };
    let mut ips = BTreeMap::new();
    let mut repos = BTreeMap::new();
    for e in events {
        if let Some(ip) = &e.ip {
            *ips.entry(ip.clone()).or_insert(0) += 1;
        }
        if let Some(r) = &e.repository {
            *repos.entry(r.clone()).or_insert(0) += 1;
        }
    }
    Summary {
        last_pull: newest("pull_repo"),
        last_push: newest("push_repo"),
        last_login: newest("login_success"),
        failed_logins: counts
            .iter()
            .filter(|c| c.kind == "login_failure")
            .map(|c| c.count)
            .sum(),
        ips: ranked(ips),
        repositories: ranked(repos),
        scanned: events.len() as u64,
        total: counts
            .iter()
            .map(|c| c.count)
            .sum::<u64>()
            .max(events.len() as u64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(epoch: i64, kind: &str, repo: Option<&str>, ip: &str) -> Event {
        Event {
            epoch,
            kind: kind.into(),
            repository: repo.map(str::to_string),
            ip: Some(ip.into()),
            actor: Some("acme+bot".into()),
            details: String::new(),
        }
    }

    #[test]
    fn last_uses_addresses_and_repositories() {
        let events = vec![
            ev(30, "pull_repo", Some("billing"), "10.0.0.2"),
            ev(20, "login_success", None, "10.0.0.2"),
            ev(10, "pull_repo", Some("api"), "10.0.0.1"),
            ev(5, "login_failure", None, "10.0.0.9"),
        ];
        let counts = vec![
            DayCount {
                day: 1,
                kind: "pull_repo".into(),
                count: 2,
            },
            DayCount {
                day: 1,
                kind: "login_failure".into(),
                count: 1,
            },
            DayCount {
                day: 2,
                kind: "login_failure".into(),
                count: 2,
            },
            DayCount {
                day: 1,
                kind: "login_success".into(),
                count: 1,
            },
        ];
        let s = summarize(&events, &counts);
        let pull = s.last_pull.as_ref().unwrap();
        assert_eq!(
            (pull.epoch, pull.repository.as_deref()),
            (30, Some("billing"))
        );
        assert_eq!(s.last_login.as_ref().unwrap().epoch, 20);
        assert_eq!(s.last_push, None);
        assert_eq!(s.failed_logins, 3);
        assert_eq!(s.ips[0], ("10.0.0.2".to_string(), 2));
        assert_eq!(s.ips.len(), 3);
        assert_eq!(
            s.repositories,
            vec![("api".to_string(), 1), ("billing".to_string(), 1)]
        );
        assert_eq!((s.scanned, s.total), (4, 6));
        assert!(s.is_partial());
        assert!(!summarize(&events, &[]).is_partial());
    }
}
