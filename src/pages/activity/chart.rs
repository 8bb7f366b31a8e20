//! The chart of the robot's events per day by kind (Quay's aggregated counts) as SVG, with a
//! legend, a sentence for screen readers and the same numbers as a table.

use crate::activity::chart::{color, describe, kinds_by_total, layout, table_rows, DayCount};
use crate::activity::kinds::label;
use crate::quay::ids::{LogDate, LogRange};
use leptos::prelude::*;

const W: f64 = 740.0;
const H: f64 = 200.0;

fn n(v: f64) -> String {
    format!("{v:.1}")
}

#[component]
pub fn ActivityChart(counts: Vec<DayCount>, range: LogRange) -> impl IntoView {
    let l = layout(&counts, &range, W, H);
    let (left, _, right, bottom) = l.plot;
    let kinds = kinds_by_total(&counts);
    let description = describe(&counts, &range);
    let grid = l
        .y_ticks
        .iter()
        .map(|(y, v)| {
            view! {
                <line x1=n(left) x2=n(right) y1=n(*y) y2=n(*y) stroke="#d2d2d2" stroke-width="1"></line>
                <text x=n(left - 6.0) y=n(y + 4.0) text-anchor="end" font-size="11" fill="#6a6e73">{v.to_string()}</text>
            }
        })
        .collect_view();
    let bars = l
        .bars
        .iter()
        .map(|b| {
            view! {
                <rect
                    x=n(b.x)
                    y=n(b.y)
                    width=n(b.w)
                    height=n(b.h)
                    fill=b.color
                    data-day=LogDate::from_days(b.day).iso()
                    data-kind=b.kind.clone()
                    data-count=b.count.to_string()
                ></rect>
            }
        })
        .collect_view();
    let labels = l
        .x_labels
        .iter()
        .map(|(x, t)| {
            view! {
                <text x=n(*x) y=n(bottom + 15.0) text-anchor="middle" font-size="11" fill="#6a6e73">{t.clone()}</text>
            }
        })
        .collect_view();
    let legend = kinds
        .iter()
        .enumerate()
        .map(|(i, (k, total))| {
            let c = color(k, i);
            view! {
                <li class="rc-activity-legend__item">
                    <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                        <rect width="12" height="12" fill=c></rect>
                    </svg>
                    {format!(" {} ({total})", label(k))}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="rc-activity-chart" data-testid="activity-chart">
            <svg
                viewBox=format!("0 0 {W} {H}")
                width="100%"
                role="img"
                aria-label=description.clone()
                data-testid="activity-chart-svg"
            >
                {grid}
                <line x1=n(left) x2=n(right) y1=n(bottom) y2=n(bottom) stroke="#6a6e73" stroke-width="1"></line>
                {bars}
                {labels}
            </svg>
            <figcaption>
                <ul class="rc-activity-legend" aria-label="Kinds">{legend}</ul>
                <p class="rc-subtle" data-testid="activity-chart-description">{description}</p>
            </figcaption>
            <CountsTable counts kinds=kinds.into_iter().map(|(k, _)| k).collect() />
        </figure>
    }
}

/// The chart's numbers: one row per day with events, one column per kind.
#[component]
fn CountsTable(counts: Vec<DayCount>, kinds: Vec<String>) -> impl IntoView {
    let rows = table_rows(&counts, &kinds);
    let head = kinds
        .iter()
        .map(|k| view! { <th class="pf-v6-c-table__th" scope="col" data-kind=k.clone()>{label(k)}</th> })
        .collect_view();
    let body = rows
        .into_iter()
        .map(|(day, cells, total)| {
            let cells = cells
                .into_iter()
                .map(|c| view! { <td class="pf-v6-c-table__td">{c.to_string()}</td> })
                .collect_view();
            view! {
                <tr class="pf-v6-c-table__tr" data-day=day.iso()>
                    <th class="pf-v6-c-table__th" scope="row">{day.medium()}</th>
                    {cells}
                    <td class="pf-v6-c-table__td">{total.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="rc-activity-details">
            <summary>"Counts per day as a table"</summary>
            <table class="pf-v6-c-table pf-m-compact" data-testid="activity-counts" aria-label="Events per day by kind">
                <thead class="pf-v6-c-table__thead">
                    <tr class="pf-v6-c-table__tr">
                        <th class="pf-v6-c-table__th" scope="col">"Day (UTC)"</th>
                        {head}
                        <th class="pf-v6-c-table__th" scope="col">"Total"</th>
                    </tr>
                </thead>
                <tbody class="pf-v6-c-table__tbody">{body}</tbody>
            </table>
        </details>
    }
}
