//! QuayClient endpoints: credentials.

use super::{QuayClient, RobotScope};
use crate::error::AppError;
use crate::quay::ids::RobotShort;
use crate::quay::model::Robot;
use reqwest::Method;

impl QuayClient {
    /// `POST …/robots/{short}/regenerate` with `{}`: a new token; every old login stops working.
    pub async fn regenerate_robot_token(
        &self,
        token: &str,
        scope: &RobotScope,
        short: &RobotShort,
    ) -> Result<Robot, AppError> {
        let path = scope.robot_path(short, &["regenerate"])?;
        let body = serde_json::json!({});
        self.call(Some(token), Method::POST, &path, Some(&body))
            .await
    }
}
