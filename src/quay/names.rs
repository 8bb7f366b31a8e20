//! Quay's name rules, shared by form validation (browser) and server-side checks.
//!
//! Robot short names: `^([a-z0-9]+(?:[._-][a-z0-9]+)*)$`, 2 to 255 characters
//! (`util/validation.py`). Team names follow the same server rule; Quay's UI uses a stricter
//! `^[a-z][a-z0-9_]{1,254}$`, which refuses names the server accepts, so we use the server rule.

pub const ROBOT_NAME_PATTERN: &str = "^([a-z0-9]+(?:[._-][a-z0-9]+)*)$";
pub const MAX_DESCRIPTION_LEN: usize = 255;

/// Why a name is refused, worded as Quay words it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NameProblem {
    Length,
    Pattern,
}

/// Checks the pattern `[a-z0-9]+([._-][a-z0-9]+)*` without a regex engine (the browser bundle
/// stays small): alphanumeric runs separated by single separators, no separator at either end.
pub(crate) fn matches_pattern(name: &str) -> bool {
    let mut prev_sep = true; // the start behaves like "after a separator"
    for c in name.chars() {
        let alnum = c.is_ascii_lowercase() || c.is_ascii_digit();
        let sep = matches!(c, '.' | '_' | '-');
        if alnum {
            prev_sep = false;
        } else if sep && !prev_sep {
            prev_sep = true;
        } else {
            return false;
        }
    }
    !name.is_empty() && !prev_sep
}

/// Validates a robot short name (the part after `{ns}+`).
pub fn check_robot_name(short: &str) -> Result<(), NameProblem> {
    let len = short.chars().count();
    if !matches_pattern(short) {
        return Err(NameProblem::Pattern);
    }
    if !(2..=255).contains(&len) {
        return Err(NameProblem::Length);
    }
    Ok(())
}

/// Quay's server message for a refused robot name.
pub fn robot_name_message(short: &str, problem: &NameProblem) -> String {
    match problem {
        NameProblem::Pattern => format!(
            "The name for the robot '{short}' is invalid: Namespace must match expression {ROBOT_NAME_PATTERN}"
        ),
        NameProblem::Length => format!(
            "The name for the robot '{short}' is invalid: Namespace must be between 2 and 255 characters in length"
        ),
    }
}

/// Validates a team name with Quay's server rule.
pub fn check_team_name(name: &str) -> Result<(), NameProblem> {
    check_robot_name(name)
}

/// Quay's server message for a refused team name.
pub fn team_name_message(name: &str, problem: &NameProblem) -> String {
    match problem {
        NameProblem::Pattern => format!(
            "Invalid team name {name}: Namespace must match expression {ROBOT_NAME_PATTERN}"
        ),
        NameProblem::Length => format!(
            "Invalid team name {name}: Namespace must be between 2 and 255 characters in length"
        ),
    }
}

/// A namespace (org or user) name as it may appear in a URL path segment.
pub fn is_plausible_namespace(ns: &str) -> bool {
    !ns.is_empty() && ns.len() <= 255 && matches_pattern(ns)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robot_names_follow_quays_rule() {
        for ok in ["ab", "my_bot.x", "a-b", "bot1", "1bot", "a.b_c-d"] {
            assert_eq!(check_robot_name(ok), Ok(()), "{ok}");
        }
        for bad in ["Bad-Name!", "a..b", "-ab", "ab-", "a+b", "UPPER", "a b", ""] {
            assert_eq!(check_robot_name(bad), Err(NameProblem::Pattern), "{bad}");
        }
        assert_eq!(check_robot_name("a"), Err(NameProblem::Length));
        assert_eq!(check_robot_name(&"a".repeat(256)), Err(NameProblem::Length));
        assert_eq!(check_robot_name(&"a".repeat(255)), Ok(()));
    }

    #[test]
    fn messages_are_quays_texts() {
        assert_eq!(
            robot_name_message("Bad-Name!", &NameProblem::Pattern),
            "The name for the robot 'Bad-Name!' is invalid: Namespace must match expression ^([a-z0-9]+(?:[._-][a-z0-9]+)*)$"
        );
    }
}
