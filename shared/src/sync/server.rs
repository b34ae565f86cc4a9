//! How the server applies one pushed operation to one stored lead: the lead is read back
//! into per-field registers (each stamped with the clock of the replica write that set
//! it, or the floor for values set at the edge — capture, tracking, handoff — which any
//! replica edit supersedes), checked by [`check`], merged by the same last-writer-wins
//! rule every replica runs, and turned back into a lead with its new stamps.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::hlc::{Hlc, ReplicaId};
use super::op::{OpBody, Operation};
use super::state::{LeadRegisters, Register, SyncState};
use super::validate::{Rejection, check};
use crate::lifecycle::LifecycleConfig;
use crate::model::{Lead, LeadId, StageChange, Touch};

/// The stamp of values no replica wrote.
pub const FLOOR: Hlc = Hlc {
    wall_ms: 0,
    counter: 0,
    replica: ReplicaId(Uuid::nil()),
};

/// A stored lead with the stamp of each field a replica wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRegisters {
    pub lead: Lead,
    pub stamps: BTreeMap<String, Hlc>,
}

/// What applying an operation changes besides the lead's fields.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Only fields changed (or nothing, when every write lost to a later one).
    Fields,
    /// A touch to append.
    Touch(Touch),
    /// A stage change to append to the history.
    Stage(StageChange),
    /// The survivor of a merge or of its undo: its own fields are unchanged, but the
    /// touches it counts are (the absorbed leads' join or leave it).
    Survivor,
}

/// The result of applying one operation to one lead.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The lead after the operation.
    pub lead: Lead,
    /// The stamps to store with it.
    pub stamps: BTreeMap<String, Hlc>,
    /// Whether the operation created the lead.
    pub created: bool,
    pub effect: Effect,
}

/// The lead of an operation: the one it changes, or the survivor of a merge or undo.
pub fn lead_of(op: &Operation) -> Option<crate::model::LeadId> {
    op.body.leads().first().copied()
}

fn registers_of(stored: &StoredRegisters) -> Result<LeadRegisters, Rejection> {
    let value = serde_json::to_value(&stored.lead).map_err(|e| Rejection::InvalidLead {
        detail: e.to_string(),
    })?;
    let object = value.as_object().cloned().unwrap_or_default();
    Ok(LeadRegisters {
        fields: object
            .into_iter()
            .map(|(name, value)| {
                let hlc = stored.stamps.get(&name).copied().unwrap_or(FLOOR);
                (name, Register { value, hlc })
            })
            .collect(),
    })
}

/// Applies `op` to `stored` (its lead; `None` when the server does not have it).
pub fn apply_to_lead(
    op: &Operation,
    stored: Option<&StoredRegisters>,
    lifecycle: &LifecycleConfig,
) -> Result<Applied, Rejection> {
    let stored: BTreeMap<LeadId, StoredRegisters> =
        stored.map(|s| (s.lead.id, s.clone())).into_iter().collect();
    let mut applied = apply_to_leads(op, &stored, lifecycle)?;
    Ok(applied.remove(0))
}

/// Applies `op` to the stored leads it names (`stored`, by id; a lead the server does not
/// have is absent). Answers each lead the operation wrote, in the order of
/// [`OpBody::leads`] (a merge's survivor first: it is unchanged but shows the absorbed
/// leads' touches from now on, so the caller re-scores it).
pub fn apply_to_leads(
    op: &Operation,
    stored: &BTreeMap<LeadId, StoredRegisters>,
    lifecycle: &LifecycleConfig,
) -> Result<Vec<Applied>, Rejection> {
    let lead_ids = op.body.leads();
    let mut state = SyncState::default();
    for lead_id in &lead_ids {
        if let Some(stored) = stored.get(lead_id) {
            state.leads.insert(*lead_id, registers_of(stored)?);
        }
    }
    check(op, &state, lifecycle)?;
    state.apply(op);
    let mut applied = Vec::with_capacity(lead_ids.len());
    for (i, lead_id) in lead_ids.iter().enumerate() {
        let lead = match state.lead(*lead_id) {
            Some(Ok(lead)) => lead,
            Some(Err(e)) => {
                return Err(Rejection::InvalidLead {
                    detail: e.to_string(),
                });
            }
            None => {
                return Err(Rejection::UnknownLead {
                    lead_id: lead_id.to_string(),
                });
            }
        };
        let stamps = state.leads[lead_id]
            .fields
            .iter()
            .filter(|(_, register)| register.hlc != FLOOR)
            .map(|(name, register)| (name.clone(), register.hlc))
            .collect();
        let effect = match &op.body {
            OpBody::AddTouch { touch } => Effect::Touch(touch.clone()),
            OpBody::ChangeStage { change }
            | OpBody::AnswerHandoff {
                change: Some(change),
                ..
            } => Effect::Stage(change.clone()),
            OpBody::MergeLeads { .. } | OpBody::UnmergeLeads { .. } if i == 0 => Effect::Survivor,
            _ => Effect::Fields,
        };
        applied.push(Applied {
            lead,
            stamps,
            created: !stored.contains_key(lead_id),
            effect,
        });
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, EntryPath, Stage, WorkspaceId};
    use crate::sync::{Clock, OpId};
    use serde_json::json;
    use time::macros::datetime;

    fn stored() -> StoredRegisters {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Form,
            datetime!(2026-11-20 09:00 UTC),
        );
        lead.title = Some("대리".into());
        lead.stage = Stage::Mql;
        StoredRegisters {
            lead,
            stamps: BTreeMap::new(),
        }
    }

    fn op(seq: u64, hlc: Hlc, body: OpBody) -> Operation {
        Operation {
            id: OpId(Uuid::from_u128(u128::from(seq) + 100)),
            replica: hlc.replica,
            seq,
            hlc,
            body,
        }
    }

    #[test]
    fn a_replica_edit_beats_an_edge_value_and_a_later_edit_beats_it() {
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let mut a = Clock::new(ReplicaId(Uuid::from_u128(0xa)));
        let set = |title: &str| OpBody::SetLeadFields {
            lead_id: LeadId(Uuid::from_u128(1)),
            fields: BTreeMap::from([("title".to_owned(), json!(title))]),
        };
        let first = apply_to_lead(
            &op(1, a.tick(1_000), set("팀장")),
            Some(&stored()),
            &lifecycle,
        )
        .unwrap();
        assert_eq!(first.lead.title.as_deref(), Some("팀장"));
        assert!(!first.created);
        let after_first = StoredRegisters {
            lead: first.lead.clone(),
            stamps: first.stamps.clone(),
        };
        // An edit stamped earlier (a phone offline since before) loses.
        let mut b = Clock::new(ReplicaId(Uuid::from_u128(0xb)));
        let stale = apply_to_lead(
            &op(1, b.tick(500), set("사원")),
            Some(&after_first),
            &lifecycle,
        )
        .unwrap();
        assert_eq!(stale.lead.title.as_deref(), Some("팀장"));
        let later = apply_to_lead(
            &op(2, b.tick(2_000), set("부장")),
            Some(&after_first),
            &lifecycle,
        )
        .unwrap();
        assert_eq!(later.lead.title.as_deref(), Some("부장"));
    }

    #[test]
    fn stage_moves_are_checked_and_recorded() {
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let mut clock = Clock::new(ReplicaId(Uuid::from_u128(0xa)));
        let change = |to, reason: Option<&str>| OpBody::ChangeStage {
            change: StageChange {
                lead_id: LeadId(Uuid::from_u128(1)),
                from: Some(Stage::Mql),
                to,
                at: datetime!(2026-11-24 09:00 UTC),
                actor: Actor::User {
                    id: "u1".into(),
                    name: "지우".into(),
                },
                reason: reason.map(str::to_owned),
            },
        };
        let moved = apply_to_lead(
            &op(1, clock.tick(1_000), change(Stage::Sql, None)),
            Some(&stored()),
            &lifecycle,
        )
        .unwrap();
        assert_eq!(moved.lead.stage, Stage::Sql);
        assert!(matches!(moved.effect, Effect::Stage(ref c) if c.to == Stage::Sql));
        let refused = apply_to_lead(
            &op(2, clock.tick(2_000), change(Stage::Disqualified, None)),
            Some(&stored()),
            &lifecycle,
        );
        assert!(
            matches!(refused, Err(Rejection::StageMove { .. })),
            "{refused:?}"
        );
    }

    #[test]
    fn unknown_leads_and_fields_are_refused() {
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let mut clock = Clock::new(ReplicaId(Uuid::from_u128(0xa)));
        let unknown_field = OpBody::SetLeadFields {
            lead_id: LeadId(Uuid::from_u128(1)),
            fields: BTreeMap::from([("favourite_colour".to_owned(), json!("blue"))]),
        };
        assert!(matches!(
            apply_to_lead(
                &op(1, clock.tick(1), unknown_field),
                Some(&stored()),
                &lifecycle
            ),
            Err(Rejection::UnknownField { .. })
        ));
        let touch_of_nobody = OpBody::AddTouch {
            touch: Touch::form_submit(
                crate::model::TouchId(Uuid::from_u128(9)),
                LeadId(Uuid::from_u128(77)),
                "contact",
                Default::default(),
                datetime!(2026-11-24 09:00 UTC),
            ),
        };
        assert!(matches!(
            apply_to_lead(&op(2, clock.tick(2), touch_of_nobody), None, &lifecycle),
            Err(Rejection::UnknownLead { .. })
        ));
    }
}
