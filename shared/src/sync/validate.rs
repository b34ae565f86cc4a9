//! What the server checks before it accepts a pushed operation: a lead's fields must
//! still make a valid lead, stage moves must be ones the workspace allows (with a reason
//! where one is required), merges must name existing, distinct leads. A refused operation
//! is answered with its reason and shown to the user, never dropped silently.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::op::{OpBody, Operation};
use super::state::SyncState;
use crate::lifecycle::{LifecycleConfig, transition};
use crate::model::LeadId;

/// Why an operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Rejection {
    /// After the change the lead would not be a valid record (a wrong type, a missing
    /// required field), named in `detail`.
    #[error("the lead would be invalid: {detail}")]
    InvalidLead { detail: String },
    /// A field name the lead does not have.
    #[error("unknown lead field {field:?}")]
    UnknownField { field: String },
    /// The stage move is not allowed by the workspace's rules.
    #[error("{detail}")]
    StageMove { detail: String },
    /// A stage change, touch or merge names a lead the server does not know.
    #[error("lead {lead_id} does not exist")]
    UnknownLead { lead_id: String },
    /// A merge of a lead into itself or with nothing to merge.
    #[error("a merge needs a survivor and at least one other lead")]
    EmptyMerge,
    /// The survivor of a merge was itself merged into another lead: merge into that one.
    #[error("lead {lead_id} was merged into another lead")]
    AlreadyMerged { lead_id: String },
    /// A handoff answer the handoff rules refuse: `refusal` is the one the answer route
    /// gives (`already_answered`, `not_yours`, `not_assigned`, `unknown_handoff`,
    /// `wrong_lead`, `reason_not_offered`, `note_too_long`, `stage_not_allowed`).
    #[error("{detail}")]
    Handoff { refusal: String, detail: String },
    /// A settings save the server refuses: `refusal` is `not_allowed` (the pusher's role
    /// may not change it), `invalid` (the route's 422, `field` at fault) or
    /// `stale_version` (someone saved a newer version since the edit began).
    #[error("{detail}")]
    Settings {
        refusal: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field: Option<String>,
        detail: String,
    },
    /// The server does not take this kind of operation yet, named in `what`.
    #[error("{what} is not supported yet")]
    NotSupported { what: String },
}

/// Fields a client may set only when it creates the lead: later the stage moves through
/// stage changes (so it is validated and kept in history), merges through merge
/// operations.
const MANAGED_FIELDS: [&str; 2] = ["stage", "merged_into"];

/// Checks `op` against the state it would change.
pub fn check(
    op: &Operation,
    state: &SyncState,
    lifecycle: &LifecycleConfig,
) -> Result<(), Rejection> {
    match &op.body {
        OpBody::SetLeadFields { lead_id, fields } => {
            let creating = !state.leads.contains_key(lead_id);
            // The lead's own id is the operation's: a different one would write (or
            // overwrite) another lead under cover of this one (found by fuzzing).
            if let Some(id) = fields.get("id")
                && serde_json::from_value::<LeadId>(id.clone()).ok() != Some(*lead_id)
            {
                return Err(Rejection::InvalidLead {
                    detail: format!("id must be the operation's lead_id {lead_id}"),
                });
            }
            if let Some(field) = fields
                .keys()
                .find(|f| !creating && MANAGED_FIELDS.contains(&f.as_str()))
            {
                return Err(Rejection::UnknownField {
                    field: field.clone(),
                });
            }
            // Only this lead's registers matter: copy them, not the whole workspace.
            let mut after = SyncState::default();
            if let Some(registers) = state.leads.get(lead_id) {
                after.leads.insert(*lead_id, registers.clone());
            }
            after.apply(op);
            let lead = existing(&after, *lead_id)?;
            // A field serde ignored is not a field of the lead.
            let known = serde_json::to_value(&lead).map_err(|e| Rejection::InvalidLead {
                detail: e.to_string(),
            })?;
            if let Some(field) = fields.keys().find(|f| known.get(f.as_str()).is_none()) {
                return Err(Rejection::UnknownField {
                    field: field.clone(),
                });
            }
            Ok(())
        }
        OpBody::AnswerHandoff {
            lead_id, change, ..
        } => {
            let lead = existing(state, *lead_id)?;
            match change {
                Some(change) if change.lead_id != *lead_id => Err(Rejection::Handoff {
                    refusal: "wrong_lead".into(),
                    detail: "the answer moves another lead than the handoff's".into(),
                }),
                Some(change) => transition(
                    lifecycle,
                    &lead,
                    change.to,
                    change.actor.clone(),
                    change.reason.clone(),
                    change.at,
                )
                .map(|_| ())
                .map_err(|e| Rejection::StageMove {
                    detail: e.to_string(),
                }),
                None => Ok(()),
            }
        }
        OpBody::ChangeStage { change } => {
            let lead = existing(state, change.lead_id)?;
            transition(
                lifecycle,
                &lead,
                change.to,
                change.actor.clone(),
                change.reason.clone(),
                change.at,
            )
            .map(|_| ())
            .map_err(|e| Rejection::StageMove {
                detail: e.to_string(),
            })
        }
        OpBody::AddTouch { touch } => existing(state, touch.lead_id).map(|_| ()),
        // No lead to check: the server checks it against the workspace's documents
        // (`SettingsWrite::validate`, who may save, the base version).
        OpBody::SaveSettings { .. } => Ok(()),
        OpBody::MergeLeads { survivor, absorbed } => {
            if absorbed.is_empty() || absorbed.contains(survivor) {
                return Err(Rejection::EmptyMerge);
            }
            if existing(state, *survivor)?.merged_into.is_some() {
                return Err(Rejection::AlreadyMerged {
                    lead_id: survivor.to_string(),
                });
            }
            for lead_id in absorbed {
                existing(state, *lead_id)?;
            }
            Ok(())
        }
        OpBody::UnmergeLeads { survivor, absorbed } => {
            if absorbed.is_empty() || absorbed.contains(survivor) {
                return Err(Rejection::EmptyMerge);
            }
            // Undoing names leads that exist; one already undone (by another device) is
            // harmless to undo again.
            existing(state, *survivor)?;
            for lead_id in absorbed {
                existing(state, *lead_id)?;
            }
            Ok(())
        }
    }
}

fn existing(
    state: &SyncState,
    lead_id: crate::model::LeadId,
) -> Result<crate::model::Lead, Rejection> {
    match state.lead(lead_id) {
        Some(Ok(lead)) => Ok(lead),
        Some(Err(e)) => Err(Rejection::InvalidLead {
            detail: e.to_string(),
        }),
        None => Err(Rejection::UnknownLead {
            lead_id: lead_id.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, EntryPath, Lead, LeadId, Stage, StageChange, WorkspaceId};
    use crate::sync::{Clock, OpId, ReplicaId};
    use std::collections::BTreeMap;
    use time::macros::datetime;
    use uuid::Uuid;

    fn op(n: u128, clock: &mut Clock, body: OpBody) -> Operation {
        Operation {
            id: OpId(Uuid::from_u128(n)),
            replica: clock.last().replica,
            seq: n as u64,
            hlc: clock.tick(n as u64 * 1_000),
            body,
        }
    }

    fn fields(pairs: &[(&str, serde_json::Value)]) -> BTreeMap<String, serde_json::Value> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        let config = LifecycleConfig::korean_b2b_default();
        let mut clock = Clock::new(ReplicaId(Uuid::from_u128(1)));
        let id = LeadId(Uuid::from_u128(10));
        let lead = Lead::new(
            id,
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Manual,
            datetime!(2026-11-24 9:00 UTC),
        );
        let full: BTreeMap<String, serde_json::Value> = serde_json::to_value(&lead)
            .unwrap()
            .as_object()
            .unwrap()
            .clone()
            .into_iter()
            .collect();
        let create = op(
            1,
            &mut clock,
            OpBody::SetLeadFields {
                lead_id: id,
                fields: full,
            },
        );
        let mut state = SyncState::default();
        assert_eq!(check(&create, &state, &config), Ok(()));
        state.apply(&create);

        let cases: Vec<(OpBody, Rejection)> = vec![
            (
                OpBody::SetLeadFields {
                    lead_id: id,
                    fields: fields(&[("employee_cnt", serde_json::json!(5))]),
                },
                Rejection::UnknownField {
                    field: "employee_cnt".into(),
                },
            ),
            (
                OpBody::SetLeadFields {
                    lead_id: id,
                    fields: fields(&[("stage", serde_json::json!("customer"))]),
                },
                Rejection::UnknownField {
                    field: "stage".into(),
                },
            ),
            (
                OpBody::MergeLeads {
                    survivor: id,
                    absorbed: vec![],
                },
                Rejection::EmptyMerge,
            ),
            (
                OpBody::MergeLeads {
                    survivor: id,
                    absorbed: vec![LeadId(Uuid::from_u128(99))],
                },
                Rejection::UnknownLead {
                    lead_id: LeadId(Uuid::from_u128(99)).to_string(),
                },
            ),
        ];
        for (n, (body, expected)) in cases.into_iter().enumerate() {
            let o = op(n as u128 + 2, &mut clock, body);
            assert_eq!(check(&o, &state, &config), Err(expected));
        }

        let bad_type = op(
            20,
            &mut clock,
            OpBody::SetLeadFields {
                lead_id: id,
                fields: fields(&[("email_verified", serde_json::json!("yes"))]),
            },
        );
        assert!(matches!(
            check(&bad_type, &state, &config),
            Err(Rejection::InvalidLead { .. })
        ));

        let park = |reason: Option<&str>| OpBody::ChangeStage {
            change: StageChange {
                lead_id: id,
                from: Some(Stage::Lead),
                to: Stage::Disqualified,
                at: datetime!(2026-11-24 10:00 UTC),
                actor: Actor::User {
                    id: "u1".into(),
                    name: "영업 김".into(),
                },
                reason: reason.map(Into::into),
            },
        };
        let no_reason = op(21, &mut clock, park(None));
        assert!(matches!(
            check(&no_reason, &state, &config),
            Err(Rejection::StageMove { .. })
        ));
        let with_reason = op(22, &mut clock, park(Some("학생 (student)")));
        assert_eq!(check(&with_reason, &state, &config), Ok(()));

        let edit = op(
            23,
            &mut clock,
            OpBody::SetLeadFields {
                lead_id: id,
                fields: fields(&[("title", serde_json::json!("CTO"))]),
            },
        );
        assert_eq!(check(&edit, &state, &config), Ok(()));
    }
}
