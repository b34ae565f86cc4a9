//! The lead detail view's logic in the browser: the touch a rep logs, the time the
//! form's `datetime-local` value means, and the checklist edit an item's save sends.

use leadkit_app::lead_detail::checklist::{ItemStatus, checklist_op};
use leadkit_app::lead_detail::log_touch::{logged_touch, parse_when, when_value};
use leadkit_app::lead_detail::text::Outcome;
use leadkit_shared::model::{
    EntryPath, Lead, LeadId, Qualification, QualificationItem, TouchId, TouchKind, WorkspaceId,
};
use leadkit_shared::sync::OpBody;
use time::macros::datetime;
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn form_times_are_read_in_the_local_zone_and_written_back() {
    let seoul = 540;
    let cases = [
        ("2026-11-24T10:30", Some(datetime!(2026-11-24 01:30 UTC))),
        (
            "2026-11-24T00:15:30",
            Some(datetime!(2026-11-23 15:15:30 UTC)),
        ),
        ("2026-02-30T10:00", None),
        ("2026-11-24", None),
        ("", None),
    ];
    for (value, expected) in cases {
        assert_eq!(parse_when(value, seoul), expected, "{value}");
    }
    assert_eq!(
        when_value(datetime!(2026-11-24 01:30 UTC), seoul),
        "2026-11-24T10:30"
    );
    let back = parse_when(&when_value(datetime!(2026-11-24 01:30 UTC), -300), -300);
    assert_eq!(back, Some(datetime!(2026-11-24 01:30 UTC)));
}

#[wasm_bindgen_test]
fn a_logged_call_carries_its_outcome_and_note() {
    let touch = logged_touch(
        TouchId(Uuid::from_u128(1)),
        LeadId(Uuid::from_u128(2)),
        TouchKind::Call,
        Outcome::Scheduled,
        "  다음 주 데모  ",
        datetime!(2026-11-24 01:30 UTC),
    );
    assert_eq!(touch.kind, TouchKind::Call);
    assert_eq!(touch.metadata["outcome"], "scheduled");
    assert_eq!(touch.metadata["note"], "다음 주 데모");
    let silent = logged_touch(
        TouchId(Uuid::from_u128(3)),
        LeadId(Uuid::from_u128(2)),
        TouchKind::Meeting,
        Outcome::Reached,
        " ",
        datetime!(2026-11-24 01:30 UTC),
    );
    assert!(!silent.metadata.contains_key("note"));
    for outcome in Outcome::ALL {
        assert_eq!(Outcome::from_name(outcome.as_str()), Some(outcome));
    }
}

#[wasm_bindgen_test]
fn a_checklist_save_sets_the_whole_qualification_field() {
    let lead = Lead::new(
        LeadId(Uuid::from_u128(2)),
        WorkspaceId(Uuid::nil()),
        "김민수",
        EntryPath::Form,
        datetime!(2026-11-20 01:00 UTC),
    );
    let op = checklist_op(
        &lead,
        QualificationItem::Budget,
        ItemStatus::Met,
        "5천만원",
        Some("지우".into()),
        datetime!(2026-11-24 01:30 UTC),
    );
    let OpBody::SetLeadFields { lead_id, fields } = op else {
        panic!("not a field edit: {op:?}");
    };
    assert_eq!(lead_id, lead.id);
    let qualification: Qualification =
        serde_json::from_value(fields["qualification"].clone()).unwrap();
    let entry = &qualification.entries[&QualificationItem::Budget];
    assert!(entry.met);
    assert_eq!(entry.evidence, "5천만원");
    assert_eq!(ItemStatus::of(Some(entry)), ItemStatus::Met);
    assert_eq!(ItemStatus::of(None), ItemStatus::Unknown);
}
