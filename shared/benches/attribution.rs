//! Attribution over 10k won deals: every touch of every person at each account,
//! W-shaped and time-decay, then the report.

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use leadkit_shared::attribution::{
    AttributionConfig, AttributionModel, AttributionReport, attribute,
};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::model::{Currency, Money, Opportunity, OpportunityId, OpportunityStage, Touch};
use time::Duration;
use time::macros::datetime;
use uuid::Uuid;

fn bench(c: &mut Criterion) {
    let now = datetime!(2026-11-24 0:00 UTC);
    // 50k leads at 5 per account: 10k accounts, one won deal each, ~100 touches per deal.
    let data = generate(&DatasetSpec::new(42, 50_000, now));
    let mut touches_by_account: HashMap<usize, Vec<Touch>> = HashMap::new();
    for (i, range) in data.touch_ranges.iter().enumerate() {
        if let Some(account) = data.account_of[i] {
            touches_by_account
                .entry(account)
                .or_default()
                .extend_from_slice(&data.touches[range.clone()]);
        }
    }
    let deals: Vec<(Opportunity, Vec<Touch>)> = touches_by_account
        .into_iter()
        .map(|(account, touches)| {
            let opportunity = Opportunity {
                id: OpportunityId(Uuid::from_u128(account as u128)),
                account_id: data.accounts[account].id,
                primary_lead_id: None,
                name: "deal".into(),
                amount: Money {
                    minor: 12_000_000 + account as i64,
                    currency: Currency::Krw,
                },
                stage: OpportunityStage::Won,
                expected_close: None,
                created_at: now - Duration::days(60),
                closed_at: Some(now),
            };
            (opportunity, touches)
        })
        .collect();
    println!(
        "{} deals, {} touches",
        deals.len(),
        deals.iter().map(|d| d.1.len()).sum::<usize>()
    );

    for (name, model) in [
        ("w_shaped", AttributionModel::WShaped),
        (
            "time_decay",
            AttributionModel::TimeDecay {
                half_life_days: 14.0,
            },
        ),
    ] {
        let config = AttributionConfig::new(model);
        c.bench_function(&format!("attribute_10k_deals_{name}_with_report"), |b| {
            b.iter(|| {
                let attributions: Vec<_> = deals
                    .iter()
                    .filter_map(|(o, t)| {
                        attribute(o, t, Some(now - Duration::days(120)), &config).ok()
                    })
                    .collect();
                black_box(AttributionReport::from_attributions(&attributions))
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
