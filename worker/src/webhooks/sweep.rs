//! The safety net behind at-least-once delivery: every minute (wrangler.toml
//! `[triggers]`), queue each delivery that is overdue and not held by an attempt — one
//! whose dispatch never happened (the worker stopped between commit and queue send), or
//! whose queued task was lost or arrived early. A task the queue still holds may be
//! queued twice; the attempt's claim makes the second one a no-op.

use time::Duration;
use worker::Env;

use super::{enqueue, store};
use crate::clock;
use crate::error::AppError;

/// How overdue a delivery must be before the sweep takes it: long enough that dispatch
/// and delayed queue tasks, which are on time, are not doubled every minute.
const GRACE: Duration = Duration::seconds(30);
/// Most deliveries one sweep queues; the rest wait for the next minute.
const MAX_PER_SWEEP: u32 = 1_000;

/// Queues overdue deliveries; failures are logged (the next sweep tries again).
pub async fn sweep(env: &Env) {
    if let Err(e) = try_sweep(env).await {
        worker::console_error!("webhook sweep failed: {e}");
    }
}

async fn try_sweep(env: &Env) -> Result<(), AppError> {
    let now = clock::now();
    let db = crate::store::database(env)?;
    let tasks = store::due(&db, now - GRACE, now, MAX_PER_SWEEP).await?;
    if !tasks.is_empty() {
        worker::console_log!("webhook sweep: queuing {} overdue deliveries", tasks.len());
    }
    enqueue(env, &tasks, 0).await
}
