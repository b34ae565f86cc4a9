//! A frequency-based naive-Bayes baseline of the kind Odoo's predictive lead scoring
//! uses: how often each field value appeared among won and among lost leads, combined
//! as independent evidence. Cheap, explainable, and the bar the regression must clear.

use serde::{Deserialize, Serialize};

/// Counts of each token (a `feature=value` id) among won and lost rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NaiveBayes {
    pub won_rows: u64,
    pub lost_rows: u64,
    pub won_counts: Vec<u64>,
    pub lost_counts: Vec<u64>,
    /// Laplace smoothing added to every count.
    pub alpha: f64,
}

impl NaiveBayes {
    /// Counts tokens of `rows` (token ids below `vocabulary`) by outcome.
    pub fn fit(rows: &[Vec<u32>], outcomes: &[bool], vocabulary: usize) -> Self {
        let mut model = Self {
            won_rows: 0,
            lost_rows: 0,
            won_counts: vec![0; vocabulary],
            lost_counts: vec![0; vocabulary],
            alpha: 1.0,
        };
        for (tokens, won) in rows.iter().zip(outcomes) {
            let counts = if *won {
                model.won_rows += 1;
                &mut model.won_counts
            } else {
                model.lost_rows += 1;
                &mut model.lost_counts
            };
            for t in tokens {
                if let Some(c) = counts.get_mut(*t as usize) {
                    *c += 1;
                }
            }
        }
        model
    }

    /// The probability of winning given the tokens present in a row.
    pub fn probability(&self, tokens: &[u32]) -> f64 {
        let a = self.alpha;
        let won = self.won_rows as f64;
        let lost = self.lost_rows as f64;
        let mut log_odds = ((won + a) / (lost + a)).ln();
        for t in tokens {
            let i = *t as usize;
            let (Some(w), Some(l)) = (self.won_counts.get(i), self.lost_counts.get(i)) else {
                continue;
            };
            log_odds += ((*w as f64 + a) / (won + 2.0 * a)).ln()
                - ((*l as f64 + a) / (lost + 2.0 * a)).ln();
        }
        super::logistic::sigmoid(log_odds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_seen_mostly_in_won_rows_raises_the_probability() {
        // Token 0 ("source=fair") in 8 of 10 won and 1 of 10 lost rows, token 2 ("source
        // = other") in the rest; token 1 is in every row and so says nothing.
        let mut rows = Vec::new();
        let mut outcomes = Vec::new();
        for i in 0..10 {
            rows.push(if i < 8 { vec![0, 1] } else { vec![2, 1] });
            outcomes.push(true);
            rows.push(if i < 1 { vec![0, 1] } else { vec![2, 1] });
            outcomes.push(false);
        }
        let model = NaiveBayes::fit(&rows, &outcomes, 3);
        let with = model.probability(&[0, 1]);
        let without = model.probability(&[2, 1]);
        assert!(with > 0.8, "{with}");
        assert!(without < 0.5, "{without}");
        assert!((model.probability(&[]) - 0.5).abs() < 1e-12);
    }
}
