//! The `robot-console` binary: the server, or a robots-as-code command (`crate::cli`).

#![recursion_limit = "512"]

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() {
    use clap::Parser;
    let cli = robot_console::cli::Cli::parse();
    match cli.command {
        // No command: serve, exactly as before.
        None => {
            if let Err(e) = robot_console::serve::run(cli.config).await {
                eprintln!("robot-console: {e}");
                std::process::exit(1);
            }
        }
        Some(command) => std::process::exit(robot_console::cli::run(command, &cli.config).await),
    }
}

#[cfg(not(feature = "ssr"))]
fn main() {}
