//! Training a predictive model on leads whose outcome is known, evaluating it on a
//! held-out stratified split, and scoring new leads with an explanation a rep can read.
//! Training is split in three so a browser can run the slow middle part in chunks:
//! [`prepare`] → drive a [`LogisticTrainer`] over `prepared.train_x` → [`Prepared::finish`].

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;

use super::features::{Encoder, FeatureSpec};
use super::linalg::Matrix;
use super::logistic::{FitError, LogisticModel, LogisticSettings, LogisticTrainer};
use super::metrics::{Evaluation, evaluate};
use super::naive_bayes::NaiveBayes;
use crate::facts::LeadContext;
use crate::fixtures::Rng;

/// Version of the serialised model; the worker refuses others.
pub const MODEL_VERSION: u32 = 1;
/// Displayed probabilities stay inside this band: a model is never certain.
const MIN_PROBABILITY: f64 = 0.01;
const MAX_PROBABILITY: f64 = 0.99;

/// How to train.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainConfig {
    pub spec: FeatureSpec,
    pub settings: LogisticSettings,
    /// Share of each outcome class held out for evaluation.
    pub holdout: f64,
    /// Seed of the split, so the same history gives the same model.
    pub seed: u64,
}

impl Default for TrainConfig {
    fn default() -> Self {
        Self {
            spec: FeatureSpec::b2b_default(),
            settings: LogisticSettings::default(),
            holdout: 0.25,
            seed: 1,
        }
    }
}

/// Why training could not start or finish.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum TrainError {
    /// Each class needs rows on both sides of the split.
    #[error("need at least {needed} won and {needed} lost leads, have {won} won and {lost} lost")]
    TooFewOutcomes {
        needed: usize,
        won: usize,
        lost: usize,
    },
    /// The hold-out share must leave rows on both sides.
    #[error("holdout must be between 0 and 1 exclusive, got {holdout}")]
    BadHoldout { holdout: f64 },
    #[error(transparent)]
    Fit(#[from] FitError),
}

/// A training set encoded and split, ready for the (chunked) fit.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub encoder: Encoder,
    pub train_x: Matrix,
    pub train_y: Vec<bool>,
    pub test_x: Matrix,
    pub test_y: Vec<bool>,
    pub settings: LogisticSettings,
    pub trained_at: OffsetDateTime,
}

/// Encodes `rows` (lead, won?) and splits them, stratified by outcome.
pub fn prepare(
    rows: &[(LeadContext<'_>, bool)],
    config: &TrainConfig,
    now: OffsetDateTime,
) -> Result<Prepared, TrainError> {
    if !(config.holdout > 0.0 && config.holdout < 1.0) {
        return Err(TrainError::BadHoldout {
            holdout: config.holdout,
        });
    }
    let won: Vec<usize> = (0..rows.len()).filter(|i| rows[*i].1).collect();
    let lost: Vec<usize> = (0..rows.len()).filter(|i| !rows[*i].1).collect();
    let needed = 5;
    if won.len() < needed || lost.len() < needed {
        return Err(TrainError::TooFewOutcomes {
            needed,
            won: won.len(),
            lost: lost.len(),
        });
    }
    let mut rng = Rng::new(config.seed);
    let mut train = Vec::new();
    let mut test = Vec::new();
    for mut class in [won, lost] {
        // Fisher–Yates with the seeded generator.
        for i in (1..class.len()).rev() {
            let j = rng.below(i + 1);
            class.swap(i, j);
        }
        let held =
            ((class.len() as f64 * config.holdout).round() as usize).clamp(1, class.len() - 1);
        test.extend_from_slice(&class[..held]);
        train.extend_from_slice(&class[held..]);
    }
    train.sort_unstable();
    test.sort_unstable();
    let train_contexts: Vec<LeadContext<'_>> = train.iter().map(|i| rows[*i].0).collect();
    let encoder = Encoder::fit(&config.spec, &train_contexts, now);
    let encode = |indices: &[usize]| {
        let mut x = Matrix::zeros(indices.len(), encoder.width());
        for (r, i) in indices.iter().enumerate() {
            let width = encoder.width();
            encoder.encode(&rows[*i].0, now, &mut x.data[r * width..(r + 1) * width]);
        }
        let y: Vec<bool> = indices.iter().map(|i| rows[*i].1).collect();
        (x, y)
    };
    let (train_x, train_y) = encode(&train);
    let (test_x, test_y) = encode(&test);
    Ok(Prepared {
        encoder,
        train_x,
        train_y,
        test_x,
        test_y,
        settings: config.settings,
        trained_at: now,
    })
}

impl Prepared {
    /// A trainer over the training rows; step it until done, then [`Self::finish`].
    pub fn trainer(&self) -> Result<LogisticTrainer<'_>, TrainError> {
        Ok(LogisticTrainer::new(
            &self.train_x,
            &self.train_y,
            self.settings,
        )?)
    }

    /// Fits the naive-Bayes baseline and evaluates both models on the held-out rows.
    pub fn finish(self, logistic: LogisticModel) -> PredictiveModel {
        let mut tokens = Vec::new();
        let train_tokens: Vec<Vec<u32>> = (0..self.train_x.rows)
            .map(|i| {
                self.encoder.tokens(self.train_x.row(i), &mut tokens);
                tokens.clone()
            })
            .collect();
        let naive_bayes = NaiveBayes::fit(&train_tokens, &self.train_y, self.encoder.vocabulary());
        let mut p_logistic = Vec::with_capacity(self.test_x.rows);
        let mut p_bayes = Vec::with_capacity(self.test_x.rows);
        for i in 0..self.test_x.rows {
            let row = self.test_x.row(i);
            p_logistic.push(logistic.probability(row));
            self.encoder.tokens(row, &mut tokens);
            p_bayes.push(naive_bayes.probability(&tokens));
        }
        PredictiveModel {
            version: MODEL_VERSION,
            holdout_logistic: evaluate(&p_logistic, &self.test_y),
            holdout_naive_bayes: evaluate(&p_bayes, &self.test_y),
            training_rows: self.train_x.rows,
            trained_at: self.trained_at,
            encoder: self.encoder,
            logistic,
            naive_bayes,
        }
    }
}

/// Trains in one call (natively, or where blocking is fine).
pub fn train(
    rows: &[(LeadContext<'_>, bool)],
    config: &TrainConfig,
    now: OffsetDateTime,
) -> Result<PredictiveModel, TrainError> {
    let prepared = prepare(rows, config, now)?;
    let mut trainer = prepared.trainer()?;
    while !trainer.step(usize::MAX)?.done {}
    let logistic = trainer.model();
    Ok(prepared.finish(logistic))
}

/// A trained model with its held-out evaluation; serialisable so the worker can score
/// with the model the app trained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PredictiveModel {
    pub version: u32,
    pub encoder: Encoder,
    pub logistic: LogisticModel,
    pub naive_bayes: NaiveBayes,
    pub holdout_logistic: Evaluation,
    pub holdout_naive_bayes: Evaluation,
    pub training_rows: usize,
    #[serde(with = "time::serde::rfc3339")]
    pub trained_at: OffsetDateTime,
}

/// One feature's push on a prediction, in log-odds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contribution {
    pub feature: String,
    pub contribution: f64,
}

/// A lead's predicted chance to become a customer, with its main reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// Within [1%, 99%]: the model is never certain.
    pub probability: f64,
    /// The strongest contributions, largest magnitude first.
    pub top_contributions: Vec<Contribution>,
}

impl Prediction {
    /// Whole percent for display, never 0 or 100.
    pub fn percent(&self) -> u8 {
        (self.probability * 100.0).round().clamp(1.0, 99.0) as u8
    }
}

impl PredictiveModel {
    /// The probability only, for scoring many leads; `row` is scratch of the encoder's width.
    pub fn probability(
        &self,
        ctx: &LeadContext<'_>,
        now: OffsetDateTime,
        row: &mut Vec<f64>,
    ) -> f64 {
        row.resize(self.encoder.width(), 0.0);
        self.encoder.encode(ctx, now, row);
        self.logistic
            .probability(row)
            .clamp(MIN_PROBABILITY, MAX_PROBABILITY)
    }

    /// The probability with the `top` features that moved it most.
    pub fn predict(&self, ctx: &LeadContext<'_>, now: OffsetDateTime, top: usize) -> Prediction {
        let mut row = vec![0.0; self.encoder.width()];
        let probability = self.probability(ctx, now, &mut row);
        let mut contributions: Vec<Contribution> = self
            .encoder
            .names()
            .iter()
            .zip(&row)
            .zip(&self.logistic.coefficients)
            .map(|((name, x), b)| Contribution {
                feature: name.clone(),
                contribution: b * x,
            })
            .filter(|c| c.contribution != 0.0)
            .collect();
        contributions.sort_by(|a, b| {
            b.contribution
                .abs()
                .total_cmp(&a.contribution.abs())
                .then_with(|| a.feature.cmp(&b.feature))
        });
        contributions.truncate(top);
        Prediction {
            probability,
            top_contributions: contributions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::ScoreSummary;
    use crate::fixtures::{DatasetSpec, generate};
    use crate::model::TouchKind;
    use time::macros::datetime;

    #[test]
    fn learns_a_planted_signal_from_leads_and_round_trips() {
        let now = datetime!(2026-11-24 0:00 UTC);
        let data = generate(&DatasetSpec::new(3, 2_000, now));
        let scores = ScoreSummary::default();
        // Planted truth: leads with a demo request or a meeting mostly win.
        let rows: Vec<(LeadContext<'_>, bool)> = data
            .leads
            .iter()
            .enumerate()
            .map(|(i, lead)| {
                let touches = data.touches_of_lead(i);
                let hot = touches
                    .iter()
                    .any(|t| matches!(t.kind, TouchKind::DemoRequest | TouchKind::Meeting));
                let won = if hot { i % 5 != 0 } else { i % 7 == 0 };
                let account = data.account_of_lead(i);
                (LeadContext::new(lead, account, touches, &scores), won)
            })
            .collect();
        let model = train(&rows, &TrainConfig::default(), now).unwrap();
        assert!(model.logistic.converged);
        assert!(
            model.holdout_logistic.auc > 0.75,
            "{:?}",
            model.holdout_logistic.auc
        );
        assert!(
            model.holdout_naive_bayes.auc > 0.6,
            "{:?}",
            model.holdout_naive_bayes.auc
        );
        assert_eq!(model.holdout_logistic.rows + model.training_rows, 2_000);

        let prediction = model.predict(&rows[0].0, now, 5);
        assert!((1..=99).contains(&prediction.percent()));
        assert!(prediction.top_contributions.len() <= 5);
        assert!(
            prediction
                .top_contributions
                .windows(2)
                .all(|w| w[0].contribution.abs() >= w[1].contribution.abs())
        );

        let json = serde_json::to_string(&model).unwrap();
        let back: PredictiveModel = serde_json::from_str(&json).unwrap();
        let mut row = Vec::new();
        assert_eq!(
            back.probability(&rows[1].0, now, &mut row),
            model.probability(&rows[1].0, now, &mut row)
        );
    }

    #[test]
    fn too_little_history_is_refused_with_the_counts() {
        let now = datetime!(2026-11-24 0:00 UTC);
        let data = generate(&DatasetSpec::new(1, 20, now));
        let scores = ScoreSummary::default();
        let rows: Vec<(LeadContext<'_>, bool)> = data
            .leads
            .iter()
            .enumerate()
            .map(|(i, l)| (LeadContext::new(l, None, &[], &scores), i < 2))
            .collect();
        assert_eq!(
            train(&rows, &TrainConfig::default(), now).unwrap_err(),
            TrainError::TooFewOutcomes {
                needed: 5,
                won: 2,
                lost: 18
            }
        );
        let bad = TrainConfig {
            holdout: 1.0,
            ..TrainConfig::default()
        };
        assert_eq!(
            train(&rows, &bad, now).unwrap_err(),
            TrainError::BadHoldout { holdout: 1.0 }
        );
    }
}
