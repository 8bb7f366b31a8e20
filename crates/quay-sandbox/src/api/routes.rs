//! The router: every route of the sandbox, and its middleware (outermost first: request log,
//! CORS and XHR check, faults, error rendering).

use axum::{
    extract::State,
    middleware,
    response::Response,
    routing::{get, post, put},
    Router,
};

use super::*;

async fn html_404() -> Response {
    ApiError::Html {
        status: 404,
        body: errors::HTML_404,
    }
    .render("")
}

/// Unknown paths: Quay's HTML 404 page; but like Flask's strict slashes, a GET under `/api/`
/// without a trailing slash is first redirected (308) to the same path with one.
async fn not_found(
    State(st): State<St>,
    method: axum::http::Method,
    uri: axum::http::Uri,
) -> Response {
    let path = uri.path();
    if method == axum::http::Method::GET && path.starts_with("/api/") && !path.ends_with('/') {
        let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        return errors::strict_slash_redirect(&format!("http://{}{path}/{query}", st.host()));
    }
    html_404().await
}

/// The robot routes under `base` (`/api/v1/user/robots` or `{org}/robots`): the same handlers
/// serve both, telling them apart by the `{org}` path parameter (see [`robot_path`]).
fn robot_routes(router: Router<St>, base: &str) -> Router<St> {
    router
        .route(base, get(robots::list))
        .route(
            &format!("{base}/{{short}}"),
            get(robots::get_one)
                .put(robots::create)
                .delete(robots::delete),
        )
        .route(
            &format!("{base}/{{short}}/regenerate"),
            post(robots::regenerate),
        )
        .route(
            &format!("{base}/{{short}}/permissions"),
            get(robots::permissions),
        )
        .route(
            &format!("{base}/{{short}}/federation"),
            get(federation::get)
                .post(federation::post)
                .delete(federation::delete),
        )
}

pub fn router(state: St) -> Router {
    let org = "/api/v1/organization/{org}";
    ["/api/v1/user/robots".to_string(), format!("{org}/robots")]
        .iter()
        .fold(Router::new(), |router, base| robot_routes(router, base))
        .route("/config", get(session::config))
        .route("/csrf_token", get(session::csrf_token))
        .route("/api/v1/signin", post(session::signin))
        .route("/api/v1/signout", post(session::signout))
        .route(
            "/api/v1/user/",
            get(session::current_user).delete(namespaces::delete_current_user),
        )
        .route(
            "/api/v1/user",
            get(session::current_user).delete(namespaces::delete_current_user),
        )
        .route("/api/v1/users/{name}", get(namespaces::get_user))
        .route("/api/v1/superuser/users/", get(superuser::users))
        .route("/api/v1/superuser/logs", get(logs::superuser_logs))
        .route("/api/v1/user/logs", get(logs::user_logs))
        .route("/api/v1/user/aggregatelogs", get(logs::user_aggregate))
        .route(&format!("{org}/logs"), get(logs::org_logs))
        .route(
            &format!("{org}/applications"),
            get(applications::list).post(applications::create),
        )
        .route(
            &format!("{org}/applications/{{client_id}}"),
            get(applications::get_one)
                .put(applications::update)
                .delete(applications::delete),
        )
        .route("/api/v1/app/{client_id}", get(applications::public))
        .route(&format!("{org}/aggregatelogs"), get(logs::org_aggregate))
        .route("/api/v1/repository/{ns}/{repo}/logs", get(logs::repo_logs))
        .route(
            "/api/v1/repository/{ns}/{repo}/aggregatelogs",
            get(logs::repo_aggregate),
        )
        .route(
            "/api/v1/superuser/organizations/",
            get(superuser::organizations),
        )
        .route(org, get(orgs::get_org).delete(namespaces::delete_org))
        .route(&format!("{org}/members"), get(members::members))
        .route(&format!("{org}/members/{{member}}"), get(members::member))
        .route(
            &format!("{org}/team/{{team}}"),
            put(teams::put_team)
                .delete(teams::delete_team)
                .get(html_404),
        )
        .route(
            &format!("{org}/team/{{team}}/members"),
            get(teams::team_members),
        )
        .route(
            &format!("{org}/team/{{team}}/members/{{member}}"),
            put(teams::put_team_member).delete(teams::delete_team_member),
        )
        .route(
            &format!("{org}/team/{{team}}/permissions"),
            get(teams::team_permissions),
        )
        .route(
            &format!("{org}/prototypes"),
            get(prototypes::list).post(prototypes::create),
        )
        .route(
            &format!("{org}/prototypes/{{id}}"),
            put(prototypes::update).delete(prototypes::delete),
        )
        .route("/api/v1/repository", get(repo_list::list))
        .route("/api/v1/repository/{ns}/{repo}", get(repository::get))
        .route(
            "/api/v1/repository/{ns}/{repo}/permissions/user/",
            get(repos::list_perms),
        )
        .route(
            "/api/v1/repository/{ns}/{repo}/permissions/user/{name}/transitive",
            get(team_perms::transitive),
        )
        .route(
            "/api/v1/repository/{ns}/{repo}/permissions/team/",
            get(team_perms::list),
        )
        .route(
            "/api/v1/repository/{ns}/{repo}/permissions/team/{team}",
            get(team_perms::get)
                .put(team_perms::put)
                .delete(team_perms::delete),
        )
        .route(
            "/api/v1/repository/{ns}/{repo}/permissions/user/{name}",
            get(repos::get_perm)
                .put(repos::put_perm)
                .delete(repos::delete_perm),
        )
        .route("/v2/", get(registry::v2_root))
        .route("/v2", get(registry::v2_root))
        .route("/v2/auth", get(registry::v2_auth))
        .route(
            "/v2/{ns}/{repo}/manifests/{reference}",
            get(manifests::manifest),
        )
        .route("/v2/{ns}/{repo}/blobs/{digest}", get(manifests::blob))
        .route("/v2/{ns}/{repo}/tags/list", get(manifests::tags_list))
        .route("/oauth2/federation/robot/token", get(exchange::exchange))
        .route("/oauth/authorize", get(oauth_web::authorize::authorize))
        .route("/oauth/authorizeapp", post(oauth_web::forms::authorize_app))
        .route("/oauth/denyapp", post(oauth_web::forms::deny_app))
        .route(
            "/oauth/signin",
            get(oauth_web::signin::page).post(oauth_web::signin::submit),
        )
        .route("/oauth/access_token", post(oauth_web::token::access_token))
        .route("/sandbox/tokens", post(admin::create_token))
        .route("/sandbox/members", post(admin::add_member))
        .route(
            "/sandbox/settings",
            put(admin::put_settings).get(admin::get_settings),
        )
        .route(
            "/sandbox/faults",
            post(admin::add_fault)
                .delete(admin::clear_faults)
                .get(admin::list_faults),
        )
        .route(
            "/sandbox/logs",
            post(admin_logs::add_logs).delete(admin_logs::clear_logs),
        )
        .route(
            "/sandbox/requests",
            get(admin::list_requests).delete(admin::clear_requests),
        )
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            errors::render_errors,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            crate::faults::layer,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), cors::cors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_log::layer,
        ))
        .with_state(state)
}
