//! Usage-log kinds as the activity view reads them: labels for people, which kinds are uses of
//! a robot, and which kinds name a robot that someone else acted on (and under which metadata
//! key, in which form).

/// How an entry names the robot it is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameForm {
    /// The short name (`deployer`): the entry is filed in the robot's namespace.
    Short,
    /// The full name (`acme+deployer`).
    Full,
}

/// Kinds whose entries are about a robot acted on by someone else (an administrator), with the
/// metadata key that names it (Quay's metadata, `recorded-more/README` and Quay's endpoints).
pub const CHANGE_KINDS: &[(&str, &str, NameForm)] = &[
    ("create_robot", "robot", NameForm::Short),
    ("delete_robot", "robot", NameForm::Short),
    ("regenerate_robot_token", "robot", NameForm::Short),
    ("create_robot_federation", "robot", NameForm::Short),
    ("delete_robot_federation", "robot", NameForm::Short),
    ("federated_robot_token_exchange", "robot", NameForm::Short),
    ("add_repo_permission", "username", NameForm::Full),
    ("change_repo_permission", "username", NameForm::Full),
    ("delete_repo_permission", "username", NameForm::Full),
    ("org_add_team_member", "member", NameForm::Full),
    ("org_remove_team_member", "member", NameForm::Full),
    (
        "create_prototype_permission",
        "delegate_user",
        NameForm::Full,
    ),
    (
        "modify_prototype_permission",
        "delegate_user",
        NameForm::Full,
    ),
    (
        "delete_prototype_permission",
        "delegate_user",
        NameForm::Full,
    ),
];

/// The metadata key and name form by which an entry of `kind` names its robot.
pub fn robot_key(kind: &str) -> Option<(&'static str, NameForm)> {
    CHANGE_KINDS
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map(|(_, key, form)| (*key, *form))
}

/// Entries of this kind come from the namespace log (about the robot), not from the robot's own
/// (performer) log.
pub fn is_change(kind: &str) -> bool {
    robot_key(kind).is_some()
}

/// Kinds that record a failed attempt: not a use of the robot.
pub const FAILURES: &[&str] = &[
    "login_failure",
    "pull_repo_failed",
    "push_repo_failed",
    "delete_tag_failed",
];

/// A robot performing this kind of action (or exchanging a keyless token) was in use.
pub fn is_use(kind: &str) -> bool {
    !FAILURES.contains(&kind) && (!is_change(kind) || kind == "federated_robot_token_exchange")
}

/// The filter's choices, in the order the menu lists them: what robots do first, then what is
/// done to them.
pub const FILTER_KINDS: &[&str] = &[
    "pull_repo",
    "push_repo",
    "login_success",
    "login_failure",
    "federated_robot_token_exchange",
    "create_tag",
    "delete_tag",
    "create_robot",
    "regenerate_robot_token",
    "create_robot_federation",
    "delete_robot_federation",
    "change_repo_permission",
    "delete_repo_permission",
    "org_add_team_member",
    "org_remove_team_member",
    "create_prototype_permission",
    "modify_prototype_permission",
    "delete_prototype_permission",
    "delete_robot",
];

/// A label for people; unknown kinds show as they are.
pub fn label(kind: &str) -> String {
    let l = match kind {
        "pull_repo" => "Pull",
        "pull_repo_failed" => "Failed pull",
        "push_repo" => "Push",
        "push_repo_failed" => "Failed push",
        "login_success" => "Login",
        "login_failure" => "Failed login",
        "federated_robot_token_exchange" => "Keyless token exchange",
        "create_tag" => "Tag created",
        "move_tag" => "Tag moved",
        "delete_tag" => "Tag deleted",
        "create_repo" => "Repository created",
        "create_robot" => "Robot created",
        "delete_robot" => "Robot deleted",
        "regenerate_robot_token" => "Token regenerated",
        "create_robot_federation" => "Federation set",
        "delete_robot_federation" => "Federation removed",
        "add_repo_permission" | "change_repo_permission" => "Permission set",
        "delete_repo_permission" => "Permission removed",
        "org_add_team_member" => "Added to team",
        "org_remove_team_member" => "Removed from team",
        "create_prototype_permission" => "Default permission created",
        "modify_prototype_permission" => "Default permission changed",
        "delete_prototype_permission" => "Default permission deleted",
        other => return other.to_string(),
    };
    l.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uses_changes_and_labels() {
        assert!(is_use("pull_repo") && is_use("login_success") && is_use("push_repo"));
        assert!(is_use("federated_robot_token_exchange"));
        assert!(!is_use("login_failure") && !is_use("create_robot"));
        assert_eq!(
            robot_key("org_add_team_member"),
            Some(("member", NameForm::Full))
        );
        assert_eq!(robot_key("create_robot"), Some(("robot", NameForm::Short)));
        assert!(!is_change("pull_repo"));
        assert_eq!(label("login_failure"), "Failed login");
        assert_eq!(label("manifest_label_add"), "manifest_label_add");
        assert!(
            FILTER_KINDS.iter().all(|k| label(k) != *k),
            "every choice has a label"
        );
    }
}
