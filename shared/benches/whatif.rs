//! What-if over 100k leads: building 12 weekly score snapshots once, then the recount a
//! threshold slider triggers on every move.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use leadkit_shared::engine::{Engine, EngineConfig};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::model::Account;
use leadkit_shared::whatif::{ScoreSnapshots, StageSnapshots};
use time::macros::datetime;

fn bench(c: &mut Criterion) {
    let now = datetime!(2026-11-24 0:00 UTC);
    let data = generate(&DatasetSpec::new(42, 100_000, now));
    let engine = Engine::new(EngineConfig::korean_b2b_default()).unwrap();
    let accounts: Vec<Option<&Account>> = data.lead_accounts();
    let build = || {
        ScoreSnapshots::build(
            &engine,
            &data.leads,
            &accounts,
            &data.touches,
            &data.touch_ranges,
            now,
            12,
        )
        .unwrap()
    };
    let mut group = c.benchmark_group("whatif");
    group.sample_size(10);
    group.bench_function("build_12_weekly_snapshots_100k", |b| {
        b.iter(|| black_box(build()))
    });
    let snapshots = build();
    let mut threshold = 0;
    group.bench_function("recount_threshold_100k", |b| {
        b.iter(|| {
            threshold = (threshold + 7) % 150;
            black_box(snapshots.entries(threshold))
        })
    });
    group.bench_function("histogram_100k", |b| {
        b.iter(|| black_box(snapshots.histogram(-100, 200, 60)))
    });
    // The scoring editor's what-if: every stage's criteria at each week end, built once
    // per edit of the rules, then recounted for every threshold move.
    let stages = || {
        StageSnapshots::build(
            &engine,
            &data.leads,
            &accounts,
            &data.touches,
            &data.touch_ranges,
            now,
            12,
        )
        .unwrap()
    };
    group.bench_function("build_12_weekly_stage_snapshots_100k", |b| {
        b.iter(|| black_box(stages()))
    });
    let stage_snapshots = stages();
    let mut config = engine.config().clone();
    group.bench_function("recount_stage_thresholds_100k", |b| {
        b.iter(|| {
            threshold = (threshold + 7) % 150;
            for d in &mut config.lifecycle.definitions {
                for c in &mut d.criteria {
                    if let leadkit_shared::lifecycle::StageCriterion::MinTotal { points } = c {
                        *points = threshold;
                    }
                }
            }
            black_box(stage_snapshots.entries(&config.lifecycle))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
