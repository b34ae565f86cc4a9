//! Operations: every change a replica makes, as it travels through the outbox, the push
//! endpoint and the pull feed. Each carries a unique id, its replica, the replica's
//! sequence number and a hybrid logical timestamp.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::hlc::{Hlc, ReplicaId};
use crate::model::{LeadId, StageChange, Touch};

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
    /// Folds `absorbed` into `survivor`: sets their `merged_into`. Undone by setting it
    /// back to null with a later operation.
    MergeLeads {
        survivor: LeadId,
        absorbed: Vec<LeadId>,
    },
}

impl OpBody {
    /// The operation that undoes a merge of `absorbed`: it clears its `merged_into`, a
    /// later write that wins over the merge's (see [`OpBody::MergeLeads`]).
    pub fn undo_merge(absorbed: LeadId) -> Self {
        Self::SetLeadFields {
            lead_id: absorbed,
            fields: BTreeMap::from([("merged_into".to_owned(), serde_json::Value::Null)]),
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
