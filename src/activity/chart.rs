//! The events-per-day chart: Quay's aggregated counts per day and kind, laid out as stacked SVG
//! bars, and the same numbers as a table and a sentence for people who do not see the chart.

use super::kinds::label;
use crate::quay::ids::{LogDate, LogRange};
use crate::quay::model::AggregatedLogCount;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many events of one kind happened on one day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    /// Days since 1970-01-01 (UTC).
    pub day: i64,
    pub kind: String,
    pub count: u64,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The calendar day an aggregated count is for: the date as written (`Tue, 01 Dec 2026 …`),
/// whatever the time and offset (Quay builds it from the day of the month in its own zone).
pub fn parse_day(s: &str) -> Option<i64> {
    let s = s.split_once(',').map_or(s, |(_, rest)| rest);
    let mut parts = s.split_whitespace();
    let d: i64 = parts.next()?.parse().ok()?;
    let mon = parts.next()?;
    let m = MONTHS.iter().position(|x| x.eq_ignore_ascii_case(mon))? as i64 + 1;
    let y: i64 = parts.next()?.parse().ok()?;
    (1..=31)
        .contains(&d)
        .then(|| crate::dates::days_from_civil(y, m, d))
}

/// Quay's counts for the days of `range` (counts from several calls added up).
pub fn day_counts(aggregated: &[AggregatedLogCount], range: &LogRange) -> Vec<DayCount> {
    let (first, last) = (range.start().days(), range.end().days());
    let mut sum: BTreeMap<(i64, String), u64> = BTreeMap::new();
    for a in aggregated {
        if let Some(day) = parse_day(&a.datetime).filter(|d| (first..=last).contains(d)) {
            *sum.entry((day, a.kind.clone())).or_insert(0) += a.count;
        }
    }
    sum.into_iter()
        .map(|((day, kind), count)| DayCount { day, kind, count })
        .collect()
}

/// Kinds by their total count, largest first (the legend's and the stacking's order).
pub fn kinds_by_total(counts: &[DayCount]) -> Vec<(String, u64)> {
    let mut t: BTreeMap<&str, u64> = BTreeMap::new();
    for c in counts {
        *t.entry(&c.kind).or_insert(0) += c.count;
    }
    let mut v: Vec<(String, u64)> = t.into_iter().map(|(k, n)| (k.to_string(), n)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

/// A kind's colour (PatternFly's chart palette); failures are red.
pub fn color(kind: &str, index: usize) -> &'static str {
    const PALETTE: [&str; 6] = [
        "#5752d1", "#009596", "#f4c145", "#8a8d90", "#73bcf7", "#b2b0ea",
    ];
    match kind {
        "pull_repo" => "#0066cc",
        "push_repo" => "#3e8635",
        "login_success" => "#ec7a08",
        "login_failure" | "pull_repo_failed" | "push_repo_failed" => "#c9190b",
        _ => PALETTE[index % PALETTE.len()],
    }
}

/// One bar segment, in the chart's coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub day: i64,
    pub kind: String,
    pub count: u64,
    pub color: &'static str,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// Left edge, top, right edge and bottom (the x axis) of the plot area.
    pub plot: (f64, f64, f64, f64),
    pub bars: Vec<Bar>,
    /// Gridlines: (y, value).
    pub y_ticks: Vec<(f64, u64)>,
    /// Day labels: (x of the middle of the day, text).
    pub x_labels: Vec<(f64, String)>,
}

/// The smallest "nice" step (1, 2 or 5 times a power of ten) that splits `max` in at most 4.
pub fn nice_step(max: u64) -> u64 {
    let mut p = 1u64;
    loop {
        for m in [1, 2, 5] {
            let step = m * p;
            if max.div_ceil(step) <= 4 {
                return step;
            }
        }
        p = p.saturating_mul(10);
    }
}

/// Lays out stacked bars for every day of `range` in a `width` × `height` box.
pub fn layout(counts: &[DayCount], range: &LogRange, width: f64, height: f64) -> Layout {
    let (left, top, right, bottom) = (40.0, 8.0, width - 8.0, height - 22.0);
    let days = range.days().max(1) as f64;
    let slot = (right - left) / days;
    let order: Vec<String> = kinds_by_total(counts).into_iter().map(|(k, _)| k).collect();
    let mut per_day: BTreeMap<i64, Vec<&DayCount>> = BTreeMap::new();
    for c in counts {
        per_day.entry(c.day).or_default().push(c);
    }
    let max_total = per_day
        .values()
        .map(|v| v.iter().map(|c| c.count).sum::<u64>())
        .max()
        .unwrap_or(0);
    let step = nice_step(max_total.max(1));
    let top_value = max_total.max(1).div_ceil(step) * step;
    let scale = (bottom - top) / top_value as f64;
    let mut bars = Vec::new();
    for (day, mut cs) in per_day {
        cs.sort_by_key(|c| order.iter().position(|k| *k == c.kind));
        let x = left + (day - range.start().days()) as f64 * slot + slot * 0.1;
        let mut y = bottom;
        for c in cs {
            let h = c.count as f64 * scale;
            y -= h;
            let i = order.iter().position(|k| *k == c.kind).unwrap_or(0);
            bars.push(Bar {
                x,
                y,
                w: (slot * 0.8).max(1.0),
                h,
                day,
                kind: c.kind.clone(),
                count: c.count,
                color: color(&c.kind, i),
            });
        }
    }
    let y_ticks = (0..=top_value / step)
        .map(|i| (bottom - (i * step) as f64 * scale, i * step))
        .collect();
    let every = (range.days() as usize).div_ceil(8).max(1);
    let x_labels = range
        .each_day()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, d)| (left + (i as f64 + 0.5) * slot, d.short()))
        .collect();
    Layout {
        width,
        height,
        plot: (left, top, right, bottom),
        bars,
        y_ticks,
        x_labels,
    }
}

/// The chart's numbers as table rows: each day that has events, its count per kind (in the
/// order of `kinds`) and its total.
pub fn table_rows(counts: &[DayCount], kinds: &[String]) -> Vec<(LogDate, Vec<u64>, u64)> {
    let mut per_day: BTreeMap<i64, Vec<u64>> = BTreeMap::new();
    for c in counts {
        let row = per_day.entry(c.day).or_insert_with(|| vec![0; kinds.len()]);
        if let Some(i) = kinds.iter().position(|k| *k == c.kind) {
            row[i] += c.count;
        }
    }
    per_day
        .into_iter()
        .map(|(d, row)| {
            let total = row.iter().sum();
            (LogDate::from_days(d), row, total)
        })
        .collect()
}

/// One sentence saying what the chart shows.
pub fn describe(counts: &[DayCount], range: &LogRange) -> String {
    let kinds = kinds_by_total(counts);
    let total: u64 = kinds.iter().map(|(_, n)| n).sum();
    let span = format!("{} to {}", range.start().medium(), range.end().medium());
    if total == 0 {
        return format!("No events of the robot from {span}.");
    }
    let parts: Vec<String> = kinds
        .iter()
        .map(|(k, n)| format!("{n} {}", label(k)))
        .collect();
    let mut per_day: BTreeMap<i64, u64> = BTreeMap::new();
    for c in counts {
        *per_day.entry(c.day).or_insert(0) += c.count;
    }
    // The day with most events; the earliest of equal days.
    let busiest = per_day
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(d, n)| {
            format!(
                " The busiest day was {} with {n}.",
                LogDate::from_days(*d).medium()
            )
        })
        .unwrap_or_default();
    format!(
        "{total} events of the robot from {span}: {}.{busiest}",
        parts.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agg(kind: &str, count: u64, dt: &str) -> AggregatedLogCount {
        AggregatedLogCount {
            kind: kind.into(),
            count,
            datetime: dt.into(),
        }
    }

    fn range() -> LogRange {
        LogRange::new(
            LogDate::parse("2026-11-25").unwrap(),
            LogDate::parse("2026-12-01").unwrap(),
            LogDate::parse("2026-12-01").unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn counts_are_read_per_calendar_day_and_added_up() {
        let a = [
            agg("pull_repo", 4, "Tue, 01 Dec 2026 00:00:00 -0000"),
            agg("pull_repo", 1, "Tue, 01 Dec 2026 00:00:00 +0100"),
            agg("login_success", 1, "Mon, 30 Nov 2026 00:00:00 -0000"),
            agg("login_success", 9, "Mon, 30 Nov 2020 00:00:00 -0000"),
            agg("login_success", 9, "garbage"),
        ];
        let c = day_counts(&a, &range());
        let dec1 = LogDate::parse("2026-12-01").unwrap().days();
        assert_eq!(
            c,
            vec![
                DayCount {
                    day: dec1 - 1,
                    kind: "login_success".into(),
                    count: 1
                },
                DayCount {
                    day: dec1,
                    kind: "pull_repo".into(),
                    count: 5
                },
            ]
        );
        assert_eq!(
            describe(&c, &range()),
            "6 events of the robot from Nov 25, 2026 to Dec 1, 2026: 5 Pull, 1 Login. The busiest day was Dec 1, 2026 with 5."
        );
        assert_eq!(
            describe(&[], &range()),
            "No events of the robot from Nov 25, 2026 to Dec 1, 2026."
        );
    }

    #[test]
    fn bars_stack_per_day_and_scale_to_a_nice_maximum() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(4), 1);
        assert_eq!(nice_step(5), 2);
        assert_eq!(nice_step(9), 5);
        assert_eq!(nice_step(1234), 500);
        let dec1 = LogDate::parse("2026-12-01").unwrap().days();
        let counts = vec![
            DayCount {
                day: dec1,
                kind: "pull_repo".into(),
                count: 3,
            },
            DayCount {
                day: dec1,
                kind: "login_failure".into(),
                count: 1,
            },
            DayCount {
                day: dec1 - 6,
                kind: "pull_repo".into(),
                count: 2,
            },
        ];
        let l = layout(&counts, &range(), 740.0, 200.0);
        assert_eq!(l.bars.len(), 3);
        let (_, top, _, bottom) = l.plot;
        // The tallest day (4) reaches the top tick (4).
        assert_eq!(l.y_ticks.last().unwrap().1, 4);
        let day1: Vec<&Bar> = l.bars.iter().filter(|b| b.day == dec1).collect();
        let stacked: f64 = day1.iter().map(|b| b.h).sum();
        assert!((stacked - (bottom - top)).abs() < 1e-9);
        assert_eq!(
            day1[0].kind, "pull_repo",
            "the larger kind is at the bottom"
        );
        assert!((day1[0].y + day1[0].h - bottom).abs() < 1e-9);
        assert_eq!(day1[1].color, "#c9190b");
        assert!(l
            .bars
            .iter()
            .all(|b| b.x >= l.plot.0 && b.x + b.w <= l.plot.2));
        assert_eq!(l.x_labels.len(), 7);
        let kinds: Vec<String> = kinds_by_total(&counts)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        let rows = table_rows(&counts, &kinds);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1], (LogDate::from_days(dec1), vec![3, 1], 4));
    }
}
