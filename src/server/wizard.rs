//! Server functions: the create robot account wizard (spec §2.8) and its inline team creation.
//!
//! Creating the robot comes first; if Quay refuses it, nothing else runs and its message goes
//! back to the wizard. Then every follow-up (repository permissions, team memberships, the
//! default permission) runs through the bulk engine and streams its outcome: Quay's UI drops
//! these failures silently, we list them and let the user retry only those.

use crate::error::AppError;
use crate::quay::ids::{Description, Namespace, RobotShort, TeamName};
use crate::server::robots::TeamSummary;
use crate::wizard::{FollowUp, WizardPlan};
use leptos::prelude::*;
use leptos::server_fn::codec::{ByteStream, Json, Streaming};

/// Creates robot `{namespace}+{plan.short}`, then applies the plan's follow-ups and streams each
/// one's outcome (the bulk engine). If Quay refuses the robot, nothing else runs and the call
/// answers Quay's message.
#[server(endpoint = "wizard_create_robot", client = crate::csrf::CsrfClient, input = Json, output = Streaming)]
pub async fn wizard_create_robot(
    namespace: Namespace,
    plan: WizardPlan,
) -> Result<ByteStream<AppError>, AppError> {
    use crate::quay::ids::check_bulk_len;
    check_bulk_len("repos", plan.repos.len())?;
    check_bulk_len("teams", plan.teams.len())?;
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let scope = auth.scope(&namespace);
    auth.state
        .quay
        .create_robot(&auth.token, &scope, &plan.short, &plan.description)
        .await?;
    let steps = plan.follow_ups(auth.is_user_namespace(&namespace));
    Ok(ssr::stream_steps(&auth, namespace, &plan.short, steps))
}

/// Runs `steps` again for the existing robot `{namespace}+{short}` ("Retry failed").
#[server(endpoint = "wizard_retry_steps", client = crate::csrf::CsrfClient, input = Json, output = Streaming)]
pub async fn wizard_retry_steps(
    namespace: Namespace,
    short: RobotShort,
    steps: Vec<FollowUp>,
) -> Result<ByteStream<AppError>, AppError> {
    crate::quay::ids::check_bulk_items("steps", steps.len())?;
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
    let is_user = auth.is_user_namespace(&namespace);
    // A user namespace has no teams or default permissions, whatever the browser sent.
    let steps = steps
        .into_iter()
        .filter(|s| !is_user || matches!(s, FollowUp::Repository { .. }))
        .collect();
    Ok(ssr::stream_steps(&auth, namespace, &short, steps))
}

/// Creates team `name` in organization `namespace` with the role `member` ("Create new team").
/// An existing team is refused instead of overwritten: Quay's PUT would reset its role.
#[server(endpoint = "wizard_create_team", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn wizard_create_team(
    namespace: Namespace,
    name: TeamName,
    description: Description,
) -> Result<TeamSummary, AppError> {
    use crate::error::ErrorKind;
    let auth = crate::server::ssr::auth().await?;
    crate::server::ssr::ensure_manage(&auth, &namespace).await?;
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
    //! The wizard's follow-ups, one bulk item each.
    use crate::bulk::Outcome;
    use crate::error::AppError;
    use crate::permissions::{Action, Change, Perm};
    use crate::quay::client::QuayClient;
    use crate::quay::ids::{Namespace, RobotName, RobotShort};
    use crate::server::bulk::BulkStream;
    use crate::server::permissions::ssr::apply_one;
    use crate::server::ssr::Auth;
    use crate::wizard::FollowUp;

    /// Streams `steps` for robot `{ns}+{short}` through the bulk engine.
    pub fn stream_steps(
        auth: &Auth,
        ns: Namespace,
        short: &RobotShort,
        steps: Vec<FollowUp>,
    ) -> BulkStream {
        let robot = RobotName::new(&ns, short);
        let (quay, token) = (auth.state.quay.clone(), auth.token.clone());
        crate::server::bulk::stream(&auth.state, steps, move |step: &FollowUp| {
            let (quay, token, ns, robot, step) = (
                quay.clone(),
                token.clone(),
                ns.clone(),
                robot.clone(),
                step.clone(),
            );
            async move { apply_step(&quay, &token, &ns, &robot, &step).await }
        })
    }

    /// One follow-up, once (the engine retries).
    pub async fn apply_step(
        quay: &QuayClient,
        token: &str,
        ns: &Namespace,
        robot: &RobotName,
        step: &FollowUp,
    ) -> Result<Outcome, AppError> {
        match step {
            FollowUp::Repository { repo, perm } => {
                let change = Change {
                    repo: repo.clone(),
                    action: Action::Put(*perm),
                };
                apply_one(quay, token, ns, robot, &change).await
            }
            FollowUp::Team { team } => quay
                .add_team_member(token, ns, team, robot)
                .await
                .map(|_| Outcome::Done),
            FollowUp::DefaultPermission { perm } => {
                ensure_default_permission(quay, token, ns, robot, *perm).await
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
    ) -> Result<Outcome, AppError> {
        let Some(role) = perm.role() else {
            return Ok(Outcome::Skipped {
                reason: "No default permission was chosen.".into(),
            });
        };
        let existing = quay.prototypes(token, org).await?;
        let mine = existing
            .into_iter()
            .find(|p| p.activating_user.is_none() && p.delegate.name == robot.as_str());
        match mine {
            Some(p) if p.role.eq_ignore_ascii_case(role) => Ok(Outcome::Skipped {
                reason: "The default permission was already in place.".into(),
            }),
            Some(p) => quay
                .set_prototype_role(token, org, &p.id, role)
                .await
                .map(|_| Outcome::Done),
            None => quay
                .create_robot_prototype(token, org, robot, role)
                .await
                .map(|_| Outcome::Done),
        }
    }
}
