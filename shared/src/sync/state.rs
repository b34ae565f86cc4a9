//! The replicated state and the merge function the app and the worker both run: fields
//! are last-writer-wins registers ordered by hybrid logical clock, touches and stage
//! history are grow-only sets. Applying the same operations in any order, any number of
//! times, gives the same state.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::hlc::Hlc;
use super::op::{OpBody, OpId, Operation};
use crate::model::{Lead, LeadId, StageChange, Touch, TouchId};

/// One field's value and the timestamp of the write that set it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Register {
    pub value: serde_json::Value,
    pub hlc: Hlc,
}

/// A lead as a set of registers, one per field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LeadRegisters {
    pub fields: BTreeMap<String, Register>,
}

/// Why a lead's registers do not make a valid lead.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MaterializeError {
    /// A required field was never written, or a value has the wrong type.
    #[error("lead {lead_id} is incomplete or malformed: {detail}")]
    Invalid { lead_id: LeadId, detail: String },
}

/// Everything replicated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SyncState {
    pub leads: BTreeMap<LeadId, LeadRegisters>,
    pub touches: BTreeMap<TouchId, Touch>,
    /// Stage changes by the operation that recorded them.
    pub stage_history: BTreeMap<OpId, StageChange>,
    /// Operations already applied: a duplicate is a no-op.
    pub applied: BTreeSet<OpId>,
}

impl SyncState {
    /// Applies one operation; applying it again changes nothing.
    pub fn apply(&mut self, op: &Operation) {
        if !self.applied.insert(op.id) {
            return;
        }
        match &op.body {
            OpBody::SetLeadFields { lead_id, fields } => {
                let lead = self.leads.entry(*lead_id).or_default();
                for (name, value) in fields {
                    lead.write(name, value.clone(), op.hlc);
                }
            }
            OpBody::AddTouch { touch } => {
                // Ids are unique per touch; the first copy stays (copies are identical).
                self.touches
                    .entry(touch.id)
                    .or_insert_with(|| touch.clone());
            }
            OpBody::ChangeStage { change }
            | OpBody::AnswerHandoff {
                change: Some(change),
                ..
            } => {
                self.stage_history.insert(op.id, change.clone());
                if let Ok(stage) = serde_json::to_value(change.to) {
                    self.leads
                        .entry(change.lead_id)
                        .or_default()
                        .write("stage", stage, op.hlc);
                }
            }
            OpBody::MergeLeads { survivor, absorbed } => {
                let survivor = serde_json::json!(survivor);
                for lead_id in absorbed {
                    self.leads.entry(*lead_id).or_default().write(
                        "merged_into",
                        survivor.clone(),
                        op.hlc,
                    );
                }
            }
            // An accept that leaves the lead where it is changes nothing replicated.
            // Settings live outside the leads' registers.
            OpBody::AnswerHandoff { change: None, .. } | OpBody::SaveSettings { .. } => {}
            OpBody::UnmergeLeads { absorbed, .. } => {
                for lead_id in absorbed {
                    self.leads.entry(*lead_id).or_default().write(
                        "merged_into",
                        serde_json::Value::Null,
                        op.hlc,
                    );
                }
            }
        }
    }

    /// The lead as the model type, from its registers.
    pub fn lead(&self, lead_id: LeadId) -> Option<Result<Lead, MaterializeError>> {
        self.leads.get(&lead_id).map(|registers| {
            let object: serde_json::Map<String, serde_json::Value> = registers
                .fields
                .iter()
                .map(|(k, r)| (k.clone(), r.value.clone()))
                .collect();
            serde_json::from_value(serde_json::Value::Object(object)).map_err(|e| {
                MaterializeError::Invalid {
                    lead_id,
                    detail: e.to_string(),
                }
            })
        })
    }

    /// The touches of a lead, including those of leads merged into it, in time order.
    pub fn touches_of(&self, lead_id: LeadId) -> Vec<&Touch> {
        let mut touches: Vec<&Touch> = self
            .touches
            .values()
            .filter(|t| self.resolve(t.lead_id) == lead_id)
            .collect();
        touches.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
        touches
    }

    /// Follows `merged_into` to the surviving lead (stopping at a cycle, which only a
    /// corrupt history could make).
    pub fn resolve(&self, mut lead_id: LeadId) -> LeadId {
        for _ in 0..self.leads.len().max(1) {
            let next = self
                .leads
                .get(&lead_id)
                .and_then(|l| l.fields.get("merged_into"))
                .and_then(|r| serde_json::from_value::<Option<LeadId>>(r.value.clone()).ok())
                .flatten();
            match next {
                Some(next) if next != lead_id => lead_id = next,
                _ => break,
            }
        }
        lead_id
    }
}

impl LeadRegisters {
    /// Writes `value` if `hlc` is later than the field's current write.
    pub fn write(&mut self, field: &str, value: serde_json::Value, hlc: Hlc) {
        match self.fields.get_mut(field) {
            Some(register) if register.hlc >= hlc => {}
            Some(register) => {
                register.value = value;
                register.hlc = hlc;
            }
            None => {
                self.fields
                    .insert(field.to_owned(), Register { value, hlc });
            }
        }
    }
}
