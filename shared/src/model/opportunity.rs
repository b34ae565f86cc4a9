//! Opportunities: deals with an amount, won or lost. Money is integer minor units of its
//! currency, so credits split for attribution add up exactly (KRW has no minor unit).

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::{AccountId, LeadId, OpportunityId};

/// A currency by ISO 4217 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Currency {
    Krw,
    Usd,
    Eur,
    Jpy,
    Cny,
    Gbp,
    Sgd,
}

impl Currency {
    /// Digits after the decimal point (KRW and JPY have none).
    pub fn minor_unit_digits(self) -> u32 {
        match self {
            Self::Krw | Self::Jpy => 0,
            Self::Usd | Self::Eur | Self::Cny | Self::Gbp | Self::Sgd => 2,
        }
    }

    /// The ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Krw => "KRW",
            Self::Usd => "USD",
            Self::Eur => "EUR",
            Self::Jpy => "JPY",
            Self::Cny => "CNY",
            Self::Gbp => "GBP",
            Self::Sgd => "SGD",
        }
    }
}

/// An amount in integer minor units (cents; whole won for KRW).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

/// Where a deal stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OpportunityStage {
    Discovery,
    Proposal,
    Negotiation,
    Won,
    Lost { reason: String },
}

/// A deal with one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opportunity {
    pub id: OpportunityId,
    pub account_id: AccountId,
    /// The lead whose qualification created the deal.
    #[serde(default)]
    pub primary_lead_id: Option<LeadId>,
    pub name: String,
    pub amount: Money,
    pub stage: OpportunityStage,
    #[serde(default)]
    pub expected_close: Option<Date>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub closed_at: Option<OffsetDateTime>,
}
