//! QuayClient endpoints: what a superuser (token with `super:user`) can list.

use super::{query_value, too_many_pages, QuayClient, MAX_PAGES};
use crate::error::AppError;
use crate::quay::ids::Namespace;
use reqwest::Method;
use serde::Deserialize;

#[derive(Deserialize)]
struct OrgName {
    name: String,
}

#[derive(Deserialize)]
struct OrgPage {
    organizations: Vec<OrgName>,
    #[serde(default)]
    next_page: Option<String>,
}

impl QuayClient {
    /// Every organization's name (`GET /api/v1/superuser/organizations/`, following
    /// `next_page`). Names that are not valid namespaces are left out.
    pub async fn superuser_organizations(&self, token: &str) -> Result<Vec<Namespace>, AppError> {
        let mut out = Vec::new();
        let mut next: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut path = "/api/v1/superuser/organizations/?limit=100".to_string();
            if let Some(n) = &next {
                path.push_str("&next_page=");
                path.push_str(&query_value(n));
            }
            let page: OrgPage = self.call(Some(token), Method::GET, &path, None).await?;
            out.extend(
                page.organizations
                    .into_iter()
                    .filter_map(|o| Namespace::parse(&o.name).ok()),
            );
            match page.next_page {
                Some(n) if !n.is_empty() => next = Some(n),
                _ => return Ok(out),
            }
        }
        Err(too_many_pages(
            "organizations",
            &Namespace::parse("superuser").expect("a valid name"),
        ))
    }
}
