//! What a replica shows before the server has answered: the operation applied to its
//! local copy of the lead by the same merge the server runs (`apply_to_lead`), so the
//! app shows the edit at once and the server, applying the same operation, agrees. A
//! lead made on this device (a fair capture) is created by the same merge.

use std::collections::BTreeMap;

use super::delta::follow_record;
use super::op::Operation;
use super::server::{StoredRegisters, apply_to_leads};
use super::validate::Rejection;
use crate::api::LeadRecord;
use crate::lifecycle::LifecycleConfig;
use crate::model::LeadId;

/// The records `op` changes once applied (the survivor of a merge first), or why the
/// operation is refused. `records` are this device's copies of the leads the operation
/// names; one kept from before whole leads were pulled cannot be edited.
pub fn apply_locally(
    records: &[&LeadRecord],
    op: &Operation,
    lifecycle: &LifecycleConfig,
) -> Result<Vec<LeadRecord>, Rejection> {
    let mut stored = BTreeMap::new();
    for record in records {
        let lead = record
            .record
            .as_deref()
            .ok_or_else(|| Rejection::InvalidLead {
                detail: "this lead has not been pulled in full yet".into(),
            })?;
        stored.insert(
            LeadId(record.id),
            StoredRegisters {
                lead: lead.clone(),
                stamps: record.stamps.clone(),
            },
        );
    }
    let applied = apply_to_leads(op, &stored, lifecycle)?;
    Ok(applied
        .into_iter()
        .filter_map(|applied| {
            let mut next = records
                .iter()
                .find(|r| r.id == applied.lead.id.0)
                .map(|r| (*r).clone())?;
            next.stamps = applied.stamps;
            follow_record(&mut next, applied.lead);
            Some(next)
        })
        .collect())
}

/// The lead `op` (a `SetLeadFields` naming every field of a lead this device made)
/// creates, as the local store lists it until the server has scored it; or why the
/// server would refuse it.
pub fn create_locally(
    op: &Operation,
    lifecycle: &LifecycleConfig,
) -> Result<LeadRecord, Rejection> {
    let applied = apply_to_leads(op, &BTreeMap::new(), lifecycle)?
        .into_iter()
        .next()
        .ok_or_else(|| Rejection::InvalidLead {
            detail: "the operation creates no lead".into(),
        })?;
    let lead = applied.lead;
    Ok(LeadRecord {
        id: lead.id.0,
        seq: 0,
        form_id: lead.entry_path.as_str().to_owned(),
        email: lead.email.clone().unwrap_or_default(),
        name: lead.name.clone(),
        company: lead.company_name.clone().unwrap_or_default(),
        captured_at: lead.created_at,
        stage: Some(lead.stage),
        scores: None,
        record: Some(Box::new(lead)),
        stamps: applied.stamps,
    })
}

/// The server's copy of a lead with this device's still-pending operations that name it
/// laid over it, oldest first: what the device shows after the server refused one of its
/// changes. A pending operation that cannot apply to this copy alone (a merge needing
/// the other leads' copies) is left to the server, which has them.
pub fn replay_pending(
    server: LeadRecord,
    pending: &[Operation],
    lifecycle: &LifecycleConfig,
) -> LeadRecord {
    let mut ops: Vec<&Operation> = pending
        .iter()
        .filter(|op| op.body.leads().iter().any(|named| named.0 == server.id))
        .collect();
    ops.sort_by_key(|op| op.seq);
    ops.into_iter().fold(server, |lead, op| {
        apply_locally(&[&lead], op, lifecycle)
            .ok()
            .and_then(|next| next.into_iter().find(|l| l.id == lead.id))
            .unwrap_or(lead)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, EntryPath, Lead, LeadId, RepId, Stage, StageChange, WorkspaceId};
    use crate::sync::{Clock, OpBody, OpId, ReplicaId};
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
            stamps: BTreeMap::new(),
        }
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
            &[&record()],
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
        assert_eq!(assigned[0].record.as_ref().unwrap().owner, Some(owner));
        assert!(assigned[0].stamps.contains_key("owner"));
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
        let moved =
            apply_locally(&[&record()], &op(2, change(Stage::Sql, None)), &lifecycle).unwrap();
        assert_eq!(moved[0].stage, Some(Stage::Sql));
        assert!(
            apply_locally(
                &[&record()],
                &op(3, change(Stage::Disqualified, None)),
                &lifecycle
            )
            .is_err()
        );
    }

    #[test]
    fn the_servers_copy_gets_only_the_pending_edits_that_name_it() {
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let mut clock = Clock::new(ReplicaId(Uuid::from_u128(9)));
        let mut op = |seq, lead: u128, name: &str| Operation {
            id: OpId(Uuid::from_u128(200 + u128::from(seq))),
            replica: ReplicaId(Uuid::from_u128(9)),
            seq,
            hlc: clock.tick(1_000 * seq),
            body: OpBody::SetLeadFields {
                lead_id: LeadId(Uuid::from_u128(lead)),
                fields: BTreeMap::from([("name".to_owned(), serde_json::json!(name))]),
            },
        };
        // Made oldest first, listed out of order: replayed by sequence.
        let first = op(1, 1, "김민준");
        let other = op(2, 2, "다른 리드");
        let last = op(3, 1, "김민서");
        let replayed = replay_pending(record(), &[last, other, first], &lifecycle);
        let lead = replayed.record.expect("the whole lead");
        assert_eq!(lead.name, "김민서", "the later pending edit wins");
        assert_eq!(replay_pending(record(), &[], &lifecycle), record());
    }
}
