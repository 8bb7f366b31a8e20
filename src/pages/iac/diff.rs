//! The review: the file's problems (with line and column; nothing can be applied), or the
//! diff: one row per API change, signed and coloured, with the summary and the warnings.

use super::use_iac_tab;
use crate::components::alert::{DangerAlert, WarningAlert};
use crate::iac::plan::{summary, Change, Sign};
use crate::iac::problem::Problem;
use crate::iac::render::describe;
use crate::quay::ids::Namespace;
use leptos::prelude::*;

fn sign_style(s: Sign) -> &'static str {
    match s {
        Sign::Add => "color: var(--pf-t--global--color--status--success--default, #3d7317); font-weight: bold;",
        Sign::Change => "color: var(--pf-t--global--color--status--info--default, #5e40be); font-weight: bold;",
        Sign::Remove => "color: var(--pf-t--global--color--status--danger--default, #b1380b); font-weight: bold;",
    }
}

fn problems_view(problems: Vec<Problem>) -> AnyView {
    let title = format!(
        "The file has {} problem{}; nothing can be applied",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    view! {
        <div data-testid="iac-problems">
            <DangerAlert title=title message="">
                <ul class="rc-failure-list">
                    {problems
                        .into_iter()
                        .map(|p| view! { <li data-testid="iac-problem">{p.to_string()}</li> })
                        .collect_view()}
                </ul>
            </DangerAlert>
        </div>
    }
    .into_any()
}

fn diff_view(ns: Namespace, changes: Vec<Change>) -> AnyView {
    if changes.is_empty() {
        return view! {
            <p class="pf-v6-c-content" data-testid="iac-no-changes">
                {format!("No changes: the robots of {ns} match the file.")}
            </p>
        }
        .into_any();
    }
    let heading = format!("{} changes: {}", changes.len(), summary(&changes));
    let rows = changes
        .into_iter()
        .map(|c| {
            let sign = c.sign();
            view! {
                <tr class="pf-v6-c-table__tr" data-testid="iac-change">
                    <td class="pf-v6-c-table__td" style=sign_style(sign) aria-label=sign.label()>
                        {sign.symbol().to_string()}
                    </td>
                    <td class="pf-v6-c-table__td">{describe(&ns, &c)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3 class="pf-v6-c-title pf-m-md" data-testid="iac-summary">{heading}</h3>
        <table class="pf-v6-c-table pf-m-compact" aria-label="Planned changes" data-testid="iac-diff">
            <tbody class="pf-v6-c-table__tbody">{rows}</tbody>
        </table>
    }
    .into_any()
}

#[component]
pub fn PlanView() -> impl IntoView {
    let tab = use_iac_tab();
    move || {
        let answer = tab.answer.get()?;
        Some(match answer {
            Err(e) => {
                view! { <DangerAlert title="The review failed" message=e.message /> }.into_any()
            }
            Ok(a) if !a.problems.is_empty() => problems_view(a.problems),
            Ok(a) => {
                let warnings = a
                    .plan
                    .warnings
                    .into_iter()
                    .map(|w| view! { <WarningAlert text=w testid="iac-warning" /> })
                    .collect_view();
                view! {
                    {warnings}
                    {diff_view(tab.namespace.get_value(), a.plan.changes)}
                }
                .into_any()
            }
        })
    }
}
