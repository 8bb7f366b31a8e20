//! The namespaces the signed-in user can open: their own and their organizations.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamespaceSummary {
    pub name: String,
    pub is_user: bool,
    pub is_admin: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamespaceList {
    pub username: String,
    /// The user's own namespace first, then organizations by name.
    pub namespaces: Vec<NamespaceSummary>,
}

#[server(endpoint = "list_namespaces", client = crate::csrf::CsrfClient)]
pub async fn list_namespaces() -> Result<NamespaceList, AppError> {
    let auth = crate::server::ssr::auth().await?;
    let user = auth.state.quay.current_user(&auth.token).await?;
    let mut orgs: Vec<NamespaceSummary> = user
        .organizations
        .iter()
        .map(|o| NamespaceSummary {
            name: o.name.clone(),
            is_user: false,
            is_admin: o.is_org_admin,
        })
        .collect();
    orgs.sort_by(|a, b| a.name.cmp(&b.name));
    let mut namespaces = vec![NamespaceSummary {
        name: user.username.clone(),
        is_user: true,
        is_admin: true,
    }];
    namespaces.extend(orgs);
    Ok(NamespaceList {
        username: user.username,
        namespaces,
    })
}
