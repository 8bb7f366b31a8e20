//! Reading a namespace's live robot setup from Quay, as a `RobotsFile` (what export prints and
//! plan compares with), plus the teams and repositories that exist (what the file may name).
//! Shared by the server functions and the CLI.

use crate::bulk::RetryPolicy;
use crate::error::AppError;
use crate::iac::format::{sorted_federation, DefaultKey, RobotSpec, RobotsFile, Role};
use crate::quay::client::{QuayClient, RobotScope};
use crate::quay::ids::{Namespace, RepoName, RobotName, RobotShort, TeamName};
use crate::server::bulk::with_retries;
use futures::StreamExt;
use std::collections::BTreeSet;

/// Who acts on which namespace: the Quay client, the caller's token, and whether the
/// namespace is the caller's own user namespace (no teams, no default permissions there).
#[derive(Clone)]
pub struct Target {
    pub quay: QuayClient,
    pub token: String,
    pub namespace: Namespace,
    pub is_user: bool,
}

impl Target {
    pub fn scope(&self) -> RobotScope {
        if self.is_user {
            RobotScope::User
        } else {
            RobotScope::Org(self.namespace.clone())
        }
    }

    pub fn robot(&self, short: &RobotShort) -> RobotName {
        RobotName::new(&self.namespace, short)
    }

    /// The namespace as the signed-in caller of a server function sees it.
    pub fn of(auth: &crate::server::ssr::Auth, namespace: Namespace) -> Target {
        Target {
            is_user: auth.is_user_namespace(&namespace),
            quay: auth.state.quay.clone(),
            token: auth.token.clone(),
            namespace,
        }
    }

    /// For the CLI: asks Quay who the token belongs to (`GET /api/v1/user/`).
    pub async fn connect(
        quay: QuayClient,
        token: String,
        namespace: Namespace,
    ) -> Result<Target, AppError> {
        let user = quay.current_user(&token).await?;
        Ok(Target {
            is_user: user.username == namespace.as_str(),
            quay,
            token,
            namespace,
        })
    }
}

/// The live state and what the namespace has.
pub struct Live {
    pub file: RobotsFile,
    pub teams: BTreeSet<TeamName>,
    pub repositories: BTreeSet<RepoName>,
    /// What Quay has that the format cannot hold (it is left alone, and said so).
    pub warnings: Vec<String>,
}

/// Reads everything: the robots (with teams), each robot's permissions and federation (at most
/// `concurrency` robots at once, timeouts and 5xx retried), the organization's teams and
/// default permissions, and the repositories.
pub async fn read(t: &Target, concurrency: usize) -> Result<Live, AppError> {
    let policy = RetryPolicy::default();
    let (quay, token, ns) = (&t.quay, t.token.as_str(), &t.namespace);
    let scope = t.scope();
    let robots = with_retries(policy, || quay.robots(token, &scope, true));
    let repos = with_retries(policy, || quay.repositories(token, ns));
    let (robots, repos) = tokio::join!(robots, repos);
    let mut warnings = Vec::new();
    let mut file = RobotsFile::empty(ns.clone());
    let mut listed = Vec::new();
    for r in robots? {
        let Ok(name) = RobotName::parse(&r.name) else {
            warnings.push(format!(
                "Quay lists a robot named '{}' that the console cannot handle; it is left alone.",
                crate::quay::ids::shown(&r.name)
            ));
            continue;
        };
        let Ok(short) = name.in_namespace(ns) else {
            continue;
        };
        let mut spec = RobotSpec {
            description: crate::quay::ids::Description::parse(
                r.description.as_deref().unwrap_or(""),
            )
            .unwrap_or_default(),
            ..RobotSpec::default()
        };
        for team in r.teams.unwrap_or_default() {
            if let Ok(team) = TeamName::parse(&team.name) {
                spec.teams.insert(team);
            }
        }
        listed.push((short.clone(), spec));
    }
    let details = futures::stream::iter(listed)
        .map(|(short, spec)| {
            let scope = scope.clone();
            async move {
                let perms = with_retries(policy, || quay.robot_permissions(token, &scope, &short));
                let fed = with_retries(policy, || quay.federation(token, &scope, &short));
                let (perms, fed) = tokio::join!(perms, fed);
                (short, spec, perms, fed)
            }
        })
        .buffer_unordered(concurrency.max(1))
        .collect::<Vec<_>>()
        .await;
    for (short, mut spec, perms, fed) in details {
        for p in perms? {
            match (RepoName::parse(&p.repository.name), Role::from_quay(&p.role)) {
                (Ok(repo), Some(role)) => {
                    spec.repositories.insert(repo, role);
                }
                _ => warnings.push(format!(
                    "{ns}+{short}: Quay reports the permission '{}' on '{}', which the console cannot handle; it is left alone.",
                    crate::quay::ids::shown(&p.role),
                    crate::quay::ids::shown(&p.repository.name)
                )),
            }
        }
        spec.federation = sorted_federation(&fed?);
        file.robots.insert(short, spec);
    }
    let mut teams = BTreeSet::new();
    if !t.is_user {
        let org = with_retries(policy, || quay.organization(token, ns));
        let protos = with_retries(policy, || quay.prototypes(token, ns));
        let (org, protos) = tokio::join!(org, protos);
        teams = org?
            .teams
            .unwrap_or_default()
            .into_keys()
            .filter_map(|n| TeamName::parse(&n).ok())
            .collect();
        for p in protos? {
            let robot = p
                .delegate
                .is_robot
                .then(|| RobotName::parse(&p.delegate.name).ok())
                .flatten()
                .and_then(|r| r.in_namespace(ns).ok());
            let Some(robot) = robot else {
                continue; // A team's or a user's default permission: not a robot's business.
            };
            let activating_user = match &p.activating_user {
                None => None,
                Some(u) => match Namespace::parse(&u.name) {
                    Ok(u) => Some(u),
                    Err(_) => continue,
                },
            };
            let Some(role) = Role::from_quay(&p.role) else {
                continue;
            };
            let key = DefaultKey {
                robot,
                activating_user,
            };
            if file.default_permissions.contains_key(&key) {
                warnings.push(format!(
                    "{ns} has more than one default permission for {ns}+{} on {}; only the first is managed here, remove the others in Quay.",
                    key.robot,
                    key.activating_user.as_ref().map_or("repositories created by anyone".to_string(), |u| format!("repositories created by {u}"))
                ));
                continue;
            }
            file.default_permissions.insert(key, role);
        }
    }
    // A default permission of a robot the list did not show (a race) is not managed.
    let known: BTreeSet<RobotShort> = file.robots.keys().cloned().collect();
    file.default_permissions
        .retain(|k, _| known.contains(&k.robot));
    Ok(Live {
        file,
        teams,
        repositories: repos?
            .into_iter()
            .filter_map(|r| RepoName::parse(&r.name).ok())
            .collect(),
        warnings,
    })
}
