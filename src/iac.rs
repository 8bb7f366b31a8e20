//! Robots as code: a namespace's robot setup as a reviewed file (YAML or JSON), and the plan
//! that turns Quay's live state into it. Plain, unit-tested logic; reading the live state and
//! applying a plan are server-side (`crate::server::iac`), shared by the UI and the CLI.
//!
//! - `format`: the data (robots with description, teams, repository permissions, federation;
//!   default permissions naming them). Never tokens.
//! - `problem`: a problem with its line, column and field.
//! - `yaml` + `parse` (server): reading a file with positions (`saphyr-parser` events, so every
//!   node has a line and column, duplicate keys are seen, and JSON reads the same way).
//! - `check` (server): what needs the live namespace (unknown teams and repositories).
//! - `export` (server): writing a file in one stable order.
//! - `plan`: the diff as API changes in execution order; `render`: the diff as text.

pub mod format;
pub mod plan;
pub mod problem;
pub mod render;

#[cfg(feature = "ssr")]
pub mod check;
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod parse;
#[cfg(feature = "ssr")]
pub mod yaml;
