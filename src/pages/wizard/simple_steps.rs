//! The two steps with little of their own: "Add to repository (optional)" (the Set repository
//! permissions table in wizard mode) and "Default permissions (optional)".

use super::WizardState;
use crate::components::alert::DangerAlert;
use crate::components::spinner::Loading;
use leptos::prelude::*;

/// "Add to repository (optional)": the Set repository permissions table, in wizard mode.
#[component]
pub fn RepositoriesStep(state: WizardState) -> impl IntoView {
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
pub fn DefaultPermissionStep(state: WizardState) -> impl IntoView {
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
