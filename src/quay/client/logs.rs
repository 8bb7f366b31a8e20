//! QuayClient endpoints: usage logs of a namespace (`recorded-more/LOGS_*`).

use super::{path, query_value, QuayClient, RobotScope};
use crate::error::{AppError, ErrorKind};
use crate::quay::ids::{LogRange, PageToken, RobotName};
use crate::quay::model::{AggregatedLogCount, AggregatedLogs, LogPage};
use reqwest::Method;

impl RobotScope {
    /// `/api/v1/organization/{org}/{leaf}` or `/api/v1/user/{leaf}` (`logs`, `aggregatelogs`).
    pub fn logs_path(&self, leaf: &str) -> Result<String, AppError> {
        match self {
            RobotScope::Org(org) => path(&["api", "v1", "organization", org, leaf]),
            RobotScope::User => path(&["api", "v1", "user", leaf]),
        }
    }
}

/// The query of a log call: the range in Quay's `%m/%d/%Y` (UTC; `endtime` inclusive), the
/// performer percent-encoded (a raw `+` would reach Quay as a space, and Quay answers 500),
/// and Quay's `next_page` token passed back unchanged.
pub fn log_query(
    range: &LogRange,
    performer: Option<&RobotName>,
    next_page: Option<&PageToken>,
) -> String {
    let mut q = format!(
        "starttime={}&endtime={}",
        query_value(&range.start().quay()),
        query_value(&range.end().quay())
    );
    if let Some(p) = performer {
        q.push_str("&performer=");
        q.push_str(&query_value(p));
    }
    if let Some(t) = next_page {
        q.push_str("&next_page=");
        q.push_str(&query_value(t));
    }
    q
}

/// Quay's 403 on logs says only "Unauthorized"; say who may read them.
fn logs_error(e: AppError, scope: &RobotScope) -> AppError {
    if e.status != 403 {
        return e;
    }
    let whose = match scope {
        RobotScope::Org(org) => format!("the organization {org}"),
        RobotScope::User => "your namespace".to_string(),
    };
    AppError::new(
        403,
        ErrorKind::Forbidden,
        format!("Quay refused to show the usage logs of {whose}: only its administrators can read them, with a token that has the org:admin (organizations) or user:admin (your namespace) scope."),
    )
}

impl QuayClient {
    /// `GET …/logs`: one page (20 entries, newest first).
    pub async fn logs(
        &self,
        token: &str,
        scope: &RobotScope,
        range: &LogRange,
        performer: Option<&RobotName>,
        next_page: Option<&PageToken>,
    ) -> Result<LogPage, AppError> {
        let p = format!(
            "{}?{}",
            scope.logs_path("logs")?,
            log_query(range, performer, next_page)
        );
        self.call(Some(token), Method::GET, &p, None)
            .await
            .map_err(|e| logs_error(e, scope))
    }

    /// `GET …/aggregatelogs`: counts per kind and day. Keep `range` within 27 days: Quay refuses
    /// about a month or more (the limit differs between its versions and log stores).
    pub async fn aggregate_logs(
        &self,
        token: &str,
        scope: &RobotScope,
        range: &LogRange,
        performer: Option<&RobotName>,
    ) -> Result<Vec<AggregatedLogCount>, AppError> {
        let p = format!(
            "{}?{}",
            scope.logs_path("aggregatelogs")?,
            log_query(range, performer, None)
        );
        let a: AggregatedLogs = self
            .call(Some(token), Method::GET, &p, None)
            .await
            .map_err(|e| logs_error(e, scope))?;
        Ok(a.aggregated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quay::ids::{LogDate, Namespace};

    #[test]
    fn queries_encode_the_plus_and_use_quays_dates() {
        let d = |s| LogDate::parse(s).unwrap();
        let range = LogRange::new(d("2026-11-30"), d("2026-12-01"), d("2026-12-01")).unwrap();
        let robot = RobotName::parse("buynlarge+logbot").unwrap();
        let token = PageToken::parse("gAAAAABr+x/y==").unwrap();
        assert_eq!(
            log_query(&range, Some(&robot), Some(&token)),
            "starttime=11%2F30%2F2026&endtime=12%2F01%2F2026&performer=buynlarge%2Blogbot&next_page=gAAAAABr%2Bx%2Fy%3D%3D"
        );
        assert_eq!(
            RobotScope::Org(Namespace::parse("acme").unwrap())
                .logs_path("aggregatelogs")
                .unwrap(),
            "/api/v1/organization/acme/aggregatelogs"
        );
        assert_eq!(
            RobotScope::User.logs_path("logs").unwrap(),
            "/api/v1/user/logs"
        );
    }

    #[test]
    fn a_refusal_says_who_may_read_logs() {
        let e =
            super::super::error_from_response(403, br#"{"detail":"Unauthorized","status":403}"#);
        let e = logs_error(e, &RobotScope::Org(Namespace::parse("acme").unwrap()));
        assert!(
            e.message.contains("only its administrators"),
            "{}",
            e.message
        );
        assert_eq!(e.kind, ErrorKind::Forbidden);
    }
}
