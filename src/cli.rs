//! The command line. `robot-console` alone serves the console, exactly as before (every flag
//! and variable of `Config`); `export`, `plan` and `apply` manage a namespace's robots as code
//! with the same settings (`--quay-url`, `--quay-token`, their variables, `--concurrency`, ...).

mod commands;
pub mod connect;
pub mod progress;

use crate::config::Config;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Clone, Debug)]
#[command(
    name = "robot-console",
    version,
    about = "A browser console for Red Hat Quay robot accounts.",
    long_about = "A browser console for Red Hat Quay robot accounts.\n\nWith no --quay-url it starts an embedded Quay-compatible API (SQLite, seeded demo data) and signs you in as its demo admin.\n\nWith a command (export, plan, apply) it manages a namespace's robots as code instead of serving; see docs/robots-as-code.md."
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Clone, Debug)]
pub enum Command {
    /// Print a namespace's robots file: its robots with their descriptions, teams, repository
    /// permissions and federation, and the default permissions naming them. Never tokens.
    Export(ExportArgs),
    /// Show the API changes that would make a namespace match a robots file. Exit status: 0 no
    /// changes, 2 changes, 1 error (as terraform plan -detailed-exitcode).
    Plan(PlanArgs),
    /// Make a namespace match a robots file: show the plan, then run it.
    Apply(ApplyArgs),
}

#[derive(Args, Clone, Debug)]
pub struct ExportArgs {
    /// The organization (or your user namespace) to export.
    #[arg(long, short = 'n')]
    pub namespace: String,
    /// Write JSON instead of YAML.
    #[arg(long)]
    pub json: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
}

#[derive(Args, Clone, Debug)]
pub struct FileArgs {
    /// The robots file (YAML or JSON); `-` reads standard input.
    #[arg(long = "file", short = 'f')]
    pub file: PathBuf,
    /// Plan against this namespace instead of the file's `namespace`.
    #[arg(long, short = 'n')]
    pub namespace: Option<String>,
    /// Delete robots of the namespace that the file does not list.
    #[arg(long)]
    pub prune: bool,
}

#[derive(Args, Clone, Debug)]
pub struct PlanArgs {
    #[command(flatten)]
    pub file: FileArgs,
    /// Print the plan as JSON (the changes and warnings) instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Clone, Debug)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub file: FileArgs,
    /// Apply without asking (needed when standard input is not a terminal, e.g. in CI).
    #[arg(long)]
    pub auto_approve: bool,
}

/// Exit statuses.
pub const OK: i32 = 0;
pub const ERROR: i32 = 1;
pub const CHANGES: i32 = 2;

/// Runs a command to its end and answers the process's exit status.
pub async fn run(command: Command, config: &Config) -> i32 {
    let out = &mut std::io::stdout();
    match command {
        Command::Export(a) => commands::export(config, &a, out).await,
        Command::Plan(a) => commands::plan(config, &a, out).await,
        Command::Apply(a) => commands::apply(config, &a, out).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn no_command_is_the_server_with_every_flag() {
        let c = Cli::try_parse_from(["robot-console", "--addr", "127.0.0.1:0", "--open"]).unwrap();
        assert!(c.command.is_none());
        assert!(c.config.open);
        let help = Cli::command().render_long_help().to_string();
        for flag in [
            "--quay-url",
            "--addr",
            "--data-dir",
            "--session-key",
            "--concurrency",
        ] {
            assert!(help.contains(flag), "{flag} missing from --help");
        }
        for cmd in ["export", "plan", "apply"] {
            assert!(help.contains(cmd), "{cmd} missing from --help");
        }
    }

    #[test]
    fn commands_take_the_quay_settings_before_or_after_them() {
        let c = Cli::try_parse_from([
            "robot-console",
            "plan",
            "-f",
            "robots.yaml",
            "--quay-url",
            "https://quay.example",
            "--quay-token",
            "t",
            "--prune",
        ])
        .unwrap();
        assert_eq!(c.config.quay_url.as_deref(), Some("https://quay.example"));
        let Some(Command::Plan(p)) = c.command else {
            panic!()
        };
        assert!(p.file.prune);
        let c = Cli::try_parse_from([
            "robot-console",
            "--quay-url",
            "https://q",
            "export",
            "--namespace",
            "acme",
        ])
        .unwrap();
        assert!(matches!(c.command, Some(Command::Export(_))));
        assert_eq!(c.config.quay_url.as_deref(), Some("https://q"));
    }
}
