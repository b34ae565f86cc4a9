//! The handoff queue's logic in a real headless Chromium: the SLA countdown runs on from
//! what the queue said, reads naturally in both languages (overdue included), and the
//! load chart's bars fill by today's load against capacity.

use leadkit_app::handoff::countdown::{ago, countdown, seconds_left_at};
use leadkit_app::handoff::load_chart::{ROW_HEIGHT, chart_height, load_bars};
use leadkit_app::i18n::Locale;
use leadkit_shared::api::RepLoadView;
use leadkit_shared::model::RepId;
use uuid::Uuid;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_clock_counts_only_time_passed_since_the_fetch() {
    let fetched = 1_000_000.0;
    let cases = [
        (3600, fetched, 3600),
        (3600, fetched + 30_000.0, 3570),
        (3600, fetched + 3_660_000.0, -60),
        // A clock that went backwards does not add time.
        (3600, fetched - 60_000.0, 3600),
        (-120, fetched + 29_999.0, -149),
    ];
    for (left, now, expected) in cases {
        assert_eq!(
            seconds_left_at(left, fetched, now),
            expected,
            "{left} at {now}"
        );
    }
}

#[wasm_bindgen_test]
fn the_countdown_reads_naturally_and_says_when_overdue() {
    let cases = [
        (2 * 3600 + 5 * 60, Locale::Ko, "2시간 5분 남음"),
        (2 * 3600 + 5 * 60, Locale::En, "2 h 5 min left"),
        (30, Locale::En, "1 min left"),
        (0, Locale::Ko, "0분 남음"),
        (-15 * 60, Locale::Ko, "15분 초과"),
        (-10, Locale::En, "1 min overdue"),
        (-(26 * 3600), Locale::En, "1 d 2 h overdue"),
    ];
    for (seconds, locale, text) in cases {
        assert_eq!(countdown(seconds, locale), text, "{seconds} s");
    }
    assert_eq!(ago(20, Locale::Ko), "방금");
    assert_eq!(ago(3 * 3600 + 12 * 60, Locale::Ko), "3시간 12분 전");
    assert_eq!(ago(3 * 3600 + 12 * 60, Locale::En), "3 h 12 min ago");
}

fn rep(n: u128, assigned_today: u32, capacity_per_day: u32, breached: u32) -> RepLoadView {
    RepLoadView {
        rep_id: RepId(Uuid::from_u128(n)),
        name: format!("Rep {n}"),
        active: true,
        capacity_per_day,
        assigned_today,
        capacity_per_week: 25,
        assigned_this_week: assigned_today,
        open: assigned_today,
        breached,
    }
}

#[wasm_bindgen_test]
fn bars_fill_by_load_against_capacity_and_flag_overload() {
    let bars = load_bars(&[
        rep(1, 2, 5, 0),
        rep(2, 7, 5, 1),
        rep(3, 0, 0, 0),
        rep(4, 1, 0, 0),
    ]);
    let fills: Vec<(f64, bool, f64)> = bars.iter().map(|b| (b.fill, b.over, b.y)).collect();
    assert_eq!(
        fills,
        vec![
            (0.4, false, 0.0),
            (1.0, true, ROW_HEIGHT),
            (0.0, false, 2.0 * ROW_HEIGHT),
            (1.0, true, 3.0 * ROW_HEIGHT),
        ]
    );
    assert_eq!(bars[1].breached, 1);
    assert_eq!(chart_height(0), ROW_HEIGHT);
    assert_eq!(chart_height(4), 4.0 * ROW_HEIGHT);
}
