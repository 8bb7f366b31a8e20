//! Typed inputs of the usage-log calls: days and ranges (Quay silently replaces a date it cannot
//! parse by its default, so the console refuses a bad one before anything is sent), log kinds,
//! and Quay's opaque `next_page` tokens.

use super::{shown, InputError};
use crate::dates::{civil_from_days, days_from_civil};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest range the activity view asks for (a year, leap day included).
pub const MAX_RANGE_DAYS: i64 = 366;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A calendar day in UTC (Quay's logs are filtered by UTC days). Written `YYYY-MM-DD` in the
/// console (what `<input type="date">` gives), `%m/%d/%Y` to Quay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LogDate {
    /// Days since 1970-01-01.
    days: i64,
}

impl LogDate {
    pub const FIELD: &'static str = "date";

    /// Parses `YYYY-MM-DD` strictly (a real day, years 1970 to 9999).
    pub fn parse(s: &str) -> Result<Self, InputError> {
        Self::parse_field("date", s)
    }

    /// [`LogDate::parse`] with the form field's name in the message.
    pub fn parse_field(field: &'static str, s: &str) -> Result<Self, InputError> {
        let bad = || {
            InputError::new(
                field,
                format!(
                    "{field}: '{}' is not a date. Enter it as YYYY-MM-DD, e.g. 2026-12-01.",
                    shown(s)
                ),
            )
        };
        let s = s.trim();
        if s.is_empty() {
            return Err(InputError::new(
                field,
                format!("{field}: enter a date as YYYY-MM-DD, e.g. 2026-12-01."),
            ));
        }
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) || !digits(5..7) {
            return Err(bad());
        }
        if !digits(8..10) {
            return Err(bad());
        }
        let (y, m, d): (i64, i64, i64) = (
            s[0..4].parse().map_err(|_| bad())?,
            s[5..7].parse().map_err(|_| bad())?,
            s[8..10].parse().map_err(|_| bad())?,
        );
        if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in(y, m) {
            return Err(bad());
        }
        Ok(LogDate {
            days: days_from_civil(y, m, d),
        })
    }

    pub fn from_days(days: i64) -> Self {
        LogDate { days }
    }

    /// The UTC day of an instant (epoch seconds).
    pub fn of_epoch(epoch: i64) -> Self {
        LogDate {
            days: epoch.div_euclid(86_400),
        }
    }

    /// Today in UTC.
    pub fn today() -> Self {
        Self::of_epoch(crate::robot_list::now_epoch())
    }

    pub fn days(self) -> i64 {
        self.days
    }

    /// 00:00 UTC of the day, in epoch seconds.
    pub fn epoch(self) -> i64 {
        self.days * 86_400
    }

    pub fn add_days(self, n: i64) -> Self {
        LogDate {
            days: self.days + n,
        }
    }

    /// `2026-12-01`.
    pub fn iso(self) -> String {
        let (y, m, d) = civil_from_days(self.days);
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// `12/01/2026`, Quay's `%m/%d/%Y`.
    pub fn quay(self) -> String {
        let (y, m, d) = civil_from_days(self.days);
        format!("{m:02}/{d:02}/{y:04}")
    }

    /// `Dec 1, 2026`.
    pub fn medium(self) -> String {
        let (y, m, d) = civil_from_days(self.days);
        format!("{} {d}, {y}", MONTHS[(m - 1) as usize])
    }

    /// `Dec 1`.
    pub fn short(self) -> String {
        let (_, m, d) = civil_from_days(self.days);
        format!("{} {d}", MONTHS[(m - 1) as usize])
    }
}

fn days_in(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

crate::json::from_json_string!(LogDate);

impl TryFrom<String> for LogDate {
    type Error = InputError;
    fn try_from(s: String) -> Result<Self, InputError> {
        LogDate::parse(&s)
    }
}

impl From<LogDate> for String {
    fn from(d: LogDate) -> String {
        d.iso()
    }
}

impl fmt::Display for LogDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// A range of whole UTC days, both ends included (Quay's `endtime` is inclusive): the start is
/// not after the end, not after today, and the range is at most [`MAX_RANGE_DAYS`] long.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawRange")]
pub struct LogRange {
    start: LogDate,
    end: LogDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRange {
    start: LogDate,
    end: LogDate,
}

impl TryFrom<RawRange> for LogRange {
    type Error = InputError;
    fn try_from(r: RawRange) -> Result<Self, InputError> {
        LogRange::new(r.start, r.end, LogDate::today())
    }
}

impl LogRange {
    pub const FIELD: &'static str = "range";

    /// Checks the range against `today` (UTC). A start one day after `today` is allowed: a
    /// browser east of UTC may already be there.
    pub fn new(start: LogDate, end: LogDate, today: LogDate) -> Result<Self, InputError> {
        if end < start {
            return Err(InputError::new(
                "range",
                format!(
                    "range: the end date ({end}) is before the start date ({start}). Choose an end on or after the start."
                ),
            ));
        }
        if start > today.add_days(1) {
            return Err(InputError::new(
                "range",
                format!("range: the start date ({start}) is in the future; there are no events yet. Choose a start on or before today ({today})."),
            ));
        }
        let days = end.days() - start.days() + 1;
        if days > MAX_RANGE_DAYS {
            return Err(InputError::new(
                "range",
                format!("range: {days} days is too long; the console shows at most {MAX_RANGE_DAYS} days at once. Choose a shorter range."),
            ));
        }
        Ok(LogRange { start, end })
    }

    /// Parses the two fields of a range form (`YYYY-MM-DD`), with messages naming the field.
    pub fn parse_form(start: &str, end: &str, today: LogDate) -> Result<Self, InputError> {
        let s = LogDate::parse_field("From", start)?;
        let e = LogDate::parse_field("To", end)?;
        LogRange::new(s, e, today)
    }

    /// The last `days` days up to and including `today`.
    pub fn last_days(days: i64, today: LogDate) -> Self {
        let days = days.clamp(1, MAX_RANGE_DAYS);
        LogRange {
            start: today.add_days(1 - days),
            end: today,
        }
    }

    pub fn start(&self) -> LogDate {
        self.start
    }

    pub fn end(&self) -> LogDate {
        self.end
    }

    /// How many days it covers.
    pub fn days(&self) -> i64 {
        self.end.days() - self.start.days() + 1
    }

    /// Every day of the range, oldest first.
    pub fn each_day(&self) -> impl Iterator<Item = LogDate> {
        (self.start.days()..=self.end.days()).map(LogDate::from_days)
    }

    pub fn contains_epoch(&self, epoch: i64) -> bool {
        epoch >= self.start.epoch() && epoch < self.end.add_days(1).epoch()
    }

    /// Consecutive ranges of at most `max_days` days that cover this one (Quay refuses
    /// aggregated counts over about a month, and Quay versions differ on the exact limit).
    pub fn chunks(&self, max_days: i64) -> Vec<LogRange> {
        let max_days = max_days.max(1);
        let mut out = Vec::new();
        let mut s = self.start;
        while s <= self.end {
            let e = s.add_days(max_days - 1).min(self.end);
            out.push(LogRange { start: s, end: e });
            s = e.add_days(1);
        }
        out
    }
}

super::string_type!(
    /// A usage-log kind (`pull_repo`, `create_robot`, ...): lowercase letters, digits and `_`.
    LogKind,
    "kind",
    check_kind
);

fn check_kind(s: &str) -> Result<(), InputError> {
    let mut cs = s.chars();
    let ok = s.len() <= 64
        && matches!(cs.next(), Some(c) if c.is_ascii_lowercase())
        && cs.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !ok {
        return Err(InputError::new(
            "kind",
            format!("kind: '{}' is not a usage-log kind.", shown(s)),
        ));
    }
    Ok(())
}

super::string_type!(
    /// Quay's opaque `next_page` token of a log listing, passed back unchanged (printable ASCII,
    /// at most 4 KiB; it only ever reaches Quay as an encoded query value).
    PageToken,
    "next_page",
    check_page_token
);

fn check_page_token(s: &str) -> Result<(), InputError> {
    if s.is_empty() || s.len() > 4096 || !s.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(InputError::new(
            "next_page",
            "next_page: this is not a page token of Quay's logs. Reload the activity.".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> LogDate {
        LogDate::parse(s).unwrap()
    }

    #[test]
    fn dates_are_strict_iso_days_and_convert_to_quays_format() {
        let x = d("2026-12-01");
        assert_eq!(x.quay(), "12/01/2026");
        assert_eq!(x.iso(), "2026-12-01");
        assert_eq!(x.epoch(), 1_796_083_200);
        assert_eq!(x.medium(), "Dec 1, 2026");
        assert_eq!(d("2024-02-29").add_days(1).iso(), "2024-03-01");
        // What Quay would silently replace by its default is refused here.
        for bad in [
            "12/01/2026",
            "2026-13-01",
            "2026-02-30",
            "2025-02-29",
            "2026-1-01",
            "notadate",
            "2026-12-01T00:00",
            "1969-12-31",
            "+026-12-01",
            "2026-12-0x",
        ] {
            let e = LogDate::parse(bad).unwrap_err();
            assert!(e.message.contains("YYYY-MM-DD"), "{bad}: {}", e.message);
        }
        let e = LogDate::parse_field("From", " ").unwrap_err();
        assert_eq!(
            e.message,
            "From: enter a date as YYYY-MM-DD, e.g. 2026-12-01."
        );
        assert_eq!(serde_json::to_string(&x).unwrap(), "\"2026-12-01\"");
        assert!(serde_json::from_str::<LogDate>("\"2026-02-30\"").is_err());
    }

    #[test]
    fn ranges_refuse_an_end_before_the_start_the_future_and_over_a_year() {
        let today = d("2026-12-01");
        let ok = LogRange::new(d("2026-11-01"), d("2026-12-01"), today).unwrap();
        assert_eq!(ok.days(), 31);
        let e = LogRange::new(d("2026-12-10"), d("2020-01-01"), today).unwrap_err();
        assert!(
            e.message.contains("is before the start date"),
            "{}",
            e.message
        );
        let e = LogRange::new(d("2026-12-03"), d("2026-12-04"), today).unwrap_err();
        assert!(e.message.contains("in the future"), "{}", e.message);
        assert!(LogRange::new(d("2026-12-02"), d("2026-12-02"), today).is_ok());
        let e = LogRange::new(d("2025-01-01"), d("2026-01-05"), today).unwrap_err();
        assert!(e.message.contains("too long"), "{}", e.message);
        assert!(LogRange::new(d("2025-12-01"), d("2026-12-01"), today).is_ok());
        let e = LogRange::parse_form("2026-11-01", "tomorrow", today).unwrap_err();
        assert!(
            e.message.starts_with("To: 'tomorrow' is not a date"),
            "{}",
            e.message
        );
    }

    #[test]
    fn ranges_deserialize_only_when_valid() {
        let r: LogRange =
            serde_json::from_str(r#"{"start":"2020-01-01","end":"2020-01-02"}"#).unwrap();
        assert_eq!(r.days(), 2);
        let e = serde_json::from_str::<LogRange>(r#"{"start":"2020-01-02","end":"2020-01-01"}"#)
            .unwrap_err();
        assert!(e.to_string().contains("before the start"), "{e}");
        assert!(
            serde_json::from_str::<LogRange>(r#"{"start":"2020-01-01","end":"01/02/2020"}"#)
                .is_err()
        );
    }

    #[test]
    fn chunks_cover_the_range_without_overlap() {
        let today = d("2026-12-01");
        let r = LogRange::last_days(60, today);
        let c = r.chunks(27);
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].start(), r.start());
        assert_eq!(c[2].end(), today);
        for w in c.windows(2) {
            assert_eq!(w[0].end().add_days(1), w[1].start());
        }
        assert!(c.iter().all(|x| x.days() <= 27));
        assert_eq!(LogRange::last_days(1, today).chunks(27).len(), 1);
        assert!(r.contains_epoch(today.epoch() + 86_399));
        assert!(!r.contains_epoch(today.add_days(1).epoch()));
    }

    #[test]
    fn kinds_and_page_tokens() {
        assert!(LogKind::parse("pull_repo").is_ok());
        for bad in ["", "Pull", "pull repo", "_x", "a&b=c"] {
            assert!(LogKind::parse(bad).is_err(), "{bad}");
        }
        assert!(PageToken::parse("gAAAAABrDm9IXKvJ-_==").is_ok());
        assert!(PageToken::parse("a b").is_err());
        assert!(PageToken::parse("").is_err());
        assert!(PageToken::parse(&"x".repeat(4097)).is_err());
    }
}
