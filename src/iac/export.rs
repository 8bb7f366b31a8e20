//! Writing a robots file: the YAML people review and the JSON machines like, both in one stable
//! order (robots, teams and repositories by name, federation by issuer then subject, default
//! permissions by robot then activating user), empty fields left out, no timestamps: exporting
//! the same state twice gives the same bytes, so two exports diff cleanly.

use super::format::{RobotsFile, FORMAT_VERSION};
use serde::Serialize;

#[derive(Serialize)]
struct FileOut<'a> {
    version: u64,
    namespace: &'a str,
    robots: Vec<RobotOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    default_permissions: Vec<DefaultOut<'a>>,
}

#[derive(Serialize)]
struct RobotOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    teams: Vec<&'a str>,
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    repositories: serde_json::Map<String, serde_json::Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    federation: Vec<&'a crate::quay::model::FederationEntry>,
}

#[derive(Serialize)]
struct DefaultOut<'a> {
    robot: &'a str,
    role: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    activating_user: Option<&'a str>,
}

/// The file as JSON (two-space indent, newline at the end).
pub fn to_json(file: &RobotsFile) -> String {
    let out = FileOut {
        version: FORMAT_VERSION,
        namespace: file.namespace.as_str(),
        robots: file
            .robots
            .iter()
            .map(|(name, r)| RobotOut {
                name: name.as_str(),
                description: r.description.as_str(),
                teams: r.teams.iter().map(|t| t.as_str()).collect(),
                // serde_json's map is ordered by key: the repositories' order.
                repositories: r
                    .repositories
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.as_str().into()))
                    .collect(),
                federation: r.federation.iter().collect(),
            })
            .collect(),
        default_permissions: file
            .default_permissions
            .iter()
            .map(|(k, role)| DefaultOut {
                robot: k.robot.as_str(),
                role: role.as_str(),
                activating_user: k.activating_user.as_ref().map(|u| u.as_str()),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).expect("a robots file serializes");
    s.push('\n');
    s
}

/// Text YAML reads back as the same text: plain when that is unambiguous, else double-quoted
/// (JSON's escapes are YAML's).
pub fn scalar(s: &str) -> String {
    let safe_char = |c: char| c.is_alphanumeric() || " ._-/()',:@+=~".contains(c);
    let plain = !s.is_empty()
        && s.chars().all(safe_char)
        // `key: value` and a final `:` would read as a mapping.
        && !s.contains(": ")
        && !s.ends_with(':')
        && s.starts_with(|c: char| c.is_alphanumeric() || c == '/')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && super::yaml::plain_kind(s).is_none()
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).expect("strings serialize")
    }
}

/// The file as YAML, with a header saying what it is.
pub fn to_yaml(file: &RobotsFile) -> String {
    let mut o = String::new();
    let ns = file.namespace.as_str();
    o.push_str(&format!(
        "# Robot accounts of {ns} (robot-console robots file; tokens are never included).\n\
         # Review changes with `robot-console plan -f FILE`, apply them with `robot-console apply -f FILE`.\n\
         # Format: docs/robots-as-code.md; JSON Schema: docs/robots.schema.json.\n"
    ));
    o.push_str(&format!(
        "version: {FORMAT_VERSION}\nnamespace: {}\n",
        scalar(ns)
    ));
    if file.robots.is_empty() {
        o.push_str("robots: []\n");
    } else {
        o.push_str("robots:\n");
    }
    for (name, r) in &file.robots {
        o.push_str(&format!("  - name: {}\n", scalar(name)));
        if !r.description.is_empty() {
            o.push_str(&format!("    description: {}\n", scalar(&r.description)));
        }
        if !r.teams.is_empty() {
            o.push_str("    teams:\n");
            for t in &r.teams {
                o.push_str(&format!("      - {}\n", scalar(t)));
            }
        }
        if !r.repositories.is_empty() {
            o.push_str("    repositories:\n");
            for (repo, role) in &r.repositories {
                o.push_str(&format!("      {}: {role}\n", scalar(repo)));
            }
        }
        if !r.federation.is_empty() {
            o.push_str("    federation:\n");
            for e in &r.federation {
                o.push_str(&format!(
                    "      - issuer: {}\n        subject: {}\n",
                    scalar(&e.issuer),
                    scalar(&e.subject)
                ));
            }
        }
    }
    if !file.default_permissions.is_empty() {
        o.push_str("default_permissions:\n");
        for (k, role) in &file.default_permissions {
            o.push_str(&format!(
                "  - robot: {}\n    role: {role}\n",
                scalar(&k.robot)
            ));
            if let Some(u) = &k.activating_user {
                o.push_str(&format!("    activating_user: {}\n", scalar(u)));
            }
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iac::parse::parse;

    const FILE: &str = "version: 1\nnamespace: acme\nrobots:\n  - name: zeta\n    description: \"Has: a colon # and more\"\n    repositories: {'123': read, api: admin}\n    federation:\n      - {issuer: 'https://b', subject: 'x'}\n      - {issuer: 'https://a', subject: 'repo:acme/app:ref:refs/heads/main'}\n  - name: alpha\n    teams: [bb, a1]\ndefault_permissions:\n  - {robot: zeta, role: read, activating_user: alice}\n  - {robot: alpha, role: write}\n";

    #[test]
    fn yaml_and_json_exports_read_back_as_the_same_file_in_a_stable_order() {
        let (f, _) = parse(FILE).unwrap();
        let yaml = to_yaml(&f);
        assert_eq!(parse(&yaml).unwrap().0, f, "{yaml}");
        assert_eq!(parse(&to_json(&f)).unwrap().0, f);
        assert_eq!(to_yaml(&parse(&yaml).unwrap().0), yaml);
        let alpha = yaml.find("name: alpha").unwrap();
        let zeta = yaml.find("name: zeta").unwrap();
        assert!(alpha < zeta);
        assert!(yaml.contains("      \"123\": read\n"), "{yaml}");
        assert!(
            yaml.contains("description: \"Has: a colon # and more\""),
            "{yaml}"
        );
        assert!(yaml.find("https://a").unwrap() < yaml.find("https://b").unwrap());
        assert!(yaml.find("robot: alpha").unwrap() < yaml.find("robot: zeta").unwrap());
    }

    #[test]
    fn scalars_are_quoted_only_when_yaml_would_misread_them() {
        assert_eq!(scalar("api-server"), "api-server");
        assert_eq!(scalar("Deploys to production"), "Deploys to production");
        assert_eq!(scalar("https://issuer.example"), "https://issuer.example");
        assert_eq!(
            scalar("repo:acme/app:ref:refs/heads/main"),
            "repo:acme/app:ref:refs/heads/main"
        );
        for s in [
            "123", "true", "null", "", "yes", "a: b", "a:", "-x", " x", "x ", "#x", "[x]", "ü\"q",
            ":x", "a #b",
        ] {
            let q = scalar(s);
            assert!(q.starts_with('"'), "{s} -> {q}");
            assert_eq!(serde_json::from_str::<String>(&q).unwrap(), s);
        }
    }
}
