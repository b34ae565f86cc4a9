//! A rep's answer to a handoff, one way for both doors it comes through: the
//! `POST /api/handoffs/:id/answer` route (API users) and an `AnswerHandoff` operation in
//! a sync push (the app, online or back from offline). Both read the same rows, decide
//! by `leadkit_shared::handoff::answer_handoff`, and write the same statements; each
//! door only says how a refusal is answered and adds its own bookkeeping to the batch.

use leadkit_shared::api::HandoffState;
use leadkit_shared::engine::Engine;
use leadkit_shared::handoff::{
    AnswerError, Answerer, HandoffAnswer, HandoffSettings, answer_handoff,
};
use leadkit_shared::lead_update::on_handoff_answer;
use leadkit_shared::model::{LeadId, StageChange};
use leadkit_shared::sync::Rejection;
use leadkit_shared::webhooks::WebhookEvent;
use time::OffsetDateTime;
use worker::{D1Database, D1PreparedStatement};

use crate::error::AppError;
use crate::store::leads::LeadWrite;
use crate::{store, webhooks};

/// What an answer needs of the workspace, read once per request.
pub struct Desk<'a> {
    pub db: &'a D1Database,
    pub workspace_id: &'a str,
    pub settings: &'a HandoffSettings,
    pub engine: &'a Engine,
    pub answerer: &'a Answerer,
}

/// Why an answer is refused before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No handoff with this id in the workspace.
    UnknownHandoff,
    /// The handoff's lead is gone.
    UnknownLead,
    /// The lead still waits for a rep: there is nothing to answer yet.
    NotAssigned,
    /// The operation names another lead than the handoff's.
    WrongLead,
    /// The handoff rules refuse it (already answered, another rep's, a bad reason …).
    Rule(AnswerError),
}

impl Refusal {
    /// The stable code both doors report.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownHandoff => "unknown_handoff",
            Self::UnknownLead => "unknown_lead",
            Self::NotAssigned => "not_assigned",
            Self::WrongLead => "wrong_lead",
            Self::Rule(AnswerError::AlreadyAnswered) => "already_answered",
            Self::Rule(AnswerError::NotYours) => "not_yours",
            Self::Rule(AnswerError::ReasonNotOffered { .. }) => "reason_not_offered",
            Self::Rule(AnswerError::NoteTooLong) => "note_too_long",
            Self::Rule(AnswerError::Stage(_)) => "stage_not_allowed",
        }
    }

    fn message(&self) -> String {
        match self {
            Self::UnknownHandoff => "no such handoff in this workspace".into(),
            Self::UnknownLead => "the handoff's lead no longer exists".into(),
            Self::NotAssigned => "this lead is still waiting for a rep".into(),
            Self::WrongLead => "the answer names another lead than the handoff's".into(),
            Self::Rule(error) => error.to_string(),
        }
    }

    /// How the route answers it.
    pub fn into_app_error(self) -> AppError {
        match self {
            Self::UnknownHandoff => AppError::NotFound { what: "handoff" },
            Self::UnknownLead => AppError::NotFound { what: "lead" },
            Self::Rule(AnswerError::NoteTooLong) => {
                AppError::breaks_rule("note", AnswerError::NoteTooLong.to_string())
            }
            Self::Rule(error @ AnswerError::ReasonNotOffered { .. }) => {
                AppError::breaks_rule("reason", error.to_string())
            }
            Self::Rule(AnswerError::NotYours) => AppError::Forbidden {
                role: "sales".into(),
                action: "answer another rep's handoff".into(),
            },
            other => AppError::Conflict {
                code: other.code(),
                message: other.message(),
            },
        }
    }

    /// How a sync push answers it.
    pub fn into_rejection(self) -> Rejection {
        Rejection::Handoff {
            refusal: self.code().to_owned(),
            detail: self.message(),
        }
    }
}

/// The writes of one answer, for the caller's batch.
pub struct Planned {
    /// Guard (the handoff is still open), lead write, the answer, webhook outbox.
    pub statements: Vec<D1PreparedStatement>,
    /// Webhook events to dispatch once the batch is stored.
    pub events: Vec<WebhookEvent>,
    /// The stage move the answer made, if any.
    pub change: Option<StageChange>,
}

/// Decides `body` for handoff `handoff_id` (of lead `expected_lead`, when the caller
/// names one) as of `now`: the statements to store it, or why it is refused.
pub async fn plan(
    desk: &Desk<'_>,
    handoff_id: &str,
    expected_lead: Option<LeadId>,
    body: &HandoffAnswer,
    now: OffsetDateTime,
) -> Result<Result<Planned, Refusal>, AppError> {
    let (db, ws) = (desk.db, desk.workspace_id);
    let Some(row) = store::handoff::by_id(db, ws, handoff_id).await? else {
        return Ok(Err(Refusal::UnknownHandoff));
    };
    if row.state()? == HandoffState::Waiting {
        return Ok(Err(Refusal::NotAssigned));
    }
    let handoff = row.handoff()?;
    if expected_lead.is_some_and(|lead| lead != handoff.lead_id) {
        return Ok(Err(Refusal::WrongLead));
    }
    let Some(stored) = store::leads::lead_by_id(db, ws, &row.lead_id).await? else {
        return Ok(Err(Refusal::UnknownLead));
    };
    let answered = match answer_handoff(
        desk.settings,
        &desk.engine.config().lifecycle,
        &handoff,
        &stored.known.lead,
        body,
        desk.answerer,
        now,
    ) {
        Ok(answered) => answered,
        Err(error) => return Ok(Err(Refusal::Rule(error))),
    };
    let handoff = answered.handoff.clone();
    let change = answered.change.clone();
    let update = on_handoff_answer(desk.engine, answered, &stored.known.touches, now);
    let mut statements = vec![store::handoff::state_guard(
        db,
        handoff_id,
        HandoffState::Assigned,
    )?];
    statements.extend(store::leads::write_statements(
        db,
        &LeadWrite {
            workspace_id: ws,
            form_id: "",
            update: &update,
            read_version: Some(stored.version),
            before: Some(&stored.known.lead),
            extra_json: "{}",
            at: now,
        },
    )?);
    statements.push(store::handoff::answer_statement(db, &handoff)?);
    statements.extend(webhooks::outbox_statements(db, ws, &update.events, now)?);
    Ok(Ok(Planned {
        statements,
        events: update.events,
        change,
    }))
}
