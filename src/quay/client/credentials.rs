//! QuayClient endpoints: credentials.

use super::{seg, QuayClient, RobotScope};
use crate::error::AppError;
use crate::quay::model::Robot;
use reqwest::Method;

impl QuayClient {
    /// `POST …/robots/{short}/regenerate` with `{}`: a new token; every old login stops working.
    pub async fn regenerate_robot_token(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &str,
    ) -> Result<Robot, AppError> {
        let path = format!("{}/{}/regenerate", scope.robots_path(), seg(short));
        let body = serde_json::json!({});
        self.call(Some(token), Method::POST, &path, Some(&body))
            .await
    }
}
