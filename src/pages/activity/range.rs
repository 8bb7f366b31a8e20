//! The range of days the dialog shows: a preset, or two dates checked here (Quay would silently
//! replace a date it cannot read by its default, and show other days than asked for).

use crate::components::when::When;
use crate::quay::ids::{InputError, LogDate, LogRange};
use leptos::prelude::*;

/// The presets, in days; 0 is "Custom".
const PRESETS: [(i64, &str); 5] = [
    (1, "Today"),
    (7, "Last 7 days"),
    (30, "Last 30 days"),
    (90, "Last 90 days"),
    (365, "Last 365 days"),
];

/// A refused range as the form says it (without the `range: ` field prefix).
pub fn form_message(e: &InputError) -> String {
    let m = e.message.strip_prefix("range: ").unwrap_or(&e.message);
    let mut cs = m.chars();
    match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

#[component]
pub fn RangeForm(range: RwSignal<LogRange>) -> impl IntoView {
    let initial = range.get_untracked();
    let preset = RwSignal::new(initial.days());
    let from = RwSignal::new(initial.start().iso());
    let to = RwSignal::new(initial.end().iso());
    let error = RwSignal::new(None::<String>);
    let select_ref = NodeRef::<leptos::html::Select>::new();
    // Keyboard users start on the first control.
    crate::components::effect::effect(move || {
        if let Some(s) = select_ref.get() {
            let _ = s.focus();
        }
    });
    let on_preset = move |ev: leptos::ev::Event| {
        let days: i64 = event_target_value(&ev).parse().unwrap_or(0);
        preset.set(days);
        if days > 0 {
            let r = LogRange::last_days(days, LogDate::today());
            from.set(r.start().iso());
            to.set(r.end().iso());
            error.set(None);
            range.set(r);
        }
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match LogRange::parse_form(&from.get_untracked(), &to.get_untracked(), LogDate::today()) {
            Ok(r) => {
                error.set(None);
                preset.set(
                    PRESETS
                        .iter()
                        .map(|(d, _)| *d)
                        .find(|d| LogRange::last_days(*d, LogDate::today()) == r)
                        .unwrap_or(0),
                );
                range.set(r);
            }
            Err(e) => error.set(Some(form_message(&e))),
        }
    };
    let custom = move |_| preset.set(0);
    view! {
        <form class="pf-v6-c-form rc-activity-range" data-testid="activity-range" on:submit=apply novalidate>
            <div class="pf-v6-c-toolbar__content-section rc-toolbar">
                <span class="pf-v6-c-form-control">
                    <select
                        id="activity-range-preset"
                        data-testid="activity-range-preset"
                        aria-label="Range"
                        node_ref=select_ref
                        on:change=on_preset
                    >
                        {PRESETS
                            .iter()
                            .map(|(d, label)| {
                                let d = *d;
                                view! { <option value=d.to_string() selected=move || preset.get() == d>{*label}</option> }
                            })
                            .collect_view()}
                        <option value="0" selected=move || preset.get() == 0>"Custom"</option>
                    </select>
                </span>
                <label class="pf-v6-c-form__label" for="activity-from">
                    <span class="pf-v6-c-form__label-text">"From"</span>
                </label>
                <span class="pf-v6-c-form-control">
                    <input
                        type="date"
                        id="activity-from"
                        data-testid="activity-from"
                        prop:value=from
                        aria-invalid=move || error.get().is_some().to_string()
                        on:input=move |ev| { from.set(event_target_value(&ev)); custom(()); }
                    />
                </span>
                <label class="pf-v6-c-form__label" for="activity-to">
                    <span class="pf-v6-c-form__label-text">"To"</span>
                </label>
                <span class="pf-v6-c-form-control">
                    <input
                        type="date"
                        id="activity-to"
                        data-testid="activity-to"
                        prop:value=to
                        aria-invalid=move || error.get().is_some().to_string()
                        on:input=move |ev| { to.set(event_target_value(&ev)); custom(()); }
                    />
                </span>
                <button type="submit" class="pf-v6-c-button pf-m-secondary" data-testid="activity-range-apply">
                    "Show"
                </button>
                <span class="rc-subtle">"UTC days, both included"</span>
            </div>
            <When when=move || error.get().is_some()>
                <div class="pf-v6-c-helper-text" aria-live="polite">
                    <div class="pf-v6-c-helper-text__item pf-m-error">
                        <span class="pf-v6-c-helper-text__item-text" data-testid="activity-range-error" role="alert">
                            {move || error.get().unwrap_or_default()}
                        </span>
                    </div>
                </div>
            </When>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_drop_the_field_prefix() {
        let d = |s| LogDate::parse(s).unwrap();
        let e = LogRange::new(d("2026-12-02"), d("2026-12-01"), d("2026-12-02")).unwrap_err();
        assert!(
            form_message(&e).starts_with("The end date (2026-12-01) is before"),
            "{}",
            form_message(&e)
        );
        let e = LogRange::parse_form("x", "2026-12-01", d("2026-12-02")).unwrap_err();
        assert!(form_message(&e).starts_with("From: 'x' is not a date"));
    }
}
