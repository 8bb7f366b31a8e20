//! Plans as people read them: one line per change (the UI's diff and the CLI's output) and the
//! whole plan as text, terraform style.

use super::plan::{summary, Change, Plan};
use crate::quay::ids::Namespace;

fn who(activating_user: &Option<Namespace>) -> String {
    match activating_user {
        None => "repositories created by anyone".into(),
        Some(u) => format!("repositories created by {u}"),
    }
}

/// `grant write on repository billing to acme+deployer`.
pub fn describe(ns: &Namespace, change: &Change) -> String {
    use Change::*;
    let robot = format!("{ns}+{}", change.robot());
    match change {
        CreateRobot { description, .. } if description.is_empty() => {
            format!("create robot {robot}")
        }
        CreateRobot { description, .. } => format!("create robot {robot} \"{description}\""),
        DeleteRobot { .. } => format!("delete robot {robot}"),
        GrantPermission {
            repository, role, ..
        } => format!("grant {role} on repository {repository} to {robot}"),
        ChangePermission {
            repository,
            from,
            to,
            ..
        } => format!("change {robot} on repository {repository}: {from} → {to}"),
        RevokePermission {
            repository, role, ..
        } => format!("revoke {role} on repository {repository} from {robot}"),
        AddTeamMember { team, .. } => format!("add {robot} to team {team}"),
        RemoveTeamMember { team, .. } => format!("remove {robot} from team {team}"),
        SetFederation { entries, .. } => {
            let list: Vec<String> = entries
                .entries()
                .iter()
                .map(|e| format!("{} {}", e.issuer, e.subject))
                .collect();
            format!("set federation of {robot}: {}", list.join(", "))
        }
        ClearFederation { .. } => format!("clear federation of {robot}"),
        AddDefaultPermission {
            activating_user,
            role,
            ..
        } => format!(
            "add default permission {role} for {robot} on {}",
            who(activating_user)
        ),
        ChangeDefaultPermission {
            activating_user,
            from,
            to,
            ..
        } => format!(
            "change default permission of {robot} on {}: {from} → {to}",
            who(activating_user)
        ),
        RemoveDefaultPermission {
            activating_user,
            role,
            ..
        } => format!(
            "remove default permission {role} for {robot} on {}",
            who(activating_user)
        ),
    }
}

/// `+ grant write on repository billing to acme+deployer`.
pub fn line(ns: &Namespace, change: &Change) -> String {
    format!("{} {}", change.sign().symbol(), describe(ns, change))
}

/// The whole plan: a heading, one line per change, warnings, and what to do next.
pub fn text(ns: &Namespace, plan: &Plan) -> String {
    let mut out = String::new();
    for w in &plan.warnings {
        out.push_str(&format!("warning: {w}\n"));
    }
    if plan.is_empty() {
        out.push_str(&format!("No changes: the robots of {ns} match the file.\n"));
        return out;
    }
    out.push_str(&format!(
        "Plan for {ns}: {} changes ({}).\n\n",
        plan.changes.len(),
        summary(&plan.changes)
    ));
    for c in &plan.changes {
        out.push_str(&line(ns, c));
        out.push('\n');
    }
    out
}

/// The line naming robots whose credentials must be fetched (never their tokens).
pub fn credentials_note(
    ns: &Namespace,
    created: &[crate::quay::ids::RobotShort],
) -> Option<String> {
    (!created.is_empty()).then(|| {
        let names: Vec<String> = created.iter().map(|r| format!("{ns}+{r}")).collect();
        format!(
            "New robot accounts: {}. Their tokens are not shown here; fetch each robot's credentials in the console (click the robot's name) or with Quay's API.",
            names.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iac::format::Role;
    use crate::quay::ids::{Description, RepoName, RobotShort};

    #[test]
    fn lines_name_the_robot_in_full_and_carry_a_sign() {
        let ns = Namespace::parse("acme").unwrap();
        let robot = RobotShort::parse("my_bot.x").unwrap();
        let c = Change::ChangePermission {
            robot: robot.clone(),
            repository: RepoName::parse("billing").unwrap(),
            from: Role::Read,
            to: Role::Write,
        };
        assert_eq!(
            line(&ns, &c),
            "~ change acme+my_bot.x on repository billing: read → write"
        );
        let c = Change::CreateRobot {
            robot: robot.clone(),
            description: Description::parse("Builds").unwrap(),
        };
        assert_eq!(line(&ns, &c), "+ create robot acme+my_bot.x \"Builds\"");
        let c = Change::RemoveDefaultPermission {
            robot,
            activating_user: Some(Namespace::parse("alice").unwrap()),
            role: Role::Read,
        };
        assert_eq!(
            line(&ns, &c),
            "- remove default permission read for acme+my_bot.x on repositories created by alice"
        );
    }

    #[test]
    fn an_empty_plan_says_so_and_new_robots_are_named_without_tokens() {
        let ns = Namespace::parse("acme").unwrap();
        assert_eq!(
            text(&ns, &Plan::default()),
            "No changes: the robots of acme match the file.\n"
        );
        assert_eq!(credentials_note(&ns, &[]), None);
        let note = credentials_note(&ns, &[RobotShort::parse("ci").unwrap()]).unwrap();
        assert!(note.starts_with("New robot accounts: acme+ci."), "{note}");
    }
}
