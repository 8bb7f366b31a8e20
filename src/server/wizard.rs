//! Server functions: the create robot account wizard (spec §2.8) and its inline team creation.
//!
//! Creating the robot comes first; if Quay refuses it, nothing else runs and its message goes
//! back to the wizard. Then every follow-up (repository permissions, team memberships, the
//! default permission) runs with bounded concurrency and retries, and each outcome is returned:
//! Quay's UI drops these failures silently, we list them and let the user retry only those.

use crate::error::AppError;
use crate::quay::ids::{Description, Namespace, RobotShort, TeamName};
use crate::server::robots::TeamSummary;
use crate::wizard::{CreateResult, FollowUp, StepOutcome, WizardPlan};
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// Creates robot `{namespace}+{plan.short}`, then applies the plan's follow-ups.
#[server(endpoint = "wizard_create_robot", client = crate::csrf::CsrfClient, input = Json)]
pub async fn wizard_create_robot(
    namespace: Namespace,
    plan: WizardPlan,
) -> Result<CreateResult, AppError> {
    use crate::quay::ids::check_bulk_len;
    check_bulk_len("repos", plan.repos.len())?;
    check_bulk_len("teams", plan.teams.len())?;
    let auth = crate::server::ssr::auth().await?;
    let scope = auth.scope(&namespace);
    auth.state
        .quay
        .create_robot(&auth.token, &scope, &plan.short, &plan.description)
        .await?;
    let name = crate::quay::ids::RobotName::new(&namespace, &plan.short);
    let steps = plan.follow_ups(auth.is_user_namespace(&namespace));
    let outcomes = ssr::run_steps(&auth, &namespace, &name, steps).await;
    Ok(CreateResult { name, outcomes })
}

/// Runs `steps` again for the existing robot `{namespace}+{short}` ("Retry failed").
#[server(endpoint = "wizard_retry_steps", client = crate::csrf::CsrfClient, input = Json)]
pub async fn wizard_retry_steps(
    namespace: Namespace,
    short: RobotShort,
    steps: Vec<FollowUp>,
) -> Result<Vec<StepOutcome>, AppError> {
    crate::quay::ids::check_bulk_len("steps", steps.len())?;
    let auth = crate::server::ssr::auth().await?;
    let is_user = auth.is_user_namespace(&namespace);
    // A user namespace has no teams or default permissions, whatever the browser sent.
    let steps = steps
        .into_iter()
        .filter(|s| !is_user || matches!(s, FollowUp::Repository { .. }))
        .collect();
    let robot = crate::quay::ids::RobotName::new(&namespace, &short);
    Ok(ssr::run_steps(&auth, &namespace, &robot, steps).await)
}

/// Creates team `name` in organization `namespace` with the role `member` ("Create new team").
/// An existing team is refused instead of overwritten: Quay's PUT would reset its role.
#[server(endpoint = "wizard_create_team", client = crate::csrf::CsrfClient)]
pub async fn wizard_create_team(
    namespace: Namespace,
    name: TeamName,
    description: Description,
) -> Result<TeamSummary, AppError> {
    use crate::error::ErrorKind;
    let auth = crate::server::ssr::auth().await?;
    if auth.is_user_namespace(&namespace) {
        return Err(AppError::invalid(
            "Teams exist only in organizations; a user namespace has none.",
        ));
    }
    let exists = || {
        AppError::new(
            409,
            ErrorKind::Conflict,
            format!("Team \"{name}\" already exists"),
        )
    };
    let quay = &auth.state.quay;
    let org = quay.organization(&auth.token, &namespace).await?;
    if org.teams.is_some_and(|t| t.contains_key(name.as_str())) {
        return Err(exists());
    }
    let team = quay
        .put_team(&auth.token, &namespace, &name, "member", &description)
        .await?;
    if team.new_team == Some(false) {
        return Err(exists());
    }
    Ok(TeamSummary {
        name,
        role: team.role,
        member_count: 0,
        description: team.description.unwrap_or_default(),
    })
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! The follow-up engine.
    use crate::error::AppError;
    use crate::permissions::{Action, Change, Perm, RetryPolicy};
    use crate::quay::client::QuayClient;
    use crate::quay::ids::{Namespace, RobotName};
    use crate::server::permissions::ssr::{apply_one, with_retries, Target};
    use crate::server::ssr::Auth;
    use crate::wizard::{FollowUp, StepOutcome};
    use futures::StreamExt;

    /// Runs `steps` for robot `robot` (full name) with the configured concurrency; outcomes come
    /// back in the order of `steps`.
    pub async fn run_steps(
        auth: &Auth,
        ns: &Namespace,
        robot: &RobotName,
        steps: Vec<FollowUp>,
    ) -> Vec<StepOutcome> {
        let t = Target {
            quay: &auth.state.quay,
            token: &auth.token,
            ns,
            robot,
        };
        futures::stream::iter(steps)
            .map(|step| async move {
                let error = apply_step(t, &step, RetryPolicy::default())
                    .await
                    .err()
                    .map(|e| e.message);
                StepOutcome { step, error }
            })
            .buffered(auth.state.concurrency.max(1))
            .collect()
            .await
    }

    async fn apply_step(
        t: Target<'_>,
        step: &FollowUp,
        policy: RetryPolicy,
    ) -> Result<(), AppError> {
        match step {
            FollowUp::Repository { repo, perm } => {
                let change = Change {
                    repo: repo.clone(),
                    action: Action::Put(*perm),
                };
                apply_one(t, &change, policy).await
            }
            FollowUp::Team { team } => {
                with_retries(policy, || async {
                    t.quay
                        .add_team_member(t.token, t.ns, team, t.robot)
                        .await
                        .map(|_| ())
                })
                .await
            }
            FollowUp::DefaultPermission { perm } => {
                with_retries(policy, || {
                    ensure_default_permission(t.quay, t.token, t.ns, t.robot, *perm)
                })
                .await
            }
        }
    }

    /// Gives `robot` the default permission `perm` on repositories anyone creates later. Safe to
    /// repeat: an existing rule for the robot is updated, not duplicated (a POST whose answer
    /// was lost may have been applied).
    pub async fn ensure_default_permission(
        quay: &QuayClient,
        token: &str,
        org: &Namespace,
        robot: &RobotName,
        perm: Perm,
    ) -> Result<(), AppError> {
        let Some(role) = perm.role() else {
            return Ok(());
        };
        let existing = quay.prototypes(token, org).await?;
        let mine = existing
            .into_iter()
            .find(|p| p.activating_user.is_none() && p.delegate.name == robot.as_str());
        match mine {
            Some(p) if p.role.eq_ignore_ascii_case(role) => Ok(()),
            Some(p) => quay
                .set_prototype_role(token, org, &p.id, role)
                .await
                .map(|_| ()),
            None => quay
                .create_robot_prototype(token, org, robot, role)
                .await
                .map(|_| ()),
        }
    }
}
