//! The Organizations page: the user's own namespace and organizations.

use crate::components::spinner::Loading;
use crate::components::table::TableHead;
use crate::server::namespaces::list_namespaces;
use leptos::prelude::*;

#[component]
pub fn OrganizationsPage() -> impl IntoView {
    let namespaces = crate::json::page_resource(|| (), |_| list_namespaces());
    view! {
        <section class="pf-v6-c-page__main-section">
            <h1 class="pf-v6-c-title pf-m-2xl">"Organizations"</h1>
            <p class="rc-subtitle">"Pick a namespace to manage its robot accounts."</p>
        </section>
        <section class="pf-v6-c-page__main-section">
            <Suspense fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match namespaces.await {
                        Err(e) => {
                            super::load_error_with_retry(
                                "Failed to fetch organizations",
                                "Unable to fetch organizations",
                                e,
                                Callback::new(move |_| namespaces.refetch()),
                            )
                        }
                        Ok(list) => {
                            let note = list.superuser.then(|| view! {
                                <div class="pf-v6-c-alert pf-m-info pf-m-inline" data-testid="superuser-note">
                                    <p class="pf-v6-c-alert__title">
                                        "Superuser rights are in use: organizations you are not a member of are listed, and you can manage their robot accounts."
                                    </p>
                                </div>
                            });
                            view! {
                                {note}
                                <table
                                    class="pf-v6-c-table pf-m-grid-md pf-m-compact"
                                    id="organizations-table"
                                    aria-label="Organizations"
                                >
                                    <TableHead columns=&["Name", "Kind", "Your role"] />
                                    <tbody class="pf-v6-c-table__tbody">
                                        {list
                                            .namespaces
                                            .into_iter()
                                            .map(|n| {
                                                let href = format!(
                                                    "/organization/{}?tab=Robotaccounts",
                                                    n.name,
                                                );
                                                let testid = format!("ns-{}", n.name);
                                                let role_testid = format!("role-{}", n.name);
                                                view! {
                                                    <tr class="pf-v6-c-table__tr" data-testid=testid>
                                                        <td class="pf-v6-c-table__td" data-label="Name">
                                                            <a href=href>{n.name.clone()}</a>
                                                        </td>
                                                        <td class="pf-v6-c-table__td" data-label="Kind">
                                                            {if n.is_user { "Your namespace" } else { "Organization" }}
                                                        </td>
                                                        <td class="pf-v6-c-table__td" data-label="Your role" data-testid=role_testid>
                                                            {n.standing.role_label()}
                                                        </td>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
