//! Predictive scoring: fitting the logistic regression on 100k rows × 50 features,
//! training end to end on 100k generated leads, and scoring 100k leads.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use leadkit_shared::facts::{LeadContext, ScoreSummary};
use leadkit_shared::fixtures::{DatasetSpec, Rng, generate};
use leadkit_shared::model::TouchKind;
use leadkit_shared::predictive::{
    LogisticSettings, Matrix, TrainConfig, fit_logistic, sigmoid, train,
};
use time::macros::datetime;

fn synthetic(rows: usize, cols: usize) -> (Matrix, Vec<bool>) {
    let mut rng = Rng::new(9);
    let beta: Vec<f64> = (0..cols).map(|j| ((j % 7) as f64 - 3.0) / 4.0).collect();
    let mut x = Matrix::zeros(rows, cols);
    let mut y = Vec::with_capacity(rows);
    for i in 0..rows {
        let mut z = -0.5;
        for (j, b) in beta.iter().enumerate() {
            let v = rng.unit() * 2.0 - 1.0;
            x.data[i * cols + j] = v;
            z += b * v;
        }
        y.push(rng.unit() < sigmoid(z));
    }
    (x, y)
}

fn bench(c: &mut Criterion) {
    let (x, y) = synthetic(100_000, 50);
    let mut group = c.benchmark_group("predictive");
    group.sample_size(10);
    group.bench_function("fit_logistic_100k_x_50", |b| {
        b.iter(|| black_box(fit_logistic(&x, &y, LogisticSettings::default()).unwrap()))
    });

    let now = datetime!(2026-11-24 0:00 UTC);
    let data = generate(&DatasetSpec::new(5, 100_000, now));
    let scores = ScoreSummary::default();
    let rows: Vec<(LeadContext<'_>, bool)> = data
        .leads
        .iter()
        .enumerate()
        .map(|(i, lead)| {
            let touches = data.touches_of_lead(i);
            let hot = touches.iter().any(|t| t.kind == TouchKind::DemoRequest);
            let account = data.account_of_lead(i);
            (
                LeadContext::new(lead, account, touches, &scores),
                if hot { i % 3 != 0 } else { i % 9 == 0 },
            )
        })
        .collect();
    let model = train(&rows, &TrainConfig::default(), now).unwrap();
    println!(
        "end-to-end model: {} columns, AUC {:.3} (naive Bayes {:.3}), {} iterations",
        model.encoder.width(),
        model.holdout_logistic.auc,
        model.holdout_naive_bayes.auc,
        model.logistic.iterations
    );
    group.bench_function("train_end_to_end_100k_leads", |b| {
        b.iter(|| black_box(train(&rows, &TrainConfig::default(), now).unwrap()))
    });
    group.bench_function("score_100k_leads", |b| {
        let mut row = Vec::new();
        b.iter(|| {
            let mut sum = 0.0;
            for (ctx, _) in &rows {
                sum += model.probability(ctx, now, &mut row);
            }
            black_box(sum)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
