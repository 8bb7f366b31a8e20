//! The `starttime` / `endtime` filters of Quay's log endpoints (`%m/%d/%Y`, UTC).
//!
//! Defaults: now − 1 day and now. `endtime` is inclusive: one day is added to it (so the default
//! end is now + 1 day). A date that does not parse silently falls back to the default; an end
//! before the start is an error (400 in the API).

pub const DAY: i64 = 86_400;

/// A `%m/%d/%Y` date as Python's strptime reads it (1–2 digit month and day, 4-digit year) → the
/// Unix time of 00:00 UTC that day.
pub fn parse_date(s: &str) -> Option<i64> {
    let mut parts = s.split('/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let digits = |p: &str, lo: usize, hi: usize| {
        (lo..=hi).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(m, 1, 2) && digits(d, 1, 2) && digits(y, 4, 4)) {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp())
}

/// The time window `[start, end)` a request asks for, or None when it ends before it starts.
pub fn window(starttime: Option<&str>, endtime: Option<&str>, now: i64) -> Option<(i64, i64)> {
    let start = starttime.and_then(parse_date).unwrap_or(now - DAY);
    let end = endtime.and_then(parse_date).unwrap_or(now) + DAY;
    (end >= start).then_some((start, end))
}

/// 00:00 UTC of the day of `t`.
pub fn day_start(t: i64) -> i64 {
    t - t.rem_euclid(DAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOON_DEC_1_2026: i64 = 1_796_083_200 + 12 * 3600;

    #[test]
    fn parses_like_strptime() {
        assert_eq!(parse_date("12/01/2026"), Some(1_796_083_200));
        assert_eq!(parse_date("12/1/2026"), Some(1_796_083_200));
        for bad in [
            "2026-12-01",
            "notadate",
            "13/01/2026",
            "12/01/26",
            "12/01/2026/1",
            "",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn windows() {
        let now = NOON_DEC_1_2026;
        assert_eq!(window(None, None, now), Some((now - DAY, now + DAY)));
        // endtime is inclusive.
        assert_eq!(
            window(Some("12/01/2026"), Some("12/01/2026"), now),
            Some((1_796_083_200, 1_796_083_200 + DAY))
        );
        // Unparsable dates fall back to the defaults.
        assert_eq!(
            window(Some("notadate"), None, now),
            Some((now - DAY, now + DAY))
        );
        assert_eq!(window(Some("12/10/2026"), Some("01/01/2020"), now), None);
        assert_eq!(day_start(now), 1_796_083_200);
    }
}
