//! "Last used" for robots whose Quay `last_accessed` is empty (never set, or Quay runs without
//! `FEATURE_USER_LAST_ACCESSED`): the newest use of each robot found in one bounded pass over
//! the namespace's log (newest first), not one call per robot.

use super::kinds;
use crate::quay::ids::{LogDate, Namespace, RobotName, RobotShort};
use crate::quay::model::LogEntry;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How far back the pass looks.
pub const WINDOW_DAYS: i64 = 90;
/// The most pages (of 20 entries) one pass reads.
pub const MAX_PAGES: usize = 50;

/// What one pass found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastUsed {
    /// The first day looked at.
    pub since: Option<LogDate>,
    /// The whole window was read.
    pub complete: bool,
    /// The oldest entry read, when the pass stopped early.
    pub reached: Option<i64>,
    /// The newest use of each robot seen (epoch seconds).
    pub used: BTreeMap<RobotName, i64>,
}

/// The robot an entry of namespace `ns` shows in use, and when.
pub fn use_of(e: &LogEntry, ns: &Namespace) -> Option<RobotName> {
    if !kinds::is_use(&e.kind) {
        return None;
    }
    if let Some(p) = e.performer.as_ref().filter(|p| p.is_robot) {
        return RobotName::parse(&p.name)
            .ok()
            .filter(|r| r.in_namespace(ns).is_ok());
    }
    // A keyless exchange has no performer; it names the robot by its short name.
    if e.kind == "federated_robot_token_exchange" {
        let short = e.metadata.get("robot").and_then(|v| v.as_str())?;
        return RobotShort::parse(short)
            .ok()
            .map(|s| RobotName::new(ns, &s));
    }
    None
}

impl LastUsed {
    pub fn get(&self, robot: &RobotName) -> Option<i64> {
        self.used.get(robot).copied()
    }

    /// Takes one entry (entries come newest first; the first use seen of a robot is its last).
    pub fn record(&mut self, e: &LogEntry, ns: &Namespace) {
        let Some(t) = crate::dates::parse_rfc2822(&e.datetime) else {
            return;
        };
        self.reached = Some(self.reached.map_or(t, |r| r.min(t)));
        if let Some(robot) = use_of(e, ns) {
            let at = self.used.entry(robot).or_insert(t);
            *at = (*at).max(t);
        }
    }

    /// Every one of `robots` has a use recorded.
    pub fn covers(&self, robots: &[RobotName]) -> bool {
        robots.iter().all(|r| self.used.contains_key(r))
    }

    /// Says how far the logs were read, for a robot without a use.
    pub fn note(&self) -> String {
        match (self.complete, self.reached) {
            (true, _) | (false, None) => format!("no use in the last {WINDOW_DAYS} days of logs"),
            (false, Some(t)) => format!(
                "no use in the logs back to {}",
                crate::dates::format_medium(t)
            ),
        }
    }
}

crate::json::from_json_struct! {
    LastUsed { since, complete, reached, used }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(
        kind: &str,
        performer: Option<(&str, bool)>,
        m: serde_json::Value,
        dt: &str,
    ) -> LogEntry {
        let mut v = json!({"kind": kind, "metadata": m, "datetime": dt});
        if let Some((name, robot)) = performer {
            v["performer"] = json!({"kind": "user", "name": name, "is_robot": robot});
        }
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn the_newest_use_of_each_robot_of_the_namespace() {
        let ns = Namespace::parse("acme").unwrap();
        let mut u = LastUsed::default();
        let dec1 = "Tue, 01 Dec 2026 06:54:56 -0000";
        let nov30 = "Mon, 30 Nov 2026 06:54:56 -0000";
        u.record(
            &entry("pull_repo", Some(("acme+alpha", true)), json!({}), dec1),
            &ns,
        );
        u.record(
            &entry(
                "login_success",
                Some(("acme+alpha", true)),
                json!({}),
                nov30,
            ),
            &ns,
        );
        // A failed login is no use; other namespaces' robots and users do not count.
        u.record(
            &entry("login_failure", Some(("acme+beta", true)), json!({}), dec1),
            &ns,
        );
        u.record(
            &entry("pull_repo", Some(("other+gamma", true)), json!({}), dec1),
            &ns,
        );
        u.record(
            &entry("pull_repo", Some(("demo", false)), json!({}), dec1),
            &ns,
        );
        // Done to the robot by an administrator: no use either.
        u.record(
            &entry(
                "create_robot",
                Some(("demo", false)),
                json!({"robot": "delta"}),
                dec1,
            ),
            &ns,
        );
        u.record(
            &entry(
                "federated_robot_token_exchange",
                None,
                json!({"robot": "echo"}),
                nov30,
            ),
            &ns,
        );
        let name = |s: &str| RobotName::parse(s).unwrap();
        assert_eq!(
            u.get(&name("acme+alpha")),
            crate::dates::parse_rfc2822(dec1)
        );
        assert_eq!(u.get(&name("acme+beta")), None);
        assert_eq!(u.get(&name("acme+delta")), None);
        assert_eq!(
            u.get(&name("acme+echo")),
            crate::dates::parse_rfc2822(nov30)
        );
        assert_eq!(u.used.len(), 2);
        assert!(u.covers(&[name("acme+alpha"), name("acme+echo")]));
        assert!(!u.covers(&[name("acme+beta")]));
        assert_eq!(u.note(), "no use in the logs back to Nov 30, 2026, 6:54 AM");
        u.complete = true;
        assert_eq!(u.note(), "no use in the last 90 days of logs");
        let back: LastUsed = serde_json::from_str(&serde_json::to_string(&u).unwrap()).unwrap();
        assert_eq!(back, u);
    }
}
