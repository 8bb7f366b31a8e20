//! Applying a plan: one Quay call (or two, for default permissions) per change, each safe to
//! repeat, in phases through the bulk engine. A change that depends on a robot whose creation
//! failed in the same run is reported as not attempted, never dropped. Tokens of new robots
//! are thrown away at once: they are never logged, streamed or written anywhere.

use super::live::Target;
use crate::bulk::Outcome;
use crate::error::{AppError, ErrorKind};
use crate::iac::format::Role;
use crate::iac::plan::Change;
use crate::quay::ids::{Namespace, RobotShort};
use std::collections::HashSet;
use std::sync::Mutex;

/// Refuses changes a user namespace cannot have (teams, default permissions).
pub fn check_changes(t: &Target, changes: &[Change]) -> Result<(), AppError> {
    crate::quay::ids::check_bulk_len("changes", changes.len())?;
    if t.is_user {
        if let Some(c) = changes.iter().find(|c| c.needs_organization()) {
            return Err(AppError::invalid(format!(
                "{} is a user namespace: it has no teams or default permissions, so \"{}\" cannot be applied.",
                t.namespace,
                crate::iac::render::describe(&t.namespace, c)
            )));
        }
    }
    Ok(())
}

/// One apply run: which robots it creates, and which of them exist by now.
pub struct Apply {
    target: Target,
    to_create: HashSet<RobotShort>,
    created: Mutex<HashSet<RobotShort>>,
}

fn skipped(reason: &str) -> Outcome {
    Outcome::Skipped {
        reason: reason.into(),
    }
}

impl Apply {
    pub fn new(target: Target, changes: &[Change]) -> Apply {
        Apply {
            target,
            to_create: changes
                .iter()
                .filter_map(|c| match c {
                    Change::CreateRobot { robot, .. } => Some(robot.clone()),
                    _ => None,
                })
                .collect(),
            created: Mutex::new(HashSet::new()),
        }
    }

    fn created(&self, robot: &RobotShort) {
        self.created
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(robot.clone());
    }

    /// Runs one change once (the bulk engine retries timeouts and 5xx).
    pub async fn change(&self, change: &Change) -> Result<Outcome, AppError> {
        let t = &self.target;
        let robot = change.robot();
        let full = t.robot(robot);
        let is_create = matches!(change, Change::CreateRobot { .. });
        if !is_create
            && self.to_create.contains(robot)
            && !self
                .created
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .contains(robot)
        {
            return Ok(Outcome::Failed {
                status: 424,
                message: format!("Not attempted: the robot account {full} could not be created."),
            });
        }
        let (quay, token, ns, scope) = (&t.quay, t.token.as_str(), &t.namespace, t.scope());
        match change {
            Change::CreateRobot { description, .. } => {
                match quay.create_robot(token, &scope, robot, description).await {
                    // The answer holds the new token: dropped here, unread.
                    Ok(_) => {
                        self.created(robot);
                        Ok(Outcome::Done)
                    }
                    Err(e)
                        if e.status == 400 && e.message.starts_with("Existing robot with name") =>
                    {
                        self.created(robot);
                        Ok(skipped("The robot account already exists."))
                    }
                    Err(e) => Err(e),
                }
            }
            Change::DeleteRobot { .. } => match quay.delete_robot(token, &scope, robot).await {
                Err(e) if e.kind == ErrorKind::NotFound => {
                    Ok(skipped("The robot account was already deleted."))
                }
                r => r.map(|_| Outcome::Done),
            },
            Change::GrantPermission {
                repository, role, ..
            }
            | Change::ChangePermission {
                repository,
                to: role,
                ..
            } => quay
                .set_repo_permission(token, ns, repository, &full, role.as_str())
                .await
                .map(|_| Outcome::Done),
            Change::RevokePermission { repository, .. } => {
                match quay
                    .delete_repo_permission(token, ns, repository, &full)
                    .await
                {
                    Err(e) if crate::permissions::delete_already_done(e.status, &e.message) => {
                        Ok(skipped("The permission was already removed."))
                    }
                    r => r.map(|_| Outcome::Done),
                }
            }
            Change::AddTeamMember { team, .. } => quay
                .add_team_member(token, ns, team, &full)
                .await
                .map(|_| Outcome::Done),
            Change::RemoveTeamMember { team, .. } => {
                match quay.remove_team_member(token, ns, team, &full).await {
                    Err(e) if e.message.to_ascii_lowercase().contains("not a member") => {
                        Ok(skipped("The robot account was not a member any more."))
                    }
                    r => r.map(|_| Outcome::Done),
                }
            }
            Change::SetFederation { entries, .. } => quay
                .set_federation(token, &scope, robot, entries)
                .await
                .map(|_| Outcome::Done),
            Change::ClearFederation { .. } => quay
                .delete_federation(token, &scope, robot)
                .await
                .map(|_| Outcome::Done),
            Change::AddDefaultPermission {
                activating_user,
                role,
                ..
            }
            | Change::ChangeDefaultPermission {
                activating_user,
                to: role,
                ..
            } => {
                self.default_permission(robot, activating_user, Some(*role))
                    .await
            }
            Change::RemoveDefaultPermission {
                activating_user, ..
            } => self.default_permission(robot, activating_user, None).await,
        }
    }

    /// Makes the robot's default permission for `activating_user` be `role` (None: gone).
    /// Looked up by robot and activating user at the time it runs, so it is safe to repeat
    /// and needs no id from the page.
    async fn default_permission(
        &self,
        robot: &RobotShort,
        activating_user: &Option<Namespace>,
        role: Option<Role>,
    ) -> Result<Outcome, AppError> {
        let t = &self.target;
        let (quay, token, org) = (&t.quay, t.token.as_str(), &t.namespace);
        let full = t.robot(robot);
        let who = activating_user.as_ref().map(|u| u.as_str());
        let mine: Vec<_> = quay
            .prototypes(token, org)
            .await?
            .into_iter()
            .filter(|p| {
                p.delegate.is_robot
                    && p.delegate.name == full.as_str()
                    && p.activating_user.as_ref().map(|u| u.name.as_str()) == who
            })
            .collect();
        match (role, mine.first()) {
            (Some(r), Some(p)) if Role::from_quay(&p.role) == Some(r) => {
                Ok(skipped("The default permission was already in place."))
            }
            (Some(r), Some(p)) => quay
                .set_prototype_role(token, org, &p.id, r.as_str())
                .await
                .map(|_| Outcome::Done),
            (Some(r), None) => quay
                .create_prototype(token, org, &full, activating_user.as_ref(), r.as_str())
                .await
                .map(|_| Outcome::Done),
            (None, None) => Ok(skipped("The default permission was already removed.")),
            (None, Some(_)) => {
                for p in &mine {
                    match quay.delete_prototype(token, org, &p.id).await {
                        Err(e) if e.kind == ErrorKind::NotFound => {}
                        r => r?,
                    }
                }
                Ok(Outcome::Done)
            }
        }
    }
}
