//! Serde types of Quay's usage logs (`…/logs`, `…/aggregatelogs`; recorded in
//! `recorded-more/LOGS_*`).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Who performed a logged action. Absent when nobody did (a login failure for an unknown robot,
/// a keyless token exchange, initdb's seeded pulls).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogPerformer {
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub is_robot: bool,
}

/// One entry `{kind, metadata, ip, datetime, performer?}`; `datetime` is RFC 2822.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub kind: String,
    #[serde(default)]
    pub metadata: Value,
    #[serde(default)]
    pub ip: Option<String>,
    pub datetime: String,
    #[serde(default)]
    pub performer: Option<LogPerformer>,
}

/// A page: 20 entries, newest first. Every page with entries carries `next_page`; the page after
/// the last entries is empty and has none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogPage {
    #[serde(default)]
    pub start_time: Option<String>,
    #[serde(default)]
    pub end_time: Option<String>,
    pub logs: Vec<LogEntry>,
    #[serde(default)]
    pub next_page: Option<String>,
}

/// `{"aggregated": [{kind, count, datetime}]}`: one count per kind per day (`datetime` 00:00).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AggregatedLogs {
    pub aggregated: Vec<AggregatedLogCount>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AggregatedLogCount {
    pub kind: String,
    pub count: u64,
    pub datetime: String,
}
