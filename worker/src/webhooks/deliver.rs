//! The queue consumer: one attempt per task. It claims the delivery (so a duplicate
//! task or the sweep cannot send it at the same time), signs the stored body the
//! Standard Webhooks way, POSTs it, records the outcome with the shared delivery log,
//! and, when the schedule says to try again, queues the next attempt with that delay.

use futures_util::future::join_all;
use leadkit_shared::webhooks::{
    AttemptOutcome, DeliveryStatus, HEADER_ID, HEADER_SIGNATURE, HEADER_TIMESTAMP, RetrySchedule,
    WebhookSecret, sign,
};
use worker::{
    Env, Fetch, Headers, Message, MessageBatch, MessageExt, Method, Request, RequestInit,
    RequestRedirect,
};

use super::store::{self, Claimed};
use super::{DeliveryTask, enqueue, retry_schedule, unix_ms};
use crate::clock;
use crate::error::AppError;

/// How long an endpoint has to answer. Standard Webhooks suggests receivers answer fast
/// and work later; a slow one counts as failed and is retried.
const TIMEOUT_MS: u32 = 15_000;
/// The last error of a delivery whose endpoint was deleted before it finished.
pub const ENDPOINT_DELETED: &str = "endpoint was deleted";
/// Sent as `user-agent`, so receivers can tell leadkit's calls in their logs.
const USER_AGENT: &str = "leadkit-webhooks/1";

/// Handles a batch of tasks at once. A task whose attempt could not even be recorded
/// (D1 down, a bad `WEBHOOK_RETRY`) is handed back to the queue to try again; everything
/// else, failed sends included, is acknowledged, since the delivery row keeps the state.
pub async fn consume(batch: MessageBatch<DeliveryTask>, env: Env) -> worker::Result<()> {
    let messages = batch.messages()?;
    let setup =
        retry_schedule(&env).and_then(|schedule| Ok((schedule, crate::store::database(&env)?)));
    let (schedule, db) = match setup {
        Ok(setup) => setup,
        Err(e) => {
            worker::console_error!("webhook deliveries held back: {e}");
            batch.retry_all();
            return Ok(());
        }
    };
    let outcomes = join_all(
        messages
            .iter()
            .map(|message| attempt(&env, &db, &schedule, *message.body())),
    )
    .await;
    for (message, outcome) in messages.iter().zip(outcomes) {
        settle(message, outcome);
    }
    Ok(())
}

fn settle(message: &Message<DeliveryTask>, outcome: Result<(), AppError>) {
    match outcome {
        Ok(()) => message.ack(),
        Err(e) => {
            worker::console_error!(
                "webhook delivery {}: attempt not recorded: {e}",
                message.body().delivery_id
            );
            message.retry();
        }
    }
}

/// One attempt of one delivery, if it is still due and not held by another attempt.
async fn attempt(
    env: &Env,
    db: &worker::D1Database,
    schedule: &RetrySchedule,
    task: DeliveryTask,
) -> Result<(), AppError> {
    let Some(claimed) = store::claim(db, task, clock::now()).await? else {
        // Stale (already attempted), not due, or another attempt holds it.
        return Ok(());
    };
    let mut log = claimed.log.clone();
    let before = log.attempts;
    if claimed.active {
        let outcome = send(&claimed).await;
        let jitter =
            f64::from(u32::from_le_bytes(clock::random_bytes::<4>()?)) / f64::from(u32::MAX);
        log.record_attempt(outcome, clock::now(), schedule, jitter);
    } else {
        log.abandon(ENDPOINT_DELETED);
    }
    let now = clock::now();
    if !store::record(db, claimed.id, before, &log, now).await? {
        return Ok(());
    }
    if let (DeliveryStatus::Retrying, Some(next)) = (log.status, log.next_attempt_at) {
        let wait_ms = u64::try_from(unix_ms(next) - unix_ms(now)).unwrap_or(0);
        let delay_secs = u32::try_from(wait_ms.div_ceil(1000)).unwrap_or(u32::MAX);
        let task = DeliveryTask {
            delivery_id: claimed.id,
            attempts: log.attempts,
        };
        // Recorded already: if queuing fails, the sweep picks the retry up when due.
        if let Err(e) = enqueue(env, &[task], delay_secs.min(MAX_QUEUE_DELAY_SECS)).await {
            worker::console_error!("webhook delivery {}: retry not queued: {e}", claimed.id);
        }
    }
    Ok(())
}

/// Longest delay a queue message may have (Cloudflare Queues: 12 hours). A longer wait
/// arrives early, finds the delivery not yet due and is dropped; the sweep sends it.
const MAX_QUEUE_DELAY_SECS: u32 = 12 * 3600;

/// POSTs the message to the endpoint, signed, and reports what came of it.
async fn send(claimed: &Claimed) -> AttemptOutcome {
    match try_send(claimed).await {
        Ok(status) => AttemptOutcome::Responded { status },
        Err(detail) => AttemptOutcome::NetworkError { detail },
    }
}

async fn try_send(claimed: &Claimed) -> Result<u16, String> {
    // A stored secret that no longer parses is our fault, not the endpoint's; it is
    // recorded as the attempt's error so the log shows it.
    let secret = WebhookSecret::parse(&claimed.secret)
        .map_err(|e| format!("endpoint secret unusable: {e}"))?;
    let timestamp = clock::now().unix_timestamp();
    let signature = sign(
        &secret,
        &claimed.log.msg_id,
        timestamp,
        claimed.body.as_bytes(),
    );
    let headers = Headers::new();
    let set = |name: &str, value: &str| {
        headers
            .set(name, value)
            .map_err(|e| format!("header {name}: {e}"))
    };
    set("content-type", "application/json")?;
    set("user-agent", USER_AGENT)?;
    set(HEADER_ID, &claimed.log.msg_id)?;
    set(HEADER_TIMESTAMP, &timestamp.to_string())?;
    set(HEADER_SIGNATURE, &signature)?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        // A redirect is a failure, not an instruction: the signature was made for this
        // URL's owner, and following would hand it to another.
        .with_redirect(RequestRedirect::Manual)
        .with_body(Some(wasm_bindgen::JsValue::from_str(&claimed.body)));
    let request = Request::new_with_init(&claimed.url, &init).map_err(|e| e.to_string())?;
    let signal = worker::AbortSignal::from(web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS));
    let response = Fetch::Request(request)
        .send_with_signal(&signal)
        .await
        .map_err(|e| {
            if signal.aborted() {
                format!("no answer within {} s", TIMEOUT_MS / 1000)
            } else {
                format!("request failed: {e}")
            }
        })?;
    Ok(response.status_code())
}
