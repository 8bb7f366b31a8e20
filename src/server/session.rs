//! Sign-in, sign-out and "who am I".

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub username: String,
    /// False with a server-wide token: there is nothing to sign out of.
    pub can_sign_out: bool,
}

/// The signed-in user, or `None` when nobody is signed in.
#[server(endpoint = "session_info", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn session_info() -> Result<Option<SessionView>, AppError> {
    use crate::server::ssr::auth;
    use crate::state::Mode;
    match auth().await {
        Ok(a) => Ok(Some(SessionView {
            username: a.username,
            can_sign_out: a.state.mode != Mode::ServerToken,
        })),
        Err(e) if e.needs_sign_in() => Ok(None),
        Err(e) => Err(e),
    }
}

/// The ways the sign-in page may offer besides pasting a token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInWays {
    /// "Continue as the demo admin" (embedded mode).
    pub demo: bool,
    /// "Sign in with Quay" (an OAuth application is configured).
    pub oauth: bool,
}

#[server(endpoint = "sign_in_options", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn sign_in_options() -> Result<SignInWays, AppError> {
    let state = crate::server::ssr::state()?;
    Ok(SignInWays {
        demo: state.mode == crate::state::Mode::Embedded,
        oauth: state.oauth.is_some() && state.mode != crate::state::Mode::ServerToken,
    })
}

/// Checks `token` with `GET /api/v1/user/` and keeps it in the encrypted session cookie.
#[server(endpoint = "sign_in", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn sign_in(token: crate::quay::ids::AccessToken) -> Result<(), AppError> {
    use crate::server::ssr::{set_cookie, state};
    use crate::session::{removal_cookie, session_cookie, Session, SIGNED_OUT_COOKIE};
    let state = state()?;
    let token = token.as_str().to_string();
    let user = state.quay.current_user(&token).await?;
    if user.anonymous || user.username.is_empty() {
        return Err(AppError::unauthorized(
            "Quay did not accept the access token.",
        ));
    }
    let session = Session {
        token,
        username: user.username,
        superuser: user.super_user,
    };
    set_cookie(session_cookie(
        &session,
        &state.session_key,
        state.secure_cookie,
    ));
    set_cookie(removal_cookie(SIGNED_OUT_COOKIE, state.secure_cookie));
    leptos_axum::redirect("/organization");
    Ok(())
}

/// Embedded mode: sign in again as the demo admin after a sign-out.
#[server(endpoint = "sign_in_demo", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn sign_in_demo() -> Result<(), AppError> {
    use crate::server::ssr::{set_cookie, state};
    use crate::session::{removal_cookie, SIGNED_OUT_COOKIE};
    let state = state()?;
    if state.mode != crate::state::Mode::Embedded {
        return Err(AppError::new(
            403,
            crate::error::ErrorKind::Forbidden,
            "The demo sign-in exists only with the embedded backend.",
        ));
    }
    set_cookie(removal_cookie(SIGNED_OUT_COOKIE, state.secure_cookie));
    leptos_axum::redirect("/organization");
    Ok(())
}

/// Forgets the session cookie.
#[server(endpoint = "sign_out", client = crate::csrf::CsrfClient, output = crate::json::Answer)]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::ssr::{set_cookie, state};
    use crate::session::{marker_cookie, removal_cookie, SESSION_COOKIE, SIGNED_OUT_COOKIE};
    let state = state()?;
    set_cookie(removal_cookie(SESSION_COOKIE, state.secure_cookie));
    if state.mode == crate::state::Mode::Embedded {
        set_cookie(marker_cookie(SIGNED_OUT_COOKIE, state.secure_cookie));
    }
    leptos_axum::redirect("/signin");
    Ok(())
}

crate::json::from_json_struct! {
    SessionView { username, can_sign_out }
    SignInWays { demo, oauth }
}
