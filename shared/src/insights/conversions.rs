//! Credit for conversions when no deal is recorded. Attribution proper credits a won
//! deal's revenue; a device that holds no opportunities still knows which leads reached
//! a level (SQL by default) and what they did before. Each such lead is treated as a
//! won deal of its own: worth [`CREDIT_UNITS`] (hundredths of a conversion, so partial
//! credit stays an exact integer) or a value per conversion the team sets, "created" and
//! "closed" the moment the lead reached the level, its own touches the candidates.

use std::collections::{BTreeMap, HashMap};

use time::OffsetDateTime;

use crate::attribution::{AttributionConfig, AttributionError, AttributionReport, attribute};
use crate::lifecycle::{FunnelLevel, StageHistory, reached};
use crate::model::{
    AccountId, Currency, LeadId, Money, Opportunity, OpportunityId, OpportunityStage, Touch,
};

/// One conversion in credit units: hundredths, so a linear split over three touches is
/// 34 + 33 + 33 and still adds up to exactly one conversion.
pub const CREDIT_UNITS: i64 = 100;

/// A lead reaching the conversion level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conversion {
    pub lead_id: LeadId,
    /// When the lead first reached the level (a skip counts).
    pub at: OffsetDateTime,
    /// When the lead entered the funnel: the lead-creation anchor of U/W-shaped models.
    pub lead_created_at: OffsetDateTime,
}

/// Every lead of `history` that reached `level`, in lead order.
pub fn conversions_to(history: &StageHistory, level: FunnelLevel) -> Vec<Conversion> {
    history
        .leads()
        .filter_map(|changes| {
            let first = changes.first()?;
            Some(Conversion {
                lead_id: first.lead_id,
                at: reached(changes).level(level)?,
                lead_created_at: first.at,
            })
        })
        .collect()
}

/// Credit totals over conversions, largest first (ties by name), only what earned some.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConversionCredits {
    /// How many conversions were credited.
    pub conversions: usize,
    /// What one conversion was worth (the units every total is in).
    pub per_conversion: i64,
    /// By `utm.source` of the touch, `(direct)` without one.
    pub by_channel: Vec<(String, i64)>,
    /// By `utm.campaign` of the touch, `(none)` without one.
    pub by_campaign: Vec<(String, i64)>,
    /// Worth of conversions with no touch in their look-back window.
    pub unattributed: i64,
}

/// Credits each conversion, worth `per_conversion`, to the touches of its lead under
/// `config` (window, kinds, model). The totals plus `unattributed` add up to
/// `conversions × per_conversion` exactly.
pub fn credit_conversions(
    conversions: &[Conversion],
    touches: &[Touch],
    config: &AttributionConfig,
    per_conversion: i64,
) -> Result<ConversionCredits, AttributionError> {
    let mut by_lead: HashMap<LeadId, Vec<Touch>> = conversions
        .iter()
        .map(|c| (c.lead_id, Vec::new()))
        .collect();
    for touch in touches {
        if let Some(list) = by_lead.get_mut(&touch.lead_id) {
            list.push(touch.clone());
        }
    }
    // The currency only labels the report's keys; every amount here is in the caller's
    // unit (credit units or a value in won).
    let currency = Currency::Krw;
    let mut attributions = Vec::with_capacity(conversions.len());
    for conversion in conversions {
        let deal = Opportunity {
            id: OpportunityId(conversion.lead_id.0),
            account_id: AccountId(conversion.lead_id.0),
            primary_lead_id: Some(conversion.lead_id),
            name: String::new(),
            amount: Money {
                minor: per_conversion,
                currency,
            },
            stage: OpportunityStage::Won,
            expected_close: None,
            created_at: conversion.at,
            closed_at: Some(conversion.at),
        };
        let touches = by_lead
            .get(&conversion.lead_id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        attributions.push(attribute(
            &deal,
            touches,
            Some(conversion.lead_created_at),
            config,
        )?);
    }
    let report = AttributionReport::from_attributions(&attributions);
    // A touch in the window that earned nothing (not first under first-touch) is left
    // out: a row of zeros says nothing and crowds a phone.
    let owned = |rows: Vec<(&String, i64)>| -> Vec<(String, i64)> {
        rows.into_iter()
            .filter(|(_, v)| *v != 0)
            .map(|(k, v)| (k.clone(), v))
            .collect()
    };
    Ok(ConversionCredits {
        conversions: conversions.len(),
        per_conversion,
        by_channel: owned(report.by_channel.ranked(currency)),
        by_campaign: owned(report.by_campaign.ranked(currency)),
        unattributed: report
            .unattributed
            .get(&currency)
            .copied()
            .unwrap_or_default(),
    })
}

/// The shares of a credit list, for charts: each total over the sum of all.
pub fn shares(rows: &[(String, i64)]) -> BTreeMap<&str, f64> {
    let total: i64 = rows.iter().map(|(_, v)| v).sum();
    rows.iter()
        .map(|(k, v)| {
            let share = if total > 0 {
                *v as f64 / total as f64
            } else {
                0.0
            };
            (k.as_str(), share)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::AttributionModel;
    use crate::model::{Actor, Stage, StageChange, TouchId, TouchKind, Utm};
    use proptest::prelude::*;
    use time::Duration;
    use time::macros::datetime;
    use uuid::Uuid;

    const T0: OffsetDateTime = datetime!(2026-11-02 09:00 +9);

    fn change(lead: u128, to: Stage, day: i64) -> StageChange {
        StageChange {
            lead_id: LeadId(Uuid::from_u128(lead)),
            from: None,
            to,
            at: T0 + Duration::days(day),
            actor: Actor::System {
                rule: "test".into(),
            },
            reason: None,
        }
    }

    fn touch(n: u128, lead: u128, day: i64, source: &str, campaign: Option<&str>) -> Touch {
        Touch {
            id: TouchId(Uuid::from_u128(n)),
            lead_id: LeadId(Uuid::from_u128(lead)),
            account_id: None,
            kind: TouchKind::PageView,
            at: T0 + Duration::days(day),
            metadata: Default::default(),
            utm: Utm {
                source: Some(source.into()),
                campaign: campaign.map(str::to_owned),
                ..Utm::default()
            },
        }
    }

    /// Leads 1 and 2 reach SQL on day 5 (lead 2 by skipping MQL); lead 3 stops at MQL.
    fn history() -> StageHistory {
        StageHistory::new(vec![
            change(1, Stage::Lead, 0),
            change(1, Stage::Mql, 2),
            change(1, Stage::Sql, 5),
            change(2, Stage::Lead, 1),
            change(2, Stage::Sql, 5),
            change(3, Stage::Lead, 0),
            change(3, Stage::Mql, 3),
        ])
    }

    fn touches() -> Vec<Touch> {
        vec![
            touch(1, 1, 0, "naver", Some("spring")),
            touch(2, 1, 4, "google", None),
            // After the conversion: outside the window.
            touch(3, 1, 9, "kakao", None),
            touch(4, 2, 1, "naver", Some("spring")),
            touch(5, 3, 0, "linkedin", None),
        ]
    }

    fn credits(model: AttributionModel) -> ConversionCredits {
        let conversions = conversions_to(&history(), FunnelLevel::Sql);
        credit_conversions(
            &conversions,
            &touches(),
            &AttributionConfig::new(model),
            CREDIT_UNITS,
        )
        .unwrap()
    }

    #[test]
    fn conversions_are_leads_that_reached_the_level_skips_included() {
        let conversions = conversions_to(&history(), FunnelLevel::Sql);
        let leads: Vec<u128> = conversions.iter().map(|c| c.lead_id.0.as_u128()).collect();
        assert_eq!(leads, vec![1, 2]);
        assert_eq!(conversions[1].at, T0 + Duration::days(5));
        assert_eq!(conversions[1].lead_created_at, T0 + Duration::days(1));
        assert_eq!(conversions_to(&history(), FunnelLevel::MqlOrPql).len(), 3);
    }

    #[test]
    fn each_model_credits_the_touches_before_each_conversion() {
        let first = credits(AttributionModel::FirstTouch);
        assert_eq!(first.conversions, 2);
        assert_eq!(first.by_channel, vec![("naver".to_owned(), 200)]);
        assert_eq!(first.by_campaign, vec![("spring".to_owned(), 200)]);
        let last = credits(AttributionModel::LastTouch);
        assert_eq!(
            last.by_channel,
            vec![("google".to_owned(), 100), ("naver".to_owned(), 100)]
        );
        assert_eq!(
            last.by_campaign,
            vec![("(none)".to_owned(), 100), ("spring".to_owned(), 100)]
        );
        let linear = credits(AttributionModel::Linear);
        assert_eq!(
            linear.by_channel,
            vec![("naver".to_owned(), 150), ("google".to_owned(), 50)]
        );
        let decay = credits(AttributionModel::TimeDecay {
            half_life_days: 1.0,
        });
        // Lead 1's google touch lies one day before its conversion, naver five (16 : 1);
        // lead 2's only touch is naver's.
        assert_eq!(decay.by_channel[0].0, "naver");
        assert_eq!(decay.by_channel.iter().map(|(_, v)| v).sum::<i64>(), 200);
        let shares = shares(&linear.by_channel);
        assert_eq!(shares["naver"], 0.75);
    }

    #[test]
    fn a_value_per_conversion_is_credited_in_won_and_a_bad_half_life_is_refused() {
        let conversions = conversions_to(&history(), FunnelLevel::Sql);
        let won = credit_conversions(
            &conversions,
            &touches(),
            &AttributionConfig::new(AttributionModel::Linear),
            1_000_000,
        )
        .unwrap();
        assert_eq!(won.by_channel[0], ("naver".to_owned(), 1_500_000));
        let no_touches = credit_conversions(
            &conversions,
            &[],
            &AttributionConfig::new(AttributionModel::Linear),
            CREDIT_UNITS,
        )
        .unwrap();
        assert_eq!(no_touches.unattributed, 200);
        assert!(no_touches.by_channel.is_empty());
        assert!(matches!(
            credit_conversions(
                &conversions,
                &touches(),
                &AttributionConfig::new(AttributionModel::TimeDecay {
                    half_life_days: 0.0
                }),
                CREDIT_UNITS,
            ),
            Err(AttributionError::BadHalfLife { .. })
        ));
    }

    proptest! {
        #[test]
        fn credit_adds_up_to_the_conversions(
            leads in proptest::collection::vec((0i64..20, 0i64..20, 0usize..4), 1..25),
            model in 0usize..6,
        ) {
            let model = [
                AttributionModel::FirstTouch,
                AttributionModel::LastTouch,
                AttributionModel::Linear,
                AttributionModel::UShaped,
                AttributionModel::WShaped,
                AttributionModel::TimeDecay { half_life_days: 3.0 },
            ][model];
            let mut changes = Vec::new();
            let mut all_touches = Vec::new();
            for (n, (created, to_sql, touches)) in leads.iter().enumerate() {
                let n = n as u128;
                changes.push(change(n, Stage::Lead, *created));
                changes.push(change(n, Stage::Sql, created + to_sql));
                for k in 0..*touches {
                    let source = ["naver", "google", "kakao"][k % 3];
                    all_touches.push(touch(n * 10 + k as u128, n, created + k as i64 * 3, source, None));
                }
            }
            let conversions = conversions_to(&StageHistory::new(changes), FunnelLevel::Sql);
            let credits = credit_conversions(&conversions, &all_touches, &AttributionConfig::new(model), CREDIT_UNITS).unwrap();
            let credited: i64 = credits.by_channel.iter().map(|(_, v)| v).sum();
            prop_assert_eq!(credited + credits.unattributed, leads.len() as i64 * CREDIT_UNITS);
            let by_campaign: i64 = credits.by_campaign.iter().map(|(_, v)| v).sum();
            prop_assert_eq!(by_campaign, credited);
        }
    }
}
