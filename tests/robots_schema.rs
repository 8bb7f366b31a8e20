//! `docs/robots.schema.json` accepts what the console writes and refuses what the console
//! refuses: exports of the demo namespaces (YAML and JSON) pass; files with an unknown key, a
//! bad role, a bad name or the wrong version fail, in the schema and in the parser alike.

use robot_console::iac::parse::parse;
use robot_console::iac::yaml::{load, plain_kind, Node, Value};

fn schema() -> (boon::Schemas, boon::SchemaIndex) {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/robots.schema.json");
    let index = compiler
        .compile(path, &mut schemas)
        .expect("the schema compiles");
    (schemas, index)
}

/// YAML as JSON the way YAML 1.2's core schema reads it (what editors validate).
fn json(n: &Node) -> serde_json::Value {
    match &n.value {
        Value::Seq(items) => items.iter().map(json).collect(),
        Value::Map(entries) => entries
            .iter()
            .map(|(k, v)| match &k.value {
                Value::Scalar { text, .. } => (text.clone(), json(v)),
                _ => panic!("non-text key"),
            })
            .collect::<serde_json::Map<_, _>>()
            .into(),
        Value::Scalar { text, plain: true } => match plain_kind(text) {
            Some("null") => serde_json::Value::Null,
            Some("a boolean") => text.to_ascii_lowercase().parse::<bool>().unwrap().into(),
            Some(_) => serde_json::from_str(text).unwrap_or_else(|_| text.clone().into()),
            None => text.clone().into(),
        },
        Value::Scalar { text, .. } => text.clone().into(),
    }
}

fn valid(text: &str) -> Result<(), String> {
    let (schemas, index) = schema();
    let doc = load(text).unwrap().unwrap();
    schemas
        .validate(&json(&doc), index)
        .map_err(|e| e.to_string())
}

async fn demo_exports() -> Vec<String> {
    use robot_console::server::iac::live::{read, Target};
    let sb = quay_sandbox::start(quay_sandbox::SandboxConfig {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..Default::default()
    })
    .await
    .unwrap();
    let quay = robot_console::quay::client::QuayClient::new(
        &sb.base_url,
        std::time::Duration::from_secs(10),
    );
    let mut out = Vec::new();
    for ns in ["acme", "demo"] {
        let ns = robot_console::quay::ids::Namespace::parse(ns).unwrap();
        let t = Target::connect(quay.clone(), sb.admin_token.clone(), ns)
            .await
            .unwrap();
        let live = read(&t, 8).await.unwrap();
        out.push(robot_console::iac::export::to_yaml(&live.file));
        out.push(robot_console::iac::export::to_json(&live.file));
    }
    sb.shutdown().await;
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_schema_accepts_every_export() {
    let exports = demo_exports().await;
    assert!(exports[0].contains("name: deployer"), "{}", exports[0]);
    for e in exports {
        valid(&e).unwrap_or_else(|m| panic!("{m}\n{e}"));
        parse(&e).unwrap();
    }
}

#[test]
fn the_schema_and_the_parser_refuse_the_same_bad_files() {
    let good = "version: 1\nnamespace: acme\nrobots:\n  - name: bot\n    teams: [developers]\n    repositories:\n      billing: write\n    federation:\n      - issuer: https://issuer.example\n        subject: sub\ndefault_permissions:\n  - robot: bot\n    role: read\n    activating_user: alice\n";
    valid(good).unwrap();
    parse(good).unwrap();
    for (what, bad) in [
        ("unknown key", good.replace("    teams:", "    groups:")),
        (
            "bad role",
            good.replace("billing: write", "billing: writer"),
        ),
        ("bad robot name", good.replace("name: bot", "name: Bot")),
        (
            "bad team name",
            good.replace("[developers]", "[Developers]"),
        ),
        ("bad repository name", good.replace("billing:", "Billing:")),
        ("wrong version", good.replace("version: 1", "version: 2")),
        ("missing namespace", good.replace("namespace: acme\n", "")),
        (
            "issuer not a URL",
            good.replace("https://issuer.example", "issuer.example"),
        ),
        ("role as a number", good.replace("role: read", "role: 1")),
        ("default without role", good.replace("    role: read\n", "")),
    ] {
        assert!(
            valid(&bad).is_err(),
            "the schema accepted a file with a {what}"
        );
        assert!(
            parse(&bad).is_err(),
            "the parser accepted a file with a {what}"
        );
    }
}

#[test]
fn the_examples_in_the_docs_are_valid_robots_files() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut seen = 0;
    for doc in ["README.md", "docs/robots-as-code.md"] {
        let text = std::fs::read_to_string(format!("{root}/{doc}")).unwrap();
        for block in text.split("```yaml\n").skip(1) {
            let example = &block[..block.find("```").unwrap()];
            parse(example).unwrap_or_else(|p| panic!("{doc}: {p:?}\n{example}"));
            valid(example).unwrap_or_else(|m| panic!("{doc}: {m}\n{example}"));
            seen += 1;
        }
    }
    assert_eq!(seen, 2);
}
