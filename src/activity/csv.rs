//! The shown events as CSV (RFC 4180). Log metadata comes from clients (a user agent is any
//! text a client sends), so a cell that a spreadsheet would run as a formula is prefixed with `'`.

use super::Event;

pub const HEADER: [&str; 7] = [
    "time (UTC)",
    "event",
    "kind",
    "repository",
    "ip",
    "actor",
    "details",
];

/// `2026-12-01T06:54:56Z`.
pub fn iso_time(epoch: i64) -> String {
    let day = crate::quay::ids::LogDate::of_epoch(epoch);
    let s = epoch.rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        day.iso(),
        s / 3600,
        (s % 3600) / 60,
        s % 60
    )
}

/// The events, one line each after the header; lines end with CRLF.
pub fn to_csv(events: &[Event]) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for e in events {
        let cells = [
            iso_time(e.epoch),
            e.label(),
            e.kind.clone(),
            e.repository.clone().unwrap_or_default(),
            e.ip.clone().unwrap_or_default(),
            e.actor.clone().unwrap_or_default(),
            e.details.clone(),
        ];
        out.push_str(&crate::csv::line(&cells));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_become_lines() {
        let e = Event {
            epoch: 1_796_108_096,
            kind: "pull_repo".into(),
            repository: Some("billing".into()),
            ip: Some("127.0.0.1".into()),
            actor: Some("acme+bot".into()),
            details: "tag latest, client skopeo/1.13".into(),
        };
        assert_eq!(
            to_csv(&[e]),
            "time (UTC),event,kind,repository,ip,actor,details\r\n\
             2026-12-01T06:54:56Z,Pull,pull_repo,billing,127.0.0.1,acme+bot,\"tag latest, client skopeo/1.13\"\r\n"
        );
    }
}
