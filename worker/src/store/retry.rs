//! Writes that can lose a race — a lead changed by someone else since it was read (the
//! version guard), a first post of one address racing another, a visitor identifying
//! while their event is stored — are read, recomputed and written again. One loop for
//! every such write, so capture and tracking retry alike.

use crate::clock;
use crate::error::AppError;

/// How often a write that lost a race is recomputed and tried again. Races need bursts
/// on one person to happen at all; eight tries with a growing, jittered pause let a
/// burst of a dozen posts all land.
const WRITE_ATTEMPTS: u32 = 8;

/// What one attempt came to.
pub enum Attempt<T> {
    /// Written, or found written by an earlier try: the answer.
    Done(T),
    /// Lost a race; `reason` goes to the log, and the whole attempt runs again.
    Retry { reason: String },
}

/// Runs `attempt` — read, compute, write one batch — until it is done, pausing a
/// little more before each retry; gives up with a storage error after
/// [`WRITE_ATTEMPTS`]. `what` names the write in the log.
pub async fn with_retries<T>(
    what: &str,
    mut attempt: impl AsyncFnMut() -> Result<Attempt<T>, AppError>,
) -> Result<T, AppError> {
    let mut last_reason = String::new();
    for n in 0..WRITE_ATTEMPTS {
        if n > 0 {
            clock::pause_before_retry(n).await;
        }
        match attempt().await? {
            Attempt::Done(value) => return Ok(value),
            Attempt::Retry { reason } => {
                worker::console_log!("{what}: write retried: {reason}");
                last_reason = reason;
            }
        }
    }
    Err(AppError::Storage {
        detail: format!("{what}: no write after {WRITE_ATTEMPTS} attempts: {last_reason}"),
    })
}
