//! "Last used" from Quay's usage logs for robots whose `last_accessed` is empty. It is asked for
//! once the table shows in the browser (an Effect: never while the server renders the tab, so
//! the first HTML costs nothing more), with one bounded pass over the namespace's log on the
//! server, not one call per robot. It fills the Last accessed cell and the Usage filter.

use crate::activity::last_used::LastUsed;
use crate::dates::{display_rfc2822, format_medium};
use crate::error::AppError;
use crate::quay::ids::{Namespace, RobotName};
use crate::robot_list::RobotRow;
use leptos::prelude::*;

/// What the pass answered, once it did.
#[derive(Clone, Copy)]
pub struct LogsLastUsed(pub RwSignal<Option<Result<LastUsed, AppError>>>);

/// The robots of `rows` the logs are asked about.
pub fn wanted(rows: &[RobotRow]) -> Vec<RobotName> {
    rows.iter()
        .filter(|r| r.last_accessed.is_none())
        .map(|r| r.name.clone())
        .collect()
}

/// `rows` with the uses found in the logs.
pub fn with_uses(mut rows: Vec<RobotRow>, found: Option<&LastUsed>) -> Vec<RobotRow> {
    if let Some(f) = found {
        for r in rows.iter_mut().filter(|r| r.last_accessed.is_none()) {
            r.log_last_used = f.get(&r.name);
        }
    }
    rows
}

/// Provides [`LogsLastUsed`] and asks the server whenever the robots without `last_accessed`
/// change (the server keeps a pass for a minute). Only for those who may read the namespace's
/// logs (`can_manage`).
pub fn provide(
    namespace: Namespace,
    rows: Signal<Vec<RobotRow>>,
    can_manage: Signal<bool>,
) -> LogsLastUsed {
    let found = LogsLastUsed(RwSignal::new(None));
    provide_context(found);
    let robots = Memo::new(move |_| {
        if can_manage.get() {
            rows.with(|r| wanted(r))
        } else {
            Vec::new()
        }
    });
    let asked = StoredValue::new(0u64);
    crate::components::effect::effect(move || {
        let list = robots.get();
        if list.is_empty() {
            return;
        }
        asked.update_value(|n| *n += 1);
        let n = asked.get_value();
        let ns = namespace.clone();
        leptos::task::spawn_local(async move {
            let answer = crate::server::activity::robots_last_used(ns, list).await;
            // Only the latest question's answer counts.
            if asked.try_get_value() == Some(n) {
                found.0.try_set(Some(answer));
            }
        });
    });
    found
}

/// The Last accessed cell: Quay's `last_accessed`, else the last use in the logs, else
/// "Never" with how far the logs were read.
#[component]
pub fn LastUsedCell(name: RobotName, last_accessed: Option<String>) -> impl IntoView {
    if last_accessed.is_some() {
        return view! { <span>{display_rfc2822(last_accessed.as_deref(), "Never")}</span> }
            .into_any();
    }
    let found = use_context::<LogsLastUsed>();
    let name = StoredValue::new(name);
    (move || match found.and_then(|f| f.0.get()) {
        Some(Ok(f)) => match f.get(&name.get_value()) {
            Some(t) => view! {
                <span data-testid="last-used" title="From Quay's usage logs (Quay's last accessed is empty)">
                    {format!("Last used {}", format_medium(t))}
                </span>
            }
            .into_any(),
            None => view! {
                <span>"Never"</span>
                <br />
                <small class="rc-subtle" data-testid="last-used-note">{format!("({})", f.note())}</small>
            }
            .into_any(),
        },
        Some(Err(e)) => view! { <span title=format!("Usage logs not read: {}", e.message)>"Never"</span> }
            .into_any(),
        None => view! { <span>"Never"</span> }.into_any(),
    })
    .into_any()
}
