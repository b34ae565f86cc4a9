//! Fit tiers: A is the ideal customer, D the poorest fit. Cut-offs are per ICP.

use serde::{Deserialize, Serialize};

/// How well a lead fits the ideal customer profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tier {
    A,
    B,
    C,
    D,
}

impl Tier {
    /// The stable name used in rules and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::A => "A",
            Self::B => "B",
            Self::C => "C",
            Self::D => "D",
        }
    }

    /// The tier with this stable name (the inverse of [`Self::as_str`]).
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::A, Self::B, Self::C, Self::D]
            .into_iter()
            .find(|tier| tier.as_str() == name)
    }
}
