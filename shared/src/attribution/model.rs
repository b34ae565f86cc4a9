//! Attribution models and the credit of one won opportunity.
//!
//! The window: touches of all the account's people from `lookback_days` before the
//! opportunity was created up to its close. Anchors for the position-based models:
//! - first touch: the earliest touch in the window;
//! - lead creation: the last touch at or before the earliest contact's creation (the
//!   touch that converted them), else the first touch after it;
//! - opportunity creation: the last touch at or before the opportunity was created.
//!
//! When anchors coincide their shares add up; when no touch is left between them, the
//! share meant for the middle goes to the anchors in proportion to theirs.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::{Duration, OffsetDateTime};

use super::allocate::allocate_exactly;
use crate::model::{
    LeadId, Money, Opportunity, OpportunityId, OpportunityStage, Touch, TouchId, TouchKind,
};

/// How credit is spread over the touches in the window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AttributionModel {
    /// All credit to the earliest touch.
    FirstTouch,
    /// All credit to the latest touch before the close.
    LastTouch,
    /// Equal credit to every touch.
    Linear,
    /// 40% first touch, 40% lead-creation touch, 20% spread over the others.
    UShaped,
    /// 30% first, 30% lead creation, 30% opportunity creation, 10% over the others.
    WShaped,
    /// Credit halves for every `half_life_days` a touch lies before the close.
    TimeDecay { half_life_days: f64 },
}

/// Attribution settings of a workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttributionConfig {
    pub model: AttributionModel,
    /// Touches older than this many days before the opportunity's creation do not count.
    pub lookback_days: u32,
    /// Touch kinds that earn credit; unsubscribes never do.
    pub kinds: Vec<TouchKind>,
}

impl AttributionConfig {
    /// `model` over a 180-day look-back and every kind but unsubscribe.
    pub fn new(model: AttributionModel) -> Self {
        Self {
            model,
            lookback_days: 180,
            kinds: TouchKind::ALL
                .into_iter()
                .filter(|k| *k != TouchKind::Unsubscribe)
                .collect(),
        }
    }
}

/// Why an opportunity could not be attributed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum AttributionError {
    /// Only won deals carry revenue to attribute.
    #[error("opportunity {id} is not won")]
    NotWon { id: OpportunityId },
    /// A won deal must say when it closed.
    #[error("won opportunity {id} has no closed_at")]
    NoCloseTime { id: OpportunityId },
    /// Negative revenue cannot be credited.
    #[error("opportunity {id} has a negative amount")]
    NegativeAmount { id: OpportunityId },
    /// The time-decay half-life must be a positive number of days.
    #[error("half_life_days must be positive, got {half_life_days}")]
    BadHalfLife { half_life_days: f64 },
}

/// The credit one touch earned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchCredit {
    pub touch_id: TouchId,
    pub lead_id: LeadId,
    pub kind: TouchKind,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// `utm.source` of the touch, or `(direct)`.
    pub channel: String,
    /// `utm.campaign` of the touch, or `(none)`.
    pub campaign: String,
    /// Credit in minor units of the opportunity's currency.
    pub credit_minor: i64,
}

/// The credits of one won opportunity; they sum to `amount.minor` exactly (or are empty
/// when no touch fell in the window).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpportunityAttribution {
    pub opportunity_id: OpportunityId,
    pub amount: Money,
    pub credits: Vec<TouchCredit>,
}

impl OpportunityAttribution {
    /// The amount no touch earned: the whole amount when the window had no touch.
    pub fn unattributed_minor(&self) -> i64 {
        self.amount.minor - self.credits.iter().map(|c| c.credit_minor).sum::<i64>()
    }
}

/// Credits a won opportunity to `touches` (all touches of the account's people, any
/// order). `first_contact_created_at` is when the account's first lead was created.
pub fn attribute(
    opportunity: &Opportunity,
    touches: &[Touch],
    first_contact_created_at: Option<OffsetDateTime>,
    config: &AttributionConfig,
) -> Result<OpportunityAttribution, AttributionError> {
    let id = opportunity.id;
    if !matches!(opportunity.stage, OpportunityStage::Won) {
        return Err(AttributionError::NotWon { id });
    }
    let closed_at = opportunity
        .closed_at
        .ok_or(AttributionError::NoCloseTime { id })?;
    if opportunity.amount.minor < 0 {
        return Err(AttributionError::NegativeAmount { id });
    }
    if let AttributionModel::TimeDecay { half_life_days } = config.model
        && !(half_life_days.is_finite() && half_life_days > 0.0)
    {
        return Err(AttributionError::BadHalfLife { half_life_days });
    }

    let window_start = opportunity.created_at - Duration::days(i64::from(config.lookback_days));
    let mut counts = [false; TouchKind::ALL.len()];
    for kind in &config.kinds {
        counts[*kind as usize] = true;
    }
    let mut window: Vec<&Touch> = touches
        .iter()
        .filter(|t| t.at >= window_start && t.at <= closed_at && counts[t.kind as usize])
        .collect();
    // Time order, ties by id: the same touches always give the same anchors.
    window.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));
    if window.is_empty() {
        return Ok(OpportunityAttribution {
            opportunity_id: id,
            amount: opportunity.amount,
            credits: Vec::new(),
        });
    }

    let weights = weights(
        &window,
        config.model,
        closed_at,
        first_contact_created_at,
        opportunity.created_at,
    );
    let credits = allocate_exactly(opportunity.amount.minor, &weights);
    Ok(OpportunityAttribution {
        opportunity_id: id,
        amount: opportunity.amount,
        credits: window
            .iter()
            .zip(credits)
            .map(|(t, credit_minor)| TouchCredit {
                touch_id: t.id,
                lead_id: t.lead_id,
                kind: t.kind,
                at: t.at,
                channel: t.utm.source.clone().unwrap_or_else(|| "(direct)".into()),
                campaign: t.utm.campaign.clone().unwrap_or_else(|| "(none)".into()),
                credit_minor,
            })
            .collect(),
    })
}

/// Index of the last touch at or before `at`, else the first after it.
fn anchor_at(window: &[&Touch], at: OffsetDateTime) -> usize {
    window.iter().rposition(|t| t.at <= at).unwrap_or(0)
}

fn weights(
    window: &[&Touch],
    model: AttributionModel,
    closed_at: OffsetDateTime,
    first_contact_created_at: Option<OffsetDateTime>,
    opportunity_created_at: OffsetDateTime,
) -> Vec<f64> {
    let n = window.len();
    let mut weights = vec![0.0; n];
    let lead_creation = first_contact_created_at.map_or(0, |at| anchor_at(window, at));
    let opportunity_creation = anchor_at(window, opportunity_created_at);
    match model {
        AttributionModel::FirstTouch => weights[0] = 1.0,
        AttributionModel::LastTouch => weights[n - 1] = 1.0,
        AttributionModel::Linear => weights.fill(1.0),
        AttributionModel::UShaped => {
            position_based(&mut weights, &[(0, 0.4), (lead_creation, 0.4)], 0.2);
        }
        AttributionModel::WShaped => position_based(
            &mut weights,
            &[(0, 0.3), (lead_creation, 0.3), (opportunity_creation, 0.3)],
            0.1,
        ),
        AttributionModel::TimeDecay { half_life_days } => {
            for (w, t) in weights.iter_mut().zip(window) {
                let age_days = (closed_at - t.at).as_seconds_f64() / 86_400.0;
                *w = 0.5f64.powf(age_days / half_life_days);
            }
        }
    }
    weights
}

/// Gives each anchor its share and spreads `middle` evenly over the other touches; with
/// no other touch, the anchors share everything in proportion.
fn position_based(weights: &mut [f64], anchors: &[(usize, f64)], middle: f64) {
    for (i, share) in anchors {
        weights[*i] += share;
    }
    let others: Vec<usize> = (0..weights.len()).filter(|i| weights[*i] == 0.0).collect();
    if !others.is_empty() {
        let each = middle / others.len() as f64;
        for i in others {
            weights[i] = each;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountId, Currency, Utm};
    use proptest::prelude::*;
    use std::collections::BTreeMap;
    use time::macros::datetime;
    use uuid::Uuid;

    fn touch(n: u128, lead: u128, day: i64, source: &str) -> Touch {
        Touch {
            id: TouchId(Uuid::from_u128(n)),
            lead_id: LeadId(Uuid::from_u128(lead)),
            account_id: None,
            kind: TouchKind::PageView,
            at: datetime!(2026-01-01 0:00 UTC) + Duration::days(day),
            metadata: BTreeMap::new(),
            utm: Utm {
                source: Some(source.into()),
                ..Utm::default()
            },
        }
    }

    fn won(amount: i64, created_day: i64, closed_day: i64) -> Opportunity {
        Opportunity {
            id: OpportunityId(Uuid::from_u128(99)),
            account_id: AccountId(Uuid::from_u128(7)),
            primary_lead_id: None,
            name: "연간 구독".into(),
            amount: Money {
                minor: amount,
                currency: Currency::Krw,
            },
            stage: OpportunityStage::Won,
            expected_close: None,
            created_at: datetime!(2026-01-01 0:00 UTC) + Duration::days(created_day),
            closed_at: Some(datetime!(2026-01-01 0:00 UTC) + Duration::days(closed_day)),
        }
    }

    fn credits(model: AttributionModel, touches: &[Touch], lead_created_day: i64) -> Vec<i64> {
        let opp = won(10_000_000, 30, 60);
        let lead_created = datetime!(2026-01-01 0:00 UTC) + Duration::days(lead_created_day);
        attribute(
            &opp,
            touches,
            Some(lead_created),
            &AttributionConfig::new(model),
        )
        .unwrap()
        .credits
        .iter()
        .map(|c| c.credit_minor)
        .collect()
    }

    #[test]
    fn each_model_splits_ten_million_won_as_documented() {
        // Five touches by two people: day 0 (first), 10 (converts: lead created day 10),
        // 20, 29 (before the opportunity on day 30), 50.
        let touches = vec![
            touch(1, 1, 0, "naver"),
            touch(2, 1, 10, "webinar"),
            touch(3, 2, 20, "google"),
            touch(4, 2, 29, "linkedin"),
            touch(5, 1, 50, "email"),
        ];
        let cases: Vec<(AttributionModel, Vec<i64>)> = vec![
            (AttributionModel::FirstTouch, vec![10_000_000, 0, 0, 0, 0]),
            (AttributionModel::LastTouch, vec![0, 0, 0, 0, 10_000_000]),
            (AttributionModel::Linear, vec![2_000_000; 5]),
            (
                AttributionModel::UShaped,
                vec![4_000_000, 4_000_000, 666_667, 666_667, 666_666],
            ),
            (
                AttributionModel::WShaped,
                vec![3_000_000, 3_000_000, 500_000, 3_000_000, 500_000],
            ),
        ];
        for (model, expected) in cases {
            assert_eq!(credits(model, &touches, 10), expected, "{model:?}");
        }
        // Time decay with a 10-day half-life: the day-50 touch (10 days before close)
        // earns twice the day-40-equivalent weight of older ones.
        let decay = credits(
            AttributionModel::TimeDecay {
                half_life_days: 10.0,
            },
            &touches,
            10,
        );
        assert_eq!(decay.iter().sum::<i64>(), 10_000_000);
        assert!(decay.windows(2).all(|w| w[0] <= w[1]), "{decay:?}");
    }

    #[test]
    fn touches_outside_the_window_and_unsubscribes_earn_nothing() {
        let mut unsubscribe = touch(3, 1, 40, "email");
        unsubscribe.kind = TouchKind::Unsubscribe;
        let touches = vec![
            touch(1, 1, -200, "old"),
            touch(2, 1, 5, "naver"),
            unsubscribe,
            touch(4, 1, 70, "after-close"),
        ];
        let result = attribute(
            &won(500, 30, 60),
            &touches,
            None,
            &AttributionConfig::new(AttributionModel::Linear),
        )
        .unwrap();
        assert_eq!(result.credits.len(), 1);
        assert_eq!(result.credits[0].channel, "naver");
        assert_eq!(result.credits[0].credit_minor, 500);
    }

    #[test]
    fn deals_that_cannot_be_attributed_say_why() {
        let mut open = won(1, 0, 1);
        open.stage = OpportunityStage::Proposal;
        let config = AttributionConfig::new(AttributionModel::Linear);
        assert!(matches!(
            attribute(&open, &[], None, &config),
            Err(AttributionError::NotWon { .. })
        ));
        let mut no_close = won(1, 0, 1);
        no_close.closed_at = None;
        assert!(matches!(
            attribute(&no_close, &[], None, &config),
            Err(AttributionError::NoCloseTime { .. })
        ));
        let bad = AttributionConfig::new(AttributionModel::TimeDecay {
            half_life_days: 0.0,
        });
        assert!(matches!(
            attribute(&won(1, 0, 1), &[], None, &bad),
            Err(AttributionError::BadHalfLife { .. })
        ));
        let empty = attribute(&won(42, 0, 1), &[], None, &config).unwrap();
        assert_eq!(empty.unattributed_minor(), 42);
    }

    fn any_model() -> impl Strategy<Value = AttributionModel> {
        prop_oneof![
            Just(AttributionModel::FirstTouch),
            Just(AttributionModel::LastTouch),
            Just(AttributionModel::Linear),
            Just(AttributionModel::UShaped),
            Just(AttributionModel::WShaped),
            (1.0f64..60.0).prop_map(|h| AttributionModel::TimeDecay { half_life_days: h }),
        ]
    }

    proptest! {
        #[test]
        fn credits_sum_exactly_to_the_amount(
            model in any_model(),
            amount in 0i64..5_000_000_000_000,
            days in proptest::collection::vec(-100i64..80, 1..60),
            lead_created in proptest::option::of(-50i64..60),
        ) {
            let touches: Vec<Touch> = days
                .iter()
                .enumerate()
                .map(|(i, d)| touch(i as u128, (i % 10) as u128, *d, "x"))
                .collect();
            let opp = won(amount, 30, 60);
            let lead_created = lead_created.map(|d| datetime!(2026-01-01 0:00 UTC) + Duration::days(d));
            let result = attribute(&opp, &touches, lead_created, &AttributionConfig::new(model)).unwrap();
            let sum: i64 = result.credits.iter().map(|c| c.credit_minor).sum();
            if result.credits.is_empty() {
                prop_assert_eq!(result.unattributed_minor(), amount);
            } else {
                prop_assert_eq!(sum, amount);
                prop_assert!(result.credits.iter().all(|c| c.credit_minor >= 0));
            }
        }
    }
}
