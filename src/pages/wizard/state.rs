//! What the wizard holds: the user's choices (kept while moving between steps and after a refused
//! create) and the namespace's teams and repositories.

use crate::error::AppError;
use crate::permissions::{Perm, PermMap, RepoRow};
use crate::quay::ids::{Description, InputError, Namespace, RobotShort, TeamName};
use crate::server::permissions::namespace_repositories;
use crate::server::robots::{org_teams, TeamSummary};
use crate::wizard::WizardPlan;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Everything the user chose, and the namespace's teams and repositories.
#[derive(Clone, Copy)]
pub struct WizardState {
    pub namespace: StoredValue<Namespace>,
    pub is_user: bool,
    pub name: RwSignal<String>,
    pub description: RwSignal<String>,
    pub teams: RwSignal<BTreeSet<TeamName>>,
    pub repos: RwSignal<PermMap>,
    pub default_perm: RwSignal<Perm>,
    pub team_list: crate::json::PageResource<Result<Vec<TeamSummary>, AppError>>,
    /// Teams created in the drawer since the list was loaded.
    pub new_teams: RwSignal<Vec<TeamSummary>>,
    pub repo_list: crate::json::PageResource<Result<Vec<RepoRow>, AppError>>,
}

impl WizardState {
    pub fn new(namespace: Namespace, is_user: bool) -> Self {
        let ns = StoredValue::new(namespace);
        Self {
            namespace: ns,
            is_user,
            name: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            teams: RwSignal::new(BTreeSet::new()),
            repos: RwSignal::new(PermMap::new()),
            default_perm: RwSignal::new(Perm::None),
            team_list: crate::json::page_resource(|| (), move |_| org_teams(ns.get_value())),
            new_teams: RwSignal::new(Vec::new()),
            repo_list: crate::json::page_resource(
                || (),
                move |_| namespace_repositories(ns.get_value()),
            ),
        }
    }

    pub fn name_valid(&self) -> bool {
        self.name.with(|n| RobotShort::parse(n).is_ok())
    }

    /// The organization's teams (loaded, plus the ones created here); None while loading.
    pub fn all_teams(&self) -> Option<Result<Vec<TeamSummary>, AppError>> {
        self.team_list.get().map(|r| {
            r.map(|mut teams| {
                for t in self.new_teams.get() {
                    if !teams.iter().any(|x| x.name == t.name) {
                        teams.push(t);
                    }
                }
                teams
            })
        })
    }

    /// Whether closing now would lose something the user entered.
    pub fn is_dirty(&self) -> bool {
        !self.name.with_untracked(String::is_empty)
            || !self.description.with_untracked(String::is_empty)
            || !self.teams.with_untracked(BTreeSet::is_empty)
            || !self.repos.with_untracked(PermMap::is_empty)
            || self.default_perm.get_untracked() != Perm::None
    }

    /// What to send; refused (with the field's message) while the name or description is not
    /// one Quay would accept.
    pub fn plan(&self) -> Result<WizardPlan, InputError> {
        Ok(WizardPlan {
            short: self.name.with_untracked(|n| RobotShort::parse(n))?,
            description: self.description.with_untracked(|d| Description::parse(d))?,
            repos: self.repos.get_untracked(),
            teams: self.teams.get_untracked().into_iter().collect(),
            default_perm: self.default_perm.get_untracked(),
        })
    }
}
