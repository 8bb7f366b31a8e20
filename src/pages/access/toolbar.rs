//! The report's filters (robot, repository, role, source, risk) and the Matrix/Summary toggle.

use super::state::{use_access, ReportView};
use crate::access::filter::{RiskFilter, SourceFilter};
use crate::access::risk::RiskKind;
use crate::components::search_input::SearchInput;
use crate::components::toggle_group::{item, ToggleGroup};
use crate::permissions::Perm;
use leptos::prelude::*;

/// A labelled `<select>` of the toolbar.
#[component]
fn FilterSelect(
    id: &'static str,
    label: &'static str,
    /// (value, text) of each option.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    #[prop(into)] selected: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-toolbar__item">
            <span class="pf-v6-c-form-control">
                <select
                    id=id
                    data-testid=id
                    aria-label=label
                    title=label
                    on:change=move |ev| on_change.run(event_target_value(&ev))
                >
                    {move || {
                        options
                            .get()
                            .into_iter()
                            .map(|(value, text)| {
                                let is = value.clone();
                                view! {
                                    <option value=value selected=move || selected.get() == is>
                                        {text}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </span>
        </div>
    }
}

fn role_options() -> Vec<(String, String)> {
    let mut v = vec![("any".to_string(), "Any role".to_string())];
    for p in [Perm::Read, Perm::Write, Perm::Admin] {
        v.push((
            p.label().to_lowercase(),
            format!("{} (effective role)", p.label()),
        ));
    }
    v
}

fn risk_options() -> Vec<(String, String)> {
    let mut v = vec![
        (RiskFilter::All.key(), "All robot accounts".to_string()),
        (RiskFilter::Any.key(), "With any risk".to_string()),
    ];
    v.extend(
        RiskKind::ALL
            .into_iter()
            .map(|k| (RiskFilter::Kind(k).key(), k.label().to_string())),
    );
    v
}

#[component]
pub fn AccessToolbar() -> impl IntoView {
    let s = use_access();
    let source_options = Signal::derive(move || {
        let mut v: Vec<SourceFilter> = vec![
            SourceFilter::Any,
            SourceFilter::Direct,
            SourceFilter::AnyTeam,
        ];
        let mut teams: Vec<_> = s
            .loaded_plan()
            .map(|p| {
                p.robots
                    .iter()
                    .flat_map(|r| r.teams.clone().unwrap_or_default())
                    .collect::<std::collections::BTreeSet<_>>()
            })
            .unwrap_or_default()
            .into_iter()
            .filter_map(|t| crate::quay::ids::TeamName::parse(&t).ok())
            .collect();
        teams.sort();
        v.extend(teams.into_iter().map(SourceFilter::Team));
        v.into_iter()
            .map(|f| (f.key(), f.label()))
            .collect::<Vec<_>>()
    });
    let role_key = Signal::derive(move || {
        s.role
            .get()
            .map(|p| p.label().to_lowercase())
            .unwrap_or_else(|| "any".into())
    });
    let counts = move || {
        let (rows, cols) = s.shown.with(|x| (x.rows.len(), x.columns.len()));
        let (all_rows, all_cols) = s.report.with(|r| (r.rows.len(), r.columns.len()));
        format!("Showing {rows} of {all_rows} robot accounts and {cols} of {all_cols} repositories")
    };
    view! {
        <div class="pf-v6-c-toolbar rc-no-print" id="access-toolbar">
            <div class="pf-v6-c-toolbar__content">
                <div class="pf-v6-c-toolbar__content-section rc-toolbar">
                    <div class="pf-v6-c-toolbar__item">
                        <SearchInput id="access-robot-search" placeholder="Filter by robot account name" value=s.robot_q />
                    </div>
                    <div class="pf-v6-c-toolbar__item">
                        <SearchInput id="access-repo-search" placeholder="Filter by repository name" value=s.repo_q />
                    </div>
                    <FilterSelect
                        id="access-role-filter"
                        label="Filter by effective role"
                        options=Signal::derive(role_options)
                        selected=role_key
                        on_change=move |v: String| {
                            s.role.set(match v.as_str() {
                                "any" => None,
                                r => Some(Perm::from_role(r)),
                            })
                        }
                    />
                    <FilterSelect
                        id="access-source-filter"
                        label="Filter by where the access comes from"
                        options=source_options
                        selected=Signal::derive(move || s.source.get().key())
                        on_change=move |v: String| s.source.set(SourceFilter::from_key(&v))
                    />
                    <FilterSelect
                        id="access-risk-filter"
                        label="Filter by risk"
                        options=Signal::derive(risk_options)
                        selected=Signal::derive(move || s.risk.get().key())
                        on_change=move |v: String| s.risk.set(RiskFilter::from_key(&v))
                    />
                    <div class="pf-v6-c-toolbar__item">
                        <label class="pf-v6-c-check" for="access-hide-unreached">
                            <input
                                class="pf-v6-c-check__input"
                                type="checkbox"
                                id="access-hide-unreached"
                                prop:checked=move || s.hide_unreached.get()
                                on:change=move |ev| s.hide_unreached.set(event_target_checked(&ev))
                            />
                            <span class="pf-v6-c-check__label">"Hide repositories no shown robot reaches"</span>
                        </label>
                    </div>
                    <div class="pf-v6-c-toolbar__item">
                        <ToggleGroup
                            items=vec![
                                item(ReportView::Matrix, "access-view-matrix", "Matrix"),
                                item(ReportView::Summary, "access-view-summary", "Summary"),
                            ]
                            selected=s.view
                            aria_label="Report view"
                        />
                    </div>
                </div>
            </div>
        </div>
        <p class="rc-access-counts" data-testid="access-counts" aria-live="polite">{counts}</p>
    }
}
