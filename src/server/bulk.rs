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
    run_all_with(items, concurrency, policy, op, |item, result| {
        let outcome = result.unwrap_or_else(|e| Outcome::failed(&e));
        crate::observe::metrics().bulk_item(&outcome);
        on_outcome(item, outcome)
    })
    .await
}

/// [`run_all`] for work that answers something (a read): `on_result` gets each item's answer,
/// or the error left after the retries.
pub async fn run_all_with<I, T, F, Fut>(
    items: Vec<I>,
    concurrency: usize,
    policy: RetryPolicy,
    op: F,
    mut on_result: impl FnMut(I, Result<T, AppError>),
) where
    F: Fn(&I) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let op = &op;
    let _in_flight = crate::observe::metrics().bulk_run();
    let mut results = futures::stream::iter(items)
        .map(|item| async move {
            let result = with_retries(policy, || op(&item)).await;
            (item, result)
        })
        .buffer_unordered(concurrency.max(1));
    while let Some((item, result)) = results.next().await {
        on_result(item, result);
    }
}

/// Runs `phases` one after another (a phase starts when every item of the one before has
/// ended), each as [`run_all`]. Robots as code needs it: robots exist before they are granted
/// anything, and deletions come last.
pub async fn run_phases<I, F, Fut>(
    phases: Vec<Vec<I>>,
    concurrency: usize,
    policy: RetryPolicy,
    op: F,
    mut on_outcome: impl FnMut(I, Outcome),
) where
    F: Fn(&I) -> Fut,
    Fut: Future<Output = Result<Outcome, AppError>>,
{
    for items in phases {
        run_all(items, concurrency, policy, &op, &mut on_outcome).await;
    }
}

/// Starts `op` over `items` in a tracked task and answers the stream of its events.
pub fn stream<I, F, Fut>(state: &AppState, items: Vec<I>, op: F) -> BulkStream
where
    I: Serialize + Send + Sync + 'static,
    F: Fn(&I) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Outcome, AppError>> + Send,
{
    stream_phases(state, vec![items], op)
}

/// [`stream`] for work in phases ([`run_phases`]): one `Started` with the total of every
/// phase, then every item's outcome as it ends.
pub fn stream_phases<I, F, Fut>(state: &AppState, phases: Vec<Vec<I>>, op: F) -> BulkStream
where
    I: Serialize + Send + Sync + 'static,
    F: Fn(&I) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<Outcome, AppError>> + Send,
{
    spawn_stream::<I, (), _, _>(state, phases, move |i| {
        let work = op(i);
        async move { work.await.map(|o| (o, None)) }
    })
}

/// [`stream`] for reads: each item's answer travels in its event's `data` (an item that failed
/// carries none), so the page can build its view as the answers arrive.
pub fn stream_data<I, D, F, Fut>(state: &AppState, items: Vec<I>, op: F) -> BulkStream
where
    I: Serialize + Send + Sync + 'static,
    D: Serialize + Send + 'static,
    F: Fn(&I) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<D, AppError>> + Send,
{
    spawn_stream::<I, D, _, _>(state, vec![items], move |i| {
        let work = op(i);
        async move { work.await.map(|d| (Outcome::Done, Some(d))) }
    })
}

fn spawn_stream<I, D, F, Fut>(state: &AppState, phases: Vec<Vec<I>>, op: F) -> BulkStream
where
    I: Serialize + Send + Sync + 'static,
    D: Serialize + Send + 'static,
    F: Fn(&I) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<(Outcome, Option<D>), AppError>> + Send,
{
    let (tx, rx) = tokio::sync::mpsc::unbounded_channel::<Vec<u8>>();
    let total = phases.iter().map(Vec::len).sum();
    let _ = tx.send(Event::<I, D>::Started { total }.line());
    let concurrency = state.concurrency;
    let op = Arc::new(op);
    // The task keeps the request's id, so its Quay calls can be matched with the request.
    state
        .tasks
        .spawn(crate::observe::carry_request_id(async move {
            let mut on_result = |item: I, result: Result<(Outcome, Option<D>), AppError>| {
                let (outcome, data) = match result {
                    Ok((outcome, data)) => (outcome, data),
                    Err(e) => (Outcome::failed(&e), None),
                };
                crate::observe::metrics().bulk_item(&outcome);
                // The page may have gone away; the work goes on regardless.
                let _ = tx.send(
                    Event::Item {
                        item,
                        outcome,
                        data,
                    }
                    .line(),
                );
            };
            // A phase starts when every item of the one before has ended.
            for items in phases {
                run_all_with(
                    items,
                    concurrency,
                    RetryPolicy::default(),
                    |i| op(i),
                    &mut on_result,
                )
                .await;
            }
            let _ = tx.send(Event::<I, D>::Finished.line());
        }));
    let lines = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv()
            .await
            .map(|line| (Ok::<_, AppError>(bytes::Bytes::from(line)), rx))
    });
    ByteStream::new(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_phase_starts_only_after_every_item_of_the_one_before_has_ended() {
        let ended = std::sync::Mutex::new(Vec::new());
        let mut reported = Vec::new();
        run_phases(
            vec![vec![30u64, 20, 10], vec![1]],
            8,
            RetryPolicy::default(),
            |ms| {
                let (ms, ended) = (*ms, &ended);
                async move {
                    // The slow items of phase one would end after phase two's if they overlapped.
                    tokio::time::sleep(Duration::from_millis(ms)).await;
                    ended.lock().unwrap().push(ms);
                    Ok(Outcome::Done)
                }
            },
            |item, _| reported.push(item),
        )
        .await;
        assert_eq!(*ended.lock().unwrap(), vec![10, 20, 30, 1]);
        assert_eq!(reported, vec![10, 20, 30, 1]);
    }
}
