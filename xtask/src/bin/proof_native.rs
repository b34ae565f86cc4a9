//! The native side of `cargo xtask proof-bench`, built with the release profile: the
//! 25-rule model over the same generated leads as the browser (the ceiling), and the
//! predictive trainer on the same data, whose encoded train/held-out split it also
//! writes as CSV for scikit-learn. Prints one `proof: {json}` line per figure.
//!
//! Usage: `proof-native <out dir> <leads> <runs>`.

use std::fmt::Write as _;
use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use leadkit_shared::engine::{Engine, EngineScratch};
use leadkit_shared::facts::{LeadContext, ScoreSummary};
use leadkit_shared::fixtures::proof::{self, NOW, SCORING_SEED, TRAINING_SEED};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::predictive::{Matrix, TrainConfig, auc, prepare};
use serde_json::json;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = Path::new(
        args.first()
            .context("usage: proof-native <out dir> <leads> <runs>")?,
    );
    let leads: usize = args.get(1).map_or(Ok(100_000), |n| n.parse())?;
    let runs: usize = args.get(2).map_or(Ok(5), |n| n.parse())?;
    fs::create_dir_all(out)?;
    scoring(leads, runs)?;
    training(out, leads, runs)
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

fn scoring(leads: usize, runs: usize) -> Result<()> {
    let data = generate(&DatasetSpec::new(SCORING_SEED, leads, NOW));
    let engine = Engine::new(proof::engine_config())?;
    let mut scratch = EngineScratch::default();
    let mut totals = vec![0i64; data.leads.len()];
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
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
        times.push(ms_since(start));
        black_box(&totals);
    }
    let sum: i64 = totals.iter().sum();
    println!(
        "proof: {}",
        json!({"figure": "scoring_native", "leads": leads, "median_ms": median(times), "total_sum": sum})
    );
    Ok(())
}

fn training(out: &Path, leads: usize, runs: usize) -> Result<()> {
    let data = generate(&DatasetSpec::new(TRAINING_SEED, leads, NOW));
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
    let start = Instant::now();
    let prepared = prepare(&rows, &TrainConfig::default(), NOW)?;
    let prepare_ms = ms_since(start);
    let mut times = Vec::new();
    let mut model = None;
    for _ in 0..runs {
        let start = Instant::now();
        let mut trainer = prepared.trainer()?;
        while !trainer.step(usize::MAX)?.done {}
        times.push(ms_since(start));
        model = Some(trainer.model());
    }
    let model = model.context("no training run")?;
    let probabilities: Vec<f64> = (0..prepared.test_x.rows)
        .map(|i| model.probability(prepared.test_x.row(i)))
        .collect();
    write_csv(&out.join("train.csv"), &prepared.train_x, &prepared.train_y)?;
    write_csv(&out.join("test.csv"), &prepared.test_x, &prepared.test_y)?;
    println!(
        "proof: {}",
        json!({
            "figure": "training_native",
            "train_rows": prepared.train_x.rows,
            "test_rows": prepared.test_x.rows,
            "features": prepared.train_x.cols,
            "prepare_ms": prepare_ms,
            "fit_median_ms": median(times),
            "iterations": model.iterations,
            "l2": prepared.settings.l2,
            "auc": auc(&probabilities, &prepared.test_y),
        })
    );
    Ok(())
}

/// One row per lead: the outcome (1 won, 0 lost), then the encoded features.
fn write_csv(path: &Path, x: &Matrix, y: &[bool]) -> Result<()> {
    let mut text = String::new();
    for (i, won) in y.iter().enumerate() {
        text.push(if *won { '1' } else { '0' });
        for v in x.row(i) {
            write!(text, ",{v}")?;
        }
        text.push('\n');
    }
    fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}
