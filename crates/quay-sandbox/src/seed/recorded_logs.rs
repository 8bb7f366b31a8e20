//! The usage-log entries Quay's `initdb.py` writes (times relative to the seeding, as there).

use serde_json::{json, Value};

use super::B;
use crate::logs::range::{day_start, DAY};
use crate::store::{self, User};
use crate::util;

struct Entry<'a> {
    kind: &'a str,
    ns: &'a User,
    repo: Option<&'a str>,
    performer: Option<&'a User>,
    at: i64,
    metadata: Value,
}

pub(super) fn seed_logs(b: &B, devtable: &User, public: &User, buynlarge: &User) {
    let now = util::now();
    // "today" in initdb is a few minutes before the recorded calls; stay within today (UTC).
    let today = (now - 600).max(day_start(now));
    let yesterday = day_start(now) - 6 * 3600;
    let (week_ago, six_ago, four_ago) = (today - 6 * DAY, today - 5 * DAY, today - 4 * DAY);
    let e = |kind, ns, repo, performer, at, metadata| Entry {
        kind,
        ns,
        repo,
        performer,
        at,
        metadata,
    };
    let orgrepo = Some("orgrepo");
    let entries = [
        e(
            "manifest_label_add",
            devtable,
            Some("simple"),
            Some(devtable),
            today,
            json!({"key": "foo", "value": "bar", "id": 1,
                 "manifest_digest": "sha256:94de9b3ade96fc6162fc84f439ad88bf27444110483f5915d07d49b67e586955"}),
        ),
        e(
            "org_create_team",
            buynlarge,
            None,
            Some(devtable),
            week_ago,
            json!({"team": "readers"}),
        ),
        e(
            "org_set_team_role",
            buynlarge,
            None,
            Some(devtable),
            week_ago,
            json!({"team": "readers", "role": "read"}),
        ),
        e(
            "create_repo",
            buynlarge,
            orgrepo,
            Some(devtable),
            week_ago,
            json!({"namespace": "buynlarge", "repo": "orgrepo"}),
        ),
        e(
            "change_repo_permission",
            buynlarge,
            orgrepo,
            Some(public),
            six_ago,
            json!({"username": "devtable", "repo": "orgrepo", "role": "admin"}),
        ),
        e(
            "change_repo_permission",
            buynlarge,
            orgrepo,
            Some(devtable),
            six_ago,
            json!({"username": "public", "repo": "orgrepo", "role": "read"}),
        ),
        e(
            "add_repo_accesstoken",
            buynlarge,
            orgrepo,
            Some(devtable),
            four_ago,
            json!({"repo": "orgrepo", "token": "deploytoken"}),
        ),
        e(
            "push_repo",
            buynlarge,
            orgrepo,
            Some(public),
            today + 9,
            json!({"username": "public", "repo": "orgrepo"}),
        ),
        e(
            "pull_repo",
            buynlarge,
            orgrepo,
            Some(public),
            today + 9,
            json!({"username": "public", "repo": "orgrepo"}),
        ),
        e(
            "pull_repo",
            buynlarge,
            orgrepo,
            None,
            today + 9,
            json!({"token": "sometoken", "token_code": "somecode", "repo": "orgrepo"}),
        ),
        e(
            "delete_tag",
            buynlarge,
            orgrepo,
            Some(public),
            today + 9,
            json!({"username": "public", "repo": "orgrepo", "tag": "sometag"}),
        ),
        e(
            "pull_repo",
            buynlarge,
            orgrepo,
            None,
            today + 9,
            json!({"token_code": "somecode", "repo": "orgrepo"}),
        ),
        e(
            "pull_repo",
            public,
            None,
            None,
            yesterday,
            json!({"token_code": "somecode", "repo": "publicrepo"}),
        ),
        e(
            "build_dockerfile",
            devtable,
            None,
            None,
            today + 9,
            json!({"repo": "building", "namespace": "devtable",
                 "trigger_id": "6d426c80-c411-4c9e-9971-77de39236f6c",
                 "config": {"build_source": "jakedt/testconnect", "subdir": "",
                            "dockerfile_path": "Dockerfile", "context": "/"},
                 "service": "github"}),
        ),
    ];
    for en in &entries {
        let repo_id = en
            .repo
            .and_then(|r| store::repo_by_name(b.c, en.ns.id, r))
            .map(|r| r.id);
        store::insert_log(
            b.c,
            &store::NewLog {
                kind: en.kind,
                account_id: Some(en.ns.id),
                repo_id,
                performer: en.performer,
                ip: None,
                datetime: en.at,
                metadata: &en.metadata,
            },
        )
        .expect("seed log entry");
    }
}
