//! Turning leads into model inputs: which facts to use (a serialisable spec) and an
//! encoder learnt from the training rows — categorical values one-hot (most frequent
//! values, the rest as "other"), numbers standardised, touches as counts and recency
//! per kind. The same encoder scores new leads, in the app and in the worker.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::facts::LeadContext;
use crate::model::{Field, FieldValue, TouchKind};
use crate::predicate::field_name;
use crate::text::fold;

/// Most distinct values of one categorical feature that get their own column.
const MAX_CATEGORIES: usize = 12;
/// Recency beyond this counts as this (and "never" as this too).
const MAX_RECENCY_DAYS: f64 = 365.0;

/// One fact about a lead used as model input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FeatureDef {
    /// A field's value, one-hot.
    Categorical {
        field: Field,
    },
    /// A numeric field, standardised; `log` applies ln(1 + x) first (company sizes).
    Numeric {
        field: Field,
        log: bool,
    },
    /// How many touches of a kind up to `now`.
    EventCount {
        touch: TouchKind,
    },
    /// Days since the last touch of a kind (365 when never).
    DaysSinceLast {
        touch: TouchKind,
    },
    FitPoints,
    EngagementPoints,
    /// The fit tier, one-hot.
    Tier,
}

/// The features a model uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeatureSpec {
    pub features: Vec<FeatureDef>,
}

impl FeatureSpec {
    /// A B2B default: firmographics, the person's role, where they came from, fit and
    /// engagement, and every touch kind's count and recency.
    pub fn b2b_default() -> Self {
        let mut features = vec![
            FeatureDef::Categorical {
                field: Field::Industry,
            },
            FeatureDef::Categorical {
                field: Field::Country,
            },
            FeatureDef::Categorical {
                field: Field::RevenueBand,
            },
            FeatureDef::Categorical {
                field: Field::Seniority,
            },
            FeatureDef::Categorical {
                field: Field::Department,
            },
            FeatureDef::Categorical {
                field: Field::Source,
            },
            FeatureDef::Categorical {
                field: Field::EntryPath,
            },
            FeatureDef::Numeric {
                field: Field::EmployeeCount,
                log: true,
            },
            FeatureDef::FitPoints,
            FeatureDef::EngagementPoints,
        ];
        for touch in TouchKind::ALL {
            features.push(FeatureDef::EventCount { touch });
            features.push(FeatureDef::DaysSinceLast { touch });
        }
        Self { features }
    }
}

/// A raw value before encoding.
#[derive(Debug, Clone, PartialEq)]
enum Raw {
    Missing,
    Text(String),
    Number(f64),
}

/// Counts and last time per touch kind, computed once per lead.
struct TouchSummary {
    counts: [u32; TouchKind::ALL.len()],
    last: [Option<OffsetDateTime>; TouchKind::ALL.len()],
}

impl TouchSummary {
    fn of(ctx: &LeadContext<'_>, now: OffsetDateTime) -> Self {
        let mut summary = Self {
            counts: [0; TouchKind::ALL.len()],
            last: [None; TouchKind::ALL.len()],
        };
        for t in ctx.touches.iter().filter(|t| t.at <= now) {
            let k = t.kind as usize;
            summary.counts[k] += 1;
            if summary.last[k].is_none_or(|last| t.at > last) {
                summary.last[k] = Some(t.at);
            }
        }
        summary
    }
}

fn raw(
    def: &FeatureDef,
    ctx: &LeadContext<'_>,
    touches: &TouchSummary,
    now: OffsetDateTime,
) -> Raw {
    match def {
        FeatureDef::Categorical { field } => match field.read(ctx.lead, ctx.account) {
            FieldValue::Text(t) if !t.trim().is_empty() => Raw::Text(fold(t)),
            FieldValue::Bool(b) => Raw::Text(b.to_string()),
            FieldValue::Number(n) => Raw::Text(n.to_string()),
            FieldValue::List(items) => items.first().map_or(Raw::Missing, |t| Raw::Text(fold(t))),
            _ => Raw::Missing,
        },
        FeatureDef::Numeric { field, log } => match field.read(ctx.lead, ctx.account) {
            FieldValue::Number(n) if n.is_finite() => {
                Raw::Number(if *log { n.max(0.0).ln_1p() } else { n })
            }
            FieldValue::Bool(b) => Raw::Number(f64::from(u8::from(b))),
            _ => Raw::Missing,
        },
        FeatureDef::EventCount { touch } => Raw::Number(f64::from(touches.counts[*touch as usize])),
        FeatureDef::DaysSinceLast { touch } => Raw::Number(
            touches.last[*touch as usize].map_or(MAX_RECENCY_DAYS, |at| {
                ((now - at).as_seconds_f64() / 86_400.0).clamp(0.0, MAX_RECENCY_DAYS)
            }),
        ),
        FeatureDef::FitPoints => Raw::Number(ctx.scores.fit as f64),
        FeatureDef::EngagementPoints => Raw::Number(ctx.scores.engagement as f64),
        FeatureDef::Tier => ctx
            .scores
            .tier
            .map_or(Raw::Missing, |t| Raw::Text(t.as_str().to_owned())),
    }
}

/// How one feature becomes columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Encoding {
    /// One column per listed value, then one for any other value; missing is all zeros.
    OneHot { values: Vec<String> },
    /// One column: (x − mean) / std; missing is 0 (the mean).
    Standardised { mean: f64, std: f64 },
}

/// A learnt mapping from leads to rows of numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Encoder {
    spec: FeatureSpec,
    encodings: Vec<Encoding>,
    names: Vec<String>,
}

/// Name of the column a feature value lands in.
fn def_name(def: &FeatureDef) -> String {
    match def {
        FeatureDef::Categorical { field } | FeatureDef::Numeric { field, .. } => field_name(field),
        FeatureDef::EventCount { touch } => format!("count:{}", touch.as_str()),
        FeatureDef::DaysSinceLast { touch } => format!("days_since:{}", touch.as_str()),
        FeatureDef::FitPoints => "fit_points".into(),
        FeatureDef::EngagementPoints => "engagement_points".into(),
        FeatureDef::Tier => "tier".into(),
    }
}

impl Encoder {
    /// Learns categories and scales from the training leads.
    pub fn fit(spec: &FeatureSpec, rows: &[LeadContext<'_>], now: OffsetDateTime) -> Self {
        let summaries: Vec<TouchSummary> = rows.iter().map(|r| TouchSummary::of(r, now)).collect();
        let mut encodings = Vec::with_capacity(spec.features.len());
        let mut names = Vec::new();
        for def in &spec.features {
            let base = def_name(def);
            let values: Vec<Raw> = rows
                .iter()
                .zip(&summaries)
                .map(|(r, s)| raw(def, r, s, now))
                .collect();
            let categorical = matches!(def, FeatureDef::Categorical { .. } | FeatureDef::Tier);
            if categorical {
                let mut freq: HashMap<&str, usize> = HashMap::new();
                for v in &values {
                    if let Raw::Text(t) = v {
                        *freq.entry(t.as_str()).or_default() += 1;
                    }
                }
                let mut ranked: Vec<(&str, usize)> = freq.into_iter().collect();
                ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                let kept: Vec<String> = ranked
                    .iter()
                    .take(MAX_CATEGORIES)
                    .map(|(v, _)| (*v).to_owned())
                    .collect();
                for v in &kept {
                    names.push(format!("{base}={v}"));
                }
                names.push(format!("{base}=(other)"));
                encodings.push(Encoding::OneHot { values: kept });
            } else {
                let present: Vec<f64> = values
                    .iter()
                    .filter_map(|v| {
                        if let Raw::Number(n) = v {
                            Some(*n)
                        } else {
                            None
                        }
                    })
                    .collect();
                let n = present.len().max(1) as f64;
                let mean = present.iter().sum::<f64>() / n;
                let var = present.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
                // A constant column keeps std 1 so it encodes as 0 rather than NaN.
                let std = if var > 1e-12 { var.sqrt() } else { 1.0 };
                names.push(base);
                encodings.push(Encoding::Standardised { mean, std });
            }
        }
        Self {
            spec: spec.clone(),
            encodings,
            names,
        }
    }

    /// Number of columns a row has.
    pub fn width(&self) -> usize {
        self.names.len()
    }

    /// The column names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Writes the row of `ctx` into `out` (length [`Self::width`]).
    pub fn encode(&self, ctx: &LeadContext<'_>, now: OffsetDateTime, out: &mut [f64]) {
        out.fill(0.0);
        let summary = TouchSummary::of(ctx, now);
        let mut col = 0;
        for (def, encoding) in self.spec.features.iter().zip(&self.encodings) {
            let value = raw(def, ctx, &summary, now);
            match encoding {
                Encoding::OneHot { values } => {
                    if let Raw::Text(t) = &value {
                        let slot = values.iter().position(|v| v == t).unwrap_or(values.len());
                        out[col + slot] = 1.0;
                    }
                    col += values.len() + 1;
                }
                Encoding::Standardised { mean, std } => {
                    if let Raw::Number(n) = value {
                        out[col] = (n - mean) / std;
                    }
                    col += 1;
                }
            }
        }
    }

    /// The tokens of `ctx` for naive Bayes: each active one-hot column, and each numeric
    /// column by which quartile of a standard normal it falls in.
    pub fn tokens(&self, row: &[f64], out: &mut Vec<u32>) {
        out.clear();
        let mut col = 0;
        for encoding in &self.encodings {
            match encoding {
                Encoding::OneHot { values } => {
                    for k in 0..=values.len() {
                        if row[col + k] != 0.0 {
                            out.push((col + k) as u32);
                        }
                    }
                    col += values.len() + 1;
                }
                Encoding::Standardised { .. } => {
                    let z = row[col];
                    let bin = if z < -0.674 {
                        0
                    } else if z < 0.0 {
                        1
                    } else if z < 0.674 {
                        2
                    } else {
                        3
                    };
                    // Numeric tokens live after all columns: 4 per column.
                    out.push((self.width() + col * 4 + bin) as u32);
                    col += 1;
                }
            }
        }
    }

    /// Size of the token vocabulary [`Self::tokens`] draws from.
    pub fn vocabulary(&self) -> usize {
        self.width() * 5
    }
}
