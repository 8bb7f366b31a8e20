//! Server functions, one concern per file. Each returns `Result<_, AppError>`.

pub mod access;
pub mod activity;
#[cfg(feature = "ssr")]
pub mod bulk;
pub mod credentials;
pub mod federation;
pub mod iac;
pub mod namespaces;
pub mod permissions;
pub mod robots;
pub mod session;
pub mod wizard;

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Helpers only the server uses: the app state and the caller's Quay token.
    use crate::error::AppError;
    use crate::quay::ids::Namespace;
    use crate::session::{has_cookie, read_session, SIGNED_OUT_COOKIE};
    use crate::standing::Standing;
    use crate::state::{AppState, Mode};
    use leptos::prelude::*;

    /// The caller's identity for one request.
    pub struct Auth {
        pub token: String,
        pub username: String,
        /// A superuser whose token has the `super:user` scope.
        pub superuser: bool,
        pub state: AppState,
    }

    impl Auth {
        /// `namespace` is the caller's own user namespace (not an organization).
        pub fn is_user_namespace(&self, namespace: &Namespace) -> bool {
            namespace.as_str() == self.username
        }

        /// The robot endpoints of `namespace`: the user's own, or the organization's.
        pub fn scope(&self, namespace: &Namespace) -> crate::quay::client::RobotScope {
            use crate::quay::client::RobotScope;
            if self.is_user_namespace(namespace) {
                RobotScope::User
            } else {
                RobotScope::Org(namespace.clone())
            }
        }
    }

    pub fn state() -> Result<AppState, AppError> {
        use_context::<AppState>().ok_or_else(|| AppError::internal("server state is missing"))
    }

    /// The request's `Cookie` header (empty when absent).
    pub fn cookie_header() -> String {
        use_context::<axum::http::request::Parts>()
            .and_then(|p| {
                p.headers
                    .get_all(axum::http::header::COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .map(str::to_string)
                    .reduce(|a, b| format!("{a}; {b}"))
            })
            .unwrap_or_default()
    }

    /// The user the server-wide token (embedded admin or `--quay-token`) belongs to, and
    /// whether they act as a superuser.
    pub async fn server_user(state: &AppState, token: &str) -> Result<(String, bool), AppError> {
        state
            .server_user
            .get_or_try_init(|| async {
                state
                    .quay
                    .current_user(token)
                    .await
                    .map(|u| (u.username, u.super_user))
            })
            .await
            .cloned()
    }

    /// The caller's standing in `ns`: one call to Quay for an organization (two for a
    /// superuser, whose own memberships tell real administration from superuser rights).
    pub async fn standing(auth: &Auth, ns: &Namespace) -> Result<Standing, AppError> {
        if auth.is_user_namespace(ns) {
            return Ok(Standing::Own);
        }
        let quay = &auth.state.quay;
        if auth.superuser {
            let (org, user) = tokio::join!(
                quay.organization(&auth.token, ns),
                quay.current_user(&auth.token)
            );
            let (org, user) = (org?, user?);
            let own = user.organizations.iter().find(|o| o.name == ns.as_str());
            return Ok(standing_of(&org, true, own));
        }
        let org = quay.organization(&auth.token, ns).await?;
        Ok(standing_of(&org, false, None))
    }

    /// What Quay's answers say about the caller. Quay's organization view calls a superuser
    /// with full access an admin and a member; `own` (the caller's entry in `GET /api/v1/user/`)
    /// tells whether they really administer it.
    pub fn standing_of(
        org: &crate::quay::model::Organization,
        superuser: bool,
        own: Option<&crate::quay::model::UserOrganization>,
    ) -> Standing {
        if superuser {
            if own.is_some_and(|o| o.is_org_admin) {
                Standing::Admin
            } else {
                Standing::Superuser
            }
        } else if org.is_admin {
            Standing::Admin
        } else if org.is_member {
            let mut admin_teams: Vec<String> = org
                .teams
                .iter()
                .flat_map(|t| t.values())
                .filter(|t| t.role == "admin")
                .map(|t| t.name.clone())
                .collect();
            admin_teams.sort();
            Standing::Member { admin_teams }
        } else {
            Standing::Outsider
        }
    }

    /// Refuses early, with the same words the page shows, what the caller's standing in `ns`
    /// cannot do (Quay would answer 403 to each call).
    pub async fn ensure_manage(auth: &Auth, ns: &Namespace) -> Result<Standing, AppError> {
        let standing = standing(auth, ns).await?;
        match crate::standing::refusal(ns, &standing) {
            Some(message) => Err(AppError::new(
                403,
                crate::error::ErrorKind::Forbidden,
                message,
            )),
            None => Ok(standing),
        }
    }

    /// `--registry-host`, else Quay's `SERVER_HOSTNAME`, else the host of the Quay URL.
    pub async fn registry_host(state: &AppState) -> String {
        if let Some(h) = state.registry_host.as_deref().filter(|h| !h.is_empty()) {
            return h.to_string();
        }
        if let Ok(c) = state.quay.config().await {
            if let Some(h) = c.config.SERVER_HOSTNAME.filter(|h| !h.is_empty()) {
                return h;
            }
        }
        host_of_url(state.quay.base_url())
    }

    /// `https://quay.example.com:8443/x` -> `quay.example.com:8443`.
    pub fn host_of_url(url: &str) -> String {
        let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
        rest.split('/').next().unwrap_or_default().to_string()
    }

    /// Resolves who is calling: the server-wide token in `--quay-token` mode, else the session
    /// cookie, else (embedded mode, not signed out) the embedded demo admin.
    pub async fn auth() -> Result<Auth, AppError> {
        let state = state()?;
        let cookies = cookie_header();
        if state.mode == Mode::ServerToken {
            let token = state.server_token.clone().unwrap_or_default();
            let (username, superuser) = server_user(&state, &token).await?;
            return Ok(Auth {
                token,
                username,
                superuser,
                state,
            });
        }
        if let Some(s) = read_session(&cookies, &state.session_key) {
            return Ok(Auth {
                token: s.token,
                username: s.username,
                superuser: s.superuser,
                state,
            });
        }
        if state.mode == Mode::Embedded && !has_cookie(&cookies, SIGNED_OUT_COOKIE) {
            if let Some(token) = state.server_token.clone() {
                let (username, superuser) = server_user(&state, &token).await?;
                return Ok(Auth {
                    token,
                    username,
                    superuser,
                    state,
                });
            }
        }
        Err(AppError::unauthorized(
            "You are not signed in. Sign in with a Quay access token.",
        ))
    }

    /// Adds a `Set-Cookie` header to the response.
    pub fn set_cookie(value: String) {
        if let Some(opts) = use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(v) = axum::http::HeaderValue::from_str(&value) {
                opts.append_header(axum::http::header::SET_COOKIE, v);
            }
        }
    }
}
