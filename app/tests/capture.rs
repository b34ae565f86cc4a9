//! Fair capture in a real headless Chromium: a checked entry becomes the new lead and
//! its fair visit as two operations that the local merge accepts, stored with the lead
//! in one IndexedDB transaction, in the order the worker must apply them.

use leadkit_app::capture::capture_edits;
use leadkit_app::data::LeadStore;
use leadkit_shared::fair_capture::FairEntry;
use leadkit_shared::lifecycle::LifecycleConfig;
use leadkit_shared::model::{LeadId, TouchId, WorkspaceId};
use leadkit_shared::sync::{OpBody, OpId, Operation, apply_locally, create_locally};
use time::macros::datetime;
use uuid::Uuid;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn entry() -> FairEntry {
    FairEntry {
        name: "박람회 방문객".into(),
        email: "visitor@expo.kr".into(),
        event: "KES 2026 부스".into(),
        collection_consent: true,
        ..FairEntry::default()
    }
}

#[wasm_bindgen_test]
async fn a_capture_is_stored_with_its_two_operations_in_order() {
    let lead_id = LeadId(Uuid::from_u128(0xca_0001));
    let capture = entry()
        .check(
            (lead_id, TouchId(Uuid::from_u128(0xca_0002))),
            WorkspaceId(Uuid::nil()),
            datetime!(2026-11-24 10:00 UTC),
        )
        .unwrap();
    let edits = capture_edits(&capture).unwrap();
    assert_eq!(edits.len(), 2);
    assert!(matches!(edits[0].1, OpBody::SetLeadFields { .. }));
    assert!(matches!(edits[1].1, OpBody::AddTouch { .. }));

    let name = format!("leadkit-test-capture-{}", js_sys::Math::random());
    let store = LeadStore::open(&name).await.unwrap();
    let mut replica = store.replica().await.unwrap();
    let lifecycle = LifecycleConfig::korean_b2b_default();
    let mut leads = Vec::new();
    let mut operations = Vec::new();
    for (n, (record, body)) in edits.into_iter().enumerate() {
        let op = Operation {
            id: OpId(Uuid::from_u128(0xca_1000 + n as u128)),
            replica: replica.replica,
            seq: replica.next_seq,
            hlc: replica.clock.tick(1_000 + n as u64),
            body,
        };
        // As `Workspace::change` does: the first creates the lead, the visit edits it.
        let applied = if n == 0 {
            create_locally(&op, &lifecycle).map(|lead| vec![lead])
        } else {
            apply_locally(&[&record], &op, &lifecycle)
        };
        leads.extend(applied.expect("the local merge accepts it"));
        replica.next_seq += 1;
        operations.push(op);
    }
    store
        .record_change(&leads, &operations, &replica)
        .await
        .unwrap();

    let stored = store.all_leads().await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].id, lead_id.0);
    assert_eq!(stored[0].email, "visitor@expo.kr");
    assert_eq!(stored[0].seq, 0, "not yet from the server");
    let pending = store.pending().await.unwrap();
    assert_eq!(pending.len(), 2);
    assert!(matches!(pending[0].body, OpBody::SetLeadFields { .. }));
    assert!(matches!(pending[1].body, OpBody::AddTouch { .. }));
    store.close();
}

#[wasm_bindgen_test]
fn an_entry_without_consent_gives_no_edits_to_store() {
    let refused = FairEntry {
        collection_consent: false,
        ..entry()
    }
    .check(
        (LeadId(Uuid::nil()), TouchId(Uuid::nil())),
        WorkspaceId(Uuid::nil()),
        datetime!(2026-11-24 10:00 UTC),
    )
    .unwrap_err();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].field, "consent_collection");
}
