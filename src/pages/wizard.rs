//! Create robot account wizard (spec §2): five steps for an organization, three for a user
//! namespace. The nav steps can be visited in any order; only submitting needs a valid name, and
//! "Review and Finish" submits from step 1 or from the last step. What the user entered lives
//! here, so it survives moving between steps and a refused create.

mod name_step;
mod result;
mod review_step;
mod team_drawer;
mod teams_step;

use crate::components::alert::DangerAlert;
use crate::components::modal::{Modal, ModalSize};
use crate::components::spinner::Loading;
use crate::components::toast::use_toasts;
use crate::error::AppError;
use crate::permissions::{Perm, PermMap, RepoRow};
use crate::quay::names::check_robot_name;
use crate::server::permissions::namespace_repositories;
use crate::server::robots::{org_teams, TeamSummary};
use crate::server::wizard::wizard_create_robot;
use crate::wizard::{
    create_error_text, created_text, failed_steps, CreateResult, WizardPlan, WizardStep,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeSet;

/// Everything the user chose, and the namespace's teams and repositories.
#[derive(Clone, Copy)]
pub struct WizardState {
    pub namespace: StoredValue<String>,
    pub is_user: bool,
    pub name: RwSignal<String>,
    pub description: RwSignal<String>,
    pub teams: RwSignal<BTreeSet<String>>,
    pub repos: RwSignal<PermMap>,
    pub default_perm: RwSignal<Perm>,
    pub team_list: Resource<Result<Vec<TeamSummary>, AppError>>,
    /// Teams created in the drawer since the list was loaded.
    pub new_teams: RwSignal<Vec<TeamSummary>>,
    pub repo_list: Resource<Result<Vec<RepoRow>, AppError>>,
}

impl WizardState {
    fn new(namespace: String, is_user: bool) -> Self {
        let ns = StoredValue::new(namespace);
        Self {
            namespace: ns,
            is_user,
            name: RwSignal::new(String::new()),
            description: RwSignal::new(String::new()),
            teams: RwSignal::new(BTreeSet::new()),
            repos: RwSignal::new(PermMap::new()),
            default_perm: RwSignal::new(Perm::None),
            team_list: Resource::new(|| (), move |_| org_teams(ns.get_value())),
            new_teams: RwSignal::new(Vec::new()),
            repo_list: Resource::new(|| (), move |_| namespace_repositories(ns.get_value())),
        }
    }

    pub fn name_valid(&self) -> bool {
        self.name.with(|n| check_robot_name(n).is_ok())
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

    fn plan(&self) -> WizardPlan {
        WizardPlan {
            short: self.name.get_untracked(),
            description: self.description.get_untracked(),
            repos: self.repos.get_untracked(),
            teams: self.teams.get_untracked().into_iter().collect(),
            default_perm: self.default_perm.get_untracked(),
        }
    }
}

#[component]
pub fn CreateRobotWizard(
    namespace: String,
    is_user: bool,
    #[prop(into)] on_close: Callback<()>,
    #[prop(into)] on_changed: Callback<()>,
) -> impl IntoView {
    let state = WizardState::new(namespace, is_user);
    let steps = WizardStep::all(is_user);
    let current = RwSignal::new(0usize);
    let drawer_open = RwSignal::new(false);
    let submitting = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let result = RwSignal::new(None::<CreateResult>);
    let toasts = use_toasts();
    let submit = Callback::new(move |_: ()| {
        if !state.name_valid() || submitting.get_untracked() {
            return;
        }
        submitting.set(true);
        error.set(None);
        let plan = state.plan();
        spawn_local(async move {
            match wizard_create_robot(state.namespace.get_value(), plan).await {
                Err(e) => {
                    let text = create_error_text(&e.message);
                    toasts.danger(text.clone(), None);
                    error.try_set(Some(text));
                }
                Ok(r) => {
                    toasts.success(created_text(&r.name));
                    on_changed.run(());
                    if failed_steps(&r.outcomes).is_empty() {
                        on_close.run(());
                        return;
                    }
                    result.try_set(Some(r));
                }
            }
            submitting.try_set(false);
        });
    });
    let step_view = move || {
        let step = steps[current.get().min(steps.len() - 1)];
        match step {
            WizardStep::Name => view! { <name_step::NameStep state on_enter=submit /> }.into_any(),
            WizardStep::Teams => view! { <teams_step::TeamsStep state drawer_open /> }.into_any(),
            WizardStep::Repositories => view! { <RepositoriesStep state /> }.into_any(),
            WizardStep::DefaultPermissions => view! { <DefaultPermissionStep state /> }.into_any(),
            WizardStep::Review => view! { <review_step::ReviewStep state /> }.into_any(),
        }
    };
    let body = move || {
        if let Some(r) = result.get() {
            return view! { <result::FollowUpResults state result=r on_close on_changed /> }
                .into_any();
        }
        view! {
            <div class="pf-v6-c-wizard rc-wizard">
                <div class="pf-v6-c-wizard__outer-wrap">
                    <div class="pf-v6-c-wizard__inner-wrap">
                        <WizardNav steps current disabled=submitting.into() />
                        <main class="pf-v6-c-wizard__main">
                            <div class="pf-v6-c-wizard__main-body">
                                {move || error.get().map(|m| view! { <DangerAlert title=m message="Nothing you entered was lost: correct it and submit again." /> })}
                                {step_view}
                                <Show when=move || submitting.get()>
                                    <div class="rc-wizard__creating" data-testid="wizard-creating">
                                        <Loading />
                                        <p>{move || creating_text(&state)}</p>
                                    </div>
                                </Show>
                            </div>
                        </main>
                    </div>
                    <Show when=move || !drawer_open.get()>
                        <WizardFooter state steps current submitting submit on_close />
                    </Show>
                </div>
            </div>
        }
        .into_any()
    };
    view! {
        <Modal
            title="Create robot account (organization/namespace)"
            id="create-robot-account-modal"
            aria_label="CreateRobotAccount"
            description="Robot Accounts are named tokens that can be granted permissions on multiple repositories under this organization."
            size=ModalSize::Large
            on_close
        >
            {body}
        </Modal>
    }
}

/// `Creating robot account acme+bot, then 5 follow-up steps…`
fn creating_text(state: &WizardState) -> String {
    let n = state.plan().follow_ups(state.is_user).len();
    let name = format!(
        "{}+{}",
        state.namespace.get_value(),
        state.name.get_untracked()
    );
    match n {
        0 => format!("Creating robot account {name}…"),
        1 => format!("Creating robot account {name}, then 1 follow-up step…"),
        n => format!("Creating robot account {name}, then {n} follow-up steps…"),
    }
}

#[component]
fn WizardNav(
    steps: &'static [WizardStep],
    current: RwSignal<usize>,
    disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <nav class="pf-v6-c-wizard__nav pf-m-expanded" aria-label="Steps">
            <ol class="pf-v6-c-wizard__nav-list">
                {steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let is_current = move || current.get() == i;
                        view! {
                            <li class="pf-v6-c-wizard__nav-item">
                                <button
                                    type="button"
                                    class=move || {
                                        if is_current() { "pf-v6-c-wizard__nav-link pf-m-current" } else { "pf-v6-c-wizard__nav-link" }
                                    }
                                    aria-current=move || is_current().then_some("step")
                                    disabled=move || disabled.get()
                                    on:click=move |_| current.set(i)
                                >
                                    <span class="pf-v6-c-wizard__nav-link-main">{s.title()}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

#[component]
fn WizardFooter(
    state: WizardState,
    steps: &'static [WizardStep],
    current: RwSignal<usize>,
    submitting: RwSignal<bool>,
    submit: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let last = steps.len() - 1;
    let at_last = move || current.get() >= last;
    let can_submit = move || state.name_valid() && !submitting.get();
    view! {
        <footer class="pf-v6-c-wizard__footer">
            <div class="pf-v6-c-action-list">
            <div class="pf-v6-c-action-list__group">
            <Show when=move || !at_last()>
                <button class="pf-v6-c-button pf-m-primary" type="button" data-testid="next-btn" on:click=move |_| current.update(|c| *c = (*c + 1).min(last))>
                    "Next"
                </button>
            </Show>
            <Show when=move || { current.get() > 0 }>
                <button class="pf-v6-c-button pf-m-secondary" type="button" data-testid="back-btn" on:click=move |_| current.update(|c| *c = c.saturating_sub(1))>
                    "Back"
                </button>
            </Show>
            <Show when=move || current.get() == 0 || at_last()>
                <button
                    class=move || if at_last() { "pf-v6-c-button pf-m-primary" } else { "pf-v6-c-button pf-m-secondary" }
                    type="button"
                    id="create-robot-submit"
                    data-testid="create-robot-submit"
                    disabled=move || !can_submit()
                    title=move || (!state.name_valid()).then_some("Enter a valid robot name first")
                    on:click=move |_| submit.run(())
                >
                    "Review and Finish"
                </button>
            </Show>
            </div>
            <div class="pf-v6-c-action-list__group">
                <button class="pf-v6-c-button pf-m-link" type="button" id="create-robot-cancel" data-testid="create-robot-cancel" on:click=move |_| on_close.run(())>
                    "Cancel"
                </button>
            </div>
            </div>
        </footer>
    }
}

/// "Add to repository (optional)": the Set repository permissions table, in wizard mode.
#[component]
fn RepositoriesStep(state: WizardState) -> impl IntoView {
    use crate::pages::permissions::table::RepoPermissionTable;
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match state.repo_list.await {
                    Err(e) => view! { <DangerAlert title="Unable to fetch repositories" message=e.message /> }.into_any(),
                    Ok(repos) => view! { <RepoPermissionTable repos selection=state.repos /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Default permissions (optional)": a rule for repositories created later.
#[component]
fn DefaultPermissionStep(state: WizardState) -> impl IntoView {
    use crate::pages::permissions::dropdown::PermissionDropdown;
    view! {
        <h1 class="pf-v6-c-title pf-m-xl">"Default permissions (Optional)"</h1>
        <div class="pf-v6-c-content rc-wizard__text">
            <p>"The Default permissions panel defines permissions that should be granted automatically to a repository when it is created, in addition to the default of the repository's creator."</p>
            <p>"Permissions are assigned based on the user who created the repository."</p>
            <p>
                "Note: Permissions added here do not automatically get added to existing repositories. "
                "The rule applies to repositories created by anyone in this organization; to grant access to existing repositories, use the previous step."
            </p>
        </div>
        <div class="pf-v6-c-form rc-wizard__form">
            <div class="pf-v6-c-form__group">
                <label class="pf-v6-c-form__label" for="applied-to-input">
                    <span class="pf-v6-c-form__label-text">"Applied To"</span>
                    <span class="pf-v6-c-form__label-required" aria-hidden="true">" *"</span>
                </label>
                <span class="pf-v6-c-form-control pf-m-disabled">
                    <input id="applied-to-input" data-testid="applied-to-input" type="text" disabled prop:value=move || state.name.get() />
                </span>
            </div>
            <div class="pf-v6-c-form__group">
                <span class="pf-v6-c-form__label"><span class="pf-v6-c-form__label-text">"Permission"</span></span>
                <PermissionDropdown repo="default" value=state.default_perm on_select=move |p| state.default_perm.set(p) />
            </div>
        </div>
    }
}
