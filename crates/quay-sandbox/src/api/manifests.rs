//! Pulling from the registry: `GET|HEAD /v2/{ns}/{repo}/manifests/{reference}`,
//! `/v2/{ns}/{repo}/blobs/{digest}` and `/v2/{ns}/{repo}/tags/list`, with a bearer token from `/v2/auth` that grants `pull`.
//! Every repository holds one image under `latest` (see [`super::image`]); a manifest GET
//! writes Quay's `pull_repo` usage-log entry.

use axum::{
    body::Body,
    extract::{Path, State},
    http::{header, HeaderValue, Method, StatusCode},
    response::Response,
};
use serde_json::{json, Value};

use super::errors::json_response;
use super::image;
use super::registry::registry_headers;
use super::{audit, Ctx, St};
use crate::jwt;
use crate::store;

fn registry_error(
    st: &St,
    status: StatusCode,
    code: &str,
    message: &str,
    scope: Option<&str>,
) -> Response {
    let r = json_response(
        status,
        &json!({"errors": [{"code": code, "detail": {}, "message": message}]}),
    );
    let mut r = registry_headers(st, r);
    if let (Some(scope), StatusCode::UNAUTHORIZED) = (scope, status) {
        let host = st.host();
        if let Ok(v) = HeaderValue::from_str(&format!(
            "Bearer realm=\"http://{host}/v2/auth\",service=\"{host}\",scope=\"repository:{scope}:pull\""
        )) {
            r.headers_mut().insert(header::WWW_AUTHENTICATE, v);
        }
    }
    r
}

/// The token's subject when it grants `pull` on `name` (`ns/repo`).
fn pull_subject(st: &St, ctx: &Ctx, name: &str) -> Option<String> {
    let claims = jwt::verify(&st.jwt_key, &super::auth::bearer(&ctx.headers)?)?;
    if claims["token_use"] != "registry" {
        return None;
    }
    let granted = claims["access"].as_array()?.iter().any(|a| {
        a["name"] == name
            && a["actions"]
                .as_array()
                .is_some_and(|acts| acts.iter().any(|x| x == "pull"))
    });
    granted.then(|| claims["sub"].as_str().map(str::to_string))?
}

fn bytes_response(st: &St, method: &Method, content_type: &str, body: Vec<u8>) -> Response {
    let digest = image::digest(&body);
    let len = body.len();
    let mut r = Response::new(if method == Method::HEAD {
        Body::empty()
    } else {
        Body::from(body)
    });
    let h = r.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    if let Ok(v) = HeaderValue::from_str(&digest) {
        h.insert("Docker-Content-Digest", v);
    }
    registry_headers(st, r)
}

pub async fn manifest(
    State(st): State<St>,
    ctx: Ctx,
    method: Method,
    Path((ns, repo, reference)): Path<(String, String, String)>,
) -> Response {
    let name = format!("{ns}/{repo}");
    let Some(sub) = pull_subject(&st, &ctx, &name) else {
        return registry_error(
            &st,
            StatusCode::UNAUTHORIZED,
            "UNAUTHORIZED",
            "access to the requested resource is not authorized",
            Some(&name),
        );
    };
    let ua = ctx
        .headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let ip = ctx.ip.clone();
    let st2 = st.clone();
    st.db
        .run(move |c| {
            let ns_user = store::user_by_name(c, &ns).filter(|u| !u.is_robot());
            let Some((ns_user, r)) = ns_user.and_then(|n| store::repo_by_name(c, n.id, &repo).map(|r| (n, r))) else {
                return registry_error(&st2, StatusCode::NOT_FOUND, "NAME_UNKNOWN", "repository not found", None);
            };
            let body = image::manifest(&ns, &repo);
            let by_digest = reference == image::digest(&body);
            if reference != image::TAG && !by_digest {
                return registry_error(&st2, StatusCode::NOT_FOUND, "MANIFEST_UNKNOWN", "manifest unknown", None);
            }
            if method == Method::GET {
                let performer = store::user_by_name(c, &sub);
                let mut metadata = json!({
                    "repo": repo, "namespace": ns, "user-agent": ua, "mediaType": image::MANIFEST_TYPE,
                    "username": sub, "is_robot": performer.as_ref().is_some_and(|p| p.is_robot()),
                    "resolved_ip": {"provider": "internet", "service": Value::Null, "sync_token": "sandbox",
                                    "country_iso_code": Value::Null, "aws_region": Value::Null, "continent": Value::Null},
                });
                metadata[if by_digest { "manifest_digest" } else { "tag" }] = json!(reference);
                audit::write(c, "pull_repo", Some(ns_user.id), Some(r.id), performer.as_ref(), ip.as_deref(), &metadata);
            }
            bytes_response(&st2, &method, image::MANIFEST_TYPE, body)
        })
        .await
}

pub async fn blob(
    State(st): State<St>,
    ctx: Ctx,
    method: Method,
    Path((ns, repo, digest)): Path<(String, String, String)>,
) -> Response {
    let name = format!("{ns}/{repo}");
    if pull_subject(&st, &ctx, &name).is_none() {
        return registry_error(
            &st,
            StatusCode::UNAUTHORIZED,
            "UNAUTHORIZED",
            "access to the requested resource is not authorized",
            Some(&name),
        );
    }
    match image::blob(&ns, &repo, &digest) {
        Some(b) => bytes_response(&st, &method, "application/octet-stream", b),
        None => registry_error(
            &st,
            StatusCode::NOT_FOUND,
            "BLOB_UNKNOWN",
            "blob unknown to registry",
            None,
        ),
    }
}

/// `GET /v2/{ns}/{repo}/tags/list` → `{"name": "ns/repo", "tags": ["latest"]}`.
pub async fn tags_list(
    State(st): State<St>,
    ctx: Ctx,
    Path((ns, repo)): Path<(String, String)>,
) -> Response {
    let name = format!("{ns}/{repo}");
    if pull_subject(&st, &ctx, &name).is_none() {
        return registry_error(
            &st,
            StatusCode::UNAUTHORIZED,
            "UNAUTHORIZED",
            "access to the requested resource is not authorized",
            Some(&name),
        );
    }
    let exists = st
        .db
        .run(move |c| {
            store::user_by_name(c, &ns)
                .and_then(|n| store::repo_by_name(c, n.id, &repo))
                .is_some()
        })
        .await;
    if !exists {
        return registry_error(
            &st,
            StatusCode::NOT_FOUND,
            "NAME_UNKNOWN",
            "repository not found",
            None,
        );
    }
    registry_headers(
        &st,
        json_response(StatusCode::OK, &json!({"name": name, "tags": [image::TAG]})),
    )
}
