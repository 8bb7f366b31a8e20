//! What a delete reports when some robots were not deleted: one line per robot, with Quay's reason.

use crate::server::robots::DeleteOutcome;
use leptos::prelude::*;

/// Failure lines, one per robot: `Failed to delete robot account {name}, {reason}.`
pub fn failure_lines(outcomes: &[DeleteOutcome]) -> Vec<String> {
    outcomes
        .iter()
        .filter(|o| !o.deleted)
        .map(|o| {
            let reason = o
                .message
                .clone()
                .unwrap_or_else(|| "no reason given".into());
            format!(
                "Failed to delete robot account {}, {}.",
                o.name,
                reason.trim_end_matches('.')
            )
        })
        .collect()
}

#[component]
pub fn DeleteResults(#[prop(into)] outcomes: Signal<Vec<DeleteOutcome>>) -> impl IntoView {
    let deleted = move || outcomes.with(|o| o.iter().filter(|x| x.deleted).count());
    view! {
        <div class="pf-v6-c-alert pf-m-danger pf-m-inline" role="alert" data-testid="delete-results">
            <p class="pf-v6-c-alert__title">"Robot Account deletion failed"</p>
            <div class="pf-v6-c-alert__description">
                <p>{move || format!("{} deleted, {} failed.", deleted(), outcomes.with(|o| o.len()) - deleted())}</p>
                <ul class="rc-failure-list">
                    {move || {
                        failure_lines(&outcomes.get())
                            .into_iter()
                            .map(|l| view! { <li data-testid="delete-failure">{l}</li> })
                            .collect_view()
                    }}
                </ul>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_names_its_robot_and_quays_reason() {
        let o = vec![
            DeleteOutcome {
                name: crate::quay::ids::RobotName::parse("acme+aa").unwrap(),
                deleted: true,
                message: None,
            },
            DeleteOutcome {
                name: crate::quay::ids::RobotName::parse("acme+bb").unwrap(),
                deleted: false,
                message: Some("Robot is being used by a mirror".into()),
            },
            DeleteOutcome {
                name: crate::quay::ids::RobotName::parse("acme+cc").unwrap(),
                deleted: false,
                message: Some("Quay answered 500.".into()),
            },
        ];
        assert_eq!(
            failure_lines(&o),
            [
                "Failed to delete robot account acme+bb, Robot is being used by a mirror.",
                "Failed to delete robot account acme+cc, Quay answered 500."
            ]
        );
    }
}
