//! What the signed-in user may do in a namespace (from what Quay says about them), and which token
//! scope each kind of call needs. Plain logic, shared by the server (refusing early) and the pages
//! (offering only what can succeed).

use serde::{Deserialize, Serialize};

/// The user's standing in one namespace.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// The user's own namespace.
    Own,
    /// An administrator of the organization.
    Admin,
    /// A superuser acting on an organization they do not administer (`super:user` scope).
    Superuser,
    /// A member who is not an administrator: Quay lists robot names only. `admin_teams` are the
    /// organization's teams with the admin role, as far as Quay shows them.
    Member { admin_teams: Vec<String> },
    /// Not a member: Quay refuses the robot list.
    Outsider,
}

impl Standing {
    /// Creating, deleting, granting, federation and credentials.
    pub fn can_manage(&self) -> bool {
        matches!(self, Standing::Own | Standing::Admin | Standing::Superuser)
    }

    /// The label of the organizations page's "Your role" column.
    pub fn role_label(&self) -> &'static str {
        match self {
            Standing::Own => "Owner",
            Standing::Admin => "Administrator",
            Standing::Superuser => "Superuser",
            Standing::Member { .. } => "Member",
            Standing::Outsider => "Not a member",
        }
    }
}

/// Why a member cannot do more (the robots tab's note, and the server's refusal).
pub fn member_note(namespace: &str, admin_teams: &[String]) -> String {
    let who = match admin_teams {
        [] => String::new(),
        [t] => format!(" (the members of team {t})"),
        ts => format!(" (the members of teams {})", ts.join(", ")),
    };
    format!(
        "Only administrators of {namespace}{who} can see and manage its robot accounts' permissions, teams and credentials."
    )
}

/// Why an outsider sees nothing.
pub fn outsider_note(namespace: &str) -> String {
    format!(
        "You are not a member of {namespace}. Only its members can see its robot accounts, and only its administrators can manage them."
    )
}

/// What the robots tab says when superuser rights are in use.
pub fn superuser_note(namespace: &str) -> String {
    format!(
        "You are not an administrator of {namespace}: you see and manage its robot accounts through your superuser rights (super:user scope)."
    )
}

/// The refusal of a server function the standing cannot do.
pub fn refusal(namespace: &str, standing: &Standing) -> Option<String> {
    match standing {
        Standing::Member { admin_teams } => Some(member_note(namespace, admin_teams)),
        Standing::Outsider => Some(outsider_note(namespace)),
        _ => None,
    }
}

/// A Quay OAuth scope: its name and the label Quay's "Generate Token" form shows for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope {
    pub name: &'static str,
    pub label: &'static str,
    /// What the console needs it for (the sign-in page and README list these).
    pub needed_for: &'static str,
}

pub const SCOPES: [Scope; 6] = [
    Scope {
        name: "org:admin",
        label: "Administer Organization",
        needed_for: "organization robots, teams, default permissions, federation, usage logs",
    },
    Scope {
        name: "repo:admin",
        label: "Administer Repositories",
        needed_for: "granting and removing repository permissions",
    },
    Scope {
        name: "repo:read",
        label: "View all visible repositories",
        needed_for: "the repository lists",
    },
    Scope {
        name: "user:read",
        label: "Read User Information",
        needed_for: "signing in (who you are, your organizations)",
    },
    Scope {
        name: "user:admin",
        label: "Administer User",
        needed_for: "the robots of your own user namespace",
    },
    Scope {
        name: "super:user",
        label: "Super User Access",
        needed_for: "superusers only: every organization's robots",
    },
];

fn scope(name: &str) -> Scope {
    *SCOPES
        .iter()
        .find(|s| s.name == name)
        .expect("a known scope")
}

/// The scope a Quay call needs, from its method and path.
pub fn scope_for(method: &str, path: &str) -> Scope {
    let path = path.split('?').next().unwrap_or(path);
    let write = !matches!(method, "GET" | "HEAD");
    if path.starts_with("/api/v1/superuser") {
        scope("super:user")
    } else if path.starts_with("/api/v1/user/robots") || path.starts_with("/api/v1/user/logs") {
        scope("user:admin")
    } else if path.starts_with("/api/v1/user") {
        scope("user:read")
    } else if path.starts_with("/api/v1/repository/") && path.contains("/permissions") {
        scope("repo:admin")
    } else if path.starts_with("/api/v1/repository") {
        if write {
            scope("repo:admin")
        } else {
            scope("repo:read")
        }
    } else {
        scope("org:admin")
    }
}

/// The message for Quay's `403 insufficient_scope` on a call to `path`.
pub fn missing_scope_message(method: &str, path: &str) -> String {
    let s = scope_for(method, path);
    format!(
        "Your Quay token lacks the {} scope (\"{}\" in Quay's Generate Token form), which {} needs. Sign in with a token that has it: the sign-in page lists the scopes to tick.",
        s.name, s.label, s.needed_for
    )
}

impl crate::json::FromJson for Standing {
    fn from_json(v: &crate::json::Node) -> Option<Self> {
        if let Some(s) = v.str() {
            return match s.as_str() {
                "Own" => Some(Standing::Own),
                "Admin" => Some(Standing::Admin),
                "Superuser" => Some(Standing::Superuser),
                "Outsider" => Some(Standing::Outsider),
                _ => None,
            };
        }
        match crate::json::variant(v)? {
            (k, m) if k == "Member" => Some(Standing::Member {
                admin_teams: m.field("admin_teams")?,
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_owners_admins_and_superusers_manage() {
        assert!(Standing::Own.can_manage() && Standing::Admin.can_manage());
        assert!(Standing::Superuser.can_manage());
        assert!(!Standing::Member {
            admin_teams: vec![]
        }
        .can_manage());
        assert!(!Standing::Outsider.can_manage());
    }

    #[test]
    fn the_member_note_names_the_admin_teams_when_quay_shows_them() {
        assert_eq!(
            member_note("buynlarge", &[]),
            "Only administrators of buynlarge can see and manage its robot accounts' permissions, teams and credentials."
        );
        assert_eq!(
            member_note("buynlarge", &["owners".into()]),
            "Only administrators of buynlarge (the members of team owners) can see and manage its robot accounts' permissions, teams and credentials."
        );
        assert!(refusal("acme", &Standing::Admin).is_none());
        assert!(refusal("acme", &Standing::Outsider)
            .unwrap()
            .contains("not a member of acme"));
    }

    #[test]
    fn calls_map_to_the_scope_they_need() {
        assert_eq!(
            scope_for("GET", "/api/v1/organization/acme/robots?permissions=true").name,
            "org:admin"
        );
        assert_eq!(scope_for("GET", "/api/v1/user/robots").name, "user:admin");
        assert_eq!(scope_for("GET", "/api/v1/user/").name, "user:read");
        assert_eq!(
            scope_for(
                "PUT",
                "/api/v1/repository/acme/web/permissions/user/acme+bot"
            )
            .name,
            "repo:admin"
        );
        assert_eq!(
            scope_for("GET", "/api/v1/repository?namespace=acme").name,
            "repo:read"
        );
        assert_eq!(
            scope_for("GET", "/api/v1/superuser/organizations/").name,
            "super:user"
        );
        let m = missing_scope_message("GET", "/api/v1/organization/acme/robots");
        assert!(
            m.contains("org:admin") && m.contains("Administer Organization"),
            "{m}"
        );
    }
}
