//! Operations: every change a replica makes, as it travels through the outbox, the push
//! endpoint and the pull feed. Each carries a unique id, its replica, the replica's
//! sequence number and a hybrid logical timestamp.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::hlc::{Hlc, ReplicaId};
use super::settings::SettingsWrite;
use crate::handoff::HandoffAnswer;
use crate::model::{HandoffId, LeadId, StageChange, Touch};

/// Identity of an operation, made by the replica that created it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct OpId(pub Uuid);

/// What an operation does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum OpBody {
    /// Sets fields of a lead (creating it if unknown): each field by its serde name, last
    /// writer wins per field.
    SetLeadFields {
        lead_id: LeadId,
        fields: BTreeMap<String, serde_json::Value>,
    },
    /// Appends a touch (calls, visits, form posts …): touches are a grow-only set.
    AddTouch { touch: Touch },
    /// Appends a stage change to the history and moves the lead's stage field.
    ChangeStage { change: StageChange },
    /// Folds `absorbed` into `survivor`: sets their `merged_into` (they leave lists; the
    /// survivor shows their touches and stage history). Undone by [`OpBody::UnmergeLeads`].
    MergeLeads {
        survivor: LeadId,
        absorbed: Vec<LeadId>,
    },
    /// Undoes a merge: clears the `merged_into` of `absorbed` (a later write than the
    /// merge's, so it wins by clock), which brings them back as leads of their own.
    UnmergeLeads {
        survivor: LeadId,
        absorbed: Vec<LeadId>,
    },
    /// A rep's accept or reject of the handoff `handoff_id` of lead `lead_id`. The
    /// server decides it by the same rules as `POST /api/handoffs/:id/answer` (who may
    /// answer, whether it is still open, where the lead goes) and refuses it with the
    /// route's reason otherwise. `change` is the stage move the answering device worked
    /// out by those rules, so it shows the lead moved at once; the server recomputes it
    /// and its result is the one every device ends up with.
    AnswerHandoff {
        handoff_id: HandoffId,
        lead_id: LeadId,
        answer: HandoffAnswer,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        change: Option<StageChange>,
    },
    /// A settings document saved on a device (handoff settings, the engine configuration,
    /// a segment): the server saves it by the same rules as its route, or refuses it with
    /// the route's reason (not allowed for the pusher's role, invalid, a stale version).
    SaveSettings { write: SettingsWrite },
}

impl OpBody {
    /// Every lead the operation writes, the survivor of a merge first.
    pub fn leads(&self) -> Vec<LeadId> {
        match self {
            Self::SetLeadFields { lead_id, .. } => vec![*lead_id],
            Self::AddTouch { touch } => vec![touch.lead_id],
            Self::ChangeStage { change } => vec![change.lead_id],
            Self::AnswerHandoff { lead_id, .. } => vec![*lead_id],
            Self::SaveSettings { .. } => Vec::new(),
            Self::MergeLeads { survivor, absorbed } | Self::UnmergeLeads { survivor, absorbed } => {
                std::iter::once(*survivor)
                    .chain(absorbed.iter().copied())
                    .collect()
            }
        }
    }
}

/// One change, as it is pushed and pulled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    pub id: OpId,
    pub replica: ReplicaId,
    /// 1, 2, 3 … per replica: the server applies each replica's operations in this order,
    /// exactly once.
    pub seq: u64,
    pub hlc: Hlc,
    pub body: OpBody,
}
