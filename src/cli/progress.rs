//! The CLI's progress: one line per change as it ends (on standard output) and a progress line
//! (on standard error: redrawn in place on a terminal, printed once at the end otherwise).

use crate::bulk::{Outcome, Tally};
use std::io::Write;

/// `[##########..........] 12 of 24 done, 1 failed`, 20 cells wide.
pub fn bar(t: &Tally) -> String {
    let filled = t.percent() / 5;
    format!(
        "[{}{}] {}",
        "#".repeat(filled),
        ".".repeat(20 - filled),
        t.counts_text()
    )
}

/// `done     grant write on repository billing to acme+bot`, with the reason when there is one.
pub fn outcome_line(what: &str, outcome: &Outcome) -> String {
    match outcome {
        Outcome::Done => format!("done     {what}"),
        Outcome::Skipped { reason } => {
            format!("ok       {what} ({})", reason.trim_end_matches('.'))
        }
        Outcome::Failed { status, message } => {
            format!(
                "FAILED   {what}: {} (status {status})",
                message.trim_end_matches('.')
            )
        }
    }
}

pub struct Progress<'a> {
    pub tally: Tally,
    tty: bool,
    out: &'a mut dyn Write,
}

impl<'a> Progress<'a> {
    pub fn new(total: usize, out: &'a mut dyn Write) -> Progress<'a> {
        use std::io::IsTerminal;
        Progress {
            tally: Tally::new(total),
            tty: std::io::stderr().is_terminal(),
            out,
        }
    }

    pub fn item(&mut self, what: &str, outcome: &Outcome) {
        self.tally.count(outcome);
        if self.tty {
            eprint!("\r\x1b[2K");
        }
        let _ = writeln!(self.out, "{}", outcome_line(what, outcome));
        let _ = self.out.flush();
        if self.tty {
            eprint!("{}", bar(&self.tally));
        }
    }

    pub fn finish(&mut self) {
        self.tally.finished = true;
        if self.tty {
            eprint!("\r\x1b[2K");
        }
        eprintln!("{}", bar(&self.tally));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_and_the_lines_say_what_happened() {
        let mut t = Tally::new(4);
        t.count(&Outcome::Done);
        t.count(&Outcome::Failed {
            status: 500,
            message: "x".into(),
        });
        assert_eq!(bar(&t), "[##########..........] 1 of 4 done, 1 failed");
        assert_eq!(
            outcome_line(
                "create robot acme+x",
                &Outcome::Failed {
                    status: 400,
                    message: "Existing robot with name: acme+x.".into()
                }
            ),
            "FAILED   create robot acme+x: Existing robot with name: acme+x (status 400)"
        );
        assert_eq!(
            outcome_line(
                "a",
                &Outcome::Skipped {
                    reason: "already.".into()
                }
            ),
            "ok       a (already)"
        );
    }
}
