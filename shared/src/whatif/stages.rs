//! What-if for stage rules: when each lead would first have met each stage's entry
//! criteria in the last weeks under an edited configuration, and what a week of that
//! inflow means for the reps. Every criterion is evaluated once per lead and week when
//! the snapshots are built, except each stage's top-level total threshold ("total ≥ 50"),
//! which is left open so a slider can move it and recount without evaluating anything.
//!
//! A lead counts from its creation on. Field and consent criteria read the lead as it is
//! now (its history of field edits is not kept); score and event criteria are evaluated
//! as of each week's end.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::{ScoreSnapshots, WeekLoad, WeeklyEntries, WhatIfError, plan_week};
use crate::engine::{Engine, EngineConfig};
use crate::facts::{LeadContext, ScoreSummary};
use crate::handoff::{HandoffPolicy, HandoffSettings, QueuedLead, RepLoad};
use crate::lifecycle::{LifecycleConfig, StageCriterion, StageDefinition};
use crate::model::{Account, Lead, Stage, Touch};

/// The most weeks stage snapshots hold (one bit per week).
const MAX_WEEKS: usize = 64;

/// A stage's top-level total threshold: the highest `MinTotal` among its criteria (all
/// must hold, so the highest binds). Thresholds nested in an `any_of` are not counted.
pub fn total_threshold(definition: &StageDefinition) -> Option<i64> {
    definition
        .criteria
        .iter()
        .filter_map(|c| match c {
            StageCriterion::MinTotal { points } => Some(*points),
            _ => None,
        })
        .max()
}

/// `lifecycle` without its stages' top-level total thresholds: two configurations with
/// the same threshold-free form differ only in what a recount can handle.
pub fn threshold_free(lifecycle: &LifecycleConfig) -> LifecycleConfig {
    let mut free = lifecycle.clone();
    for definition in &mut free.definitions {
        definition
            .criteria
            .retain(|c| !matches!(c, StageCriterion::MinTotal { .. }));
    }
    free
}

/// How many leads would first have met one stage's criteria in each week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageEntries {
    pub stage: Stage,
    /// The total threshold counted with, if the stage has one.
    pub threshold: Option<i64>,
    pub entries: WeeklyEntries,
}

/// One stage's criteria, all but the total threshold, by lead and week.
#[derive(Debug, Clone)]
struct StageColumn {
    stage: Stage,
    /// Per lead, bit `w` set when every criterion but the total threshold held at the
    /// end of week `w`.
    rest: Vec<u64>,
}

/// Weekly score snapshots (see [`ScoreSnapshots`]) with every stage's criteria.
#[derive(Debug, Clone)]
pub struct StageSnapshots {
    scores: ScoreSnapshots,
    stages: Vec<StageColumn>,
    /// The configuration built with, thresholds removed (see [`Self::is_current_for`]).
    basis: EngineConfig,
}

impl StageSnapshots {
    /// Scores every lead at the end of each of the `weeks` weeks up to `now` under
    /// `engine`, and checks every stage's criteria but the total threshold at each.
    /// `accounts` holds each lead's account; `ranges[i]` are lead `i`'s touches.
    pub fn build(
        engine: &Engine,
        leads: &[Lead],
        accounts: &[Option<&Account>],
        touches: &[Touch],
        ranges: &[Range<usize>],
        now: OffsetDateTime,
        weeks: usize,
    ) -> Result<Self, WhatIfError> {
        if weeks > MAX_WEEKS {
            return Err(WhatIfError::TooManyWeeks {
                weeks,
                max: MAX_WEEKS,
            });
        }
        let (scores, fit) =
            ScoreSnapshots::build_with_fit(engine, leads, accounts, touches, ranges, now, weeks)?;
        let config = engine.config();
        let names: Vec<&str> = engine.icp().persona_names().collect();
        let definitions: Vec<(Stage, Vec<&StageCriterion>)> = config
            .lifecycle
            .definitions
            .iter()
            .map(|d| {
                let rest = d
                    .criteria
                    .iter()
                    .filter(|c| !matches!(c, StageCriterion::MinTotal { .. }))
                    .collect();
                (d.stage, rest)
            })
            .collect();
        let mut stages: Vec<StageColumn> = definitions
            .iter()
            .map(|(stage, _)| StageColumn {
                stage: *stage,
                rest: vec![0; leads.len()],
            })
            .collect();
        for (i, lead) in leads.iter().enumerate() {
            let lead_touches = ranges
                .get(i)
                .and_then(|r| touches.get(r.clone()))
                .unwrap_or_default();
            let account = accounts.get(i).copied().flatten();
            let fit_points = fit.fit_points.get(i).copied().unwrap_or(0);
            let persona = fit
                .persona
                .get(i)
                .copied()
                .flatten()
                .and_then(|p| names.get(p as usize));
            let mut summary = ScoreSummary {
                fit: fit_points,
                engagement: 0,
                total: 0,
                tier: persona.and(fit.tier.get(i).copied()),
                persona: persona.map(|p| (*p).to_owned()),
            };
            for (w, at) in scores.week_ends.iter().enumerate() {
                // Not yet a lead: it meets nothing, whatever its fields say now.
                if lead.created_at > *at {
                    continue;
                }
                summary.total = scores.totals[i * weeks + w];
                summary.engagement = summary.total - fit_points;
                let ctx = LeadContext::new(lead, account, lead_touches, &summary);
                for ((_, rest), column) in definitions.iter().zip(&mut stages) {
                    if rest.iter().all(|c| c.holds(&ctx, *at)) {
                        column.rest[i] |= 1 << w;
                    }
                }
            }
        }
        let mut basis = config.clone();
        basis.lifecycle = threshold_free(&basis.lifecycle);
        Ok(Self {
            scores,
            stages,
            basis,
        })
    }

    /// The score snapshots (histogram, current totals, week ends).
    pub fn scores(&self) -> &ScoreSnapshots {
        &self.scores
    }

    /// Whether `config` differs from the one built with at most in its stages' total
    /// thresholds, so [`Self::entries`] can answer for it without a rebuild.
    pub fn is_current_for(&self, config: &EngineConfig) -> bool {
        self.basis.icp == config.icp
            && self.basis.scoring == config.scoring
            && self.basis.lifecycle == threshold_free(&config.lifecycle)
    }

    /// When each lead first meets each defined stage's criteria, with the thresholds of
    /// `lifecycle` (which must be current, see [`Self::is_current_for`]), in definition
    /// order.
    pub fn entries(&self, lifecycle: &LifecycleConfig) -> Vec<StageEntries> {
        self.stages
            .iter()
            .map(|column| {
                let threshold = lifecycle.definition(column.stage).and_then(total_threshold);
                StageEntries {
                    stage: column.stage,
                    threshold,
                    entries: self.count(column, threshold),
                }
            })
            .collect()
    }

    /// The week each lead first meets `column` with `threshold`.
    fn first_weeks<'a>(
        &'a self,
        column: &'a StageColumn,
        threshold: Option<i64>,
    ) -> impl Iterator<Item = Option<usize>> + 'a {
        let weeks = self.scores.week_ends.len();
        let totals = self.scores.totals.chunks_exact(weeks);
        column.rest.iter().zip(totals).map(move |(rest, totals)| {
            (0..weeks).find(|w| {
                rest & (1 << w) != 0
                    && threshold.is_none_or(|t| totals.get(*w).is_some_and(|v| *v >= t))
            })
        })
    }

    fn count(&self, column: &StageColumn, threshold: Option<i64>) -> WeeklyEntries {
        let weeks = self.scores.week_ends.len();
        let mut entries = WeeklyEntries {
            already: 0,
            per_week: vec![0; weeks - 1],
            below: 0,
        };
        for first in self.first_weeks(column, threshold) {
            match first {
                Some(0) => entries.already += 1,
                Some(w) => entries.per_week[w - 1] += 1,
                None => entries.below += 1,
            }
        }
        entries
    }

    /// Indices of the leads that first meet `stage` (with `threshold`) in the last week:
    /// the inflow the rules would send on in a week like the last one. Empty for a stage
    /// without a definition or with a single week.
    pub fn latest_entrants(&self, stage: Stage, threshold: Option<i64>) -> Vec<usize> {
        let last = self.scores.week_ends.len() - 1;
        let Some(column) = self.stages.iter().find(|c| c.stage == stage) else {
            return Vec::new();
        };
        self.first_weeks(column, threshold)
            .enumerate()
            .filter(|(_, first)| last > 0 && *first == Some(last))
            .map(|(i, _)| i)
            .collect()
    }
}

/// How the reps of `settings` would be loaded in the week after `now` if `inflow` were
/// queued at its start, with nothing assigned yet.
pub fn next_week_load(
    settings: &HandoffSettings,
    inflow: &[QueuedLead],
    now: OffsetDateTime,
) -> WeekLoad {
    let today = settings.calendar.local_date(now);
    let days_to_monday = 7 - i64::from(today.weekday().number_days_from_monday());
    let monday = today + Duration::days(days_to_monday);
    let reps: Vec<RepLoad> = settings
        .reps
        .iter()
        .map(|rep| RepLoad {
            rep: rep.clone(),
            assigned_today: 0,
            assigned_this_week: 0,
            out_of_office: Vec::new(),
        })
        .collect();
    let policy = HandoffPolicy {
        sla_working_hours: settings.sla_working_hours,
    };
    plan_week(&reps, inflow, &policy, &settings.calendar, monday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{DatasetSpec, generate};
    use crate::handoff::queued_lead;
    use crate::model::{Rep, RepId};
    use proptest::prelude::*;
    use time::macros::datetime;
    use uuid::Uuid;

    const NOW: OffsetDateTime = datetime!(2026-11-24 0:00 UTC);

    fn build(n: usize, config: EngineConfig) -> (StageSnapshots, crate::fixtures::Dataset) {
        let data = generate(&DatasetSpec::new(8, n, NOW));
        let engine = Engine::new(config).unwrap();
        let accounts = data.lead_accounts();
        let snaps = StageSnapshots::build(
            &engine,
            &data.leads,
            &accounts,
            &data.touches,
            &data.touch_ranges,
            NOW,
            12,
        )
        .unwrap();
        (snaps, data)
    }

    fn set_mql(config: &mut EngineConfig, points: i64) {
        for d in &mut config.lifecycle.definitions {
            for c in &mut d.criteria {
                if let (Stage::Mql, StageCriterion::MinTotal { points: p }) = (d.stage, c) {
                    *p = points;
                }
            }
        }
    }

    #[test]
    fn thresholds_are_read_from_the_top_level_only() {
        let config = EngineConfig::korean_b2b_default();
        let mql = config.lifecycle.definition(Stage::Mql).unwrap();
        assert_eq!(total_threshold(mql), Some(50));
        let sql = config.lifecycle.definition(Stage::Sql).unwrap();
        assert_eq!(total_threshold(sql), None);
        let free = threshold_free(&config.lifecycle);
        assert_eq!(free.definition(Stage::Mql).unwrap().criteria.len(), 1);
        let mut moved = config.clone();
        set_mql(&mut moved, 20);
        assert_eq!(threshold_free(&moved.lifecycle), free);
    }

    /// The counts must agree with evaluating the engine's own stage rules at each week
    /// end for every lead: the reference, one lead at a time.
    #[test]
    fn counts_agree_with_the_engine_week_by_week() {
        let mut config = EngineConfig::korean_b2b_default();
        set_mql(&mut config, 20);
        let (snaps, data) = build(300, config.clone());
        let engine = Engine::new(config.clone()).unwrap();
        let entries = snaps.entries(&config.lifecycle);
        let weeks = snaps.scores().week_ends.clone();
        for stage_entries in &entries {
            let definition = config.lifecycle.definition(stage_entries.stage).unwrap();
            let mut expected = WeeklyEntries {
                already: 0,
                per_week: vec![0; weeks.len() - 1],
                below: 0,
            };
            for (i, lead) in data.leads.iter().enumerate() {
                let account = data.account_of_lead(i);
                let touches = data.touches_of_lead(i);
                let first = weeks.iter().position(|at| {
                    if lead.created_at > *at {
                        return false;
                    }
                    let mut scratch = crate::engine::EngineScratch::default();
                    let scores = engine.summarize(lead, account, touches, *at, &mut scratch);
                    let ctx = LeadContext::new(lead, account, touches, &scores);
                    definition.criteria.iter().all(|c| c.holds(&ctx, *at))
                });
                match first {
                    Some(0) => expected.already += 1,
                    Some(w) => expected.per_week[w - 1] += 1,
                    None => expected.below += 1,
                }
            }
            assert_eq!(stage_entries.entries, expected, "{:?}", stage_entries.stage);
        }
        // The generated base reaches MQL at 20 points in some weeks.
        let mql = entries.iter().find(|e| e.stage == Stage::Mql).unwrap();
        assert!(mql.entries.per_week.iter().sum::<u32>() > 0, "{mql:?}");
        // Leads created during the window enter Lead (consent and a company, which
        // they had from the start) in their creation week, not before.
        let created_late = data
            .leads
            .iter()
            .filter(|l| l.created_at > weeks[0])
            .count();
        assert!(
            created_late > 0,
            "the fixture creates leads during the window"
        );
        let lead = entries.iter().find(|e| e.stage == Stage::Lead).unwrap();
        assert!(
            lead.entries.already as usize <= data.leads.len() - created_late,
            "{lead:?}"
        );
    }

    #[test]
    fn a_moved_threshold_recounts_without_a_rebuild() {
        let config = EngineConfig::korean_b2b_default();
        let (snaps, _) = build(300, config.clone());
        let mut lowered = config.clone();
        set_mql(&mut lowered, 10);
        assert!(snaps.is_current_for(&lowered));
        let at = |c: &EngineConfig| {
            snaps
                .entries(&c.lifecycle)
                .into_iter()
                .find(|e| e.stage == Stage::Mql)
                .unwrap()
        };
        let (high, low) = (at(&config), at(&lowered));
        assert_eq!((high.threshold, low.threshold), (Some(50), Some(10)));
        assert!(low.entries.below < high.entries.below, "{high:?} {low:?}");
        let mut other = config.clone();
        other.scoring.half_life_days = Some(7.0);
        assert!(!snaps.is_current_for(&other));
        assert_eq!(
            snaps.latest_entrants(Stage::Mql, Some(10)).len() as u32,
            *low.entries.per_week.last().unwrap()
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn every_lead_is_counted_once_per_stage(threshold in -100i64..200) {
            let mut config = EngineConfig::korean_b2b_default();
            set_mql(&mut config, threshold);
            let (snaps, _) = build(120, EngineConfig::korean_b2b_default());
            for e in snaps.entries(&config.lifecycle) {
                prop_assert_eq!(e.entries.total(), 120);
            }
        }
    }

    #[test]
    fn too_many_weeks_are_refused() {
        let data = generate(&DatasetSpec::new(8, 5, NOW));
        let engine = Engine::new(EngineConfig::korean_b2b_default()).unwrap();
        let accounts = data.lead_accounts();
        let built = StageSnapshots::build(
            &engine,
            &data.leads,
            &accounts,
            &data.touches,
            &data.touch_ranges,
            NOW,
            65,
        );
        assert!(matches!(
            built,
            Err(WhatIfError::TooManyWeeks { weeks: 65, .. })
        ));
    }

    #[test]
    fn next_week_plans_from_monday_with_the_settings_reps() {
        let settings = HandoffSettings {
            reps: vec![Rep {
                id: RepId(Uuid::from_u128(1)),
                name: "이영업".into(),
                email: "sales@leadkit.kr".into(),
                capacity_per_day: 2,
                capacity_per_week: 6,
                territories: vec![],
                segments: vec![],
                active: true,
            }],
            ..HandoffSettings::default()
        };
        let data = generate(&DatasetSpec::new(3, 10, NOW));
        let inflow: Vec<QueuedLead> = data.leads.iter().map(|l| queued_lead(l, 60, NOW)).collect();
        // 2026-11-24 is a Tuesday: the week planned starts Monday 11-30, five working
        // days of 2 — capped by the week's 6.
        let week = next_week_load(&settings, &inflow, NOW);
        assert_eq!(week.reps.len(), 1);
        assert_eq!(week.reps[0].assigned, 6);
        assert_eq!(week.reps[0].capacity_per_week, 6);
        assert_eq!(week.waiting_no_capacity + week.waiting_no_rep, 4);
    }
}
