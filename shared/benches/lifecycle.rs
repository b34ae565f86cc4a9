//! Lifecycle over a 100k-lead workspace: stage evaluation (fast path and explained) and
//! funnel reports over 100k stage histories. Run with
//! `cargo bench -p leadkit-shared --bench lifecycle`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use leadkit_shared::facts::{LeadContext, ScoreSummary};
use leadkit_shared::fixtures::{DatasetSpec, generate};
use leadkit_shared::lifecycle::{
    CompiledLifecycle, LifecycleConfig, StageHistory, conversions, counts_at, evaluate, weekly_flow,
};
use leadkit_shared::model::{Actor, ChecklistEntry, QualificationItem, Stage, StageChange, Tier};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

const LEADS: usize = 100_000;
const NOW: OffsetDateTime = datetime!(2026-11-24 9:00 +9);

/// Scores spread over the MQL threshold and every tier, derived from the lead's index so
/// runs compare.
fn scores(i: usize) -> ScoreSummary {
    let total = (i * 37 % 130) as i64 - 10;
    ScoreSummary {
        fit: total / 2,
        engagement: total - total / 2,
        total,
        tier: [
            None,
            Some(Tier::A),
            Some(Tier::B),
            Some(Tier::C),
            Some(Tier::D),
        ]
        .get(i % 5)
        .copied()
        .flatten(),
        persona: None,
    }
}

/// A history per lead: created as Lead, then MQL, SQL (sometimes skipping MQL),
/// Opportunity and Nurture by the lead's index.
fn histories(
    created: impl Iterator<Item = (leadkit_shared::model::LeadId, OffsetDateTime)>,
) -> Vec<StageChange> {
    let mut changes = Vec::with_capacity(LEADS * 3);
    let actor = Actor::System {
        rule: "bench".into(),
    };
    for (i, (lead_id, at)) in created.enumerate() {
        let mut push = |from: Option<Stage>, to: Stage, days: i64| {
            changes.push(StageChange {
                lead_id,
                from,
                to,
                at: at + Duration::days(days),
                actor: actor.clone(),
                reason: None,
            });
        };
        push(None, Stage::Lead, 0);
        let mut stage = Stage::Lead;
        if i % 3 != 0 {
            push(Some(stage), Stage::Mql, 2);
            stage = Stage::Mql;
        }
        if i % 5 == 0 {
            push(Some(stage), Stage::Sql, 5);
            stage = Stage::Sql;
        }
        if i % 11 == 0 {
            push(Some(stage), Stage::Opportunity, 12);
            stage = Stage::Opportunity;
        }
        if i % 7 == 0 {
            push(Some(stage), Stage::Nurture, 20);
        }
    }
    changes
}

fn bench(c: &mut Criterion) {
    let mut data = generate(&DatasetSpec::new(42, LEADS, NOW));
    // One lead in seven has a BANT checklist three quarters done, with evidence.
    for lead in data.leads.iter_mut().step_by(7) {
        for item in [
            QualificationItem::Budget,
            QualificationItem::Authority,
            QualificationItem::Need,
        ] {
            lead.qualification.entries.insert(
                item,
                ChecklistEntry {
                    met: true,
                    evidence: "통화로 확인".into(),
                    updated_at: NOW,
                    updated_by: None,
                },
            );
        }
    }
    let summaries: Vec<ScoreSummary> = (0..LEADS).map(scores).collect();
    let config = LifecycleConfig::korean_b2b_default();
    let compiled = CompiledLifecycle::new(&config);
    let contexts: Vec<LeadContext<'_>> = data
        .leads
        .iter()
        .enumerate()
        .map(|(i, lead)| {
            LeadContext::new(
                lead,
                data.account_of_lead(i),
                data.touches_of_lead(i),
                &summaries[i],
            )
        })
        .collect();

    c.bench_function("lifecycle/qualifies_for 100k leads (fast path)", |b| {
        b.iter(|| {
            let mut per_stage = [0usize; Stage::ALL.len()];
            for ctx in &contexts {
                per_stage[compiled.qualifies_for(ctx, NOW) as usize] += 1;
            }
            black_box(per_stage)
        })
    });
    c.bench_function("lifecycle/evaluate with explanations 100k leads", |b| {
        b.iter(|| {
            let mut sql = 0usize;
            for ctx in &contexts {
                if evaluate(&config, ctx, NOW).qualifies_for == Stage::Sql {
                    sql += 1;
                }
            }
            black_box(sql)
        })
    });

    let changes = histories(data.leads.iter().map(|l| (l.id, l.created_at)));
    c.bench_function("lifecycle/StageHistory::new 100k leads", |b| {
        b.iter_batched(
            || changes.clone(),
            |changes| black_box(StageHistory::new(changes)),
            criterion::BatchSize::LargeInput,
        )
    });
    let history = StageHistory::new(changes);
    c.bench_function("lifecycle/counts_at 100k histories", |b| {
        b.iter(|| black_box(counts_at(&history, NOW - Duration::days(30))))
    });
    c.bench_function("lifecycle/conversions 100k histories", |b| {
        b.iter(|| black_box(conversions(&history, None)))
    });
    c.bench_function("lifecycle/weekly_flow 100k histories", |b| {
        b.iter(|| black_box(weekly_flow(&history, 540)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
