//! OAuth applications configured at start (`--oauth-app`): created, or updated to the configured
//! secret, redirect URI and name, on every start.

use rusqlite::{params, Connection};

use crate::store;
use crate::OAuthAppConfig;

pub const DEFAULT_NAME: &str = "Robot console";

pub fn ensure_apps(
    c: &Connection,
    default_org: &str,
    apps: &[OAuthAppConfig],
) -> anyhow::Result<()> {
    for a in apps {
        let org_name = a.org.as_deref().unwrap_or(default_org);
        let org = store::user_by_name(c, org_name)
            .filter(|o| o.is_org())
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "OAuth application {}: no organization {org_name}",
                    a.client_id
                )
            })?;
        let name = a.name.as_deref().unwrap_or(DEFAULT_NAME);
        match store::app_by_client_id(c, &a.client_id) {
            Some(existing) => {
                c.execute(
                    "UPDATE applications SET org_id = ?1, client_secret = ?2, redirect_uri = ?3, name = ?4 WHERE id = ?5",
                    params![org.id, a.client_secret, a.redirect_uri, name, existing.id],
                )?;
            }
            None => {
                let uri = a
                    .redirect_uri
                    .split_once("://")
                    .map(|(s, rest)| format!("{s}://{}", rest.split('/').next().unwrap_or("")))
                    .unwrap_or_default();
                store::create_app(
                    c,
                    org.id,
                    &store::NewApp {
                        name,
                        description: "Configured with --oauth-app",
                        application_uri: &uri,
                        redirect_uri: &a.redirect_uri,
                        avatar_email: None,
                        client_id: Some(&a.client_id),
                        client_secret: Some(&a.client_secret),
                    },
                )?;
            }
        }
    }
    Ok(())
}
