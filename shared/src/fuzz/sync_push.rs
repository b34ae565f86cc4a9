//! Fuzz target: sync pushes, as `POST /api/sync/push` reads them — JSON into
//! [`PushRequest`], then each operation through the shared checks and merge
//! (`sync::apply_to_leads`) the worker runs. Properties: no bytes or JSON make decoding
//! or applying panic; an applied operation writes exactly the leads it names, each a
//! valid lead record that survives serde, with every field it set stamped at least
//! with its clock; a refused one names its reason.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::Value;
use time::Duration;
use time::macros::datetime;
use uuid::Uuid;

use super::mutate::mutated;
use crate::api::{PushRequest, SCHEMA_VERSION};
use crate::lifecycle::LifecycleConfig;
use crate::model::{
    Actor, EntryPath, Lead, LeadId, Stage, StageChange, Touch, TouchId, TouchKind, Utm, WorkspaceId,
};
use crate::sync::{Hlc, OpBody, OpId, Operation, ReplicaId, StoredRegisters, apply_to_leads};

const REPLICA: ReplicaId = ReplicaId(Uuid::from_u128(0xAB));

fn lead_id(n: u8) -> LeadId {
    LeadId(Uuid::from_u128(1000 + u128::from(n % 3)))
}

/// A whole new lead's fields, as the app sends when it creates one offline.
fn new_lead_fields(n: u8, name: String) -> BTreeMap<String, Value> {
    let lead = Lead::new(
        lead_id(n),
        WorkspaceId(Uuid::from_u128(7)),
        name,
        EntryPath::Manual,
        datetime!(2026-11-24 9:00 UTC),
    );
    match serde_json::to_value(lead) {
        Ok(Value::Object(map)) => map.into_iter().collect(),
        _ => BTreeMap::new(),
    }
}

/// JSON values of every shape, shallow.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "\\PC{0,16}".prop_map(Value::String),
        prop::sample::select(vec![
            "lead",
            "mql",
            "sql",
            "kim@acme.co.kr",
            "2026-11-24T09:00:00Z"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "name", "email", "title", "company_name", "phone", "stage", "merged_into", "owner",
            "custom", "consents", "utm", "created_at", "id", "workspace_id", "entry_path",
        ]).prop_map(str::to_owned),
        1 => "[a-z_]{1,12}",
    ]
}

fn body() -> impl Strategy<Value = OpBody> {
    let stage = prop::sample::select(Stage::ALL.to_vec());
    prop_oneof![
        2 => (any::<u8>(), "\\PC{0,20}", prop::collection::btree_map(field_name(), any_json(), 0..3))
            .prop_map(|(n, name, overrides)| {
                let mut fields = new_lead_fields(n, name);
                fields.extend(overrides);
                OpBody::SetLeadFields { lead_id: lead_id(n), fields }
            }),
        3 => (any::<u8>(), prop::collection::btree_map(field_name(), any_json(), 0..4))
            .prop_map(|(n, fields)| OpBody::SetLeadFields { lead_id: lead_id(n), fields }),
        1 => (any::<u8>(), any::<u128>(), 0i64..100_000).prop_map(|(n, id, ms)| OpBody::AddTouch {
            touch: Touch {
                id: TouchId(Uuid::from_u128(id)),
                lead_id: lead_id(n),
                account_id: None,
                kind: TouchKind::Call,
                at: datetime!(2026-11-24 0:00 UTC) + Duration::milliseconds(ms),
                metadata: BTreeMap::new(),
                utm: Utm::default(),
            },
        }),
        1 => (any::<u8>(), proptest::option::of(stage.clone()), stage, proptest::option::of("\\PC{0,10}"))
            .prop_map(|(n, from, to, reason)| OpBody::ChangeStage {
                change: StageChange {
                    lead_id: lead_id(n),
                    from,
                    to,
                    at: datetime!(2026-11-24 0:00 UTC),
                    actor: Actor::User { id: "u1".into(), name: "김민수".into() },
                    reason,
                },
            }),
        1 => (any::<u8>(), prop::collection::vec(any::<u8>(), 0..3)).prop_map(|(s, a)| OpBody::MergeLeads {
            survivor: lead_id(s),
            absorbed: a.into_iter().map(lead_id).collect(),
        }),
        1 => (any::<u8>(), prop::collection::vec(any::<u8>(), 0..3)).prop_map(|(s, a)| OpBody::UnmergeLeads {
            survivor: lead_id(s),
            absorbed: a.into_iter().map(lead_id).collect(),
        }),
    ]
}

/// A push as the app makes it: one replica, sequences 1, 2, 3 …, clocks going up.
fn push() -> impl Strategy<Value = PushRequest> {
    prop::collection::vec((body(), 0u64..5, 0u32..3), 0..10).prop_map(|bodies| {
        let mut wall_ms = 1_764_000_000_000u64;
        let operations = bodies
            .into_iter()
            .enumerate()
            .map(|(i, (body, step, counter))| {
                wall_ms += step;
                Operation {
                    id: OpId(Uuid::from_u128(i as u128 + 1)),
                    replica: REPLICA,
                    seq: i as u64 + 1,
                    hlc: Hlc {
                        wall_ms,
                        counter,
                        replica: REPLICA,
                    },
                    body,
                }
            })
            .collect();
        PushRequest {
            schema_version: SCHEMA_VERSION,
            replica: REPLICA,
            operations,
        }
    })
}

/// Applies a push's operations in order as the worker does, against a store that starts
/// empty, and checks each outcome.
fn apply_push(push: &PushRequest) -> Result<(), TestCaseError> {
    let lifecycle = LifecycleConfig::korean_b2b_default();
    let mut stored: BTreeMap<LeadId, StoredRegisters> = BTreeMap::new();
    for op in &push.operations {
        let named = op.body.leads();
        let subset: BTreeMap<LeadId, StoredRegisters> = named
            .iter()
            .filter_map(|id| stored.get(id).map(|s| (*id, s.clone())))
            .collect();
        match apply_to_leads(op, &subset, &lifecycle) {
            Ok(applied) => {
                let written: Vec<LeadId> = applied.iter().map(|a| a.lead.id).collect();
                prop_assert_eq!(&written, &named, "an operation writes the leads it names");
                for a in &applied {
                    prop_assert_eq!(a.created, !subset.contains_key(&a.lead.id));
                    let json = serde_json::to_string(&a.lead)
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let back: Lead = serde_json::from_str(&json)
                        .map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
                    prop_assert_eq!(&back, &a.lead);
                }
                if let OpBody::SetLeadFields { fields, .. } = &op.body {
                    for field in fields.keys() {
                        let stamp = applied[0].stamps.get(field);
                        prop_assert!(
                            stamp.is_some_and(|s| *s >= op.hlc),
                            "{field}: {stamp:?} < {:?}",
                            op.hlc
                        );
                    }
                }
                for a in applied {
                    stored.insert(
                        a.lead.id,
                        StoredRegisters {
                            lead: a.lead,
                            stamps: a.stamps,
                        },
                    );
                }
            }
            Err(rejection) => prop_assert!(!rejection.to_string().is_empty()),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(super::config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(push) = serde_json::from_slice::<PushRequest>(&bytes) {
            apply_push(&push)?;
        }
    }

    #[test]
    fn valid_pushes_round_trip_and_apply(push in push()) {
        let json = serde_json::to_vec(&push).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back: PushRequest = serde_json::from_slice(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &push);
        apply_push(&push)?;
    }

    #[test]
    fn mutated_pushes_decode_or_fail_and_apply_safely(
        (_, bytes) in mutated(push().prop_map(|p| serde_json::to_vec(&p).unwrap_or_default())),
    ) {
        if let Ok(push) = serde_json::from_slice::<PushRequest>(&bytes) {
            apply_push(&push)?;
        }
    }
}

/// Found by `mutated_pushes_decode_or_fail_and_apply_safely` (one digit of a created
/// lead's `id` mutated): a `set_lead_fields` whose `id` field differs from its
/// `lead_id` materialised a lead with the other id, which the worker would then have
/// written under that id. It is refused now.
#[test]
fn a_set_fields_operation_cannot_give_its_lead_another_id() {
    let create_with_id = |id: Uuid| {
        let mut fields = new_lead_fields(0, "김민수".into());
        fields.insert("id".into(), serde_json::json!(id));
        Operation {
            id: OpId(Uuid::from_u128(1)),
            replica: REPLICA,
            seq: 1,
            hlc: Hlc {
                wall_ms: 1_764_000_000_000,
                counter: 0,
                replica: REPLICA,
            },
            body: OpBody::SetLeadFields {
                lead_id: lead_id(0),
                fields,
            },
        }
    };
    let lifecycle = LifecycleConfig::korean_b2b_default();
    let other = create_with_id(Uuid::from_u128(0x1000_0000_0000_0000_0000_0000_0000_03e8));
    assert!(matches!(
        apply_to_leads(&other, &BTreeMap::new(), &lifecycle),
        Err(crate::sync::Rejection::InvalidLead { .. })
    ));
    // With its own id the same operation creates the lead.
    let own = create_with_id(lead_id(0).0);
    let applied = apply_to_leads(&own, &BTreeMap::new(), &lifecycle).expect("creates");
    assert_eq!(applied[0].lead.id, lead_id(0));
}
