//! The robots file: what one namespace's robot setup is, as data (no positions, no tokens).
//!
//! The same type holds what a file asks for and what Quay has now (read by
//! `crate::server::iac::live`), so export is "print the live state" and plan is "diff two of
//! these". Collections are ordered maps and sets: two exports of the same state are the same
//! bytes, and a robot, a team or a repository can appear only once.

use crate::quay::ids::{Description, Namespace, RepoName, RobotShort, TeamName};
use crate::quay::model::FederationEntry;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The `version` every robots file carries; a file of another version is refused.
pub const FORMAT_VERSION: u64 = 1;

/// A repository or default permission role, as Quay spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Read,
    Write,
    Admin,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Read, Role::Write, Role::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Read => "read",
            Role::Write => "write",
            Role::Admin => "admin",
        }
    }

    /// A role written in a file: exactly `read`, `write` or `admin`.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// A role in one of Quay's answers (case-insensitive; Quay's UI once showed `write` as Read).
    pub fn from_quay(s: &str) -> Option<Role> {
        Role::parse(&s.to_ascii_lowercase())
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One robot account of the namespace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotSpec {
    pub description: Description,
    /// Teams of the organization the robot is a member of (none in a user namespace).
    pub teams: BTreeSet<TeamName>,
    /// Direct repository permissions (team-derived access is the teams' business).
    pub repositories: BTreeMap<RepoName, Role>,
    /// Keyless login entries, sorted by issuer then subject (Quay treats the list as a set).
    pub federation: Vec<FederationEntry>,
}

/// Which default permission: the robot it grants to, and the user whose new repositories it
/// applies to (`None`: repositories created by anyone).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DefaultKey {
    pub robot: RobotShort,
    /// A user name (Quay's user name rule is the namespace rule).
    pub activating_user: Option<Namespace>,
}

/// A namespace's robots and the default permissions that name them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RobotsFile {
    pub namespace: Namespace,
    pub robots: BTreeMap<RobotShort, RobotSpec>,
    pub default_permissions: BTreeMap<DefaultKey, Role>,
}

impl RobotsFile {
    pub fn empty(namespace: Namespace) -> RobotsFile {
        RobotsFile {
            namespace,
            robots: BTreeMap::new(),
            default_permissions: BTreeMap::new(),
        }
    }
}

/// Federation entries in the file's order: sorted by issuer, then subject, without repeats.
pub fn sorted_federation(entries: &[FederationEntry]) -> Vec<FederationEntry> {
    let mut v: Vec<FederationEntry> = entries.to_vec();
    v.sort_by(|a, b| (&a.issuer, &a.subject).cmp(&(&b.issuer, &b.subject)));
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_exact_in_files_and_lenient_in_quays_answers() {
        assert_eq!(Role::parse("write"), Some(Role::Write));
        assert_eq!(Role::parse("Write"), None);
        assert_eq!(Role::parse("none"), None);
        assert_eq!(Role::from_quay("WRITE"), Some(Role::Write));
        assert_eq!(serde_json::to_string(&Role::Admin).unwrap(), "\"admin\"");
    }

    #[test]
    fn federation_is_sorted_and_deduplicated() {
        let e = |i: &str, s: &str| FederationEntry {
            issuer: i.into(),
            subject: s.into(),
        };
        let got = sorted_federation(&[
            e("https://b", "x"),
            e("https://a", "y"),
            e("https://b", "x"),
        ]);
        assert_eq!(got, vec![e("https://a", "y"), e("https://b", "x")]);
    }

    #[test]
    fn default_permissions_for_anyone_sort_first() {
        let robot = RobotShort::parse("bot").unwrap();
        let anyone = DefaultKey {
            robot: robot.clone(),
            activating_user: None,
        };
        let alice = DefaultKey {
            robot,
            activating_user: Some(Namespace::parse("alice").unwrap()),
        };
        assert!(anyone < alice);
    }
}
