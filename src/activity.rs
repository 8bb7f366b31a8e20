//! A robot's activity, from Quay's usage logs: which of a namespace's entries concern a robot,
//! the events the Activity dialog lists, its filters and pages. Plain logic shared by the server
//! (which reads Quay) and the browser (which shows, filters and exports).
//!
//! Two sources make a robot's timeline. What the robot did (logins, pulls, pushes) is the
//! namespace log filtered by `performer` (cheap for Quay). What was done to it (created, token
//! regenerated, permissions, teams, federation) is performed by administrators and names the
//! robot only in its metadata, so it comes from the unfiltered namespace log ([`mentions`]).

pub mod chart;
pub mod csv;
pub mod cursor;
pub mod kinds;
pub mod last_used;
pub mod summary;

use crate::dates::parse_rfc2822;
use crate::quay::ids::{LogKind, LogRange, RepoName, RobotName};
use crate::quay::model::LogEntry;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One event as the dialog lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Epoch seconds.
    pub epoch: i64,
    pub kind: String,
    /// The repository (in the namespace) the event is about.
    pub repository: Option<String>,
    pub ip: Option<String>,
    /// Who performed it (Quay's `performer`); none for some entries.
    pub actor: Option<String>,
    /// What else the entry says (tag, role, team, client, message).
    pub details: String,
}

fn text<'a>(m: &'a Value, key: &str) -> Option<&'a str> {
    m.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

impl Event {
    /// The event of one log entry; `None` when Quay's `datetime` does not parse.
    pub fn from_entry(e: &LogEntry) -> Option<Event> {
        let m = &e.metadata;
        Some(Event {
            epoch: parse_rfc2822(&e.datetime)?,
            kind: e.kind.clone(),
            repository: text(m, "repo").map(str::to_string),
            ip: e.ip.clone().filter(|ip| !ip.is_empty()),
            actor: e.performer.as_ref().map(|p| p.name.clone()),
            details: details(&e.kind, m),
        })
    }

    pub fn label(&self) -> String {
        kinds::label(&self.kind)
    }
}

/// The metadata worth reading, per kind, as one short line.
pub fn details(kind: &str, m: &Value) -> String {
    let pick = |pairs: &[(&str, &str)]| -> String {
        pairs
            .iter()
            .filter_map(|(key, name)| text(m, key).map(|v| format!("{name} {v}")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match kind {
        "pull_repo" | "push_repo" | "pull_repo_failed" | "push_repo_failed" => pick(&[
            ("tag", "tag"),
            ("manifest_digest", "digest"),
            ("user-agent", "client"),
        ]),
        "login_success" => pick(&[("useragent", "client")]),
        "login_failure" => pick(&[("message", "message"), ("useragent", "client")]),
        "change_repo_permission" | "add_repo_permission" => pick(&[("role", "role")]),
        "org_add_team_member" | "org_remove_team_member" => pick(&[("team", "team")]),
        "create_robot" => pick(&[("description", "description")]),
        "federated_robot_token_exchange" => pick(&[("issuer", "issuer"), ("subject", "subject")]),
        "create_robot_federation" => m
            .get("config")
            .and_then(Value::as_array)
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| {
                        format!(
                            "issuer {}, subject {}",
                            text(e, "issuer").unwrap_or("?"),
                            text(e, "subject").unwrap_or("?")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default(),
        "create_prototype_permission" | "delete_prototype_permission" => pick(&[("role", "role")]),
        "modify_prototype_permission" => pick(&[("original_role", "from"), ("role", "to")]),
        "create_tag" | "delete_tag" | "move_tag" => pick(&[("tag", "tag")]),
        _ => String::new(),
    }
}

/// The entry was performed by the robot (its own log).
pub fn performed_by(e: &LogEntry, robot: &RobotName) -> bool {
    e.performer
        .as_ref()
        .is_some_and(|p| p.name == robot.as_str())
}

/// The entry, filed in the robot's namespace, names the robot as the account acted on.
pub fn mentions(e: &LogEntry, robot: &RobotName) -> bool {
    let Some((key, form)) = kinds::robot_key(&e.kind) else {
        return false;
    };
    let want = match form {
        kinds::NameForm::Short => robot.short_str(),
        kinds::NameForm::Full => robot.as_str(),
    };
    text(&e.metadata, key) == Some(want)
}

/// The list's filters (both optional).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFilter {
    pub kind: Option<LogKind>,
    pub repository: Option<RepoName>,
}

impl EventFilter {
    pub fn matches(&self, e: &Event) -> bool {
        self.kind.as_ref().is_none_or(|k| e.kind == k.as_str())
            && self
                .repository
                .as_ref()
                .is_none_or(|r| e.repository.as_deref() == Some(r.as_str()))
    }

    /// Whether the robot's own log can hold matching events.
    pub fn needs_usage(&self) -> bool {
        self.kind.as_ref().is_none_or(|k| !kinds::is_change(k))
    }

    /// Whether the namespace log's entries about the robot can hold matching events.
    pub fn needs_changes(&self) -> bool {
        self.kind.as_ref().is_none_or(|k| kinds::is_change(k))
    }
}

/// Why there is nothing to show although nothing failed (Quay answers 500 for the logs of an
/// account it does not know).
pub fn no_such_robot(robot: &RobotName) -> String {
    format!(
        "Quay has no robot account {robot} (it was deleted, or the name is wrong), so there is no activity to show. Quay answers an error (500) for the usage logs of an account it does not know."
    )
}

/// The first events, newest first, and where to continue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventsPage {
    pub events: Vec<Event>,
    /// `None` once every source is read to its end.
    pub cursor: Option<cursor::ActivityCursor>,
    pub complete: cursor::Completeness,
    /// Set when there is no activity to show, with the reason.
    pub no_activity: Option<String>,
}

/// What the dialog shows above the list: the chart's counts and the summary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityOverview {
    pub range: LogRange,
    /// Quay's aggregated counts of the robot's own events, per day and kind.
    pub counts: Vec<chart::DayCount>,
    pub summary: summary::Summary,
    pub no_activity: Option<String>,
}

/// Adds `more` to `list`, newest first (stable for equal times).
pub fn merge_sorted(list: &mut Vec<Event>, more: Vec<Event>) {
    list.extend(more);
    list.sort_by_key(|e| std::cmp::Reverse(e.epoch));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entry(v: Value) -> LogEntry {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn events_read_quays_entries() {
        // LOGS_30's pull, as Quay wrote it.
        let e = entry(json!({
            "kind": "pull_repo",
            "metadata": {"repo": "orgrepo", "namespace": "buynlarge", "tag": "latest",
                         "user-agent": "docker/26.1.0", "username": "buynlarge+logbot"},
            "ip": "127.0.0.1", "datetime": "Tue, 01 Dec 2026 06:54:56 -0000",
            "performer": {"kind": "user", "name": "buynlarge+logbot", "is_robot": true}
        }));
        let ev = Event::from_entry(&e).unwrap();
        assert_eq!(ev.epoch, 1_796_083_200 + 6 * 3600 + 54 * 60 + 56);
        assert_eq!(ev.repository.as_deref(), Some("orgrepo"));
        assert_eq!(ev.actor.as_deref(), Some("buynlarge+logbot"));
        assert_eq!(ev.details, "tag latest, client docker/26.1.0");
        assert_eq!(ev.label(), "Pull");
        let robot = RobotName::parse("buynlarge+logbot").unwrap();
        assert!(performed_by(&e, &robot));
        assert!(!mentions(&e, &robot));
        let bad = entry(json!({"kind": "pull_repo", "datetime": "yesterday"}));
        assert!(Event::from_entry(&bad).is_none());
    }

    #[test]
    fn changes_name_the_robot_in_their_metadata() {
        let robot = RobotName::parse("acme+bot").unwrap();
        let by_admin = |kind: &str, m: Value| {
            entry(json!({"kind": kind, "metadata": m, "ip": "10.0.0.1",
                "datetime": "Tue, 01 Dec 2026 06:54:56 -0000",
                "performer": {"name": "demo", "is_robot": false}}))
        };
        for (kind, m) in [
            ("create_robot", json!({"robot": "bot"})),
            ("regenerate_robot_token", json!({"robot": "bot"})),
            (
                "change_repo_permission",
                json!({"username": "acme+bot", "repo": "r", "role": "read"}),
            ),
            (
                "org_add_team_member",
                json!({"member": "acme+bot", "team": "t"}),
            ),
            (
                "create_prototype_permission",
                json!({"username": "demo", "delegate_user": "acme+bot"}),
            ),
        ] {
            let e = by_admin(kind, m);
            assert!(mentions(&e, &robot), "{kind}");
            assert!(!performed_by(&e, &robot));
        }
        for (kind, m) in [
            ("create_robot", json!({"robot": "bot2"})),
            ("create_robot", json!({"robot": "acme+bot"})),
            ("change_repo_permission", json!({"username": "acme+bot2"})),
            // A prototype's `username` is the administrator, not the delegate.
            (
                "create_prototype_permission",
                json!({"username": "acme+bot"}),
            ),
            (
                "change_repo_permission",
                json!({"team": "bot", "repo": "r"}),
            ),
            ("pull_repo", json!({"username": "acme+bot"})),
        ] {
            assert!(!mentions(&by_admin(kind, m.clone()), &robot), "{kind} {m}");
        }
        let e = Event::from_entry(&by_admin(
            "org_add_team_member",
            json!({"member": "acme+bot", "team": "deployers"}),
        ))
        .unwrap();
        assert_eq!(
            (e.details.as_str(), e.actor.as_deref()),
            ("team deployers", Some("demo"))
        );
    }

    #[test]
    fn filters_pick_events_and_sources() {
        let ev = |kind: &str, repo: Option<&str>| Event {
            epoch: 0,
            kind: kind.into(),
            repository: repo.map(str::to_string),
            ip: None,
            actor: None,
            details: String::new(),
        };
        let all = EventFilter::default();
        assert!(all.matches(&ev("pull_repo", None)));
        assert!(all.needs_usage() && all.needs_changes());
        let pulls = EventFilter {
            kind: Some(LogKind::parse("pull_repo").unwrap()),
            repository: Some(RepoName::parse("billing").unwrap()),
        };
        assert!(pulls.matches(&ev("pull_repo", Some("billing"))));
        assert!(!pulls.matches(&ev("pull_repo", Some("other"))));
        assert!(!pulls.matches(&ev("pull_repo", None)));
        assert!(!pulls.matches(&ev("push_repo", Some("billing"))));
        assert!(pulls.needs_usage() && !pulls.needs_changes());
        let perms = EventFilter {
            kind: Some(LogKind::parse("change_repo_permission").unwrap()),
            repository: None,
        };
        assert!(!perms.needs_usage() && perms.needs_changes());
    }
}
