//! What a replica shows before the server has answered: the operation applied to its
//! local copy of the lead by the same merge the server runs (`apply_to_lead`), so the
//! app shows the edit at once and the server, applying the same operation, agrees. A
//! lead made on this device (a fair capture) is created by the same merge.

use super::op::Operation;
use super::server::{StoredRegisters, apply_to_lead};
use super::validate::Rejection;
use crate::api::LeadRecord;
use crate::lifecycle::LifecycleConfig;

/// `record` with `op` applied, or why the operation is refused. A record kept from
/// before whole leads were pulled cannot be edited.
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

/// The lead `op` (a `SetLeadFields` naming every field of a lead this device made)
/// creates, as the local store lists it until the server has scored it; or why the
/// server would refuse it.
pub fn create_locally(
    op: &Operation,
    lifecycle: &LifecycleConfig,
) -> Result<LeadRecord, Rejection> {
    let lead = apply_to_lead(op, None, lifecycle)?.lead;
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
    })
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
