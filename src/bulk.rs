//! The bulk engine's shared half: what one item's outcome is, the events a bulk call streams to
//! the page (one JSON line each), their tally (done / failed / skipped of total, rate, time
//! left) and the retry policy. Every multi-item operation (save permissions, delete robots, the
//! wizard's follow-ups, the access report, apply) reports through these types; the server half
//! is `crate::server::bulk`.
//!
//! No job state lives on a server between requests: the call that does the work streams its
//! progress, so any replica can serve any call, and "Retry failed" is a new call with the failed
//! items (every operation is idempotent, so an item whose answer was lost is safe to repeat).

use crate::json::{FromJson, Node};
use serde::{Deserialize, Serialize};

/// How one item ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Outcome {
    Done,
    /// Quay (or the console) refused or failed, with its status and message.
    Failed {
        status: u16,
        message: String,
    },
    /// Nothing to do: already as wanted (e.g. the robot was already deleted).
    Skipped {
        reason: String,
    },
}

impl Outcome {
    pub fn failed(e: &crate::error::AppError) -> Outcome {
        Outcome::Failed {
            status: e.status,
            message: e.message.clone(),
        }
    }

    pub fn is_failed(&self) -> bool {
        matches!(self, Outcome::Failed { .. })
    }

    pub fn message(&self) -> Option<&str> {
        match self {
            Outcome::Failed { message, .. } => Some(message),
            Outcome::Skipped { reason } => Some(reason),
            Outcome::Done => None,
        }
    }
}

/// One line of a bulk call's answer. `D` is what an item's work found, for operations that read
/// (the access report); operations that only change things carry none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event<I, D = ()> {
    /// The work starts: this many items.
    Started { total: usize },
    /// One item finished (items finish in any order).
    Item {
        item: I,
        outcome: Outcome,
        #[serde(default = "none", skip_serializing_if = "Option::is_none")]
        data: Option<D>,
    },
    /// Every item has been reported.
    Finished,
}

fn none<D>() -> Option<D> {
    None
}

impl<I: Serialize, D: Serialize> Event<I, D> {
    /// The event as one line of JSON, newline included.
    pub fn line(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec(self).expect("bulk events serialize");
        v.push(b'\n');
        v
    }
}

/// Read as serde writes it: internally tagged by `result`.
impl FromJson for Outcome {
    fn from_json(v: &Node) -> Option<Self> {
        Some(match v.get("result")?.str()?.as_str() {
            "done" => Outcome::Done,
            "failed" => Outcome::Failed {
                status: v.field("status")?,
                message: v.field("message")?,
            },
            "skipped" => Outcome::Skipped {
                reason: v.field("reason")?,
            },
            _ => return None,
        })
    }
}

/// Read as serde writes it: internally tagged by `event`, `data` missing when there is none.
impl<I: FromJson, D: FromJson> FromJson for Event<I, D> {
    fn from_json(v: &Node) -> Option<Self> {
        Some(match v.get("event")?.str()?.as_str() {
            "started" => Event::Started {
                total: v.field("total")?,
            },
            "item" => Event::Item {
                item: v.field("item")?,
                outcome: v.field("outcome")?,
                data: v.field("data")?,
            },
            "finished" => Event::Finished,
            _ => return None,
        })
    }
}

/// Splits a byte stream into events: chunks may cut lines (and characters) anywhere.
#[derive(Default)]
pub struct LineDecoder {
    buf: Vec<u8>,
}

impl LineDecoder {
    /// The complete lines of `chunk` (with what was left over before), decoded.
    pub fn push<I: FromJson, D: FromJson>(
        &mut self,
        chunk: &[u8],
    ) -> Vec<Result<Event<I, D>, String>> {
        self.buf.extend_from_slice(chunk);
        let mut out = Vec::new();
        while let Some(i) = self.buf.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.buf.drain(..=i).collect();
            let line = &line[..line.len() - 1];
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            out.push(
                std::str::from_utf8(line)
                    .ok()
                    .and_then(crate::json::read)
                    .ok_or_else(|| "The console sent a progress line it cannot read.".to_string()),
            );
        }
        out
    }

    /// Bytes received after the last complete line (a cut-off answer).
    pub fn rest(&self) -> usize {
        self.buf.len()
    }
}

/// The counts a progress bar shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub total: usize,
    pub done: usize,
    pub failed: usize,
    pub skipped: usize,
    pub finished: bool,
}

impl Tally {
    pub fn new(total: usize) -> Tally {
        Tally {
            total,
            ..Tally::default()
        }
    }

    pub fn count(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Done => self.done += 1,
            Outcome::Failed { .. } => self.failed += 1,
            Outcome::Skipped { .. } => self.skipped += 1,
        }
    }

    /// Items that ended, whatever the outcome.
    pub fn ended(&self) -> usize {
        self.done + self.failed + self.skipped
    }

    /// Items that ended well (done or nothing to do).
    pub fn succeeded(&self) -> usize {
        self.done + self.skipped
    }

    /// The share of items that ended, 0..=100 (100 for an empty run).
    pub fn percent(&self) -> usize {
        (self.ended() * 100).checked_div(self.total).unwrap_or(100)
    }

    /// Items per second after `elapsed_ms`.
    pub fn rate(&self, elapsed_ms: f64) -> Option<f64> {
        (elapsed_ms > 0.0 && self.ended() > 0).then(|| self.ended() as f64 * 1000.0 / elapsed_ms)
    }

    /// Seconds left at the rate so far.
    pub fn seconds_left(&self, elapsed_ms: f64) -> Option<f64> {
        let left = self.total.saturating_sub(self.ended());
        self.rate(elapsed_ms).map(|r| left as f64 / r)
    }

    /// `12 of 30 done, 1 failed` (skipped items count as done: there was nothing left to do).
    pub fn counts_text(&self) -> String {
        format!(
            "{} of {} done, {} failed",
            self.succeeded(),
            self.total,
            self.failed
        )
    }

    /// `40.0 per second, about 3 s left` while running.
    pub fn speed_text(&self, elapsed_ms: f64) -> Option<String> {
        if self.finished {
            return None;
        }
        let rate = self.rate(elapsed_ms)?;
        let left = self.seconds_left(elapsed_ms)?;
        let left = if left < 1.0 {
            "less than a second left".to_string()
        } else {
            format!("about {} s left", left.ceil() as u64)
        };
        Some(format!("{rate:.1} per second, {left}"))
    }
}

/// Retry policy of every bulk operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts per item, the first included.
    pub attempts: u32,
    pub base_delay_ms: u64,
    pub max_delay_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            attempts: 4,
            base_delay_ms: 100,
            max_delay_ms: 2_000,
        }
    }
}

impl RetryPolicy {
    /// Delay before attempt `n+1` after `n` failed attempts (n ≥ 1): exponential, capped, with
    /// `jitter` in 0..=1 spreading it over [d/2, d].
    pub fn delay_ms(&self, failed_attempts: u32, jitter: f64) -> u64 {
        let exp = failed_attempts.saturating_sub(1).min(16);
        let d = self
            .base_delay_ms
            .saturating_mul(1u64 << exp)
            .min(self.max_delay_ms);
        let j = jitter.clamp(0.0, 1.0);
        d / 2 + ((d as f64 / 2.0) * j) as u64
    }
}

/// Worth retrying: timeouts, transport failures (status 0/502/504 from the client) and any 5xx.
/// 4xx answers are Quay's decision and are reported as they are.
pub fn is_retryable(status: u16) -> bool {
    status == 0 || status == 408 || status == 429 || status >= 500
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_cut_anywhere_decode_to_the_same_events() {
        let events: Vec<Event<String>> = vec![
            Event::Started { total: 2 },
            Event::Item {
                item: "ü-repo".into(),
                outcome: Outcome::Done,
                data: None,
            },
            Event::Item {
                item: "b".into(),
                outcome: Outcome::Failed {
                    status: 500,
                    message: "Injected fault (500)".into(),
                },
                data: None,
            },
            Event::Finished,
        ];
        let bytes: Vec<u8> = events.iter().flat_map(|e| e.line()).collect();
        for cut in [1, 3, 7, 64] {
            let mut d = LineDecoder::default();
            let mut got = Vec::new();
            for chunk in bytes.chunks(cut) {
                got.extend(d.push::<String, ()>(chunk).into_iter().map(Result::unwrap));
            }
            assert_eq!(got, events, "chunks of {cut}");
            assert_eq!(d.rest(), 0);
        }
    }

    #[test]
    fn items_may_carry_what_their_work_found_and_lines_without_it_still_decode() {
        let with: Event<String, Vec<u32>> = Event::Item {
            item: "team-001".into(),
            outcome: Outcome::Done,
            data: Some(vec![1, 2]),
        };
        let line = with.line();
        let mut d = LineDecoder::default();
        assert_eq!(d.push::<String, Vec<u32>>(&line).remove(0).unwrap(), with);
        // An operation without data writes no `data` key, and a reader expecting data gets None.
        let without: Event<String> = Event::Item {
            item: "x".into(),
            outcome: Outcome::Done,
            data: None,
        };
        assert!(!String::from_utf8(without.line()).unwrap().contains("data"));
        let got = d
            .push::<String, Vec<u32>>(&without.line())
            .remove(0)
            .unwrap();
        assert!(matches!(got, Event::Item { data: None, .. }));
    }

    #[test]
    fn the_tally_counts_skipped_as_done_and_estimates_time_left() {
        let mut t = Tally::new(10);
        t.count(&Outcome::Done);
        t.count(&Outcome::Skipped {
            reason: "already deleted".into(),
        });
        t.count(&Outcome::Failed {
            status: 500,
            message: "x".into(),
        });
        t.count(&Outcome::Done);
        assert_eq!(t.counts_text(), "3 of 10 done, 1 failed");
        assert_eq!(t.percent(), 40);
        assert_eq!(t.rate(2000.0), Some(2.0));
        assert_eq!(t.seconds_left(2000.0), Some(3.0));
        assert_eq!(
            t.speed_text(2000.0).unwrap(),
            "2.0 per second, about 3 s left"
        );
        // 4 ended in 3 s: 1.33 per second, rounded to one decimal.
        assert_eq!(
            t.speed_text(3000.0).unwrap(),
            "1.3 per second, about 5 s left"
        );
        // 4 in 41 ms: 97.56 per second.
        assert_eq!(
            t.speed_text(41.0).unwrap(),
            "97.6 per second, less than a second left"
        );
        assert_eq!(Tally::new(0).percent(), 100);
    }

    #[test]
    fn retry_policy_backs_off_exponentially_with_a_cap() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_ms(1, 1.0), 100);
        assert_eq!(p.delay_ms(2, 1.0), 200);
        assert_eq!(p.delay_ms(3, 0.0), 200);
        assert_eq!(p.delay_ms(20, 1.0), 2_000);
        assert!(is_retryable(500) && is_retryable(503) && is_retryable(504) && is_retryable(0));
        assert!(!is_retryable(400) && !is_retryable(403) && !is_retryable(404));
    }
}
