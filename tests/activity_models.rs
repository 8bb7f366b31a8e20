//! Every usage-log answer a real Quay gave (`recorded-more/LOGS_*`, `SUPER_11`) deserializes into
//! the console's log models, every entry becomes an event with its time, and the robot's own
//! entries and those naming it are told apart as the recordings show them.

use robot_console::activity::{chart, mentions, performed_by, Event};
use robot_console::quay::ids::RobotName;
use robot_console::quay::model::{AggregatedLogs, LogPage};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn recorded_more() -> Option<PathBuf> {
    [
        std::env::var("QUAY_REFERENCE_DIR").ok().map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/quay-reference")),
        Some(PathBuf::from("/work/shared/quay-reference")),
    ]
    .into_iter()
    .flatten()
    .map(|p| p.join("recorded-more"))
    .find(|p| p.join("_index.json").exists())
}

fn recordings(dir: &Path) -> Vec<(String, Value)> {
    let mut out: Vec<(String, Value)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            (n.starts_with("LOGS_") || n.starts_with("SUPER_11")) && n.ends_with(".json")
        })
        .map(|p| {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
            (p.file_name().unwrap().to_string_lossy().to_string(), v)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn recorded_log_answers_become_events_and_counts() {
    let Some(dir) = recorded_more() else {
        eprintln!("skipped: the Quay reference (recorded-more) is not here");
        return;
    };
    let logbot = RobotName::parse("buynlarge+logbot").unwrap();
    let (mut pages, mut aggregates, mut entries) = (0, 0, 0);
    for (name, rec) in recordings(&dir) {
        let path = rec["request"]["path"].as_str().unwrap();
        let resp = &rec["response"];
        if resp["status"] != 200 || resp["body_is_json"] != true {
            continue;
        }
        let p = path.split('?').next().unwrap();
        if p.ends_with("/aggregatelogs") {
            let a: AggregatedLogs = serde_json::from_value(resp["body"].clone())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            for c in &a.aggregated {
                assert!(
                    chart::parse_day(&c.datetime).is_some(),
                    "{name}: {}",
                    c.datetime
                );
            }
            aggregates += 1;
        } else if p.ends_with("/logs") {
            let page: LogPage = serde_json::from_value(resp["body"].clone())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            for e in &page.logs {
                assert!(Event::from_entry(e).is_some(), "{name}: {}", e.datetime);
                entries += 1;
            }
            // LOGS_30: the robot's own log holds only what it performed.
            if path.contains("performer=buynlarge%2Blogbot") && !p.contains("/repository/") {
                assert!(!page.logs.is_empty(), "{name}");
                assert!(page.logs.iter().all(|e| performed_by(e, &logbot)), "{name}");
            }
            // LOGS_20..22: the administrator's changes name logbot in their metadata.
            if name.starts_with("LOGS_21") {
                let named: Vec<&str> = page
                    .logs
                    .iter()
                    .filter(|e| mentions(e, &logbot))
                    .map(|e| e.kind.as_str())
                    .collect();
                assert_eq!(named, ["change_repo_permission", "create_robot"], "{name}");
            }
            pages += 1;
        }
    }
    println!("activity models: {pages} log pages ({entries} entries), {aggregates} aggregates");
    assert!(
        pages >= 15 && aggregates >= 5 && entries > 100,
        "{pages} {aggregates} {entries}"
    );
}
