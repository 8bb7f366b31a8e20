//! The Kubernetes manifests in `deploy/kubernetes/` as an operator would apply them: each one
//! decodes strictly into the Kubernetes API types (a misspelt field fails), their ports,
//! environment names and probe paths agree with the binary's own `--help` and with each other,
//! and (when `ROBOT_CONSOLE_DIST` names a `make dist` layout) the binary started from that
//! layout with only the Deployment's environment answers its probes, pages and assets.
#![cfg(feature = "ssr")]

use k8s_openapi::api::apps::v1::Deployment;
use k8s_openapi::api::core::v1::{ConfigMap, Secret, Service};
use k8s_openapi::api::networking::v1::Ingress;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn manifests() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy/kubernetes")
}

/// Decodes a manifest into `T`, failing on any field the type does not know.
fn strict<T: serde::de::DeserializeOwned>(file: &str) -> T {
    let text = std::fs::read_to_string(manifests().join(file)).unwrap();
    let mut unknown = Vec::new();
    let value: T = serde_ignored::deserialize(serde_yaml::Deserializer::from_str(&text), |p| {
        unknown.push(p.to_string())
    })
    .unwrap_or_else(|e| panic!("{file} does not decode: {e}"));
    assert!(unknown.is_empty(), "{file}: unknown fields {unknown:?}");
    value
}

/// The environment variable names `robot-console --help` documents.
fn help_env_names() -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_robot-console"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    help.split("[env: ")
        .skip(1)
        .map(|rest| rest.split(['=', ']']).next().unwrap().to_string())
        .collect()
}

/// Variables the binary reads that are not flags: Leptos' site root and the log filter.
const NOT_FLAGS: [&str; 2] = ["LEPTOS_SITE_ROOT", "RUST_LOG"];

struct Manifests {
    config: BTreeMap<String, String>,
    secret: BTreeMap<String, String>,
    deployment: Deployment,
    service: Service,
    ingress: Ingress,
}

fn load() -> Manifests {
    let config: ConfigMap = strict("configmap.yaml");
    let secret: Secret = strict("secret.yaml");
    Manifests {
        config: config.data.unwrap_or_default(),
        secret: secret.string_data.unwrap_or_default(),
        deployment: strict("deployment.yaml"),
        service: strict("service.yaml"),
        ingress: strict("ingress.yaml"),
    }
}

fn container(d: &Deployment) -> &k8s_openapi::api::core::v1::Container {
    let spec = d.spec.as_ref().unwrap().template.spec.as_ref().unwrap();
    assert_eq!(spec.containers.len(), 1);
    &spec.containers[0]
}

/// The Deployment's own `env` entries.
fn deployment_env(d: &Deployment) -> BTreeMap<String, String> {
    container(d)
        .env
        .iter()
        .flatten()
        .map(|e| (e.name.clone(), e.value.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn every_manifest_decodes_strictly_and_the_kustomization_lists_them() {
    let m = load();
    let kustomization: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(manifests().join("kustomization.yaml")).unwrap(),
    )
    .unwrap();
    let listed: Vec<&str> = kustomization["resources"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let mut files: Vec<String> = std::fs::read_dir(manifests())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.ends_with(".yaml") && f != "kustomization.yaml")
        .collect();
    files.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, files, "kustomization.yaml lists every manifest");
    assert!(m.deployment.spec.as_ref().unwrap().replicas.unwrap() >= 2);
}

#[test]
fn environment_names_are_the_binarys_own() {
    let m = load();
    let known = help_env_names();
    assert!(known.contains(&"QUAY_URL".to_string()), "{known:?}");
    let c = container(&m.deployment);
    let from: Vec<(&str, &str)> = c
        .env_from
        .iter()
        .flatten()
        .map(|e| {
            if let Some(r) = &e.config_map_ref {
                ("ConfigMap", r.name.as_str())
            } else {
                ("Secret", e.secret_ref.as_ref().unwrap().name.as_str())
            }
        })
        .collect();
    assert_eq!(
        from,
        vec![("ConfigMap", "robot-console"), ("Secret", "robot-console")]
    );
    for name in m
        .config
        .keys()
        .chain(m.secret.keys())
        .chain(deployment_env(&m.deployment).keys())
    {
        assert!(
            known.contains(name) || NOT_FLAGS.contains(&name.as_str()),
            "{name} is not a variable robot-console reads (see --help)"
        );
    }
    // Secrets are in the Secret, not the ConfigMap.
    for secret in [
        "ROBOT_CONSOLE_SESSION_KEY",
        "ROBOT_CONSOLE_OAUTH_CLIENT_SECRET",
        "QUAY_TOKEN",
    ] {
        assert!(!m.config.contains_key(secret), "{secret} in the ConfigMap");
    }
    assert!(m.secret.contains_key("ROBOT_CONSOLE_SESSION_KEY"));
}

#[test]
fn ports_probes_and_hosts_agree() {
    let m = load();
    let c = container(&m.deployment);
    let port = c.ports.as_ref().unwrap()[0].clone();
    let addr: std::net::SocketAddr = m.config["ROBOT_CONSOLE_ADDR"].parse().unwrap();
    assert_eq!(port.container_port, i32::from(addr.port()));
    assert_eq!(port.name.as_deref(), Some("http"));
    let annotations = m
        .deployment
        .spec
        .as_ref()
        .unwrap()
        .template
        .metadata
        .as_ref()
        .unwrap()
        .annotations
        .clone()
        .unwrap();
    assert_eq!(annotations["prometheus.io/port"], addr.port().to_string());
    assert_eq!(annotations["prometheus.io/path"], "/metrics");
    let probe_path = |p: &Option<k8s_openapi::api::core::v1::Probe>| {
        p.as_ref()
            .unwrap()
            .http_get
            .as_ref()
            .unwrap()
            .path
            .clone()
            .unwrap()
    };
    assert_eq!(probe_path(&c.readiness_probe), "/readyz");
    assert_eq!(probe_path(&c.liveness_probe), "/healthz");
    // The readiness probe waits longer than /readyz's own limit on Quay.
    assert!(c.readiness_probe.as_ref().unwrap().timeout_seconds.unwrap() > 5);
    // The Service sends to the named port; the Ingress to the Service.
    let sp = &m.service.spec.as_ref().unwrap().ports.as_ref().unwrap()[0];
    assert_eq!(
        sp.target_port,
        Some(k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::String("http".into()))
    );
    let rule = &m.ingress.spec.as_ref().unwrap().rules.as_ref().unwrap()[0];
    let public = &m.config["ROBOT_CONSOLE_PUBLIC_URL"];
    assert_eq!(
        public.trim_start_matches("https://"),
        rule.host.as_deref().unwrap(),
        "the Ingress host is the public URL's host"
    );
    let backend = rule.http.as_ref().unwrap().paths[0]
        .backend
        .service
        .as_ref()
        .unwrap();
    assert_eq!(backend.name, m.service.metadata.name.clone().unwrap());
    // The Deployment's grace period covers the console's drain of bulk work.
    let grace = m
        .deployment
        .spec
        .as_ref()
        .unwrap()
        .template
        .spec
        .as_ref()
        .unwrap()
        .termination_grace_period_seconds
        .unwrap();
    assert!(grace as u64 > robot_console::serve::DRAIN.as_secs());
}

/// Starts `dist/robot-console` with exactly `env` (nothing inherited); its first stdout line
/// with an address, or what it printed when it exited.
fn start_dist(
    bin: &Path,
    env: &BTreeMap<String, String>,
) -> Result<(std::process::Child, String), String> {
    let mut child = Command::new(bin)
        .env_clear()
        .envs(env)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    for line in out.lines() {
        let line = line.unwrap();
        if line.contains("listening on") {
            let url = line
                .split_whitespace()
                .find(|w| w.starts_with("http://"))
                .unwrap()
                .to_string();
            return Ok((child, url));
        }
    }
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    Err(format!("{status}: {err}"))
}

#[test]
fn the_dist_binary_runs_with_only_the_deployments_environment() {
    let Some(dist) = std::env::var_os("ROBOT_CONSOLE_DIST").map(PathBuf::from) else {
        eprintln!(
            "ROBOT_CONSOLE_DIST is not set (make test-dist sets it): skipping the binary run"
        );
        return;
    };
    let bin = dist.join("robot-console");
    assert!(
        bin.is_file(),
        "{} missing: run scripts/dist.sh",
        bin.display()
    );
    let m = load();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let quay = rt
        .block_on(quay_sandbox::start(quay_sandbox::SandboxConfig {
            addr: "127.0.0.1:0".parse().unwrap(),
            data_dir: Some(dir.path().join("quay")),
            ..Default::default()
        }))
        .unwrap();

    // The environment the pod gets, with what only a cluster provides replaced: loopback for
    // the pod's address, the test's Quay, a temporary /data and the dist/ layout for /app.
    let mut env: BTreeMap<String, String> = m.config.clone();
    env.extend(m.secret.clone());
    env.extend(deployment_env(&m.deployment));
    env.insert("ROBOT_CONSOLE_ADDR".into(), "127.0.0.1:0".into());
    env.insert("QUAY_URL".into(), quay.base_url.clone());
    env.insert(
        "ROBOT_CONSOLE_DATA_DIR".into(),
        dir.path().join("data").display().to_string(),
    );
    assert_eq!(env["LEPTOS_SITE_ROOT"], "/app/site");
    env.insert(
        "LEPTOS_SITE_ROOT".into(),
        dist.join("site").display().to_string(),
    );

    // The Secret as shipped has a placeholder key: the console says so and does not start.
    let err = start_dist(&bin, &env).expect_err("the placeholder session key is refused");
    assert!(
        err.contains("session key") || err.contains("SESSION_KEY"),
        "{err}"
    );

    let key = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode([9u8; 64])
    };
    env.insert("ROBOT_CONSOLE_SESSION_KEY".into(), key);
    let (child, url) = start_dist(&bin, &env).expect("the console starts");
    let _stop = Kill(child);
    let public_host = m.config["ROBOT_CONSOLE_PUBLIC_URL"]
        .trim_start_matches("https://")
        .to_string();
    rt.block_on(async {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let get = |path: &str, host: Option<&str>| {
            let mut req = http.get(format!("{url}{path}"));
            if let Some(h) = host {
                req = req.header("Host", h);
            }
            req.send()
        };
        // The kubelet's probes come with the pod IP as Host.
        assert_eq!(
            get("/healthz", Some("10.0.0.7:3000"))
                .await
                .unwrap()
                .status(),
            200
        );
        assert_eq!(
            get("/readyz", Some("10.0.0.7:3000"))
                .await
                .unwrap()
                .status(),
            200
        );
        assert_eq!(
            get("/metrics", Some("10.0.0.7:3000"))
                .await
                .unwrap()
                .status(),
            200
        );
        // Pages answer the public host only (DNS rebinding).
        assert_eq!(
            get("/signin", Some("evil.example")).await.unwrap().status(),
            421
        );
        let page = get("/signin", Some(&public_host)).await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        let css = html
            .split('"')
            .find(|s| s.starts_with("/pkg/") && s.ends_with(".css"))
            .unwrap_or_else(|| panic!("no stylesheet in\n{html}"))
            .to_string();
        let asset = get(&css, Some(&public_host)).await.unwrap();
        assert_eq!(asset.status(), 200, "{css}");
        assert!(asset.bytes().await.unwrap().len() > 1000);
    });
}

/// Stops the console when the test ends, passed or not.
struct Kill(std::process::Child);

impl Drop for Kill {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
