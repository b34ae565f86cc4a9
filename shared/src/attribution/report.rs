//! Totals of attributed revenue by channel, campaign, person and touch kind, per
//! currency — what marketing reads after deals close, and what the scoring model is
//! tuned by (which kinds of touch precede revenue).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::OpportunityAttribution;
use crate::model::{Currency, LeadId, TouchKind};

/// Credit totals in minor units, keyed by currency then by the grouping key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditTotals<K: Ord> {
    pub by_currency: BTreeMap<Currency, BTreeMap<K, i64>>,
}

// Derived `Default` would demand `K: Default`, which ids and kinds rightly lack.
impl<K: Ord> Default for CreditTotals<K> {
    fn default() -> Self {
        Self {
            by_currency: BTreeMap::new(),
        }
    }
}

impl<K: Ord> CreditTotals<K> {
    fn add(&mut self, currency: Currency, key: K, minor: i64) {
        *self
            .by_currency
            .entry(currency)
            .or_default()
            .entry(key)
            .or_default() += minor;
    }

    /// The totals of one currency, largest first (ties in key order).
    pub fn ranked(&self, currency: Currency) -> Vec<(&K, i64)> {
        let mut rows: Vec<(&K, i64)> = self
            .by_currency
            .get(&currency)
            .map(|m| m.iter().map(|(k, v)| (k, *v)).collect())
            .unwrap_or_default();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        rows
    }
}

impl CreditTotals<String> {
    /// Adds without allocating a key that is already there (most credits repeat a
    /// handful of channels and campaigns).
    fn add_str(&mut self, currency: Currency, key: &str, minor: i64) {
        let totals = self.by_currency.entry(currency).or_default();
        match totals.get_mut(key) {
            Some(total) => *total += minor,
            None => {
                totals.insert(key.to_owned(), minor);
            }
        }
    }
}

/// Attributed revenue summed over many won deals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributionReport {
    pub by_channel: CreditTotals<String>,
    pub by_campaign: CreditTotals<String>,
    pub by_person: CreditTotals<LeadId>,
    pub by_kind: CreditTotals<TouchKind>,
    /// Revenue of deals with no touch in their window.
    pub unattributed: BTreeMap<Currency, i64>,
    pub deals: usize,
}

impl AttributionReport {
    /// Sums the credits of `attributions`.
    pub fn from_attributions<'a>(
        attributions: impl IntoIterator<Item = &'a OpportunityAttribution>,
    ) -> Self {
        let mut report = Self::default();
        for attribution in attributions {
            report.deals += 1;
            let currency = attribution.amount.currency;
            for credit in &attribution.credits {
                report
                    .by_channel
                    .add_str(currency, &credit.channel, credit.credit_minor);
                report
                    .by_campaign
                    .add_str(currency, &credit.campaign, credit.credit_minor);
                report
                    .by_person
                    .add(currency, credit.lead_id, credit.credit_minor);
                report
                    .by_kind
                    .add(currency, credit.kind, credit.credit_minor);
            }
            let unattributed = attribution.unattributed_minor();
            if unattributed != 0 {
                *report.unattributed.entry(currency).or_default() += unattributed;
            }
        }
        report
    }

    /// Each touch kind's share (0..1) of the attributed revenue in `currency`: the
    /// evidence for how many points a kind of touch deserves in the scoring model.
    pub fn kind_shares(&self, currency: Currency) -> Vec<(TouchKind, f64)> {
        let rows = self.by_kind.ranked(currency);
        let total: i64 = rows.iter().map(|(_, v)| v).sum();
        if total == 0 {
            return Vec::new();
        }
        rows.into_iter()
            .map(|(k, v)| (*k, v as f64 / total as f64))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attribution::TouchCredit;
    use crate::model::{Money, OpportunityId, TouchId};
    use time::macros::datetime;
    use uuid::Uuid;

    fn credit(lead: u128, kind: TouchKind, channel: &str, minor: i64) -> TouchCredit {
        TouchCredit {
            touch_id: TouchId(Uuid::from_u128(lead * 100 + minor as u128)),
            lead_id: LeadId(Uuid::from_u128(lead)),
            kind,
            at: datetime!(2026-01-01 0:00 UTC),
            channel: channel.into(),
            campaign: "fair-seoul-2026".into(),
            credit_minor: minor,
        }
    }

    #[test]
    fn totals_add_up_per_currency_and_key() {
        let krw = OpportunityAttribution {
            opportunity_id: OpportunityId(Uuid::from_u128(1)),
            amount: Money {
                minor: 1000,
                currency: Currency::Krw,
            },
            credits: vec![
                credit(1, TouchKind::EventAttended, "kotra-fair", 600),
                credit(2, TouchKind::PageView, "naver", 400),
            ],
        };
        let usd = OpportunityAttribution {
            opportunity_id: OpportunityId(Uuid::from_u128(2)),
            amount: Money {
                minor: 500,
                currency: Currency::Usd,
            },
            credits: vec![],
        };
        let report = AttributionReport::from_attributions([&krw, &krw, &usd]);
        assert_eq!(report.deals, 3);
        assert_eq!(
            report.by_channel.ranked(Currency::Krw),
            vec![(&"kotra-fair".to_owned(), 1200), (&"naver".to_owned(), 800)]
        );
        assert_eq!(report.by_campaign.ranked(Currency::Krw)[0].1, 2000);
        assert_eq!(report.unattributed.get(&Currency::Usd), Some(&500));
        let shares = report.kind_shares(Currency::Krw);
        assert_eq!(shares[0], (TouchKind::EventAttended, 0.6));
    }
}
