//! Quay's OAuth scopes (auth/scopes.py): titles, descriptions, icons, which are dangerous, and
//! which imply which.

use serde_json::{json, Value};

pub struct Scope {
    pub scope: &'static str,
    pub icon: &'static str,
    pub dangerous: bool,
    pub title: &'static str,
    pub description: &'static str,
}

pub const SCOPES: &[Scope] = &[
    Scope { scope: "repo:read", icon: "fa-hdd-o", dangerous: false, title: "View all visible repositories",
        description: "This application will be able to view and pull all repositories visible to the granting user" },
    Scope { scope: "repo:write", icon: "fa-hdd-o", dangerous: false, title: "Read/Write to any accessible repositories",
        description: "This application will be able to view, push and pull to all repositories to which the granting user has write access" },
    Scope { scope: "repo:admin", icon: "fa-hdd-o", dangerous: false, title: "Administer Repositories",
        description: "This application will have administrator access to all repositories to which the granting user has access" },
    Scope { scope: "repo:create", icon: "fa-plus", dangerous: false, title: "Create Repositories",
        description: "This application will be able to create repositories in all namespaces that the granting user is allowed to create repositories" },
    Scope { scope: "user:read", icon: "fa-user", dangerous: false, title: "Read User Information",
        description: "This application will be able to read user information such as username and email address." },
    Scope { scope: "org:admin", icon: "fa-gear", dangerous: true, title: "Administer Organization",
        description: "This application will be able to administer your organizations including creating robots, creating teams, adjusting team membership, and changing billing settings. You should have absolute trust in the requesting application before granting this permission." },
    Scope { scope: "super:user", icon: "fa-street-view", dangerous: true, title: "Super User Access",
        description: "This application will be able to administer your installation including managing users, managing organizations and other features found in the superuser panel. You should have absolute trust in the requesting application before granting this permission." },
    Scope { scope: "user:admin", icon: "fa-gear", dangerous: true, title: "Administer User",
        description: "This application will be able to administer your account including creating robots and granting them permissions to your repositories. You should have absolute trust in the requesting application before granting this permission." },
];

/// The scopes of a scope string (space or comma separated), in order, without duplicates;
/// None when it is empty or names an unknown scope (Quay: an invalid scope string).
pub fn parse(s: &str) -> Option<Vec<&'static Scope>> {
    let mut out: Vec<&'static Scope> = Vec::new();
    for name in s.split([' ', ',']) {
        let sc = SCOPES.iter().find(|x| x.scope == name)?;
        if !out.iter().any(|o| o.scope == sc.scope) {
            out.push(sc);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The scopes `scope` implies (itself included).
fn implied(scope: &str) -> &'static [&'static str] {
    match scope {
        "repo:admin" => &["repo:admin", "repo:write", "repo:read"],
        "repo:write" => &["repo:write", "repo:read"],
        "repo:read" => &["repo:read"],
        "repo:create" => &["repo:create"],
        "user:read" => &["user:read"],
        "org:admin" => &["org:admin"],
        "super:user" => &["super:user"],
        "user:admin" => &["user:admin"],
        _ => &[],
    }
}

/// Quay's `is_subset_string`: every scope of `wanted` is implied by one the user already granted
/// (`granted`, one scope string per existing token).
pub fn is_subset(granted: &[String], wanted: &str) -> bool {
    let have: Vec<&str> = granted
        .iter()
        .filter_map(|g| parse(g))
        .flatten()
        .flat_map(|s| implied(s.scope).iter().copied())
        .collect();
    match parse(wanted) {
        Some(w) if !have.is_empty() => w.iter().all(|s| have.contains(&s.scope)),
        _ => false,
    }
}

/// The space-separated form of a valid scope string.
pub fn normalize(s: &str) -> Option<String> {
    parse(s).map(|v| v.iter().map(|s| s.scope).collect::<Vec<_>>().join(" "))
}

/// `{title, scope, description, icon, dangerous}` as the consent page's JSON has them.
pub fn info_json(s: &Scope) -> Value {
    json!({"title": s.title, "scope": s.scope, "description": s.description, "icon": s.icon, "dangerous": s.dangerous})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_and_subsets() {
        assert_eq!(parse("repo:read user:read").unwrap().len(), 2);
        assert_eq!(parse("repo:read,user:read,repo:read").unwrap().len(), 2);
        assert!(parse("repo:read bogus:scope").is_none());
        assert!(parse("").is_none());
        assert!(parse("org:admin").unwrap()[0].dangerous);
        let granted = vec!["repo:admin user:read".to_string()];
        assert!(is_subset(&granted, "repo:read user:read"));
        assert!(!is_subset(&granted, "org:admin user:read"));
        assert!(!is_subset(&[], "repo:read"));
        assert_eq!(
            normalize("user:read,repo:read").unwrap(),
            "user:read repo:read"
        );
    }
}
