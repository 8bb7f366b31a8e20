//! Keyless robot token exchange: `GET /oauth2/federation/robot/token`.

use axum::extract::State;
use serde_json::json;

use super::errors::ok_json;
use super::registry::basic;
use super::{audit, ApiError, ApiResult, Ctx, St};
use crate::jwt;
use crate::oidc::FederationEntry;
use crate::store;

/// `GET /oauth2/federation/robot/token`: exchange an issuer JWT for a robot token. A success is
/// logged as Quay does (`federated_robot_token_exchange` in the robot's namespace, no performer,
/// metadata `subject`, `issuer` and the robot's short name).
pub async fn exchange(State(st): State<St>, ctx: Ctx) -> ApiResult {
    let headers = &ctx.headers;
    let err401 = |m: &str| ApiError::Json {
        status: 401,
        body: json!({ "error": m }),
    };
    let (username, token) = match basic(headers) {
        Ok(Some(x)) => x,
        Ok(None) => return Err(err401("No auth header")),
        Err(_) => return Err(err401("Invalid auth header")),
    };
    if !username.contains('+') {
        return Err(err401("Invalid robot"));
    }
    let name = username.clone();
    let robot = st
        .db
        .run(move |c| store::user_by_name(c, &name).filter(|u| u.is_robot()))
        .await
        .ok_or_else(ApiError::no_robot)?;
    let entries: Vec<FederationEntry> = crate::api::federation::entries(&robot)
        .into_iter()
        .map(|(issuer, subject)| FederationEntry { issuer, subject })
        .collect();
    let verified = match st.verifier.verify(&token, &entries).await {
        Ok(v) => v,
        Err(e) => return Err(ApiError::message(400, e.to_string())),
    };
    let short = robot.username.split_once('+').map_or("", |(_, s)| s);
    let metadata = json!({"subject": verified.subject, "issuer": verified.issuer, "robot": short});
    let (owner, ip) = (robot.owner_id, ctx.ip.clone());
    st.db
        .run(move |c| {
            audit::write(
                c,
                "federated_robot_token_exchange",
                owner,
                None,
                None,
                ip.as_deref(),
                &metadata,
            )
        })
        .await;
    let mut claims =
        jwt::robot_claims(&st.host(), &robot.username, "robot", json!({}), "federated");
    // Ties the token to this robot row: a deleted and re-created robot does not accept it.
    claims["rid"] = json!(robot.id);
    Ok(ok_json(json!({ "token": jwt::sign(&st.jwt_key, &claims) })))
}
