//! Convergence: replicas that receive the same operations in any order, with any
//! duplicates, end in the same state, and no edit is lost — the latest write of every
//! field wins and every touch and stage change is kept.

use std::collections::BTreeMap;

use proptest::prelude::*;
use time::Duration;
use time::macros::datetime;
use uuid::Uuid;

use super::*;
use crate::handoff::HandoffAnswer;
use crate::model::{
    Actor, EntryPath, HandoffId, Lead, LeadId, RejectReason, Stage, StageChange, Touch, TouchId,
    TouchKind, Utm, WorkspaceId,
};

fn lead_id(n: u8) -> LeadId {
    LeadId(Uuid::from_u128(1000 + u128::from(n)))
}

/// One replica's planned edit: (lead, what, value), made at physical time `ms`.
#[derive(Debug, Clone)]
enum Edit {
    Field {
        lead: u8,
        field: u8,
        value: u8,
    },
    Touch {
        lead: u8,
    },
    Stage {
        lead: u8,
        to: u8,
    },
    Merge {
        survivor: u8,
        absorbed: u8,
    },
    Unmerge {
        survivor: u8,
        absorbed: u8,
    },
    /// A rep's answer; `to` picks the stage move it carries (none past the list).
    Answer {
        lead: u8,
        to: u8,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0u8..3, 0u8..3, any::<u8>()).prop_map(|(lead, field, value)| Edit::Field { lead, field, value }),
        2 => (0u8..3).prop_map(|lead| Edit::Touch { lead }),
        1 => (0u8..3, 0u8..4).prop_map(|(lead, to)| Edit::Stage { lead, to }),
        1 => (0u8..3, 0u8..3).prop_map(|(survivor, absorbed)| Edit::Merge { survivor, absorbed }),
        1 => (0u8..3, 0u8..3).prop_map(|(survivor, absorbed)| Edit::Unmerge { survivor, absorbed }),
        1 => (0u8..3, 0u8..5).prop_map(|(lead, to)| Edit::Answer { lead, to }),
    ]
}

const FIELDS: [&str; 3] = ["title", "company_name", "phone"];
const STAGES: [Stage; 4] = [Stage::Lead, Stage::Mql, Stage::Sql, Stage::Nurture];

/// Turns each replica's edits into operations with that replica's clock and sequence.
fn operations(plans: &[Vec<(u64, Edit)>]) -> Vec<Operation> {
    let mut ops = Vec::new();
    let mut n = 0u128;
    for (r, plan) in plans.iter().enumerate() {
        let replica = ReplicaId(Uuid::from_u128(r as u128 + 1));
        let mut clock = Clock::new(replica);
        for (seq, (ms, edit)) in plan.iter().enumerate() {
            n += 1;
            let hlc = clock.tick(*ms);
            let body = match edit {
                Edit::Field { lead, field, value } => OpBody::SetLeadFields {
                    lead_id: lead_id(*lead),
                    fields: BTreeMap::from([(
                        FIELDS[*field as usize].to_owned(),
                        serde_json::json!(format!("v{value}")),
                    )]),
                },
                Edit::Touch { lead } => OpBody::AddTouch {
                    touch: Touch {
                        id: TouchId(Uuid::from_u128(50_000 + n)),
                        lead_id: lead_id(*lead),
                        account_id: None,
                        kind: TouchKind::Call,
                        at: datetime!(2026-11-24 0:00 UTC) + Duration::milliseconds(*ms as i64),
                        metadata: BTreeMap::new(),
                        utm: Utm::default(),
                    },
                },
                Edit::Stage { lead, to } => OpBody::ChangeStage {
                    change: StageChange {
                        lead_id: lead_id(*lead),
                        from: None,
                        to: STAGES[*to as usize],
                        at: datetime!(2026-11-24 0:00 UTC) + Duration::milliseconds(*ms as i64),
                        actor: Actor::User {
                            id: format!("u{r}"),
                            name: format!("user {r}"),
                        },
                        reason: None,
                    },
                },
                Edit::Merge { survivor, absorbed } => OpBody::MergeLeads {
                    survivor: lead_id(*survivor),
                    absorbed: if survivor == absorbed {
                        vec![]
                    } else {
                        vec![lead_id(*absorbed)]
                    },
                },
                Edit::Unmerge { survivor, absorbed } => OpBody::UnmergeLeads {
                    survivor: lead_id(*survivor),
                    absorbed: vec![lead_id(*absorbed)],
                },
                Edit::Answer { lead, to } => OpBody::AnswerHandoff {
                    handoff_id: HandoffId(Uuid::from_u128(70_000 + n)),
                    lead_id: lead_id(*lead),
                    answer: HandoffAnswer::Reject {
                        reason: RejectReason::BadTiming,
                        note: None,
                    },
                    change: STAGES.get(*to as usize).map(|to| StageChange {
                        lead_id: lead_id(*lead),
                        from: None,
                        to: *to,
                        at: datetime!(2026-11-24 0:00 UTC) + Duration::milliseconds(*ms as i64),
                        actor: Actor::User {
                            id: format!("u{r}"),
                            name: format!("user {r}"),
                        },
                        reason: Some("rejected by sales: bad_timing".into()),
                    }),
                },
            };
            ops.push(Operation {
                id: OpId(Uuid::from_u128(n)),
                replica,
                seq: seq as u64 + 1,
                hlc,
                body,
            });
        }
    }
    ops
}

fn plans() -> impl Strategy<Value = Vec<Vec<(u64, Edit)>>> {
    // 2 to 4 replicas, each with up to 12 edits at physical times that may collide.
    proptest::collection::vec(proptest::collection::vec((0u64..50, edit()), 0..12), 2..5)
}

/// A delivery order: every operation at least once, some twice, shuffled.
fn delivery(ops: &[Operation], order: &[(usize, bool)]) -> Vec<Operation> {
    let mut keyed: Vec<(usize, &Operation)> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        let (key, twice) = order.get(i).copied().unwrap_or((i, false));
        keyed.push((key, op));
        if twice {
            keyed.push((key.wrapping_mul(31).wrapping_add(7), op));
        }
    }
    keyed.sort_by_key(|(k, op)| (*k, op.id));
    keyed.into_iter().map(|(_, op)| op.clone()).collect()
}

fn apply_all(ops: &[Operation]) -> SyncState {
    let mut state = SyncState::default();
    for op in ops {
        state.apply(op);
    }
    state
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_interleaving_with_duplicates_converges(
        plans in plans(),
        order_a in proptest::collection::vec((0usize..1000, any::<bool>()), 50),
        order_b in proptest::collection::vec((0usize..1000, any::<bool>()), 50),
    ) {
        let ops = operations(&plans);
        let a = apply_all(&delivery(&ops, &order_a));
        let b = apply_all(&delivery(&ops, &order_b));
        let reference = apply_all(&ops);
        prop_assert_eq!(&a, &reference);
        prop_assert_eq!(&b, &reference);
    }

    #[test]
    fn no_accepted_edit_is_lost(
        plans in plans(),
        order in proptest::collection::vec((0usize..1000, any::<bool>()), 50),
    ) {
        let ops = operations(&plans);
        let state = apply_all(&delivery(&ops, &order));
        // Every field holds the value of its latest write by clock.
        let mut latest: BTreeMap<(LeadId, String), (Hlc, serde_json::Value)> = BTreeMap::new();
        for op in &ops {
            let writes: Vec<(LeadId, String, serde_json::Value)> = match &op.body {
                OpBody::SetLeadFields { lead_id, fields } => {
                    fields.iter().map(|(k, v)| (*lead_id, k.clone(), v.clone())).collect()
                }
                OpBody::ChangeStage { change }
                | OpBody::AnswerHandoff { change: Some(change), .. } => {
                    vec![(change.lead_id, "stage".into(), serde_json::to_value(change.to).unwrap())]
                }
                OpBody::MergeLeads { survivor, absorbed } => absorbed
                    .iter()
                    .map(|a| (*a, "merged_into".into(), serde_json::json!(survivor)))
                    .collect(),
                OpBody::UnmergeLeads { absorbed, .. } => absorbed
                    .iter()
                    .map(|a| (*a, "merged_into".into(), serde_json::Value::Null))
                    .collect(),
                OpBody::AddTouch { .. }
                | OpBody::AnswerHandoff { change: None, .. }
                | OpBody::SaveSettings { .. } => vec![],
            };
            for (lead, field, value) in writes {
                let slot = latest.entry((lead, field)).or_insert((op.hlc, value.clone()));
                if op.hlc > slot.0 {
                    *slot = (op.hlc, value);
                }
            }
        }
        for ((lead, field), (_, value)) in &latest {
            prop_assert_eq!(&state.leads[lead].fields[field].value, value);
        }
        // Every touch and every stage change is kept.
        for op in &ops {
            match &op.body {
                OpBody::AddTouch { touch } => prop_assert!(state.touches.contains_key(&touch.id)),
                OpBody::ChangeStage { .. } | OpBody::AnswerHandoff { change: Some(_), .. } => {
                    prop_assert!(state.stage_history.contains_key(&op.id))
                }
                _ => {}
            }
        }
    }
}

#[test]
fn a_lead_materialises_and_merged_touches_follow_the_survivor() {
    let ws = WorkspaceId(Uuid::nil());
    let at = datetime!(2026-11-24 9:00 +09:00);
    let mut phone = Clock::new(ReplicaId(Uuid::from_u128(1)));
    let base = serde_json::to_value(Lead::new(
        lead_id(0),
        ws,
        "김민수",
        EntryPath::OfflineCapture,
        at,
    ))
    .unwrap();
    let fields: BTreeMap<String, serde_json::Value> =
        base.as_object().unwrap().clone().into_iter().collect();
    let mut state = SyncState::default();
    state.apply(&Operation {
        id: OpId(Uuid::from_u128(1)),
        replica: ReplicaId(Uuid::from_u128(1)),
        seq: 1,
        hlc: phone.tick(1_000),
        body: OpBody::SetLeadFields {
            lead_id: lead_id(0),
            fields,
        },
    });
    state.apply(&Operation {
        id: OpId(Uuid::from_u128(2)),
        replica: ReplicaId(Uuid::from_u128(1)),
        seq: 2,
        hlc: phone.tick(2_000),
        body: OpBody::SetLeadFields {
            lead_id: lead_id(0),
            fields: BTreeMap::from([("title".to_owned(), serde_json::json!("마케팅 팀장"))]),
        },
    });
    let lead = state.lead(lead_id(0)).unwrap().unwrap();
    assert_eq!(lead.name, "김민수");
    assert_eq!(lead.title.as_deref(), Some("마케팅 팀장"));
    assert!(state.lead(lead_id(9)).is_none());

    // A half-written lead says what is wrong instead of panicking.
    state.apply(&Operation {
        id: OpId(Uuid::from_u128(3)),
        replica: ReplicaId(Uuid::from_u128(1)),
        seq: 3,
        hlc: phone.tick(3_000),
        body: OpBody::SetLeadFields {
            lead_id: lead_id(1),
            fields: BTreeMap::from([("title".to_owned(), serde_json::json!("CTO"))]),
        },
    });
    assert!(matches!(
        state.lead(lead_id(1)),
        Some(Err(MaterializeError::Invalid { .. }))
    ));

    // Touches of a merged lead show under the survivor.
    let touch = Touch {
        id: TouchId(Uuid::from_u128(77)),
        lead_id: lead_id(1),
        account_id: None,
        kind: TouchKind::Call,
        at,
        metadata: BTreeMap::new(),
        utm: Utm::default(),
    };
    for (n, body) in [
        (4, OpBody::AddTouch { touch }),
        (
            5,
            OpBody::MergeLeads {
                survivor: lead_id(0),
                absorbed: vec![lead_id(1)],
            },
        ),
    ] {
        state.apply(&Operation {
            id: OpId(Uuid::from_u128(n)),
            replica: ReplicaId(Uuid::from_u128(1)),
            seq: n as u64,
            hlc: phone.tick(n as u64 * 1_000),
            body,
        });
    }
    assert_eq!(state.resolve(lead_id(1)), lead_id(0));
    assert_eq!(state.touches_of(lead_id(0)).len(), 1);
}

/// A whole lead for the server-side merge tests.
fn stored_lead(n: u8, title: &str) -> StoredRegisters {
    let mut lead = Lead::new(
        lead_id(n),
        WorkspaceId(Uuid::nil()),
        "김민수",
        EntryPath::Form,
        datetime!(2026-11-20 9:00 UTC),
    );
    lead.title = Some(title.into());
    StoredRegisters {
        lead,
        stamps: BTreeMap::new(),
    }
}

#[test]
fn a_merge_marks_the_absorbed_and_a_later_undo_restores_them() {
    let lifecycle = crate::lifecycle::LifecycleConfig::korean_b2b_default();
    let mut clock = Clock::new(ReplicaId(Uuid::from_u128(1)));
    let op = |n: u128, hlc: Hlc, body: OpBody| Operation {
        id: OpId(Uuid::from_u128(n)),
        replica: hlc.replica,
        seq: n as u64,
        hlc,
        body,
    };
    let mut stored: BTreeMap<LeadId, StoredRegisters> = [
        (lead_id(0), stored_lead(0, "팀장")),
        (lead_id(1), stored_lead(1, "대리")),
        (lead_id(2), stored_lead(2, "사원")),
    ]
    .into_iter()
    .collect();
    let merge = op(
        1,
        clock.tick(1_000),
        OpBody::MergeLeads {
            survivor: lead_id(0),
            absorbed: vec![lead_id(1), lead_id(2)],
        },
    );
    let applied = apply_to_leads(&merge, &stored, &lifecycle).unwrap();
    assert_eq!(applied.len(), 3);
    assert_eq!(applied[0].effect, Effect::Survivor);
    assert_eq!(applied[0].lead, stored[&lead_id(0)].lead);
    for absorbed in &applied[1..] {
        assert_eq!(absorbed.lead.merged_into, Some(lead_id(0)));
        assert_eq!(absorbed.stamps["merged_into"], merge.hlc);
        // Everything else of the absorbed record is kept for the undo.
        assert_eq!(absorbed.lead.title, stored[&absorbed.lead.id].lead.title);
    }
    for a in &applied {
        stored.insert(
            a.lead.id,
            StoredRegisters {
                lead: a.lead.clone(),
                stamps: a.stamps.clone(),
            },
        );
    }
    // A merged lead cannot become a survivor, nor a lead absorb itself.
    let into_absorbed = op(
        2,
        clock.tick(2_000),
        OpBody::MergeLeads {
            survivor: lead_id(1),
            absorbed: vec![lead_id(0)],
        },
    );
    assert!(matches!(
        apply_to_leads(&into_absorbed, &stored, &lifecycle),
        Err(Rejection::AlreadyMerged { .. })
    ));
    let undo = op(
        3,
        clock.tick(3_000),
        OpBody::UnmergeLeads {
            survivor: lead_id(0),
            absorbed: vec![lead_id(1)],
        },
    );
    let undone = apply_to_leads(&undo, &stored, &lifecycle).unwrap();
    assert_eq!(undone[1].lead.merged_into, None);
    assert_eq!(undone[1].lead.title.as_deref(), Some("대리"));
    // An undo stamped before the merge (a device offline since) loses to it.
    let mut late = Clock::new(ReplicaId(Uuid::from_u128(2)));
    let stale_undo = op(
        4,
        late.tick(500),
        OpBody::UnmergeLeads {
            survivor: lead_id(0),
            absorbed: vec![lead_id(2)],
        },
    );
    let stale = apply_to_leads(&stale_undo, &stored, &lifecycle).unwrap();
    assert_eq!(stale[1].lead.merged_into, Some(lead_id(0)));

    // On a device: the same merge shows at once and hides the absorbed from the table.
    let records: Vec<crate::api::LeadRecord> = (0..3)
        .map(|n| crate::api::LeadRecord {
            id: lead_id(n).0,
            seq: u64::from(n) + 1,
            form_id: "contact".into(),
            email: String::new(),
            name: "김민수".into(),
            company: String::new(),
            captured_at: datetime!(2026-11-20 9:00 UTC),
            stage: Some(Stage::Lead),
            scores: None,
            record: Some(Box::new(stored_lead(n, "x").lead)),
            stamps: BTreeMap::new(),
        })
        .collect();
    let refs: Vec<&crate::api::LeadRecord> = records.iter().collect();
    let local = apply_locally(&refs, &merge, &lifecycle).unwrap();
    assert_eq!(local.len(), 3);
    assert!(!local[0].is_merged() && local[1].is_merged() && local[2].is_merged());
    assert_eq!(crate::table::LeadTable::new(&local).len(), 1);
}
