//! Outbound webhooks at the edge. A change that raises events appends
//! [`outbox_statements`] to its own D1 batch, so an event is recorded exactly when the
//! change commits; [`dispatch`] then puts its deliveries on the `WEBHOOK_QUEUE` Cloudflare
//! Queue, whose consumer ([`consume`]) signs and POSTs each one and schedules retries as
//! delayed queue messages. A cron [`sweep`] re-queues whatever is due and was not sent
//! (a crash between commit and dispatch, a lost queue message), so nothing is lost:
//! delivery is at least once. What to send, how to sign it and when to retry are
//! `leadkit_shared::webhooks`' decisions; this module moves bytes.

mod api;
mod deliver;
mod store;
mod sweep;

use leadkit_shared::webhooks::{RetrySchedule, WebhookEvent, WebhookMessage};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, Env, Queue};

use crate::error::AppError;
use crate::store::timestamp;

pub use api::{
    handle_delete_webhook, handle_get_webhook_deliveries, handle_get_webhooks, handle_post_webhook,
};
pub use deliver::consume;
pub use sweep::sweep;

/// The queue binding's name in wrangler.toml.
const QUEUE_BINDING: &str = "WEBHOOK_QUEUE";
/// The `[vars]` entry holding the retry schedule (`RetrySchedule::parse`); absent means
/// the Standard Webhooks default.
const RETRY_SETTING: &str = "WEBHOOK_RETRY";
/// Most messages one `sendBatch` takes.
const QUEUE_BATCH_MAX: usize = 100;

/// One delivery attempt to make, as a queue message carries it. `attempts` is the count
/// when it was queued: a message for an attempt already made is stale and dropped.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct DeliveryTask {
    /// `webhook_deliveries.id`.
    pub delivery_id: u64,
    /// Attempts made when this task was queued.
    pub attempts: u32,
}

/// The statements that record `events` of `workspace_id`, raised at `now`: each event's
/// message and, by `INSERT … SELECT`, one pending delivery per active endpoint of the
/// workspace subscribed to its type. Append them to the batch of the change that raised
/// the events, then call [`dispatch`] with the same arguments once it commits.
pub fn outbox_statements(
    db: &D1Database,
    workspace_id: &str,
    events: &[WebhookEvent],
    now: OffsetDateTime,
) -> Result<Vec<D1PreparedStatement>, AppError> {
    let created_at = timestamp(now)?;
    let due_ms = JsValue::from_f64(unix_ms(now) as f64);
    let mut statements = Vec::with_capacity(events.len() * 2);
    for message in messages(workspace_id, events, now)? {
        statements.push(
            db.prepare(
                "INSERT INTO webhook_messages (id, workspace_id, event_type, body, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING",
            )
            .bind(&[
                JsValue::from_str(&message.id),
                JsValue::from_str(workspace_id),
                JsValue::from_str(message.event_type.as_str()),
                JsValue::from_str(&message.body),
                JsValue::from_str(&created_at),
            ])?,
        );
        // The filter is `EventFilter::to_json`'s array of type names.
        statements.push(
            db.prepare(
                "INSERT INTO webhook_deliveries (workspace_id, message_id, endpoint_id, \
                 event_type, next_attempt_ms, created_at, updated_at) \
                 SELECT ?1, ?2, e.id, ?3, ?4, ?5, ?5 FROM webhook_endpoints e \
                 WHERE e.workspace_id = ?1 AND e.active = 1 \
                 AND EXISTS (SELECT 1 FROM json_each(e.event_types) WHERE json_each.value = ?3) \
                 ON CONFLICT (message_id, endpoint_id) DO NOTHING",
            )
            .bind(&[
                JsValue::from_str(workspace_id),
                JsValue::from_str(&message.id),
                JsValue::from_str(message.event_type.as_str()),
                due_ms.clone(),
                JsValue::from_str(&created_at),
            ])?,
        );
    }
    Ok(statements)
}

/// Queues the deliveries of `events` (recorded by [`outbox_statements`] with the same
/// arguments, in a batch that has committed) for sending now. A failure here loses
/// nothing: the deliveries stay pending and the sweep queues them.
pub async fn dispatch(
    env: &Env,
    workspace_id: &str,
    events: &[WebhookEvent],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let ids: Vec<String> = messages(workspace_id, events, now)?
        .into_iter()
        .map(|m| m.id)
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let db = crate::store::database(env)?;
    let tasks = store::pending_of_messages(&db, &ids).await?;
    enqueue(env, &tasks, 0).await
}

/// [`dispatch`], with a failure logged rather than returned: the change that raised the
/// events has committed whatever happens here, and the sweep sends what is left.
pub async fn dispatch_logged(
    env: &Env,
    workspace_id: &str,
    events: &[WebhookEvent],
    now: OffsetDateTime,
) {
    if let Err(e) = dispatch(env, workspace_id, events, now).await {
        worker::console_error!("workspace {workspace_id}: webhooks not dispatched yet: {e}");
    }
}

/// Sends `tasks` to the queue, to be delivered after `delay_secs`.
async fn enqueue(env: &Env, tasks: &[DeliveryTask], delay_secs: u32) -> Result<(), AppError> {
    if tasks.is_empty() {
        return Ok(());
    }
    let queue: Queue = env.queue(QUEUE_BINDING)?;
    for chunk in tasks.chunks(QUEUE_BATCH_MAX) {
        let mut batch = worker::BatchMessageBuilder::new();
        for task in chunk {
            let mut message = worker::MessageBuilder::new(*task);
            if delay_secs > 0 {
                message = message.delay_seconds(delay_secs);
            }
            batch = batch.message(message.build());
        }
        queue.send_batch(batch.build()).await?;
    }
    Ok(())
}

/// The outbox messages of `events`; their ids are derived from the events, so recording
/// and dispatching agree without passing ids around.
fn messages(
    workspace_id: &str,
    events: &[WebhookEvent],
    now: OffsetDateTime,
) -> Result<Vec<WebhookMessage>, AppError> {
    events
        .iter()
        .map(|event| {
            WebhookMessage::new(workspace_id, event.clone(), now).map_err(|e| AppError::Storage {
                detail: format!("webhook event did not serialise: {e}"),
            })
        })
        .collect()
}

/// The retry schedule from `WEBHOOK_RETRY`, or the default when it is unset. A bad value
/// is refused loudly (a storage failure naming the setting) rather than replaced.
fn retry_schedule(env: &Env) -> Result<RetrySchedule, AppError> {
    match env.var(RETRY_SETTING) {
        Ok(value) => RetrySchedule::parse(&value.to_string()).map_err(|e| AppError::Storage {
            detail: format!("{RETRY_SETTING}: {e}"),
        }),
        Err(_) => Ok(RetrySchedule::default()),
    }
}

/// `at` in Unix milliseconds, the unit of the due-time columns.
fn unix_ms(at: OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1_000_000) as i64
}

/// The time of a Unix-milliseconds column.
fn from_unix_ms(ms: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
