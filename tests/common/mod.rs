//! What the server tests share: a client that does not follow redirects (the tests look at
//! them), one runtime, one console at a time, and a console configuration on free loopback ports
//! that the environment cannot leak into.
// Each test crate uses its own part of this module.
#![allow(dead_code)]

use robot_console::config::Config;

/// An HTTP client that does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// One multi-thread runtime for every test of a crate, as in production.
pub fn rt() -> &'static tokio::runtime::Runtime {
    static RT: std::sync::OnceLock<tokio::runtime::Runtime> = std::sync::OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime")
    })
}

/// Two consoles rendering at the same moment in one process can stall (Leptos keeps some render
/// state per process); a deployment runs one console per process, and
/// `one_console_serves_many_concurrent_page_loads` (tests/app_server.rs) checks that
/// concurrency. So the tests of a crate run one console at a time.
pub fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock().unwrap_or_else(|e| e.into_inner())
}

/// A console on free loopback ports with its data in `dir` and the defaults `--help`
/// documents; nothing comes from the environment (no Quay URL or token, no admin token, no
/// session key, no public URL or extra hosts).
pub fn console_config(dir: &std::path::Path) -> Config {
    use clap::Parser;
    let mut c = Config::try_parse_from(["robot-console"]).expect("defaults parse");
    c.addr = "127.0.0.1:0".parse().unwrap();
    c.sandbox_addr = "127.0.0.1:0".parse().unwrap();
    c.data_dir = dir.to_path_buf();
    c.quay_url = None;
    c.quay_token = None;
    c.admin_token = None;
    c.registry_host = None;
    c.session_key = None;
    c.public_url = None;
    c.allowed_hosts = Vec::new();
    c
}
