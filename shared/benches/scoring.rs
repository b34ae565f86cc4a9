//! Scoring benchmarks: 100k generated leads (20 touches each on average) under the
//! default Korean B2B model (25 rules) — directly from the touches, re-scored from
//! prepared matches, and one lead explained.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::scoring::{
    CompiledModel, PreparedLeads, ScoringModel, explain, score_many, score_prepared,
};
use time::macros::datetime;

const LEADS: usize = 100_000;

fn scoring(c: &mut Criterion) {
    let now = datetime!(2026-11-24 12:00 +9);
    let data = generate(&DatasetSpec::new(42, LEADS, now));
    let model = ScoringModel::korean_b2b_default();
    let compiled = CompiledModel::compile(&model).expect("the default model is valid");
    let mut out = vec![0i64; data.leads.len()];

    let mut group = c.benchmark_group("scoring");
    group.sample_size(10);
    group.bench_function("score_many_100k", |b| {
        b.iter(|| {
            score_many(
                &compiled,
                &data.leads,
                &data.touches,
                &data.touch_ranges,
                black_box(now),
                &mut out,
            )
            .expect("the fixtures' layout is consistent")
        })
    });
    group.bench_function("prepare_100k", |b| {
        b.iter(|| {
            PreparedLeads::new(&compiled, &data.leads, &data.touches, &data.touch_ranges)
                .expect("the fixtures' layout is consistent")
        })
    });
    let prepared = PreparedLeads::new(&compiled, &data.leads, &data.touches, &data.touch_ranges)
        .expect("the fixtures' layout is consistent");
    group.bench_function("score_prepared_100k", |b| {
        b.iter(|| {
            score_prepared(&compiled, &prepared, black_box(now), &mut out)
                .expect("prepared under this model")
        })
    });
    group.finish();

    let lead = &data.leads[0];
    let touches = &data.touches[data.touch_ranges[0].clone()];
    c.bench_function("explain_one_lead", |b| {
        b.iter(|| explain(&model, black_box(lead), touches, 0, now).expect("valid model"))
    });
}

criterion_group!(benches, scoring);
criterion_main!(benches);
