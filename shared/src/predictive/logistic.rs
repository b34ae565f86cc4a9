//! L2-regularised logistic regression fitted by Newton's method (IRLS): deterministic,
//! converges in a handful of iterations, and runs in chunks so a browser can train on
//! 100k rows between frames. The intercept is not penalised.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::linalg::{Matrix, cholesky_solve};

/// Settings of a fit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LogisticSettings {
    /// L2 penalty on the coefficients (not the intercept), per row: the objective is
    /// mean log-loss + `l2 / 2 · ‖β‖²`.
    pub l2: f64,
    pub max_iterations: u32,
    /// Stop when the largest coefficient change is below this.
    pub tolerance: f64,
}

impl Default for LogisticSettings {
    fn default() -> Self {
        Self {
            l2: 1e-3,
            max_iterations: 25,
            tolerance: 1e-6,
        }
    }
}

/// Why a fit could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FitError {
    /// No rows to learn from.
    #[error("no training rows")]
    Empty,
    /// Every row has the same outcome; there is nothing to separate.
    #[error("all training rows have the same outcome")]
    OneClass,
    /// Rows and outcomes differ in number.
    #[error("{rows} rows but {outcomes} outcomes")]
    LengthMismatch { rows: usize, outcomes: usize },
    /// The Newton system could not be solved (raise the L2 penalty).
    #[error("the solver failed at iteration {iteration}; increase l2")]
    Singular { iteration: u32 },
}

/// A fitted model: `p = σ(intercept + Σ coefficients·x)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogisticModel {
    pub intercept: f64,
    pub coefficients: Vec<f64>,
    pub iterations: u32,
    pub converged: bool,
}

/// The logistic function, stable for large |z|.
pub fn sigmoid(z: f64) -> f64 {
    if z >= 0.0 {
        1.0 / (1.0 + (-z).exp())
    } else {
        let e = z.exp();
        e / (1.0 + e)
    }
}

impl LogisticModel {
    /// The linear predictor for one row.
    pub fn logit(&self, row: &[f64]) -> f64 {
        self.intercept
            + self
                .coefficients
                .iter()
                .zip(row)
                .map(|(b, x)| b * x)
                .sum::<f64>()
    }

    /// The probability of the positive outcome for one row.
    pub fn probability(&self, row: &[f64]) -> f64 {
        sigmoid(self.logit(row))
    }
}

/// Where a chunked fit stands.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainProgress {
    pub iteration: u32,
    /// Rows of the current iteration processed so far.
    pub rows_done: usize,
    pub rows_total: usize,
    pub done: bool,
}

impl TrainProgress {
    /// Share of the work done, assuming the worst case of `max_iterations`.
    pub fn fraction(&self, max_iterations: u32) -> f64 {
        if self.done {
            return 1.0;
        }
        let per_iteration = self.rows_done as f64 / self.rows_total.max(1) as f64;
        ((f64::from(self.iteration) + per_iteration) / f64::from(max_iterations.max(1))).min(0.99)
    }
}

/// A Newton fit that advances a bounded number of rows per call, so the caller can
/// yield to the UI between calls. The result equals a single-call fit exactly.
#[derive(Debug, Clone)]
pub struct LogisticTrainer<'a> {
    x: &'a Matrix,
    y: &'a [bool],
    settings: LogisticSettings,
    /// Parameters: intercept first, then coefficients.
    beta: Vec<f64>,
    gradient: Vec<f64>,
    /// Upper triangle is filled during a pass; mirrored before solving.
    hessian: Vec<f64>,
    row: usize,
    iteration: u32,
    done: bool,
    converged: bool,
}

impl<'a> LogisticTrainer<'a> {
    /// Prepares a fit of `y` on `x`.
    pub fn new(x: &'a Matrix, y: &'a [bool], settings: LogisticSettings) -> Result<Self, FitError> {
        if x.rows == 0 {
            return Err(FitError::Empty);
        }
        if x.rows != y.len() {
            return Err(FitError::LengthMismatch {
                rows: x.rows,
                outcomes: y.len(),
            });
        }
        let positives = y.iter().filter(|v| **v).count();
        if positives == 0 || positives == y.len() {
            return Err(FitError::OneClass);
        }
        let p = x.cols + 1;
        let mut beta = vec![0.0; p];
        // Start at the base rate: fewer iterations, same optimum.
        let rate = positives as f64 / y.len() as f64;
        beta[0] = (rate / (1.0 - rate)).ln();
        Ok(Self {
            x,
            y,
            settings,
            beta,
            gradient: vec![0.0; p],
            hessian: vec![0.0; p * p],
            row: 0,
            iteration: 0,
            done: false,
            converged: false,
        })
    }

    /// Processes up to `max_rows` rows; finishes a Newton step when a pass completes.
    pub fn step(&mut self, max_rows: usize) -> Result<TrainProgress, FitError> {
        if self.done {
            return Ok(self.progress());
        }
        let p = self.x.cols + 1;
        let end = (self.row + max_rows.max(1)).min(self.x.rows);
        for i in self.row..end {
            let row = self.x.row(i);
            let z = self.beta[0]
                + self.beta[1..]
                    .iter()
                    .zip(row)
                    .map(|(b, v)| b * v)
                    .sum::<f64>();
            let mu = sigmoid(z);
            let residual = mu - if self.y[i] { 1.0 } else { 0.0 };
            let weight = (mu * (1.0 - mu)).max(1e-12);
            // Feature 0 is the constant 1 of the intercept.
            self.gradient[0] += residual;
            self.hessian[0] += weight;
            for j in 0..row.len() {
                let wj = weight * row[j];
                self.gradient[j + 1] += residual * row[j];
                self.hessian[j + 1] += wj;
                let hrow = &mut self.hessian[(j + 1) * p..(j + 2) * p];
                for k in j..row.len() {
                    hrow[k + 1] += wj * row[k];
                }
            }
        }
        self.row = end;
        if self.row == self.x.rows {
            self.finish_iteration()?;
        }
        Ok(self.progress())
    }

    fn finish_iteration(&mut self) -> Result<(), FitError> {
        let p = self.x.cols + 1;
        let n = self.x.rows as f64;
        for j in 0..p {
            self.gradient[j] /= n;
            for k in j..p {
                self.hessian[j * p + k] /= n;
            }
        }
        for j in 1..p {
            self.gradient[j] += self.settings.l2 * self.beta[j];
            self.hessian[j * p + j] += self.settings.l2;
        }
        for j in 0..p {
            for k in 0..j {
                self.hessian[j * p + k] = self.hessian[k * p + j];
            }
        }
        let delta = cholesky_solve(&self.hessian, &self.gradient, p).ok_or(FitError::Singular {
            iteration: self.iteration,
        })?;
        let mut largest = 0.0f64;
        for (b, d) in self.beta.iter_mut().zip(&delta) {
            *b -= d;
            largest = largest.max(d.abs());
        }
        self.iteration += 1;
        self.gradient.fill(0.0);
        self.hessian.fill(0.0);
        self.row = 0;
        if largest < self.settings.tolerance {
            self.converged = true;
            self.done = true;
        } else if self.iteration >= self.settings.max_iterations {
            self.done = true;
        }
        Ok(())
    }

    fn progress(&self) -> TrainProgress {
        TrainProgress {
            iteration: self.iteration,
            rows_done: self.row,
            rows_total: self.x.rows,
            done: self.done,
        }
    }

    /// The model so far (final once a step reported `done`).
    pub fn model(&self) -> LogisticModel {
        LogisticModel {
            intercept: self.beta[0],
            coefficients: self.beta[1..].to_vec(),
            iterations: self.iteration,
            converged: self.converged,
        }
    }
}

/// Fits in one call.
pub fn fit_logistic(
    x: &Matrix,
    y: &[bool],
    settings: LogisticSettings,
) -> Result<LogisticModel, FitError> {
    let mut trainer = LogisticTrainer::new(x, y, settings)?;
    while !trainer.step(usize::MAX)?.done {}
    Ok(trainer.model())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::Rng;

    /// A standard normal draw (Box–Muller).
    fn normal(rng: &mut Rng) -> f64 {
        let u1 = rng.unit().max(1e-300);
        let u2 = rng.unit();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    fn synthetic(n: usize, intercept: f64, beta: &[f64], seed: u64) -> (Matrix, Vec<bool>) {
        let mut rng = Rng::new(seed);
        let mut x = Matrix::zeros(n, beta.len());
        let mut y = Vec::with_capacity(n);
        for i in 0..n {
            let mut z = intercept;
            for (j, b) in beta.iter().enumerate() {
                let v = normal(&mut rng);
                x.data[i * beta.len() + j] = v;
                z += b * v;
            }
            y.push(rng.unit() < sigmoid(z));
        }
        (x, y)
    }

    #[test]
    fn known_coefficients_come_back() {
        let truth = [1.5, -2.0, 0.5, 0.0, 0.8];
        let (x, y) = synthetic(40_000, -0.7, &truth, 11);
        let settings = LogisticSettings {
            l2: 1e-6,
            ..LogisticSettings::default()
        };
        let model = fit_logistic(&x, &y, settings).unwrap();
        assert!(model.converged, "{model:?}");
        assert!((model.intercept + 0.7).abs() < 0.06, "{}", model.intercept);
        for (got, want) in model.coefficients.iter().zip(truth) {
            assert!((got - want).abs() < 0.08, "{got} vs {want}");
        }
    }

    #[test]
    fn chunked_training_equals_one_pass_training() {
        let (x, y) = synthetic(3_000, 0.2, &[1.0, -1.0, 0.3], 5);
        let whole = fit_logistic(&x, &y, LogisticSettings::default()).unwrap();
        let mut trainer = LogisticTrainer::new(&x, &y, LogisticSettings::default()).unwrap();
        let mut calls = 0;
        while !trainer.step(700).unwrap().done {
            calls += 1;
        }
        assert!(calls > 5);
        assert_eq!(trainer.model(), whole);
    }

    #[test]
    fn penalty_shrinks_and_bad_input_is_refused() {
        let (x, y) = synthetic(2_000, 0.0, &[2.0], 3);
        let loose = fit_logistic(
            &x,
            &y,
            LogisticSettings {
                l2: 1e-6,
                ..Default::default()
            },
        )
        .unwrap();
        let tight = fit_logistic(
            &x,
            &y,
            LogisticSettings {
                l2: 1.0,
                ..Default::default()
            },
        )
        .unwrap();
        assert!(tight.coefficients[0].abs() < loose.coefficients[0].abs());
        assert_eq!(
            fit_logistic(&Matrix::zeros(0, 1), &[], Default::default()),
            Err(FitError::Empty)
        );
        assert_eq!(
            fit_logistic(&Matrix::zeros(2, 1), &[true, true], Default::default()),
            Err(FitError::OneClass)
        );
        assert_eq!(
            fit_logistic(&Matrix::zeros(2, 1), &[true], Default::default()),
            Err(FitError::LengthMismatch {
                rows: 2,
                outcomes: 1
            })
        );
    }
}
