//! The settings page's edit model in a real headless Chromium: the handoff settings
//! survive a round trip through the form unchanged, edits become the `HandoffSettings`
//! the worker validates, and inputs that cannot be read are named by the worker's paths.

use leadkit_app::settings::draft::{
    RepDraft, SettingsDraft, list, offset_name, offsets, parse_day,
};
use leadkit_shared::capture::FieldErrorCode;
use leadkit_shared::handoff::{HandoffSettings, KOREAN_PUBLIC_HOLIDAYS_2026};
use leadkit_shared::model::{RejectReason, RepId, Stage};
use time::macros::date;
use uuid::Uuid;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_defaults_round_trip_with_korean_holidays() {
    let defaults = HandoffSettings::default();
    let draft = SettingsDraft::from_settings(&defaults);
    assert_eq!(draft.holidays.len(), KOREAN_PUBLIC_HOLIDAYS_2026.len());
    assert!(
        draft.holidays.windows(2).all(|w| w[0] < w[1]),
        "holidays are sorted"
    );
    let back = draft.to_settings().unwrap();
    // The draft lists every offered reason's destination explicitly (Recycled included)
    // and the holidays sorted; the meaning is the same.
    assert_eq!(back.reject_reasons, defaults.reject_reasons);
    for reason in &defaults.reject_reasons {
        assert_eq!(
            back.stage_after_rejection(*reason),
            defaults.stage_after_rejection(*reason)
        );
    }
    assert_eq!(
        back.calendar.holidays.len(),
        defaults.calendar.holidays.len()
    );
    assert_eq!(back.alert_after_secs, defaults.alert_after_secs);
    back.validate().unwrap();
}

#[wasm_bindgen_test]
fn edits_become_the_settings_the_worker_reads() {
    let mut draft = SettingsDraft::from_settings(&HandoffSettings::default());
    draft.handoff_stage = Stage::Sql;
    draft.accepted_stage = Stage::Opportunity;
    draft.sla_working_hours = " 8 ".into();
    draft.alert_after_minutes = "90".into();
    draft.reject_reasons = [RejectReason::Other, RejectReason::BadTiming].into();
    draft
        .rejected_to
        .insert(RejectReason::Other, Stage::Disqualified);
    draft.utc_offset_minutes = 0;
    draft.day_start_hour = "0".into();
    draft.day_end_hour = "24".into();
    draft.weekend_days.clear();
    draft.holidays.clear();
    draft.add_holiday(date!(2026 - 12 - 31));
    draft.add_holiday(date!(2026 - 12 - 24));
    draft.add_holiday(date!(2026 - 12 - 31));
    let mut rep = RepDraft::new(RepId(Uuid::from_u128(7)));
    rep.name = " 김지우 ".into();
    rep.email = "jiwoo@acme.kr".into();
    rep.capacity_per_day = "3".into();
    rep.capacity_per_week = "12".into();
    rep.territories = "KR, JP,, ".into();
    rep.segments = "enterprise、smb".into();
    draft.reps.push(rep);

    let settings = draft.to_settings().unwrap();
    assert_eq!(settings.handoff_stage, Stage::Sql);
    assert_eq!(settings.accepted_stage, Stage::Opportunity);
    assert_eq!(settings.sla_working_hours, 8);
    assert_eq!(settings.alert_after_secs, 90 * 60);
    // Reasons keep the catalogue's order, whatever order they were ticked in.
    assert_eq!(
        settings.reject_reasons,
        vec![RejectReason::BadTiming, RejectReason::Other]
    );
    assert_eq!(
        settings.stage_after_rejection(RejectReason::Other),
        Stage::Disqualified
    );
    assert_eq!(
        settings.stage_after_rejection(RejectReason::BadTiming),
        Stage::Nurture
    );
    assert_eq!(
        settings.calendar.holidays,
        vec![date!(2026 - 12 - 24), date!(2026 - 12 - 31)]
    );
    assert!(settings.calendar.weekend_days.is_empty());
    assert_eq!(
        (
            settings.calendar.day_start_hour,
            settings.calendar.day_end_hour
        ),
        (0, 24)
    );
    let rep = &settings.reps[0];
    assert_eq!(rep.name, "김지우");
    assert_eq!((rep.capacity_per_day, rep.capacity_per_week), (3, 12));
    assert_eq!(rep.territories, vec!["KR", "JP"]);
    assert_eq!(rep.segments, vec!["enterprise", "smb"]);
    assert!(rep.active);
    settings.validate().unwrap();

    // Back through the form, nothing is lost.
    assert_eq!(
        SettingsDraft::from_settings(&settings)
            .to_settings()
            .unwrap(),
        settings
    );
}

#[wasm_bindgen_test]
fn unreadable_inputs_are_named_by_the_workers_paths() {
    let mut draft = SettingsDraft::from_settings(&HandoffSettings::default());
    draft.sla_working_hours = "four".into();
    draft.alert_after_minutes = "99999999".into();
    draft.day_end_hour = "25".into();
    let mut rep = RepDraft::new(RepId(Uuid::from_u128(1)));
    rep.capacity_per_week = "-1".into();
    draft.reps.push(RepDraft::new(RepId(Uuid::from_u128(2))));
    draft.reps.push(rep);
    let problems = draft.to_settings().unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        paths,
        [
            "sla_working_hours",
            "alert_after_secs",
            "calendar.day_end_hour",
            "reps[1].capacity_per_week"
        ]
    );
    assert!(
        problems
            .iter()
            .all(|p| p.code == FieldErrorCode::NotANumber)
    );
}

#[wasm_bindgen_test]
fn small_readers_of_the_form() {
    assert_eq!(list(" a, b ,,c "), vec!["a", "b", "c"]);
    assert_eq!(parse_day("2026-09-25"), Some(date!(2026 - 09 - 25)));
    assert_eq!(parse_day("25/09/2026"), None);
    assert_eq!(offset_name(540), "UTC+09:00");
    assert_eq!(offset_name(-210), "UTC-03:30");
    assert!(offsets(540).contains(&540));
    assert!(offsets(345).contains(&345), "an off-grid offset is kept");
    assert_eq!(offsets(0).len(), 53);
}
