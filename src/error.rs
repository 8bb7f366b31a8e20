//! `AppError`: the one error type every server function returns.
//!
//! It carries the HTTP status Quay (or the console) answered, a coarse kind the UI can branch on,
//! and a message written for people: Quay's own message where Quay gave one, otherwise a sentence
//! that says what went wrong and what to do.

use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    NotFound,
    InvalidRequest,
    Unauthorized,
    Forbidden,
    Conflict,
    Upstream,
    Timeout,
    Internal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub status: u16,
    pub kind: ErrorKind,
    pub message: String,
}

impl AppError {
    pub fn new(status: u16, kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            status,
            kind,
            message: message.into(),
        }
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(401, ErrorKind::Unauthorized, message)
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(400, ErrorKind::InvalidRequest, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(500, ErrorKind::Internal, message)
    }

    /// The kind Quay's status code stands for.
    pub fn kind_for_status(status: u16) -> ErrorKind {
        match status {
            400 | 422 => ErrorKind::InvalidRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            408 | 504 => ErrorKind::Timeout,
            _ => ErrorKind::Upstream,
        }
    }

    /// True when the visitor has to sign in (again) before anything else can work.
    pub fn needs_sign_in(&self) -> bool {
        self.kind == ErrorKind::Unauthorized
    }
}

impl From<crate::quay::ids::InputError> for AppError {
    fn from(e: crate::quay::ids::InputError) -> Self {
        AppError::invalid(e.message)
    }
}

/// serde_json ends its messages with ` at line 1 column 37`; people need only the reason.
fn without_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i)
            if message[i + 9..]
                .split_once(" column ")
                .is_some_and(|(l, c)| {
                    !l.is_empty()
                        && !c.is_empty()
                        && l.bytes().all(|b| b.is_ascii_digit())
                        && c.bytes().all(|b| b.is_ascii_digit())
                }) =>
        {
            &message[..i]
        }
        _ => message,
    }
}

/// A request whose arguments do not decode: 400, with the reason (it names the field).
fn invalid_args(e: &str) -> AppError {
    let e = without_position(e).trim_end_matches('.');
    AppError::invalid(format!("Invalid request: {e}. Nothing was sent to Quay."))
}

impl FromServerFnError for AppError {
    type Encoder = crate::json::AnswerJson;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(e) => AppError::new(
                0,
                ErrorKind::Upstream,
                format!("The console server could not be reached ({e}). Check your connection and retry."),
            ),
            ServerFnErrorErr::Args(e) | ServerFnErrorErr::MissingArg(e) => invalid_args(&e),
            // On the server, decoding the request's JSON body; in the browser, decoding an answer.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(e) => invalid_args(&e),
            #[cfg(not(feature = "ssr"))]
            ServerFnErrorErr::Deserialization(e) => AppError::new(
                0,
                ErrorKind::Upstream,
                format!("The console's answer could not be read ({e}). Reload the page and retry."),
            ),
            other => AppError::internal(other.to_string()),
        }
    }
}

crate::json::from_json_struct! {
    AppError { status, kind, message }
}
crate::json::from_json_unit_enum!(ErrorKind {
    "not_found" => NotFound,
    "invalid_request" => InvalidRequest,
    "unauthorized" => Unauthorized,
    "forbidden" => Forbidden,
    "conflict" => Conflict,
    "upstream" => Upstream,
    "timeout" => Timeout,
    "internal" => Internal,
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_map_to_kinds() {
        assert_eq!(AppError::kind_for_status(400), ErrorKind::InvalidRequest);
        assert_eq!(AppError::kind_for_status(401), ErrorKind::Unauthorized);
        assert_eq!(AppError::kind_for_status(403), ErrorKind::Forbidden);
        assert_eq!(AppError::kind_for_status(404), ErrorKind::NotFound);
        assert_eq!(AppError::kind_for_status(503), ErrorKind::Upstream);
    }

    #[test]
    fn decoding_errors_lose_serdes_position_but_keep_the_reason() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Args(
            "namespace: '..' is not valid at line 1 column 17".into(),
        ));
        assert_eq!(e.status, 400);
        assert_eq!(
            e.message,
            "Invalid request: namespace: '..' is not valid. Nothing was sent to Quay."
        );
        assert_eq!(
            without_position("a at line x column 2"),
            "a at line x column 2"
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn json_arguments_that_do_not_decode_are_the_callers_error() {
        let e = AppError::from_server_fn_error(ServerFnErrorErr::Deserialization(
            "range: the end date (2020-01-01) is before the start date (2026-12-10). Choose an end on or after the start. at line 1 column 69".into(),
        ));
        assert_eq!(e.status, 400);
        assert_eq!(
            e.message,
            "Invalid request: range: the end date (2020-01-01) is before the start date (2026-12-10). Choose an end on or after the start. Nothing was sent to Quay."
        );
    }

    #[test]
    fn display_is_the_message_only() {
        let e = AppError::invalid("Existing robot with name: acme+x");
        assert_eq!(e.to_string(), "Existing robot with name: acme+x");
    }
}
