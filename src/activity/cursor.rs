//! Paging through a robot's timeline, which merges two of Quay's listings, each paged by its own
//! `next_page` token: the robot's own entries (`performer=`) and the namespace's entries about
//! it. Each call reads the listing that is less far back in time, so both move back together,
//! and says down to which time the events it returned are complete.
//!
//! No state is kept on the server: the cursor travels with the browser and holds Quay's tokens.

use crate::quay::ids::PageToken;
use serde::{Deserialize, Serialize};

/// Where one listing stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Position {
    /// Not read yet.
    Start,
    /// Continue with Quay's `next_page`.
    Next(PageToken),
    /// Read to its end (or not needed by the filter).
    Done,
}

/// One listing: its position and the time of the last entry read from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Listing {
    pub position: Position,
    /// Epoch seconds of the oldest entry read so far.
    pub reached: Option<i64>,
}

impl Listing {
    fn new(needed: bool) -> Listing {
        Listing {
            position: if needed {
                Position::Start
            } else {
                Position::Done
            },
            reached: None,
        }
    }

    pub fn is_done(&self) -> bool {
        self.position == Position::Done
    }

    /// How far back in time it is read: `i64::MAX` before the first page.
    fn front(&self) -> i64 {
        match self.position {
            Position::Start => i64::MAX,
            _ => self.reached.unwrap_or(i64::MAX),
        }
    }

    /// After reading a page: its entries' times (newest first) and Quay's `next_page`. An empty
    /// page, or one without `next_page`, ends the listing (Quay's last page with entries still
    /// has a `next_page`; the page after it is empty and has none).
    pub fn advance(&mut self, times: &[i64], next_page: Option<PageToken>) {
        if let Some(oldest) = times.iter().min() {
            self.reached = Some(*oldest);
        }
        self.position = match next_page {
            Some(t) if !times.is_empty() => Position::Next(t),
            _ => Position::Done,
        };
    }

    /// Quay answers an invalid `next_page` with the first page again: entries newer than what
    /// was already read mean the token was not taken, and reading on would repeat events.
    pub fn restarted(&self, times: &[i64]) -> bool {
        matches!(self.position, Position::Next(_))
            && self.reached.is_some_and(|r| times.iter().any(|t| *t > r))
    }
}

/// Which listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The robot's own entries.
    Usage,
    /// The namespace's entries about the robot.
    Changes,
}

/// How complete the events returned so far are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Completeness {
    /// Every event of the range is loaded.
    All,
    /// Every event at or after this time (epoch seconds) is loaded; older ones may follow.
    Since(i64),
    /// Some listing has not been read yet.
    Unknown,
}

/// The position in both listings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityCursor {
    pub usage: Listing,
    pub changes: Listing,
}

impl ActivityCursor {
    pub fn start(usage: bool, changes: bool) -> Self {
        ActivityCursor {
            usage: Listing::new(usage),
            changes: Listing::new(changes),
        }
    }

    pub fn listing(&mut self, s: Source) -> &mut Listing {
        match s {
            Source::Usage => &mut self.usage,
            Source::Changes => &mut self.changes,
        }
    }

    /// The listing to read next: the one less far back in time (the robot's own on a tie).
    pub fn next_source(&self) -> Option<Source> {
        match (self.usage.is_done(), self.changes.is_done()) {
            (true, true) => None,
            (false, true) => Some(Source::Usage),
            (true, false) => Some(Source::Changes),
            (false, false) if self.changes.front() > self.usage.front() => Some(Source::Changes),
            (false, false) => Some(Source::Usage),
        }
    }

    pub fn is_done(&self) -> bool {
        self.next_source().is_none()
    }

    /// Down to which time every event is loaded.
    pub fn completeness(&self) -> Completeness {
        let open = [&self.usage, &self.changes]
            .into_iter()
            .filter(|l| !l.is_done())
            .map(Listing::front)
            .max();
        match open {
            None => Completeness::All,
            Some(i64::MAX) => Completeness::Unknown,
            Some(t) => Completeness::Since(t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(s: &str) -> Option<PageToken> {
        Some(PageToken::parse(s).unwrap())
    }

    #[test]
    fn both_listings_move_back_together() {
        let mut c = ActivityCursor::start(true, true);
        assert_eq!(c.completeness(), Completeness::Unknown);
        assert_eq!(c.next_source(), Some(Source::Usage));
        c.usage.advance(&[100, 90, 80], tok("u1"));
        // The other listing has not been read: it goes next.
        assert_eq!(c.next_source(), Some(Source::Changes));
        assert_eq!(c.completeness(), Completeness::Unknown);
        c.changes.advance(&[95, 50], tok("c1"));
        assert_eq!(c.completeness(), Completeness::Since(80));
        assert_eq!(c.next_source(), Some(Source::Usage));
        c.usage.advance(&[70, 40], tok("u2"));
        assert_eq!(c.next_source(), Some(Source::Changes));
        assert_eq!(c.completeness(), Completeness::Since(50));
        // Quay's last page with entries has a next_page; the empty page after it ends it.
        c.changes.advance(&[], None);
        assert!(c.changes.is_done());
        assert_eq!(c.completeness(), Completeness::Since(40));
        c.usage.advance(&[], tok("ignored"));
        assert!(c.is_done());
        assert_eq!(c.completeness(), Completeness::All);
    }

    #[test]
    fn a_filter_can_leave_one_listing_out() {
        let mut c = ActivityCursor::start(true, false);
        assert_eq!(c.next_source(), Some(Source::Usage));
        c.usage.advance(&[10], None);
        assert!(c.is_done());
        assert!(ActivityCursor::start(false, false).is_done());
    }

    #[test]
    fn a_first_page_again_is_noticed() {
        let mut l = Listing {
            position: Position::Start,
            reached: None,
        };
        assert!(!l.restarted(&[100]));
        l.advance(&[100, 90], tok("t"));
        assert!(
            !l.restarted(&[90, 80]),
            "equal times are ties, not a restart"
        );
        assert!(l.restarted(&[100, 95]));
    }

    #[test]
    fn cursors_travel_as_json() {
        let mut c = ActivityCursor::start(true, true);
        c.usage.advance(&[5], tok("gAAAA=="));
        let back: ActivityCursor =
            serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(back, c);
        let bad = r#"{"usage":{"position":{"Next":"a b"},"reached":1},"changes":{"position":"Done","reached":null}}"#;
        assert!(serde_json::from_str::<ActivityCursor>(bad).is_err());
    }
}
