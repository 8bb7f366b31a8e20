//! The bulk engine's server half: runs one operation over many items with bounded concurrency
//! (`--concurrency`), retries timeouts and 5xx with backoff, and streams every item's outcome
//! as it ends (see `crate::bulk` for the events). The work runs in a task of its own, tracked
//! by the server: a dropped connection does not stop it, and a shutdown waits for it to end.

use crate::bulk::{is_retryable, Event, Outcome, RetryPolicy};
use crate::error::AppError;
use crate::state::AppState;
use futures::StreamExt;
use leptos::server_fn::codec::ByteStream;
use serde::Serialize;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

/// What a bulk server function answers: newline-separated JSON events.
pub type BulkStream = ByteStream<AppError>;

/// Runs `call` until it succeeds, Quay refuses it (4xx), or the attempts run out; timeouts
/// and 5xx wait with exponential backoff before the next attempt.
pub async fn with_retries<T, F, Fut>(policy: RetryPolicy, mut call: F) -> Result<T, AppError>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let mut attempt = 0;
    loop {
        attempt += 1;
        match call().await {
            Err(e) if is_retryable(e.status) && attempt < policy.attempts => {
                let ms = policy.delay_ms(attempt, rand::random::<f64>());
                tokio::time::sleep(Duration::from_millis(ms)).await;
            }
            r => return r,
        }
    }
}

/// Runs `op` on every item and reports each outcome to `on_outcome` as it arrives (in any
/// order), at most `concurrency` at once, each item retried by `policy`.
pub async fn run_all<I, F, Fut>(
    items: Vec<I>,
    concurrency: usize,
    policy: RetryPolicy,
    op: F,
    mut on_outcome: impl FnMut(I, Outcome),
) where
    F: Fn(&I) -> Fut,
    Fut: Future<Output = Result<Outcome, AppError>>,
{
    let op = &op;
    let metrics = crate::observe::metrics();
    let _in_flight = metrics.bulk_run();
    let mut results = futures::stream::iter(items)
        .map(|item| async move {
            let outcome = match with_retries(policy, || op(&item)).await {
                Ok(o) => o,
                Err(e) => Outcome::failed(&e),
            };
            (item, outcome)
        })
        .buffer_unordered(concurrency.max(1));
    while let Some((item, outcome)) = results.next().await {
        metrics.bulk_item(&outcome);
        on_outcome(item, outcome);
    }
}

/// Starts `op` over `items` in a tracked task and answers the stream of its events.
pub fn stream<I, F, Fut>(state: &AppState, items: Vec<I>, op: F) -> BulkStream
where
    I: Serialize + Send + Sync + 'static,
    F: Fn(&I) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Outcome, AppError>> + Send,
{
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
    let _ = tx.send(Event::<I>::Started { total: items.len() }.line());
    let concurrency = state.concurrency;
    let op = Arc::new(op);
    // The task keeps the request's id, so its Quay calls can be matched with the request.
    state
        .tasks
        .spawn(crate::observe::carry_request_id(async move {
            run_all(
                items,
                concurrency,
                RetryPolicy::default(),
                |i| op(i),
                |item, outcome| {
                    // The page may have gone away; the work goes on regardless.
                    let _ = tx.send(Event::Item { item, outcome }.line());
                },
            )
            .await;
            let _ = tx.send(Event::<I>::Finished.line());
        }));
    let lines = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|line| (Ok::<_, AppError>(bytes::Bytes::from(line)), rx))
    });
    ByteStream::new(lines)
}
