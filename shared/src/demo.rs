//! A demo workspace, so a newcomer sees every view alive: realistic Korean and English
//! B2B leads with their touches over the last six months (from `fixtures`), scored and
//! staged by the workspace's own engine at capture, and a plausible sales history after
//! that — some MQLs accepted into SQL, some of those won as customers, some parked in
//! nurture or disqualified — recorded as stage changes like the real ones.
//! People at accounts abroad come from the `fake` crate (`people`). Deterministic: the
//! same seed gives the same workspace.

use crate::engine::{ChangeReason, Engine, EngineConfig, EngineScratch};
use crate::fixtures::{DatasetSpec, Rng, generate};
use crate::icp::{Criterion, Icp, TierCutoffs};
use crate::lead_update::LeadUpdate;
use crate::model::Field;
use crate::model::{Actor, Stage, StageChange, WorkspaceId};
use crate::predicate::{Operator, Value};
use crate::webhooks::{LeadCreated, WebhookEvent};
use time::{Duration, OffsetDateTime};

mod people;
use people::People;

/// Most leads one demo fill makes (the worker writes them in one request).
pub const MAX_DEMO_LEADS: usize = 2000;

/// The sales rep named as the actor of the demo's sales history.
const DEMO_SALES: &str = "demo.sales";

/// The rules a demo workspace starts with: the Korean B2B defaults plus one persona
/// (marketing and sales leaders, judged on what a form tells about the person), so fit
/// scores, tiers and MQLs show from the first look.
pub fn demo_engine_config() -> EngineConfig {
    let mut config = EngineConfig::korean_b2b_default();
    let criterion = |field, operator, weight| Criterion {
        field,
        operator,
        weight,
        label: None,
    };
    config.icp.personas.push(Icp {
        name: "마케팅·영업 리더 (Marketing & sales leaders)".into(),
        criteria: vec![
            criterion(
                Field::Seniority,
                Operator::OneOf {
                    values: ["executive", "vp", "director", "manager"]
                        .into_iter()
                        .map(|s| Value::Text(s.into()))
                        .collect(),
                },
                40,
            ),
            criterion(
                Field::Department,
                Operator::OneOf {
                    values: ["marketing", "sales", "executive"]
                        .into_iter()
                        .map(|s| Value::Text(s.into()))
                        .collect(),
                },
                35,
            ),
            criterion(Field::Phone, Operator::Exists, 10),
            criterion(Field::CompanyName, Operator::Exists, 15),
        ],
        tier_cutoffs: TierCutoffs::default(),
    });
    config
}

/// `count` demo leads of `workspace`, each as the update that stores it.
pub fn demo_leads(
    engine: &Engine,
    workspace: WorkspaceId,
    seed: u64,
    count: usize,
    now: OffsetDateTime,
) -> Vec<LeadUpdate> {
    let mut spec = DatasetSpec::new(seed, count.min(MAX_DEMO_LEADS), now);
    // Fewer touches than the benchmarks' 20 keep the demo light to pull on a phone;
    // no duplicates, since capture already folds a known e-mail into its lead.
    spec.touches_per_lead = 8;
    spec.duplicate_rate = 0.0;
    let data = generate(&spec);
    let mut rng = Rng::new(seed ^ 0x005e_ed0f_de30);
    let mut people = People::new(seed);
    let mut scratch = EngineScratch::default();
    data.leads
        .iter()
        .enumerate()
        .map(|(i, lead)| {
            let mut lead = lead.clone();
            lead.workspace_id = workspace;
            people.dress(&mut lead, data.account_of_lead(i), i);
            let touches = data.touches_of_lead(i).to_vec();
            // Captured when their first touch happened.
            let captured = touches.first().map_or(lead.created_at, |t| t.at);
            lead.created_at = captured;
            lead.updated_at = now;
            // No account: capture scores a lead on its own fields, and so does the demo,
            // so an event later re-scores it to the same numbers.
            let intake = engine.intake(&mut lead, None, &touches, now, &mut scratch);
            let mut changes = intake.changes;
            // Created at capture; the engine's own moves a day later (as the touches
            // came in), each step no earlier than the one before.
            let mut last = captured;
            for (i, (change, _)) in changes.iter_mut().enumerate() {
                let at = if i == 0 {
                    captured
                } else {
                    (captured + Duration::days(1)).min(now)
                };
                last = last.max(at);
                change.at = last;
            }
            if let Some((_, reason)) = changes.first_mut() {
                *reason = ChangeReason::Created;
            }
            // What sales did with the qualified ones.
            if lead.stage == Stage::Mql {
                let roll = rng.unit();
                let after = |days: i64| (last + Duration::days(days)).min(now);
                let mut step = |to: Stage, at: OffsetDateTime, reason: &str| {
                    let change = StageChange {
                        lead_id: lead.id,
                        from: Some(lead.stage),
                        to,
                        at,
                        actor: Actor::System {
                            rule: DEMO_SALES.to_owned(),
                        },
                        reason: Some(reason.to_owned()),
                    };
                    lead.stage = to;
                    changes.push((change, ChangeReason::Handoff));
                };
                if roll < 0.45 {
                    step(Stage::Sql, after(3), "accepted by sales");
                    if rng.chance(0.4) {
                        step(Stage::Opportunity, after(10), "deal opened");
                        if rng.chance(0.5) {
                            step(Stage::Customer, after(40), "won");
                        }
                    }
                } else if roll < 0.65 {
                    step(Stage::Nurture, after(4), "rejected by sales: bad_timing");
                } else if roll < 0.72 {
                    step(Stage::Disqualified, after(4), "rejected by sales: bad_fit");
                }
            }
            let scores = intake.scores;
            let events = vec![WebhookEvent::LeadCreated(LeadCreated::from_lead(
                &lead, None,
            ))];
            LeadUpdate {
                lead,
                created: true,
                scores,
                new_touches: touches,
                changes,
                events,
            }
        })
        .collect()
}

/// A seed for a workspace's demo: the same workspace gets the same demo.
pub fn seed_of(workspace_id: &str) -> u64 {
    // FNV-1a: stable across builds and platforms, unlike std's hasher.
    workspace_id
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use time::macros::datetime;
    use uuid::Uuid;

    const NOW: OffsetDateTime = datetime!(2026-11-24 09:00 UTC);

    #[test]
    fn a_demo_has_leads_in_every_part_of_the_funnel_and_a_consistent_history() {
        let engine = Engine::new(demo_engine_config()).unwrap();
        let leads = demo_leads(&engine, WorkspaceId(Uuid::nil()), 7, 600, NOW);
        assert_eq!(leads.len(), 600);
        let mut stages: BTreeMap<Stage, usize> = BTreeMap::new();
        for update in &leads {
            *stages.entry(update.lead.stage).or_default() += 1;
            // The history starts with the creation and ends where the lead stands.
            assert_eq!(update.changes[0].0.from, None);
            assert_eq!(update.changes.last().unwrap().0.to, update.lead.stage);
            for pair in update.changes.windows(2) {
                assert_eq!(pair[1].0.from, Some(pair[0].0.to), "history is a chain");
                assert!(pair[0].0.at <= pair[1].0.at);
            }
            assert!(
                update
                    .new_touches
                    .iter()
                    .all(|t| t.lead_id == update.lead.id)
            );
            assert!(update.changes.iter().all(|(c, _)| c.at <= NOW));
        }
        for stage in [
            Stage::Lead,
            Stage::Mql,
            Stage::Sql,
            Stage::Customer,
            Stage::Nurture,
        ] {
            assert!(
                stages.get(&stage).copied().unwrap_or(0) > 0,
                "no {stage:?} in {stages:?}"
            );
        }
        // Deterministic.
        let again = demo_leads(&engine, WorkspaceId(Uuid::nil()), 7, 600, NOW);
        assert_eq!(again[17].lead, leads[17].lead);
    }

    #[test]
    fn seeds_follow_the_workspace() {
        assert_eq!(seed_of("default"), seed_of("default"));
        assert_ne!(seed_of("default"), seed_of("other"));
    }
}
