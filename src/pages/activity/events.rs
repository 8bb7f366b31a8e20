//! The robot's events: filters by kind and repository, the list (about 20 more per "Load older
//! events", through Quay's `next_page`), how complete it is, and the CSV of what is shown.

use super::event_table::EventTable;
use crate::activity::cursor::{ActivityCursor, Completeness};
use crate::activity::kinds::{label, FILTER_KINDS};
use crate::activity::{csv, merge_sorted, Event, EventFilter, EventsPage};
use crate::components::alert::DangerAlert;
use crate::components::when::When;
use crate::dates::format_medium;
use crate::error::AppError;
use crate::quay::ids::{LogKind, LogRange, Namespace, RepoName, RobotName};
use crate::server::activity::robot_activity_events;
use leptos::prelude::*;

/// One request: the generation it belongs to (a new range or filter starts a new one, and late
/// answers of an older one are dropped), and where to continue.
#[derive(Clone)]
struct Load {
    generation: u64,
    range: LogRange,
    filter: EventFilter,
    cursor: Option<ActivityCursor>,
}

fn status_text(shown: usize, complete: Completeness, more: bool) -> String {
    let events = match shown {
        1 => "1 event".to_string(),
        n => format!("{n} events"),
    };
    match (complete, more) {
        (Completeness::All, _) | (_, false) => format!("{events}: every event of the range."),
        (Completeness::Since(t), true) => format!(
            "{events}, complete back to {}. Older events may follow.",
            format_medium(t)
        ),
        (Completeness::Unknown, true) => format!("{events} so far."),
    }
}

/// `acme-deployer-activity-2026-11-02-2026-12-01.csv`.
pub fn csv_name(robot: &RobotName, range: &LogRange) -> String {
    let stem = format!(
        "{}-{}-activity-{}-{}",
        robot.namespace(),
        robot.short_str(),
        range.start(),
        range.end()
    );
    format!("{}.csv", stem.replace(['+', '.'], "-"))
}

#[component]
pub fn EventList(
    namespace: Namespace,
    robot: RobotName,
    range: Signal<LogRange>,
    repos: Signal<Vec<String>>,
) -> impl IntoView {
    let kind = RwSignal::new(None::<LogKind>);
    let repo = RwSignal::new(None::<RepoName>);
    let events = RwSignal::new(Vec::<Event>::new());
    let cursor = RwSignal::new(None::<ActivityCursor>);
    let complete = RwSignal::new(Completeness::Unknown);
    let hidden = RwSignal::new(false);
    let error = RwSignal::new(None::<AppError>);
    let generation = RwSignal::new(0u64);
    // Answers taken (tests wait on it).
    let loaded = RwSignal::new(0u64);
    let (ns, r) = (namespace, robot.clone());
    let robot = StoredValue::new(robot);
    let load = Action::new(move |l: &Load| {
        let (ns, r, l) = (ns.clone(), r.clone(), l.clone());
        async move {
            let page = robot_activity_events(ns, r, l.range, l.filter, l.cursor).await;
            (l.generation, page)
        }
    });
    let filter = move || EventFilter {
        kind: kind.get(),
        repository: repo.get(),
    };
    // A new range or filter starts over.
    crate::components::effect::effect(move || {
        let (range, filter) = (range.get(), filter());
        untrack(|| {
            let g = generation.get_untracked() + 1;
            generation.set(g);
            events.set(Vec::new());
            cursor.set(None);
            complete.set(Completeness::Unknown);
            error.set(None);
            hidden.set(false);
            load.dispatch(Load {
                generation: g,
                range,
                filter,
                cursor: None,
            });
        })
    });
    crate::components::effect::effect(move || {
        let Some((g, page)) = load.value().get() else {
            return;
        };
        if g != generation.get_untracked() {
            return;
        }
        loaded.update(|n| *n += 1);
        match page {
            Ok(EventsPage {
                events: more,
                cursor: next,
                complete: c,
                no_activity,
            }) => {
                hidden.set(no_activity.is_some());
                events.update(|list| merge_sorted(list, more));
                cursor.set(next);
                complete.set(c);
            }
            Err(e) => error.set(Some(e)),
        }
    });
    let older = move |_| {
        if let Some(c) = cursor.get_untracked() {
            load.dispatch(Load {
                generation: generation.get_untracked(),
                range: range.get_untracked(),
                filter: filter(),
                cursor: Some(c),
            });
        }
    };
    let pending = load.pending();
    let download = move |_| {
        let text = csv::to_csv(&events.get_untracked());
        if let Err(e) = crate::components::clipboard::download_text(
            &csv_name(&robot.get_value(), &range.get_untracked()),
            &text,
        ) {
            error.set(Some(AppError::internal(e)));
        }
    };
    let on_kind =
        move |ev: leptos::ev::Event| kind.set(LogKind::parse(&event_target_value(&ev)).ok());
    let on_repo =
        move |ev: leptos::ev::Event| repo.set(RepoName::parse(&event_target_value(&ev)).ok());
    view! {
        <When when=move || !hidden.get()>
            <section class="rc-activity-events" aria-labelledby="activity-events-title">
                <h2 class="pf-v6-c-title pf-m-md" id="activity-events-title">"Events"</h2>
                <div class="pf-v6-c-toolbar__content-section rc-toolbar">
                    <span class="pf-v6-c-form-control">
                        <select id="activity-kind-filter" data-testid="activity-kind-filter" aria-label="Filter by kind" on:change=on_kind>
                            <option value="">"All kinds"</option>
                            {FILTER_KINDS.iter().map(|k| view! { <option value=*k>{label(k)}</option> }).collect_view()}
                        </select>
                    </span>
                    <span class="pf-v6-c-form-control">
                        <select id="activity-repo-filter" data-testid="activity-repo-filter" aria-label="Filter by repository" on:change=on_repo>
                            <option value="">"All repositories"</option>
                            <For each=move || repos.get() key=|r| r.clone() let:r>
                                <option value=r.clone()>{r.clone()}</option>
                            </For>
                        </select>
                    </span>
                    <button
                        type="button"
                        class="pf-v6-c-button pf-m-link"
                        data-testid="activity-download-csv"
                        disabled=move || events.with(Vec::is_empty)
                        on:click=download
                    >
                        <i class="fas fa-download" aria-hidden="true"></i>
                        " Download CSV"
                    </button>
                </div>
                <EventTable events=events.into() />
                <p class="rc-subtle" data-testid="activity-status" data-loaded=move || loaded.get().to_string() aria-live="polite">
                    {move || {
                        if pending.get() {
                            "Reading the usage logs…".to_string()
                        } else {
                            status_text(events.with(Vec::len), complete.get(), cursor.with(Option::is_some))
                        }
                    }}
                </p>
                {move || error.get().map(|e| view! { <DangerAlert title="Could not read the events" message=e.message /> })}
                <When when=move || cursor.with(Option::is_some)>
                    <button
                        type="button"
                        class="pf-v6-c-button pf-m-secondary"
                        data-testid="activity-load-older"
                        disabled=move || pending.get()
                        on:click=older
                    >
                        "Load older events"
                    </button>
                </When>
            </section>
        </When>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quay::ids::LogDate;

    #[test]
    fn file_names_and_status() {
        let d = |s| LogDate::parse(s).unwrap();
        let r = LogRange::new(d("2026-11-02"), d("2026-12-01"), d("2026-12-01")).unwrap();
        let robot = RobotName::parse("acme+backup.bot").unwrap();
        assert_eq!(
            csv_name(&robot, &r),
            "acme-backup-bot-activity-2026-11-02-2026-12-01.csv"
        );
        assert_eq!(
            status_text(1, Completeness::All, false),
            "1 event: every event of the range."
        );
        assert_eq!(
            status_text(20, Completeness::Since(0), true),
            "20 events, complete back to Jan 1, 1970, 12:00 AM. Older events may follow."
        );
    }
}
