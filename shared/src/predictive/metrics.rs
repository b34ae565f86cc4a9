//! How good a probability model is, on rows it did not learn from: AUC (ties counted
//! half), log-loss, a 10-bin calibration table, and lift at the top 10% and 20%.

use serde::{Deserialize, Serialize};

/// Probabilities are clipped to this distance from 0 and 1 in log-loss, so one
/// confident mistake cannot make the loss infinite.
const LOG_LOSS_EPSILON: f64 = 1e-15;

/// One calibration bin: predictions in `[lower, upper)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalibrationBin {
    pub lower: f64,
    pub upper: f64,
    pub count: usize,
    pub mean_predicted: f64,
    pub observed_rate: f64,
}

/// A model's scores on held-out rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub rows: usize,
    pub positives: usize,
    pub auc: f64,
    pub log_loss: f64,
    pub calibration: Vec<CalibrationBin>,
    /// Positive rate in the top 10% by score over the overall rate.
    pub lift_at_10: f64,
    pub lift_at_20: f64,
}

/// Area under the ROC curve: the chance a random positive scores above a random
/// negative, ties counting half (Mann–Whitney with average ranks). 0.5 when either
/// class is absent.
pub fn auc(scores: &[f64], outcomes: &[bool]) -> f64 {
    let n = scores.len().min(outcomes.len());
    let positives = outcomes[..n].iter().filter(|o| **o).count();
    let negatives = n - positives;
    if positives == 0 || negatives == 0 {
        return 0.5;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| scores[*a].total_cmp(&scores[*b]));
    let mut rank_sum_positive = 0.0;
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && scores[order[j + 1]] == scores[order[i]] {
            j += 1;
        }
        // Ranks i+1 ..= j+1 share their average.
        let average_rank = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            if outcomes[order[k]] {
                rank_sum_positive += average_rank;
            }
        }
        i = j + 1;
    }
    let p = positives as f64;
    (rank_sum_positive - p * (p + 1.0) / 2.0) / (p * negatives as f64)
}

/// Mean negative log-likelihood.
pub fn log_loss(probabilities: &[f64], outcomes: &[bool]) -> f64 {
    let n = probabilities.len().min(outcomes.len());
    if n == 0 {
        return 0.0;
    }
    let total: f64 = probabilities
        .iter()
        .zip(outcomes)
        .map(|(p, o)| {
            let p = p.clamp(LOG_LOSS_EPSILON, 1.0 - LOG_LOSS_EPSILON);
            if *o { -p.ln() } else { -(1.0 - p).ln() }
        })
        .sum();
    total / n as f64
}

/// Ten equal-width bins of predicted probability with the observed rate in each.
pub fn calibration(probabilities: &[f64], outcomes: &[bool]) -> Vec<CalibrationBin> {
    let mut sums = [(0usize, 0.0f64, 0usize); 10];
    for (p, o) in probabilities.iter().zip(outcomes) {
        let bin = ((p * 10.0).floor() as usize).min(9);
        sums[bin].0 += 1;
        sums[bin].1 += p;
        sums[bin].2 += usize::from(*o);
    }
    sums.iter()
        .enumerate()
        .map(|(i, (count, sum, hits))| CalibrationBin {
            lower: i as f64 / 10.0,
            upper: (i + 1) as f64 / 10.0,
            count: *count,
            mean_predicted: if *count > 0 { sum / *count as f64 } else { 0.0 },
            observed_rate: if *count > 0 {
                *hits as f64 / *count as f64
            } else {
                0.0
            },
        })
        .collect()
}

/// The positive rate among the top `fraction` by score, over the overall rate. Ties at
/// the cut are broken by position, so the result is deterministic.
pub fn lift(scores: &[f64], outcomes: &[bool], fraction: f64) -> f64 {
    let n = scores.len().min(outcomes.len());
    let positives = outcomes[..n].iter().filter(|o| **o).count();
    if n == 0 || positives == 0 {
        return 0.0;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]).then(a.cmp(b)));
    let top = ((n as f64 * fraction).ceil() as usize).clamp(1, n);
    let hits = order[..top].iter().filter(|i| outcomes[**i]).count();
    (hits as f64 / top as f64) / (positives as f64 / n as f64)
}

/// Every metric at once.
pub fn evaluate(probabilities: &[f64], outcomes: &[bool]) -> Evaluation {
    Evaluation {
        rows: probabilities.len(),
        positives: outcomes.iter().filter(|o| **o).count(),
        auc: auc(probabilities, outcomes),
        log_loss: log_loss(probabilities, outcomes),
        calibration: calibration(probabilities, outcomes),
        lift_at_10: lift(probabilities, outcomes, 0.1),
        lift_at_20: lift(probabilities, outcomes, 0.2),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_matches_hand_computed_cases_including_ties() {
        let cases: &[(&[f64], &[bool], f64)] = &[
            // Perfect separation.
            (&[0.1, 0.2, 0.8, 0.9], &[false, false, true, true], 1.0),
            // Perfectly wrong.
            (&[0.9, 0.8, 0.2, 0.1], &[false, false, true, true], 0.0),
            // All tied: every pair counts half.
            (&[0.5, 0.5, 0.5, 0.5], &[false, true, false, true], 0.5),
            // Pairs (pos, neg): (0.8 vs 0.3) win, (0.8 vs 0.8) tie, (0.4 vs 0.3) win,
            // (0.4 vs 0.8) loss → (1 + 0.5 + 1 + 0) / 4.
            (&[0.8, 0.4, 0.3, 0.8], &[true, true, false, false], 0.625),
            // One class only.
            (&[0.1, 0.9], &[true, true], 0.5),
        ];
        for (scores, outcomes, expected) in cases {
            assert!(
                (auc(scores, outcomes) - expected).abs() < 1e-12,
                "{scores:?} {outcomes:?}"
            );
        }
    }

    #[test]
    fn log_loss_calibration_and_lift_by_hand() {
        let p = [0.9, 0.1];
        let loss = log_loss(&p, &[true, false]);
        assert!((loss - -(0.9f64.ln())).abs() < 1e-12);
        assert!(log_loss(&[1.0], &[false]).is_finite());

        let bins = calibration(&[0.05, 0.07, 0.95, 1.0], &[false, true, true, true]);
        assert_eq!(bins.len(), 10);
        assert_eq!(bins[0].count, 2);
        assert!((bins[0].observed_rate - 0.5).abs() < 1e-12);
        assert_eq!(bins[9].count, 2);

        // 10 rows, 2 positives ranked first: top 10% (1 row) is all positive → lift 5.
        let scores: Vec<f64> = (0..10).map(|i| 1.0 - i as f64 / 10.0).collect();
        let outcomes: Vec<bool> = (0..10).map(|i| i < 2).collect();
        assert!((lift(&scores, &outcomes, 0.1) - 5.0).abs() < 1e-12);
        assert!((lift(&scores, &outcomes, 0.2) - 5.0).abs() < 1e-12);
    }
}
