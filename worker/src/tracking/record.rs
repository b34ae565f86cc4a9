//! Where an accepted event goes: onto the lead of a visitor who has identified (a touch
//! that re-scores the lead and may move its stage, through `lead_update::on_touches`),
//! or into `visitor_events` to wait for the visitor to identify. Either way an event id
//! is stored once.

use leadkit_shared::engine::Engine;
use leadkit_shared::handoff::HandoffSettings;
use leadkit_shared::lead_update::on_touches;
use leadkit_shared::model::Touch;
use time::OffsetDateTime;
use worker::{D1Database, Env};

use crate::error::AppError;
use crate::store::leads::LeadWrite;
use crate::store::retry::{Attempt, with_retries};
use crate::store::tracking::{self, NewEvent};
use crate::store::{self, FormRow};
use crate::{handoff, webhooks};

/// What became of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// A touch of the visitor's lead, re-scored.
    OnLead,
    /// Waiting for the visitor to identify.
    Waiting,
    /// Its id was stored before: a retried beacon, nothing written.
    Duplicate,
}

/// Stores `touch`, an event of `visitor_id` sent by `form`'s snippet, at `now`.
pub async fn record(
    env: &Env,
    db: &D1Database,
    form: &FormRow,
    visitor_id: &str,
    touch: &Touch,
    now: OffsetDateTime,
) -> Result<Recorded, AppError> {
    let workspace_id = form.workspace_id.as_str();
    let event_id = touch.id.0.to_string();
    let event = NewEvent {
        workspace_id,
        visitor_id,
        form_id: &form.id,
        touch,
        received_at: now,
    };
    // Built only for an identified visitor's first attempt: anonymous events need none.
    let mut engine: Option<Engine> = None;
    let mut handoff_settings: Option<HandoffSettings> = None;
    let what = format!("tracking event {event_id}");
    with_retries(&what, async || {
        let Some(lead_id) = tracking::lead_of_visitor(db, workspace_id, visitor_id).await? else {
            let written = match tracking::anonymous_event_statement(db, &event)?.run().await {
                Ok(result) => result.meta()?.and_then(|m| m.changes).unwrap_or(0) > 0,
                Err(error) => {
                    if tracking::event_seen(db, workspace_id, &event_id).await? {
                        return Ok(Attempt::Done(Recorded::Duplicate));
                    }
                    return Ok(Attempt::Retry {
                        reason: error.to_string(),
                    });
                }
            };
            return Ok(if written {
                Attempt::Done(Recorded::Waiting)
            } else {
                // The visitor's first submission landed since we looked: the event
                // belongs on that lead now.
                Attempt::Retry {
                    reason: "the visitor identified meanwhile".into(),
                }
            });
        };
        let Some(stored) = store::leads::lead_by_id(db, workspace_id, &lead_id).await? else {
            return Err(AppError::Storage {
                detail: format!("visitor {visitor_id}'s submission names a missing lead"),
            });
        };
        let engine = match engine {
            Some(ref engine) => engine,
            None => engine.insert(store::workspace_engine(db, workspace_id).await?),
        };
        let before = stored.known.lead.clone();
        let update = on_touches(engine, stored.known, vec![touch.clone()], now);
        if update.new_touches.is_empty() {
            // The lead has this touch: the event was stitched or recorded before.
            return Ok(Attempt::Done(Recorded::Duplicate));
        }
        let settings = match handoff_settings {
            Some(ref settings) => settings,
            None => {
                handoff_settings.insert(store::handoff::settings(db, workspace_id).await?.settings)
            }
        };
        let mut statements = vec![tracking::known_event_statement(db, &event, &lead_id)?];
        let queued = handoff::enqueue_if_entered(db, workspace_id, settings, &update, now)?;
        let queued_for_sales = queued.is_some();
        statements.extend(queued);
        statements.extend(webhooks::outbox_statements(
            db,
            workspace_id,
            &update.events,
            now,
        )?);
        statements.extend(store::leads::write_statements(
            db,
            &LeadWrite {
                workspace_id,
                form_id: &form.id,
                update: &update,
                read_version: Some(stored.version),
                before: Some(&before),
                // Nothing captured: the patch of the lead's extra fields is empty.
                extra_json: "{}",
                at: now,
            },
        )?);
        match db.batch(statements).await {
            Ok(_) => {
                webhooks::dispatch_logged(env, workspace_id, &update.events, now).await;
                if queued_for_sales {
                    handoff::nudge(env, workspace_id).await;
                }
                Ok(Attempt::Done(Recorded::OnLead))
            }
            Err(error) => {
                if tracking::event_seen(db, workspace_id, &event_id).await? {
                    return Ok(Attempt::Done(Recorded::Duplicate));
                }
                // The lead changed since it was read (the version guard): read again.
                Ok(Attempt::Retry {
                    reason: error.to_string(),
                })
            }
        }
    })
    .await
}
