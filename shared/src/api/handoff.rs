//! Wire types of the handoff desk: the workspace's handoff settings, the queue as a
//! manager and a rep see it, and a rep's answer.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::handoff::{AssignedBy, HandoffSettings, WaitReason};
use crate::model::{Handoff, HandoffId, HandoffOutcome, LeadId, RejectReason, RepId};

/// `GET /api/handoff/settings` and the answer to `PUT` (whose body is the bare
/// [`HandoffSettings`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffSettingsView {
    pub schema_version: u32,
    pub settings: HandoffSettings,
    /// 0 for the defaults (never saved), then 1, 2 … per save.
    pub version: u32,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The user who saved this version.
    #[serde(default)]
    pub updated_by: Option<String>,
}

/// Where a handoff stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoffState {
    Waiting,
    Assigned,
    Accepted,
    Rejected,
}

impl HandoffState {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Waiting => "waiting",
            Self::Assigned => "assigned",
            Self::Accepted => "accepted",
            Self::Rejected => "rejected",
        }
    }

    /// The state a stored name stands for.
    pub fn from_name(name: &str) -> Option<Self> {
        [
            Self::Waiting,
            Self::Assigned,
            Self::Accepted,
            Self::Rejected,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
    }
}

/// One handoff as the queue shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffEntry {
    pub id: Uuid,
    pub lead_id: LeadId,
    /// The lead's name and company, so the queue reads without another request.
    pub lead_name: String,
    pub company: String,
    pub score: i64,
    pub state: HandoffState,
    #[serde(with = "time::serde::rfc3339")]
    pub queued_at: OffsetDateTime,
    #[serde(default)]
    pub rep_id: Option<RepId>,
    #[serde(default)]
    pub rep_name: Option<String>,
    #[serde(default)]
    pub assigned_by: Option<AssignedBy>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub assigned_at: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub sla_due: Option<OffsetDateTime>,
    /// Unanswered past the SLA.
    pub sla_breached: bool,
    /// Seconds until the SLA is due (negative once breached); `None` unless assigned.
    #[serde(default)]
    pub sla_seconds_left: Option<i64>,
    /// Why it still waits (waiting handoffs only).
    #[serde(default)]
    pub waiting_reason: Option<WaitReason>,
    /// Whether the waiting-too-long alert went out.
    pub alerted: bool,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub answered_at: Option<OffsetDateTime>,
    #[serde(default)]
    pub reject_reason: Option<RejectReason>,
    #[serde(default)]
    pub note: Option<String>,
}

impl HandoffEntry {
    /// The handoff this entry shows, for reports; `None` while it waits for a rep (it
    /// was not handed to anyone yet). An answer without its time counts as given when
    /// queued, and a rejection without a reason as `other`, so no answer is lost.
    pub fn handoff(&self) -> Option<Handoff> {
        let rep_id = self.rep_id?;
        let at = self.assigned_at.unwrap_or(self.queued_at);
        let answered_at = self.answered_at.unwrap_or(at);
        let outcome = match self.state {
            HandoffState::Waiting => return None,
            HandoffState::Assigned => HandoffOutcome::Pending,
            HandoffState::Accepted => HandoffOutcome::Accepted { at: answered_at },
            HandoffState::Rejected => HandoffOutcome::Rejected {
                at: answered_at,
                reason: self.reject_reason.unwrap_or(RejectReason::Other),
                note: self.note.clone(),
            },
        };
        Some(Handoff {
            id: HandoffId(self.id),
            lead_id: self.lead_id,
            rep_id,
            at,
            sla_due: self.sla_due.unwrap_or(at),
            outcome,
        })
    }
}

/// One rep's load today against capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepLoadView {
    pub rep_id: RepId,
    pub name: String,
    pub active: bool,
    pub capacity_per_day: u32,
    pub assigned_today: u32,
    pub capacity_per_week: u32,
    pub assigned_this_week: u32,
    /// Handoffs given to the rep and not yet answered.
    pub open: u32,
    /// Of those, past their SLA.
    pub breached: u32,
}

/// `GET /api/handoff/queue`: what waits, what is assigned, and each rep's load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffQueue {
    pub schema_version: u32,
    #[serde(with = "time::serde::rfc3339")]
    pub now: OffsetDateTime,
    /// Leads waiting for a rep, oldest first.
    pub waiting: Vec<HandoffEntry>,
    /// How many wait (the queue depth).
    pub depth: u32,
    /// When the longest-waiting lead was queued.
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub oldest_waiting_since: Option<OffsetDateTime>,
    /// Open (assigned, unanswered) handoffs, SLA soonest first; only the caller's own
    /// with `?mine=true`.
    pub assigned: Vec<HandoffEntry>,
    /// Handoffs answered recently (the last 50), newest first.
    pub answered: Vec<HandoffEntry>,
    pub reps: Vec<RepLoadView>,
}
