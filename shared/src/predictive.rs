//! Predictive scoring: learn from leads whose outcome is known which facts predict a
//! win, with an L2-regularised logistic regression (Newton, deterministic, chunked for
//! the browser) beside a naive-Bayes baseline; report AUC, log-loss, calibration and
//! lift on held-out rows; explain each lead's probability feature by feature.

mod features;
mod linalg;
mod logistic;
mod metrics;
mod model;
mod naive_bayes;

pub use features::{Encoder, FeatureDef, FeatureSpec};
pub use linalg::Matrix;
pub use logistic::{
    FitError, LogisticModel, LogisticSettings, LogisticTrainer, TrainProgress, fit_logistic,
    sigmoid,
};
pub use metrics::{CalibrationBin, Evaluation, auc, calibration, evaluate, lift, log_loss};
pub use model::{
    Contribution, MODEL_VERSION, Prediction, PredictiveModel, Prepared, TrainConfig, TrainError,
    prepare, train,
};
pub use naive_bayes::NaiveBayes;
