//! The summary: last pull, push and login, failed logins, addresses and repositories.

use crate::activity::summary::{Seen, Summary};
use crate::dates::format_medium;
use leptos::prelude::*;

fn seen_text(s: &Option<Seen>) -> String {
    match s {
        None => "None in the range".into(),
        Some(s) => {
            let mut t = format_medium(s.epoch);
            if let Some(r) = &s.repository {
                t.push_str(&format!(" · {r}"));
            }
            if let Some(ip) = &s.ip {
                t.push_str(&format!(" · from {ip}"));
            }
            t
        }
    }
}

fn counted(items: &[(String, u64)]) -> String {
    if items.is_empty() {
        return "None".into();
    }
    items
        .iter()
        .map(|(name, n)| format!("{name} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn Item(term: &'static str, testid: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="pf-v6-c-description-list__group">
            <dt class="pf-v6-c-description-list__term">
                <span class="pf-v6-c-description-list__text">{term}</span>
            </dt>
            <dd class="pf-v6-c-description-list__description">
                <div class="pf-v6-c-description-list__text" data-testid=testid>{value}</div>
            </dd>
        </div>
    }
}

#[component]
pub fn SummaryView(summary: Summary) -> impl IntoView {
    let partial = summary.is_partial().then(|| {
        format!(
            "Addresses and repositories are those of the newest {} of the {} events in the range.",
            summary.scanned, summary.total
        )
    });
    let ips = format!("{}: {}", summary.ips.len(), counted(&summary.ips));
    view! {
        <dl class="pf-v6-c-description-list pf-m-horizontal pf-m-compact rc-activity-summary" data-testid="activity-summary">
            <Item term="Last pull" testid="summary-last-pull" value=seen_text(&summary.last_pull) />
            <Item term="Last push" testid="summary-last-push" value=seen_text(&summary.last_push) />
            <Item term="Last login" testid="summary-last-login" value=seen_text(&summary.last_login) />
            <Item term="Failed logins" testid="summary-failed-logins" value=summary.failed_logins.to_string() />
            <Item term="Distinct IP addresses" testid="summary-ips" value=ips />
            <Item term="Repositories used" testid="summary-repositories" value=counted(&summary.repositories) />
        </dl>
        {partial.map(|p| view! { <p class="rc-subtle" data-testid="summary-partial">{p}</p> })}
    }
}
