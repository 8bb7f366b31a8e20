//! The namespaces the signed-in user can open: their own and their organizations.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamespaceSummary {
    pub name: String,
    pub is_user: bool,
    pub standing: crate::standing::Standing,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamespaceList {
    pub username: String,
    /// The user's own namespace first, then organizations by name.
    pub namespaces: Vec<NamespaceSummary>,
    /// Superuser rights are in use: organizations the user is not a member of are listed too.
    pub superuser: bool,
}

#[server(endpoint = "list_namespaces", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn list_namespaces() -> Result<NamespaceList, AppError> {
    use crate::standing::Standing;
    let auth = crate::server::ssr::auth().await?;
    let quay = &auth.state.quay;
    let user = quay.current_user(&auth.token).await?;
    let mut orgs: Vec<NamespaceSummary> = user
        .organizations
        .iter()
        .map(|o| NamespaceSummary {
            name: o.name.clone(),
            is_user: false,
            standing: if o.is_org_admin {
                Standing::Admin
            } else if user.super_user {
                Standing::Superuser
            } else {
                Standing::Member {
                    admin_teams: Vec::new(),
                }
            },
        })
        .collect();
    // A superuser (with the `super:user` scope) may open every organization.
    if user.super_user {
        for ns in quay.superuser_organizations(&auth.token).await? {
            if !orgs.iter().any(|o| o.name == ns.as_str()) {
                orgs.push(NamespaceSummary {
                    name: ns.to_string(),
                    is_user: false,
                    standing: Standing::Superuser,
                });
            }
        }
    }
    orgs.sort_by(|a, b| a.name.cmp(&b.name));
    let mut namespaces = vec![NamespaceSummary {
        name: user.username.clone(),
        is_user: true,
        standing: Standing::Own,
    }];
    namespaces.extend(orgs);
    Ok(NamespaceList {
        username: user.username,
        namespaces,
        superuser: user.super_user,
    })
}

crate::json::from_json_struct! {
    NamespaceSummary { name, is_user, standing }
    NamespaceList { username, namespaces, superuser }
}
