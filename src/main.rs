//! The `robot-console` server binary.

#![recursion_limit = "512"]

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() {
    use clap::Parser;
    let config = robot_console::config::Config::parse();
    if let Err(e) = robot_console::serve::run(config).await {
        eprintln!("robot-console: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(feature = "ssr"))]
fn main() {}
