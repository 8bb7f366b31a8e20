//! What is wrong with a robots file, where: line and column (1-based), the field's path, and a
//! sentence saying what to do. Shared by the CLI (`FILE:LINE:COLUMN: …`) and the UI's list.

use serde::{Deserialize, Serialize};

/// A place in the file (1-based; line 0 means "the file as a whole").
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    /// The field, e.g. `robots[1].repositories.billing`; empty for the file as a whole.
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(pos: Pos, path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            line: pos.line,
            column: pos.column,
            path: path.into(),
            message: message.into(),
        }
    }

    /// `robots[1].name: …` (the message with its field).
    pub fn what(&self) -> String {
        if self.path.is_empty() {
            self.message.clone()
        } else {
            format!("{}: {}", self.path, self.message)
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "line {}, column {}: ", self.line, self.column)?;
        }
        f.write_str(&self.what())
    }
}

/// At most this many problems are reported for one file (the first ones, in file order).
pub const MAX_PROBLEMS: usize = 100;

/// Sorts problems in file order and keeps the first [`MAX_PROBLEMS`].
pub fn ordered(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by_key(|a| (a.line, a.column));
    problems.dedup();
    problems.truncate(MAX_PROBLEMS);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_read_with_their_place_and_field() {
        let p = Problem::new(Pos { line: 7, column: 5 }, "robots[0].name", "bad");
        assert_eq!(p.to_string(), "line 7, column 5: robots[0].name: bad");
        let whole = Problem::new(Pos::default(), "", "The file is empty.");
        assert_eq!(whole.to_string(), "The file is empty.");
        let sorted = ordered(vec![p.clone(), whole.clone(), p.clone()]);
        assert_eq!(sorted, vec![whole, p]);
    }
}
