//! Explainable engagement scoring: points for what a person did (engagement rules over
//! touches) and who they are (profile rules), with caps, decay and a reset, every point
//! traced to a rule and a touch.
//!
//! # Semantics
//! Shared by [`explain`] (the reference, which builds the explanation) and the fast path
//! ([`score_engagement`], [`score_many`], [`PreparedLeads`]), which agree exactly:
//!
//! - **Which touches count**: those at or before `now` and, with a reset, at or after
//!   `reset_at`. Others are ignored (not shown).
//! - **Order**: counted touches are taken in time order, ties broken by touch id, so
//!   caps and frequency limits fall on the same touches every time.
//! - **Matching**: a rule matches a touch of its kind whose metadata meets all its
//!   conditions (texts folded with [`crate::text::fold`]). Every matching rule scores the
//!   touch independently.
//! - **Frequency**: `Once` lets the first matching touch earn, `Repeatable { max_times }`
//!   the first `max_times` touches that earned points (touches cut to 0 by a cap do not
//!   use up a repeat). Further touches earn 0 and are shown as capped.
//! - **Caps**: at most `max_points` (in magnitude, for negative rules too) per calendar
//!   day, ISO week or month in the model's time zone, or in all time. The touch that
//!   reaches the cap earns what is left, so a period gives exactly the cap; it and later
//!   touches in the period are shown as capped.
//! - **Decay**: with a half-life, each touch's positive granted points are multiplied by
//!   `0.5^(age_days / half_life_days)` (age in whole hours from the touch to `now`) and
//!   rounded half away from zero, per touch; the score is the sum of those integers, so
//!   the explanation adds up exactly. Negative points do not decay (see
//!   [`decay_points`] for why): with no new touches a score never increases as `now`
//!   advances.
//! - **Profile rules** give their points once when any of their entries matches; they
//!   do not decay. Engagement = profile points + touch points; total = fit + engagement.
//!
//! # Performance
//! A [`Touch`](crate::model::Touch) is a 216-byte record whose metadata lives in its own
//! heap-allocated map, so scoring straight from touches ([`score_many`]) is bound by
//! memory: 100k leads × 20 touches are 430 MB of records plus a few cache misses per
//! touch for the metadata (about 0.5 s natively on a 2-core machine). [`PreparedLeads`]
//! is the layout for re-scoring: matching, folding and sorting happen once per model (touches are
//! append-only), leaving one flat 24-byte record per (touch, rule) match in counting
//! order, and [`score_prepared`] is then a linear pass of integer arithmetic and one
//! table lookup per positive match (decay factors per hour of age are precomputed with
//! the same deterministic function [`decay_points`] uses): about 18 ms for those leads.

mod batch;
mod compiled;
mod decay;
mod defaults;
mod explain;
mod model;
mod period;
mod rule;

pub use batch::{BatchError, PreparedLeads, score_many, score_prepared};
pub use compiled::{CompiledModel, Scratch, score_engagement};
pub use decay::{DecayRate, decay_points};
pub use explain::{EventLine, LeadScore, ProfileLine, RuleLine, ScoreExplanation, explain};
pub use model::{MAX_RULES, MAX_UTC_OFFSET_MINUTES, ModelError, ScoringModel};
pub use period::bucket;
pub use rule::{
    Cap, EngagementRule, Frequency, MetadataCondition, Period, ProfileCondition, ProfileRule,
};
