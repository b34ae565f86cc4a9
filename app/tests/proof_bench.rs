//! Our wasm beside its peers in one headless Chromium page, for `cargo xtask
//! proof-bench`: the engine vs json-rules-engine on the same 25-rule model and leads,
//! the app's IndexedDB store vs Dexie.js on the same records, and the predictive trainer
//! on the same data the native and scikit-learn runs use. Each test prints one
//! `proof: {json}` line; the xtask writes them into BENCHMARKS.md. Asserts only that the
//! work was done (and that both scorers were given the same leads), never a time.

use std::hint::black_box;

use leadkit_app::data::LeadStore;
use leadkit_shared::engine::{Engine, EngineScratch};
use leadkit_shared::facts::{LeadContext, ScoreSummary};
use leadkit_shared::fixtures::proof::{
    self, NOW, SCORING_SEED, TRAINING_SEED, json_rules_engine_rules, lead_facts, lead_records,
};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::predictive::{TrainConfig, auc, prepare};
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/proof/peers.js")]
extern "C" {
    fn now() -> f64;
    #[wasm_bindgen(js_name = jreScore)]
    async fn jre_score(rules: &str, facts: &str, runs: u32) -> JsValue;
    #[wasm_bindgen(js_name = dexieRoundTrip)]
    async fn dexie_round_trip(records: &str, runs: u32) -> JsValue;
    #[wasm_bindgen(js_name = deleteDatabase)]
    async fn delete_database(name: &str) -> JsValue;
}

/// Leads per dataset: `PROOF_BENCH_LEADS` at build time (small to check the harness),
/// else 100k.
fn leads() -> usize {
    option_env!("PROOF_BENCH_LEADS")
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// Timed runs per figure (the median is reported): `PROOF_BENCH_RUNS`, else 5.
fn runs() -> u32 {
    option_env!("PROOF_BENCH_RUNS")
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn parse(value: JsValue) -> serde_json::Value {
    value
        .as_string()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn scoring_beside_json_rules_engine() {
    let data = generate(&DatasetSpec::new(SCORING_SEED, leads(), NOW));
    let config = proof::engine_config();
    let engine = Engine::new(config.clone()).unwrap();
    let mut scratch = EngineScratch::default();
    let mut totals = vec![0i64; data.leads.len()];
    let mut times = Vec::new();
    for _ in 0..runs() {
        let start = now();
        for (i, total) in totals.iter_mut().enumerate() {
            *total = engine
                .summarize(
                    &data.leads[i],
                    data.account_of_lead(i),
                    data.touches_of_lead(i),
                    NOW,
                    &mut scratch,
                )
                .total;
        }
        times.push(now() - start);
        black_box(&totals);
    }
    let ours = median(times);

    let facts: Vec<serde_json::Value> = (0..data.leads.len())
        .map(|i| {
            lead_facts(
                &data.leads[i],
                data.account_of_lead(i),
                data.touches_of_lead(i),
            )
        })
        .collect();
    let facts = serde_json::to_string(&facts).unwrap();
    let rules = json_rules_engine_rules(&config).to_string();
    drop(data);
    let peer = parse(jre_score(&rules, &facts, runs()).await);
    let peer_totals: Vec<i64> = peer["totals"]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_i64()).collect())
        .unwrap_or_default();
    let agree = totals
        .iter()
        .zip(&peer_totals)
        .filter(|(a, b)| a == b)
        .count();
    let first_disagreement = totals
        .iter()
        .zip(&peer_totals)
        .position(|(a, b)| a != b)
        .map(|i| json!({"lead": i, "ours": totals[i], "json_rules_engine": peer_totals[i]}));
    console_log!(
        "proof: {}",
        json!({
            "figure": "scoring",
            "leads": totals.len(),
            "rules": 25,
            "ours_median_ms": ours,
            "peer_median_ms": peer["median_ms"],
            "peer_runs_ms": peer["runs_ms"],
            "agree": agree,
            "compared": peer_totals.len(),
            "first_disagreement": first_disagreement,
        })
    );
    assert_eq!(peer_totals.len(), totals.len());
}

#[wasm_bindgen_test]
async fn indexeddb_beside_dexie() {
    let data = generate(&DatasetSpec::new(SCORING_SEED, leads(), NOW));
    let records = lead_records(&data);
    drop(data);
    let (mut put, mut read) = (Vec::new(), Vec::new());
    let mut count = 0;
    for _ in 0..runs() {
        delete_database("proof_leadkit").await;
        let store = LeadStore::open("proof_leadkit").await.unwrap();
        let start = now();
        store
            .save_pulled(&records, records.len() as u64)
            .await
            .unwrap();
        put.push(now() - start);
        let start = now();
        let back = store.all_leads().await.unwrap();
        read.push(now() - start);
        count = back.len();
        store.close();
    }
    delete_database("proof_leadkit").await;
    let json_text = serde_json::to_string(&records).unwrap();
    let peer = parse(dexie_round_trip(&json_text, runs()).await);
    console_log!(
        "proof: {}",
        json!({
            "figure": "indexeddb",
            "records": records.len(),
            "record_json_bytes": json_text.len(),
            "ours_put_median_ms": median(put),
            "ours_read_median_ms": median(read),
            "peer_put_median_ms": peer["put_median_ms"],
            "peer_read_median_ms": peer["read_median_ms"],
            "ours_count": count,
            "peer_count": peer["count"],
        })
    );
    assert_eq!(count, records.len());
}

#[wasm_bindgen_test]
fn predictive_training_in_the_browser() {
    let data = generate(&DatasetSpec::new(TRAINING_SEED, leads(), NOW));
    let scores = ScoreSummary::default();
    let rows: Vec<(LeadContext<'_>, bool)> = (0..data.leads.len())
        .map(|i| {
            let touches = data.touches_of_lead(i);
            (
                LeadContext::new(&data.leads[i], data.account_of_lead(i), touches, &scores),
                proof::won(i, touches),
            )
        })
        .collect();
    let start = now();
    let prepared = prepare(&rows, &TrainConfig::default(), NOW).unwrap();
    let prepare_ms = now() - start;
    let mut times = Vec::new();
    let mut model = None;
    for _ in 0..runs() {
        let start = now();
        let mut trainer = prepared.trainer().unwrap();
        while !trainer.step(usize::MAX).unwrap().done {}
        times.push(now() - start);
        model = Some(trainer.model());
    }
    let model = model.unwrap();
    let scores: Vec<f64> = (0..prepared.test_x.rows)
        .map(|i| model.probability(prepared.test_x.row(i)))
        .collect();
    console_log!(
        "proof: {}",
        json!({
            "figure": "training_wasm",
            "train_rows": prepared.train_x.rows,
            "test_rows": prepared.test_x.rows,
            "features": prepared.train_x.cols,
            "prepare_ms": prepare_ms,
            "fit_median_ms": median(times),
            "iterations": model.iterations,
            "auc": auc(&scores, &prepared.test_y),
        })
    );
    assert!(model.iterations > 0);
}
