//! What a replica shows before the server has answered: the operation applied to its
//! local copy of the lead by the same merge the server runs (`apply_to_lead`), so the
//! app shows the edit at once and the server, applying the same operation, agrees.

use super::op::{OpBody, Operation};
use super::server::{StoredRegisters, apply_to_lead};
use super::validate::Rejection;
use crate::api::LeadRecord;
use crate::lifecycle::LifecycleConfig;

/// `record` with `op` applied, or why the operation is refused. A record kept from
/// before whole leads were pulled cannot be edited. A merge is applied to each record
/// it names, one at a time: an absorbed record gets its `merged_into`, the survivor is
/// left as it is (the server folds the records' histories together).
pub fn apply_locally(
    record: &LeadRecord,
    op: &Operation,
    lifecycle: &LifecycleConfig,
) -> Result<LeadRecord, Rejection> {
    let lead = record
        .record
        .as_deref()
        .ok_or_else(|| Rejection::InvalidLead {
            detail: "this lead has not been pulled in full yet".into(),
        })?;
    if let OpBody::MergeLeads { survivor, absorbed } = &op.body {
        return merge_locally(record, lead, *survivor, absorbed);
    }
    let stored = StoredRegisters {
        lead: lead.clone(),
        stamps: Default::default(),
    };
    let applied = apply_to_lead(op, Some(&stored), lifecycle)?;
    let lead = applied.lead;
    let mut next = record.clone();
    next.email = lead.email.clone().unwrap_or_default();
    next.name = lead.name.clone();
    next.company = lead.company_name.clone().unwrap_or_default();
    next.stage = Some(lead.stage);
    next.record = Some(Box::new(lead));
    Ok(next)
}

fn merge_locally(
    record: &LeadRecord,
    lead: &crate::model::Lead,
    survivor: crate::model::LeadId,
    absorbed: &[crate::model::LeadId],
) -> Result<LeadRecord, Rejection> {
    if absorbed.is_empty() || absorbed.contains(&survivor) {
        return Err(Rejection::EmptyMerge);
    }
    if lead.id == survivor {
        return Ok(record.clone());
    }
    if !absorbed.contains(&lead.id) {
        return Err(Rejection::UnknownLead {
            lead_id: lead.id.to_string(),
        });
    }
    if lead.merged_into.is_some() {
        return Err(Rejection::InvalidLead {
            detail: "this lead was already merged into another".into(),
        });
    }
    let mut lead = lead.clone();
    lead.merged_into = Some(survivor);
    let mut next = record.clone();
    next.record = Some(Box::new(lead));
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, EntryPath, Lead, LeadId, RepId, Stage, StageChange, WorkspaceId};
    use crate::sync::{Clock, OpBody, OpId, ReplicaId};
    use std::collections::BTreeMap;
    use time::macros::datetime;
    use uuid::Uuid;

    fn record() -> LeadRecord {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Form,
            datetime!(2026-11-20 09:00 UTC),
        );
        lead.stage = Stage::Mql;
        LeadRecord {
            id: Uuid::from_u128(1),
            seq: 4,
            form_id: "contact".into(),
            email: String::new(),
            name: "김민수".into(),
            company: String::new(),
            captured_at: datetime!(2026-11-20 09:00 UTC),
            stage: Some(Stage::Mql),
            scores: None,
            record: Some(Box::new(lead)),
        }
    }

    #[test]
    fn a_merge_marks_the_absorbed_record_and_its_undo_clears_it() {
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let mut clock = Clock::new(ReplicaId(Uuid::from_u128(9)));
        let mut op = |seq, body| Operation {
            id: OpId(Uuid::from_u128(100 + u128::from(seq))),
            replica: ReplicaId(Uuid::from_u128(9)),
            seq,
            hlc: clock.tick(1_000 * seq),
            body,
        };
        let survivor = LeadId(Uuid::from_u128(2));
        let me = LeadId(Uuid::from_u128(1));
        let merge = op(
            1,
            OpBody::MergeLeads {
                survivor,
                absorbed: vec![me],
            },
        );
        let merged = apply_locally(&record(), &merge, &lifecycle).unwrap();
        assert_eq!(merged.record.as_ref().unwrap().merged_into, Some(survivor));
        // Merging it again is refused; so is a merge that does not name it.
        assert!(apply_locally(&merged, &merge, &lifecycle).is_err());
        let elsewhere = op(
            2,
            OpBody::MergeLeads {
                survivor,
                absorbed: vec![LeadId(Uuid::from_u128(3))],
            },
        );
        assert!(matches!(
            apply_locally(&record(), &elsewhere, &lifecycle),
            Err(Rejection::UnknownLead { .. })
        ));
        let into_itself = op(
            3,
            OpBody::MergeLeads {
                survivor: me,
                absorbed: vec![me],
            },
        );
        assert_eq!(
            apply_locally(&record(), &into_itself, &lifecycle),
            Err(Rejection::EmptyMerge)
        );
        let undone = apply_locally(&merged, &op(4, OpBody::undo_merge(me)), &lifecycle).unwrap();
        assert_eq!(undone.record.unwrap().merged_into, None);
    }

    #[test]
    fn owner_and_stage_edits_show_at_once_and_bad_moves_are_refused() {
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let mut clock = Clock::new(ReplicaId(Uuid::from_u128(9)));
        let mut op = |seq, body| Operation {
            id: OpId(Uuid::from_u128(100 + u128::from(seq))),
            replica: ReplicaId(Uuid::from_u128(9)),
            seq,
            hlc: clock.tick(1_000 * seq),
            body,
        };
        let owner = RepId(Uuid::from_u128(7));
        let assigned = apply_locally(
            &record(),
            &op(
                1,
                OpBody::SetLeadFields {
                    lead_id: LeadId(Uuid::from_u128(1)),
                    fields: BTreeMap::from([("owner".to_owned(), serde_json::json!(owner))]),
                },
            ),
            &lifecycle,
        )
        .unwrap();
        assert_eq!(assigned.record.unwrap().owner, Some(owner));
        let change = |to, reason: Option<&str>| OpBody::ChangeStage {
            change: StageChange {
                lead_id: LeadId(Uuid::from_u128(1)),
                from: Some(Stage::Mql),
                to,
                at: datetime!(2026-11-24 09:00 UTC),
                actor: Actor::User {
                    id: "u".into(),
                    name: "지우".into(),
                },
                reason: reason.map(str::to_owned),
            },
        };
        let moved = apply_locally(&record(), &op(2, change(Stage::Sql, None)), &lifecycle).unwrap();
        assert_eq!(moved.stage, Some(Stage::Sql));
        assert!(
            apply_locally(
                &record(),
                &op(3, change(Stage::Disqualified, None)),
                &lifecycle
            )
            .is_err()
        );
    }
}
