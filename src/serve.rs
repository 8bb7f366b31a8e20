//! Start-up: Config -> AppState -> Router, the embedded backend when no Quay URL is set.

use crate::app::shell;
use crate::config::Config;
use crate::quay::client::QuayClient;
use crate::state::{AppState, Inner, Mode};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos::prelude::{provide_context, use_context};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// How long a shutdown waits for bulk work (the Deployment's grace period is 60 s).
pub const DRAIN: Duration = Duration::from_secs(55);

/// A started console: its address and, in embedded mode, the backend it started.
pub struct Running {
    pub addr: SocketAddr,
    pub sandbox: Option<quay_sandbox::RunningSandbox>,
    pub state: AppState,
    server: tokio::task::JoinHandle<()>,
    shutdown: tokio::sync::oneshot::Sender<()>,
}

impl Running {
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections, lets in-flight requests end, then waits (up to
    /// [`DRAIN`]) for bulk work still running, and stops the embedded backend.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(());
        let _ = self.server.await;
        self.state.tasks.close();
        if tokio::time::timeout(DRAIN, self.state.tasks.wait())
            .await
            .is_err()
        {
            tracing::warn!(
                "bulk work still running after {} s; stopping anyway",
                DRAIN.as_secs()
            );
        }
        if let Some(s) = self.sandbox {
            s.shutdown().await;
        }
    }
}

fn leptos_options(addr: SocketAddr) -> LeptosOptions {
    // cargo-leptos sets LEPTOS_* variables; a deployed binary runs with these defaults.
    let env = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_string());
    let site_root = env("LEPTOS_SITE_ROOT", "target/site");
    crate::assets::layers::init(&site_root);
    let hash_file = crate::assets::layers::hash_file(&site_root);
    LeptosOptions::builder()
        .output_name(env("LEPTOS_OUTPUT_NAME", "robot-console"))
        .hash_files(hash_file.is_some())
        .hash_file(
            hash_file
                .map(|p| p.to_string_lossy().into_owned())
                .unwrap_or_else(|| "hash.txt".into())
                .into(),
        )
        .site_root(site_root)
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR", "pkg"))
        .site_addr(addr)
        .reload_port(
            std::env::var("LEPTOS_RELOAD_PORT")
                .ok()
                .and_then(|p| p.parse().ok())
                .unwrap_or(3001),
        )
        .build()
}

/// The OAuth application from `--oauth-client-id` and `--oauth-client-secret` (both or neither).
fn oauth_client(config: &Config) -> Result<Option<crate::oauth::ssr::OAuthClient>, String> {
    let id = config
        .oauth_client_id
        .clone()
        .filter(|s| !s.trim().is_empty());
    let secret = config
        .oauth_client_secret
        .clone()
        .filter(|s| !s.trim().is_empty());
    match (id, secret) {
        (None, None) => Ok(None),
        (Some(client_id), Some(client_secret)) => Ok(Some(crate::oauth::ssr::OAuthClient {
            client_id: client_id.trim().to_string(),
            client_secret: client_secret.trim().to_string(),
            scopes: config.oauth_scopes.trim().to_string(),
        })),
        _ => Err(
            "--oauth-client-id and --oauth-client-secret go together: set both, or neither".into(),
        ),
    }
}

/// The largest request body accepted (a 5,000-repository permission save is ~300 KiB).
const MAX_BODY: usize = crate::security::MAX_BODY;

/// What every page render and server-function call gets: the state, the page's CSRF token,
/// and the page's CSP with the nonce Leptos gives its scripts.
fn page_context(state: &AppState, guard: &crate::security::Guard) {
    provide_context(state.clone());
    if let Some(parts) = use_context::<axum::http::request::Parts>() {
        if let Some(t) = parts.extensions.get::<crate::csrf::CsrfToken>() {
            provide_context(t.clone());
        }
        // For Quay calls made while rendering, wherever the renderer runs them.
        if let Some(id) = parts.extensions.get::<crate::observe::RequestId>() {
            provide_context(id.clone());
        }
    }
    if let (Some(nonce), Some(opts)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        if let Ok(v) = axum::http::HeaderValue::from_str(&guard.page_csp(&nonce)) {
            opts.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
}

/// Builds the state (starting the embedded backend when needed) and the router.
pub async fn build(
    config: &Config,
    addr: SocketAddr,
) -> Result<(Router, AppState, Option<quay_sandbox::RunningSandbox>), String> {
    let timeout = Duration::from_secs(config.quay_timeout_secs.max(1));
    let (quay_url, mode, server_token, sandbox) = if config.embedded() {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|e| format!("cannot create data dir {}: {e}", config.data_dir.display()))?;
        let sandbox = quay_sandbox::start(quay_sandbox::SandboxConfig {
            addr: config.sandbox_addr,
            data_dir: Some(config.data_dir.clone()),
            admin_token: config.admin_token.clone(),
            server_hostname: None,
            allow_http_issuers: config.sandbox_allow_http_issuers,
            ..Default::default()
        })
        .await
        .map_err(|e| {
            format!(
                "cannot start the embedded Quay-compatible backend on {}: {e:#}. Free that port or set --sandbox-addr.",
                config.sandbox_addr
            )
        })?;
        let token = sandbox.admin_token.clone();
        (
            sandbox.base_url.clone(),
            Mode::Embedded,
            Some(token),
            Some(sandbox),
        )
    } else {
        let url = config.checked_quay_url()?;
        match config.quay_token.clone().filter(|t| !t.trim().is_empty()) {
            Some(t) => (url, Mode::ServerToken, Some(t), None),
            None => (url, Mode::PerUser, None, None),
        }
    };
    let session_key = crate::session::load_or_create_key(
        config.session_key.as_deref(),
        &config.data_dir.join("session.key"),
    )?;
    let hosts =
        crate::security::allowed_hosts(config.public_url.as_deref(), &config.allowed_hosts, addr)?;
    let guard = Arc::new(crate::security::Guard::new(
        hosts,
        &session_key,
        config.secure(),
    ));
    let state = AppState {
        leptos_options: leptos_options(addr),
        inner: Arc::new(Inner {
            quay: QuayClient::new(&quay_url, timeout),
            mode,
            server_token,
            server_user: Default::default(),
            session_key,
            secure_cookie: config.secure(),
            registry_host: config.registry_host.clone(),
            concurrency: config.concurrency.clamp(1, 64),
            tasks: tokio_util::task::TaskTracker::new(),
            oauth: oauth_client(config)?,
            public_url: config
                .public_url
                .clone()
                .filter(|u| !u.trim().is_empty())
                .map(|u| u.trim().trim_end_matches('/').to_string())
                .unwrap_or_else(|| format!("http://{addr}")),
        }),
    };
    // The console's pages (`crate::router`), each rendered once all its data has loaded (the
    // rows are in the first HTML, also without JavaScript); any other address is the fallback's
    // (a file of the site, else the console's "Page not found" with a 404).
    let page = leptos_axum::render_app_async_with_context(
        {
            let (state, guard) = (state.clone(), guard.clone());
            move || page_context(&state, &guard)
        },
        {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        },
    );
    let router = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(crate::observe::readyz))
        .route("/metrics", get(crate::observe::metrics_handler))
        .route("/oauth/start", get(crate::oauth::ssr::start))
        .route("/oauth/callback/{nonce}", get(crate::oauth::ssr::callback))
        .route("/", get(page.clone()))
        .route("/organization", get(page.clone()))
        .route("/organization/{ns}", get(page.clone()))
        .route("/signin", get(page));
    // The server functions (`/api/...`), with the same context as the pages.
    let _ = any_spawner::Executor::init_tokio();
    let mut router = router;
    for (path, method) in leptos::server_fn::axum::server_fn_paths() {
        let (state, guard) = (state.clone(), guard.clone());
        let handler = move |req: axum::extract::Request| async move {
            leptos_axum::handle_server_fns_with_context(move || page_context(&state, &guard), req)
                .await
        };
        router = router.route(
            path,
            axum::routing::on(method.try_into().expect("a method"), handler),
        );
    }
    let router = router
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .with_state(state.clone())
        .layer(axum::middleware::from_fn_with_state(
            guard,
            crate::security::guard,
        ))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(MAX_BODY));
    // Compression and cache headers, then (outermost) the request id, log line and metrics of
    // every answer, refusals too.
    let router = crate::assets::layers::apply(router)
        .layer(axum::middleware::from_fn(crate::observe::layer));
    Ok((router, state, sandbox))
}

/// Starts the console on `config.addr` (port 0 picks a free port) and returns at once.
pub async fn spawn(config: Config) -> Result<Running, String> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| {
            format!(
                "cannot listen on {}: {e}. Free the port or set --addr.",
                config.addr
            )
        })?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (router, state, sandbox) = build(&config, addr).await?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, router.into_make_service())
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await;
    });
    Ok(Running {
        addr,
        sandbox,
        state,
        server,
        shutdown: tx,
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// The binary's main loop: start, print where, optionally open a browser, serve until a signal.
pub async fn run(config: Config) -> Result<(), String> {
    crate::observe::init_logging(config.log_format);
    let open = config.open;
    let running = spawn(config).await?;
    let url = running.url();
    match &running.sandbox {
        Some(s) => println!(
            "robot-console listening on {url} (embedded Quay-compatible backend on {}, signed in as {})",
            s.base_url, s.admin_user
        ),
        None => println!(
            "robot-console listening on {url} (Quay at {})",
            running.state.quay.base_url()
        ),
    }
    if open {
        open_browser(&url);
    }
    shutdown_signal().await;
    println!("robot-console: shutting down");
    running.shutdown().await;
    Ok(())
}

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(cmd).arg(url).spawn() {
        eprintln!("robot-console: could not open a browser ({cmd}: {e}); open {url} yourself");
    }
}
