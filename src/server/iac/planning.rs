//! A file against the live namespace: parse it, read Quay, check what needs Quay (teams,
//! repositories, user namespace), and plan. Shared by the `iac_plan` server function and the
//! CLI's `plan` and `apply`.

use super::live::{read, Target};
use crate::error::AppError;
use crate::iac::check::{check, Facts};
use crate::iac::plan::{plan, Plan};
use crate::iac::problem::Problem;

/// What reviewing a file gives: problems (then nothing can be applied) or a plan.
pub enum Review {
    Problems(Vec<Problem>),
    Plan(Plan),
}

/// Reviews `text` against `t`'s namespace. The file's own `namespace` may differ (the same
/// file applied to a staging organization): the target wins, and a warning says so.
pub async fn review(
    t: &Target,
    text: &str,
    prune: bool,
    concurrency: usize,
) -> Result<Review, AppError> {
    let (mut desired, map) = match crate::iac::parse::parse(text) {
        Ok(p) => p,
        Err(problems) => return Ok(Review::Problems(problems)),
    };
    let mut warnings = Vec::new();
    if desired.namespace != t.namespace {
        warnings.push(format!(
            "The file is for namespace {}; it is planned against {}.",
            desired.namespace, t.namespace
        ));
        desired.namespace = t.namespace.clone();
    }
    let live = read(t, concurrency).await?;
    let problems = check(
        &desired,
        &map,
        &Facts {
            is_user: t.is_user,
            teams: &live.teams,
            repositories: &live.repositories,
        },
    );
    if !problems.is_empty() {
        return Ok(Review::Problems(problems));
    }
    let mut p = plan(&desired, &live.file, prune);
    warnings.extend(live.warnings);
    warnings.append(&mut p.warnings);
    p.warnings = warnings;
    Ok(Review::Plan(p))
}
