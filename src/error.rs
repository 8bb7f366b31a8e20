//! `AppError`: the one error type every server function returns.
//!
//! It carries the HTTP status Quay (or the console) answered, a coarse kind the UI can branch on,
//! and a message written for people: Quay's own message where Quay gave one, otherwise a sentence
//! that says what went wrong and what to do.

use leptos::server_fn::codec::JsonEncoding;
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

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(e) => AppError::new(
                0,
                ErrorKind::Upstream,
                format!("The console server could not be reached ({e}). Check your connection and retry."),
            ),
            ServerFnErrorErr::Args(e) | ServerFnErrorErr::MissingArg(e) => {
                AppError::invalid(format!("The request was malformed: {e}"))
            }
            other => AppError::internal(other.to_string()),
        }
    }
}

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
    fn display_is_the_message_only() {
        let e = AppError::invalid("Existing robot with name: acme+x");
        assert_eq!(e.to_string(), "Existing robot with name: acme+x");
    }
}
