//! A filter ready to evaluate: conditions with their lists turned into bit masks and
//! their text folded, so evaluating 100k leads allocates nothing per lead.

use time::OffsetDateTime;

use crate::facts::LeadContext;
use crate::model::TouchKind;
use crate::predicate::{CompiledPredicate, Scratch};

use super::ScoreKind;
use super::compile::{stage_bit, tier_bit};

/// A node of a compiled filter tree.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    All(Box<[Node]>),
    Any(Box<[Node]>),
    Not(Box<Node>),
    Condition(CompiledCondition),
}

/// A compiled condition; bounds are inclusive, open bounds are the type's extremes.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum CompiledCondition {
    Field(CompiledPredicate),
    Score {
        score: ScoreKind,
        min: i64,
        max: i64,
    },
    Tier(u8),
    Persona(Box<[Box<str>]>),
    Stage(u16),
    /// Lead ids, sorted, for a binary search.
    Leads(Box<[u128]>),
    TouchCount {
        touch: Option<TouchKind>,
        window_secs: i64,
        min: u32,
        max: u32,
    },
    DaysSinceLastTouch {
        touch: Option<TouchKind>,
        min: i64,
        max: i64,
    },
}

/// A checked filter, ready to evaluate (see [`super::Filter::compile`]).
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledFilter {
    root: Node,
}

impl CompiledFilter {
    pub(super) fn new(root: Node) -> Self {
        Self { root }
    }

    /// Whether the lead passes at `now`; `scratch` is reused across calls.
    pub fn matches(
        &self,
        ctx: &LeadContext<'_>,
        now: OffsetDateTime,
        scratch: &mut Scratch,
    ) -> bool {
        let now = now.unix_timestamp();
        eval(&self.root, ctx, now, scratch)
    }

    /// How many of `contexts` pass at `now`.
    pub fn count(&self, contexts: &[LeadContext<'_>], now: OffsetDateTime) -> usize {
        let now = now.unix_timestamp();
        let mut scratch = Scratch::new();
        contexts
            .iter()
            .filter(|ctx| eval(&self.root, ctx, now, &mut scratch))
            .count()
    }

    /// The positions in `contexts` of the leads that pass at `now`, in order.
    pub fn select(&self, contexts: &[LeadContext<'_>], now: OffsetDateTime) -> Vec<usize> {
        let now = now.unix_timestamp();
        let mut scratch = Scratch::new();
        contexts
            .iter()
            .enumerate()
            .filter(|(_, ctx)| eval(&self.root, ctx, now, &mut scratch))
            .map(|(i, _)| i)
            .collect()
    }
}

/// Evaluates `node`; `now` is in Unix seconds. Recursion depth is bounded by
/// [`super::MAX_DEPTH`], checked at compile time.
fn eval(node: &Node, ctx: &LeadContext<'_>, now: i64, scratch: &mut Scratch) -> bool {
    match node {
        Node::All(items) => items.iter().all(|n| eval(n, ctx, now, scratch)),
        Node::Any(items) => items.iter().any(|n| eval(n, ctx, now, scratch)),
        Node::Not(inner) => !eval(inner, ctx, now, scratch),
        Node::Condition(condition) => test(condition, ctx, now, scratch),
    }
}

fn test(
    condition: &CompiledCondition,
    ctx: &LeadContext<'_>,
    now: i64,
    scratch: &mut Scratch,
) -> bool {
    match condition {
        CompiledCondition::Field(predicate) => predicate.matches(ctx.lead, ctx.account, scratch),
        CompiledCondition::Score { score, min, max } => {
            let value = match score {
                ScoreKind::Fit => ctx.scores.fit,
                ScoreKind::Engagement => ctx.scores.engagement,
                ScoreKind::Total => ctx.scores.total,
            };
            *min <= value && value <= *max
        }
        CompiledCondition::Tier(mask) => ctx.scores.tier.is_some_and(|t| mask & tier_bit(t) != 0),
        CompiledCondition::Persona(names) => ctx
            .scores
            .persona
            .as_deref()
            .is_some_and(|p| names.iter().any(|n| &**n == p)),
        CompiledCondition::Stage(mask) => mask & stage_bit(ctx.lead.stage) != 0,
        CompiledCondition::Leads(ids) => ids.binary_search(&ctx.lead.id.0.as_u128()).is_ok(),
        CompiledCondition::TouchCount {
            touch,
            window_secs,
            min,
            max,
        } => {
            let start = now.saturating_sub(*window_secs);
            let mut count = 0u32;
            for t in ctx.touches {
                if touch.is_none_or(|k| k == t.kind) {
                    let at = t.at.unix_timestamp();
                    if start <= at && at <= now {
                        count = count.saturating_add(1);
                    }
                }
            }
            *min <= count && count <= *max
        }
        CompiledCondition::DaysSinceLastTouch { touch, min, max } => {
            let last = ctx
                .touches
                .iter()
                .filter(|t| touch.is_none_or(|k| k == t.kind))
                .map(|t| t.at.unix_timestamp())
                .filter(|at| *at <= now)
                .max();
            match last {
                // Whole days, rounded down: a touch 36 hours ago was 1 day ago.
                Some(last) => {
                    let days = now.saturating_sub(last) / 86_400;
                    *min <= days && days <= *max
                }
                None => false,
            }
        }
    }
}
