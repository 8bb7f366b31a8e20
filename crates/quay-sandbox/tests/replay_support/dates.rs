//! Dates in recorded paths (usage-log ranges), moved to today.

/// Shift every `MM/DD/YYYY` (slashes raw or `%2F`) in `s` by `days`.
pub fn shift_dates(s: &str, days: i64) -> String {
    if days == 0 {
        return s.to_string();
    }
    let mut out = s.to_string();
    for sep in ["%2F", "/"] {
        let mut i = 0;
        while i < out.len() {
            let rest = &out[i..];
            let parts: Option<(u32, u32, i32, usize)> = (|| {
                let m: u32 = rest.get(0..2)?.parse().ok()?;
                let r = rest.get(2..)?.strip_prefix(sep)?;
                let d: u32 = r.get(0..2)?.parse().ok()?;
                let r = r.get(2..)?.strip_prefix(sep)?;
                let y: i32 = r.get(0..4)?.parse().ok()?;
                Some((m, d, y, 8 + 2 * sep.len()))
            })();
            match parts.and_then(|(m, d, y, len)| {
                chrono::NaiveDate::from_ymd_opt(y, m, d).map(|dt| (dt, len))
            }) {
                Some((dt, len)) if out.is_char_boundary(i) => {
                    use chrono::Datelike;
                    let d = dt + chrono::Duration::days(days);
                    let text = format!("{:02}{sep}{:02}{sep}{:04}", d.month(), d.day(), d.year());
                    out.replace_range(i..i + len, &text);
                    i += text.len();
                }
                _ => i += 1,
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn shifts_dates() {
        assert_eq!(
            super::shift_dates("?s=12/01/2026&e=11%2F30%2F2026", 2),
            "?s=12/03/2026&e=12%2F02%2F2026"
        );
        assert_eq!(super::shift_dates("/v2/auth?x=1", 5), "/v2/auth?x=1");
    }
}
