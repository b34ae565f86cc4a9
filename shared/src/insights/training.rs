//! The win-probability model's training set, from what a device holds: every lead with
//! its whole record, its touches and its scores, labelled won when its stage history
//! shows it reached [`WIN_LEVEL`] (or its current stage is there). A lead merged into
//! another is left out: its history lives on in the survivor.

use std::collections::{BTreeMap, HashMap};

use time::OffsetDateTime;
use uuid::Uuid;

use crate::api::LeadRecord;
use crate::facts::{LeadContext, ScoreSummary};
use crate::lifecycle::{FunnelLevel, StageHistory, reached};
use crate::model::{Lead, LeadId, Touch};
use crate::predictive::PredictiveModel;

/// What counts as a win until deals are recorded on the device: sales accepted the
/// lead (SQL) or it went further.
pub const WIN_LEVEL: FunnelLevel = FunnelLevel::Sql;

/// A probability in whole percent for display, never 0 or 100: a model is never sure.
pub fn win_percent(probability: f64) -> u8 {
    (probability * 100.0).round().clamp(1.0, 99.0) as u8
}

/// Leads with their touches, scores and outcome, ready to train on or to score.
#[derive(Debug, Clone, Default)]
pub struct TrainingSet {
    ids: Vec<Uuid>,
    leads: Vec<Lead>,
    touches: Vec<Vec<Touch>>,
    scores: Vec<ScoreSummary>,
    won: Vec<bool>,
}

impl TrainingSet {
    /// The set of `records` (those with a whole record, not merged away), each with its
    /// `touches` and labelled by `history` against `win_level`.
    pub fn new(
        records: &[LeadRecord],
        touches: Vec<Touch>,
        history: &StageHistory,
        win_level: FunnelLevel,
    ) -> Self {
        let mut set = Self::default();
        let mut position: HashMap<LeadId, usize> = HashMap::new();
        for record in records {
            let Some(lead) = record.record.as_deref() else {
                continue;
            };
            if lead.merged_into.is_some() {
                continue;
            }
            let id = LeadId(record.id);
            let by_history = reached(history.of_lead(id)).level(win_level).is_some();
            let by_stage = record
                .stage
                .and_then(FunnelLevel::of)
                .is_some_and(|level| level >= win_level);
            position.insert(id, set.leads.len());
            set.ids.push(record.id);
            set.leads.push(lead.clone());
            set.touches.push(Vec::new());
            set.scores.push(
                record
                    .scores
                    .as_ref()
                    .map(|s| ScoreSummary {
                        fit: s.fit,
                        engagement: s.engagement,
                        total: s.total,
                        tier: s.tier,
                        persona: s.persona.clone(),
                    })
                    .unwrap_or_default(),
            );
            set.won.push(by_history || by_stage);
        }
        for touch in touches {
            if let Some(&i) = position.get(&touch.lead_id) {
                set.touches[i].push(touch);
            }
        }
        set
    }

    /// How many leads the set holds.
    pub fn len(&self) -> usize {
        self.leads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.leads.is_empty()
    }

    /// How many are won and how many are not.
    pub fn outcomes(&self) -> (usize, usize) {
        let won = self.won.iter().filter(|w| **w).count();
        (won, self.won.len() - won)
    }

    /// Each lead's context with its outcome: what `predictive::prepare` takes.
    pub fn rows(&self) -> Vec<(LeadContext<'_>, bool)> {
        (0..self.leads.len())
            .map(|i| {
                (
                    LeadContext::new(&self.leads[i], None, &self.touches[i], &self.scores[i]),
                    self.won[i],
                )
            })
            .collect()
    }

    /// Every lead's win probability under `model` at `now`, in whole percent.
    pub fn percents(&self, model: &PredictiveModel, now: OffsetDateTime) -> BTreeMap<Uuid, u8> {
        let mut scratch = Vec::new();
        self.rows()
            .iter()
            .zip(&self.ids)
            .map(|((ctx, _), id)| (*id, win_percent(model.probability(ctx, now, &mut scratch))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::LeadScores;
    use crate::model::{Actor, EntryPath, Stage, StageChange, TouchId, TouchKind, WorkspaceId};
    use crate::predictive::{TrainConfig, train};
    use time::Duration;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-26 12:00 +9);

    fn record(n: u128, stage: Stage) -> LeadRecord {
        let at = NOW - Duration::days(30);
        let lead = Lead::new(
            LeadId(Uuid::from_u128(n)),
            WorkspaceId(Uuid::nil()),
            "리드",
            EntryPath::Form,
            at,
        );
        LeadRecord {
            id: Uuid::from_u128(n),
            seq: n as u64,
            form_id: "contact".into(),
            email: format!("p{n}@example.co.kr"),
            name: "리드".into(),
            company: "한빛소프트".into(),
            captured_at: at,
            stage: Some(stage),
            scores: Some(LeadScores {
                fit: 10,
                engagement: n as i64 % 7,
                total: 10 + n as i64 % 7,
                tier: None,
                persona: None,
                scored_at: at,
            }),
            record: Some(Box::new(lead)),
            stamps: Default::default(),
        }
    }

    fn change(n: u128, to: Stage, days_ago: i64) -> StageChange {
        StageChange {
            lead_id: LeadId(Uuid::from_u128(n)),
            from: None,
            to,
            at: NOW - Duration::days(days_ago),
            actor: Actor::System {
                rule: "test".into(),
            },
            reason: None,
        }
    }

    fn touch(n: u128, lead: u128, kind: TouchKind) -> Touch {
        Touch {
            id: TouchId(Uuid::from_u128(n)),
            lead_id: LeadId(Uuid::from_u128(lead)),
            account_id: None,
            kind,
            at: NOW - Duration::days(10),
            metadata: Default::default(),
            utm: Default::default(),
        }
    }

    #[test]
    fn labels_come_from_history_or_stage_and_merged_or_partial_leads_are_left_out() {
        let mut records = vec![
            record(1, Stage::Nurture),
            record(2, Stage::Customer),
            record(3, Stage::Mql),
            record(4, Stage::Lead),
            record(5, Stage::Lead),
        ];
        // Reached SQL, later parked: still a win.
        let history = StageHistory::new(vec![
            change(1, Stage::Lead, 20),
            change(1, Stage::Sql, 10),
            change(1, Stage::Nurture, 5),
            change(3, Stage::Mql, 3),
        ]);
        records[3].record.as_mut().unwrap().merged_into = Some(LeadId(Uuid::from_u128(5)));
        records[4].record = None;
        let set = TrainingSet::new(
            &records,
            vec![
                touch(1, 1, TouchKind::Meeting),
                touch(2, 9, TouchKind::Call),
            ],
            &history,
            WIN_LEVEL,
        );
        assert_eq!(set.len(), 3);
        assert_eq!(set.outcomes(), (2, 1));
        let rows = set.rows();
        let won: Vec<bool> = rows.iter().map(|(_, w)| *w).collect();
        assert_eq!(won, vec![true, true, false]);
        assert_eq!(rows[0].0.touches.len(), 1, "touches follow their lead");
        assert_eq!(rows[0].0.scores.fit, 10);
    }

    #[test]
    fn a_model_trained_on_the_set_scores_every_lead_in_whole_percent() {
        // Planted signal: leads with a demo request reach SQL, the others mostly not.
        let mut records = Vec::new();
        let mut changes = Vec::new();
        let mut touches = Vec::new();
        for n in 0..80u128 {
            let hot = n % 3 == 0;
            let won = if hot { n % 9 != 0 } else { n % 10 == 1 };
            records.push(record(n, if won { Stage::Sql } else { Stage::Mql }));
            changes.push(change(n, Stage::Lead, 20));
            changes.push(change(n, if won { Stage::Sql } else { Stage::Mql }, 5));
            touches.push(touch(n * 10, n, TouchKind::PageView));
            if hot {
                touches.push(touch(n * 10 + 1, n, TouchKind::DemoRequest));
            }
        }
        let set = TrainingSet::new(&records, touches, &StageHistory::new(changes), WIN_LEVEL);
        let model = train(&set.rows(), &TrainConfig::default(), NOW).unwrap();
        assert!(
            model.holdout_logistic.auc > 0.7,
            "{}",
            model.holdout_logistic.auc
        );
        let percents = set.percents(&model, NOW);
        assert_eq!(percents.len(), 80);
        assert!(percents.values().all(|p| (1..=99).contains(p)));
        assert!(percents[&Uuid::from_u128(3)] > percents[&Uuid::from_u128(4)]);
        assert_eq!(
            (win_percent(0.0), win_percent(0.424), win_percent(1.0)),
            (1, 42, 99)
        );
    }
}
