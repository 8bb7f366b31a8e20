//! Quay's dates: RFC 2822 strings (`Tue, 29 Nov 2022 13:48:38 -0000`) and epoch seconds.
//!
//! Parsing to epoch seconds lets tables sort chronologically (Quay's UI sorts the Created column
//! by the raw string, i.e. by weekday name: a quirk we fix). Formatting is done in UTC on both the
//! server and the browser so server-rendered HTML and hydrated HTML agree.

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date (year, month, day) of a day number since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Parses `[Day, ]DD Mon YYYY HH:MM:SS ±HHMM` into epoch seconds. `None` for anything else.
pub fn parse_rfc2822(s: &str) -> Option<i64> {
    let s = s.trim();
    let s = match s.split_once(',') {
        Some((_, rest)) => rest.trim(),
        None => s,
    };
    let mut parts = s.split_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    let mon = parts.next()?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(mon))? as i64 + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':');
    let h: i64 = hms.next()?.parse().ok()?;
    let mi: i64 = hms.next()?.parse().ok()?;
    let se: i64 = hms.next().unwrap_or("0").parse().ok()?;
    let offset = match parts.next() {
        Some(z) if z.len() == 5 && (z.starts_with('+') || z.starts_with('-')) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let hh: i64 = z[1..3].parse().ok()?;
            let mm: i64 = z[3..5].parse().ok()?;
            sign * (hh * 3600 + mm * 60)
        }
        _ => 0,
    };
    if !(1..=31).contains(&day) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86400 + h * 3600 + mi * 60 + se - offset)
}

/// `Nov 29, 2022, 1:48 PM` (UTC), the medium-date-short-time look of Quay's Created column.
pub fn format_medium(epoch: i64) -> String {
    let days = epoch.div_euclid(86400);
    let secs = epoch.rem_euclid(86400);
    let (y, m, d) = civil_from_days(days);
    let (h, mi) = (secs / 3600, (secs % 3600) / 60);
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!(
        "{} {d}, {y}, {h12}:{mi:02} {ampm}",
        MONTHS[(m - 1) as usize]
    )
}

/// Formats an RFC 2822 string for display; `fallback` when absent, the raw text when unparsable.
pub fn display_rfc2822(s: Option<&str>, fallback: &str) -> String {
    match s {
        None => fallback.to_string(),
        Some(raw) if raw.trim().is_empty() => fallback.to_string(),
        Some(raw) => parse_rfc2822(raw)
            .map(format_medium)
            .unwrap_or_else(|| raw.to_string()),
    }
}

/// `2022-11-29T13:48:38Z` (RFC 3339, UTC), for machine-readable exports.
pub fn format_rfc3339(epoch: i64) -> String {
    let (y, m, d) = civil_from_days(epoch.div_euclid(86400));
    let secs = epoch.rem_euclid(86400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

/// Whole days between two epoch-second instants (`now - then`), never negative.
pub fn days_between(then: i64, now: i64) -> i64 {
    ((now - then) / 86400).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_quays_rfc2822() {
        assert_eq!(
            parse_rfc2822("Tue, 29 Nov 2022 13:48:38 -0000"),
            Some(1669729718)
        );
        assert_eq!(
            parse_rfc2822("29 Nov 2022 13:48:38 +0100"),
            Some(1669729718 - 3600)
        );
        assert_eq!(parse_rfc2822("not a date"), None);
    }

    #[test]
    fn formats_medium_date_short_time() {
        assert_eq!(format_medium(1669729718), "Nov 29, 2022, 1:48 PM");
        assert_eq!(format_medium(0), "Jan 1, 1970, 12:00 AM");
    }

    #[test]
    fn chronological_order_differs_from_weekday_string_order() {
        // Quay's quirk: "Wed, 30 Nov" > "Tue, 29 Nov" but also "Wed, 01 Jan 2020" > "Tue, ..."
        let older = "Wed, 01 Jan 2020 00:00:00 -0000";
        let newer = "Tue, 29 Nov 2022 13:48:38 -0000";
        assert!(older > newer, "string order puts the older date first");
        assert!(parse_rfc2822(older) < parse_rfc2822(newer));
    }

    #[test]
    fn formats_rfc3339_in_utc() {
        assert_eq!(format_rfc3339(1669729718), "2022-11-29T13:48:38Z");
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn display_falls_back() {
        assert_eq!(display_rfc2822(None, "Never"), "Never");
        assert_eq!(display_rfc2822(Some("garbage"), "Never"), "garbage");
    }
}
