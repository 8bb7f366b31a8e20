//! Server helpers of the access report: reading the plan and running one fetch (one attempt;
//! the bulk engine retries). Also used in-process by `examples/bench_access.rs`.

use crate::access::{AccessPlan, Fetch, Fetched, RepoGrant, RepoInfo, TeamInfo};
use crate::error::AppError;
use crate::permissions::Perm;
use crate::quay::client::{QuayClient, RobotScope};
use crate::quay::ids::{Namespace, RepoName, TeamName};
use crate::quay::model::RobotPermission;

/// The plan of `ns` for one who manages it. Only they see its robots' permissions (a plain
/// member gets robot names only from Quay): others are refused early, with the robots tab's
/// words, while the plan loads.
pub async fn managed_plan(
    auth: &crate::server::ssr::Auth,
    ns: &Namespace,
) -> Result<AccessPlan, AppError> {
    let is_user = auth.is_user_namespace(ns);
    let (allowed, plan) = tokio::join!(
        crate::server::ssr::ensure_manage(auth, ns),
        plan(&auth.state.quay, &auth.token, ns, is_user)
    );
    allowed?;
    plan
}

/// The robots (`permissions=true`, for their teams) and, for an organization, its teams. The
/// robots list is required; without the organization view the teams still come from the robots'
/// memberships, but their organization roles are unknown (and said so).
pub async fn plan(
    quay: &QuayClient,
    token: &str,
    ns: &Namespace,
    is_user: bool,
) -> Result<AccessPlan, AppError> {
    let scope = if is_user {
        RobotScope::User
    } else {
        RobotScope::Org(ns.clone())
    };
    let (robots, org) = if is_user {
        (quay.robots(token, &scope, true).await, None)
    } else {
        let (r, o) = tokio::join!(
            quay.robots(token, &scope, true),
            quay.organization(token, ns)
        );
        (r, Some(o))
    };
    let robots: Vec<_> = robots?
        .into_iter()
        .filter_map(crate::server::robots::to_row)
        .collect();
    let mut warnings = Vec::new();
    let mut teams = Vec::new();
    match org {
        None => {}
        Some(Err(e)) => warnings.push(format!(
            "Could not read the teams of {ns} ({}); team grants still count, but teams with the organization's admin role are not recognised.",
            e.message.trim_end_matches('.')
        )),
        Some(Ok(o)) => {
            let mut map = o.teams.unwrap_or_default();
            let order = o
                .ordered_teams
                .unwrap_or_else(|| map.keys().cloned().collect());
            for name in order {
                if let Some(t) = map.remove(&name) {
                    if let Ok(name) = TeamName::parse(&t.name) {
                        teams.push(TeamInfo { name, role: t.role });
                    }
                }
            }
        }
    }
    Ok(AccessPlan {
        namespace: ns.clone(),
        is_user,
        robots,
        teams,
        generated_at: crate::robot_list::now_epoch(),
        warnings,
    })
}

/// Refuses robots of another namespace and teams of a user namespace; drops repeats.
pub fn checked(ns: &Namespace, is_user: bool, fetches: Vec<Fetch>) -> Result<Vec<Fetch>, AppError> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for f in fetches {
        match &f {
            Fetch::Robot(r) => {
                r.in_namespace(ns)?;
            }
            Fetch::Team(_) if is_user => {
                return Err(AppError::invalid(
                    "Teams exist only in organizations; a user namespace has none.",
                ))
            }
            _ => {}
        }
        if seen.insert(f.clone()) {
            out.push(f);
        }
    }
    Ok(out)
}

fn grants(list: Vec<RobotPermission>) -> Vec<RepoGrant> {
    list.into_iter()
        .filter_map(|p| {
            Some(RepoGrant {
                repo: RepoName::parse(&p.repository.name).ok()?,
                perm: Perm::from_role(&p.role),
            })
        })
        .filter(|g| g.perm != Perm::None)
        .collect()
}

/// One fetch, once.
pub async fn fetch_one(
    quay: &QuayClient,
    token: &str,
    scope: &RobotScope,
    ns: &Namespace,
    f: &Fetch,
) -> Result<Fetched, AppError> {
    match f {
        Fetch::Repositories => {
            let repositories = quay
                .repositories(token, ns)
                .await?
                .into_iter()
                .filter_map(|r| {
                    Some(RepoInfo {
                        name: RepoName::parse(&r.name).ok()?,
                        is_public: r.is_public,
                    })
                })
                .collect();
            Ok(Fetched::Repositories { repositories })
        }
        Fetch::Robot(robot) => {
            let short = robot.short();
            let (perms, federation) = tokio::join!(
                quay.robot_permissions(token, scope, &short),
                quay.federation(token, scope, &short)
            );
            Ok(Fetched::Robot {
                grants: grants(perms?),
                federated: !federation?.is_empty(),
            })
        }
        Fetch::Team(team) => Ok(Fetched::Team {
            grants: grants(quay.team_permissions(token, ns, team).await?),
        }),
    }
}
