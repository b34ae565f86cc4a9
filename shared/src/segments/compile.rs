//! Checking a filter and turning it into its compiled form, with errors that say where
//! in the tree the problem is.

use std::fmt::Write as _;

use crate::model::{Stage, Tier};

use super::compiled::{CompiledCondition, Node};
use super::{CompiledFilter, Condition, Filter, MAX_DEPTH, MAX_MEMBERS, SegmentError};

/// One step from the root towards a node.
#[derive(Debug, Clone, Copy)]
enum Step {
    All(usize),
    Any(usize),
    Not,
}

/// The path to a node, rendered only when an error needs it.
#[derive(Debug, Default)]
struct Path(Vec<Step>);

impl Path {
    fn render(&self) -> String {
        let mut out = String::from("filter");
        for step in &self.0 {
            // Writing to a String cannot fail.
            let _ = match step {
                Step::All(i) => write!(out, ".all[{i}]"),
                Step::Any(i) => write!(out, ".any[{i}]"),
                Step::Not => write!(out, ".not"),
            };
        }
        out
    }
}

pub(super) fn compile(filter: &Filter) -> Result<CompiledFilter, SegmentError> {
    let mut path = Path::default();
    compile_node(filter, &mut path).map(CompiledFilter::new)
}

fn compile_node(filter: &Filter, path: &mut Path) -> Result<Node, SegmentError> {
    // The root is level 1; a node at level MAX_DEPTH + 1 is too deep.
    if path.0.len() >= MAX_DEPTH {
        return Err(SegmentError::TooDeep {
            at: path.render(),
            max: MAX_DEPTH,
        });
    }
    match filter {
        Filter::All(items) | Filter::Any(items) => {
            let is_all = matches!(filter, Filter::All(_));
            if items.is_empty() {
                return Err(SegmentError::EmptyGroup {
                    at: path.render(),
                    group: if is_all { "all" } else { "any" },
                });
            }
            let mut nodes = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                path.0
                    .push(if is_all { Step::All(i) } else { Step::Any(i) });
                let node = compile_node(item, path);
                path.0.pop();
                nodes.push(node?);
            }
            let nodes = nodes.into_boxed_slice();
            Ok(if is_all {
                Node::All(nodes)
            } else {
                Node::Any(nodes)
            })
        }
        Filter::Not(inner) => {
            path.0.push(Step::Not);
            let node = compile_node(inner, path);
            path.0.pop();
            Ok(Node::Not(Box::new(node?)))
        }
        Filter::Condition(condition) => compile_condition(condition, path).map(Node::Condition),
    }
}

/// Inclusive bounds from optional ones, rejecting "no bounds" and "min above max".
fn bounds<T: Copy + Ord + Into<i64>>(
    min: Option<T>,
    max: Option<T>,
    lowest: T,
    highest: T,
    condition: &'static str,
    path: &Path,
) -> Result<(T, T), SegmentError> {
    match (min, max) {
        (None, None) => Err(SegmentError::Unbounded {
            at: path.render(),
            condition,
        }),
        (Some(min), Some(max)) if min > max => Err(SegmentError::InvertedBounds {
            at: path.render(),
            condition,
            min: min.into(),
            max: max.into(),
        }),
        (min, max) => Ok((min.unwrap_or(lowest), max.unwrap_or(highest))),
    }
}

fn compile_condition(
    condition: &Condition,
    path: &Path,
) -> Result<CompiledCondition, SegmentError> {
    let empty = |condition: &'static str| SegmentError::EmptyList {
        at: path.render(),
        condition,
    };
    match condition {
        Condition::Field(predicate) => {
            predicate
                .compile()
                .map(CompiledCondition::Field)
                .map_err(|source| SegmentError::Predicate {
                    at: path.render(),
                    source,
                })
        }
        Condition::Score { score, min, max } => {
            let (min, max) = bounds(*min, *max, i64::MIN, i64::MAX, "score", path)?;
            Ok(CompiledCondition::Score {
                score: *score,
                min,
                max,
            })
        }
        Condition::Tier { tiers } => {
            if tiers.is_empty() {
                return Err(empty("tier"));
            }
            let mask = tiers.iter().fold(0u8, |mask, t| mask | tier_bit(*t));
            Ok(CompiledCondition::Tier(mask))
        }
        Condition::Persona { personas } => {
            if personas.is_empty() {
                return Err(empty("persona"));
            }
            Ok(CompiledCondition::Persona(
                personas.iter().map(|p| p.as_str().into()).collect(),
            ))
        }
        Condition::Leads { ids } => {
            if ids.is_empty() {
                return Err(empty("leads"));
            }
            if ids.len() > MAX_MEMBERS {
                return Err(SegmentError::TooManyMembers {
                    at: path.render(),
                    max: MAX_MEMBERS,
                });
            }
            let mut ids: Vec<u128> = ids.iter().map(|id| id.0.as_u128()).collect();
            ids.sort_unstable();
            ids.dedup();
            Ok(CompiledCondition::Leads(ids.into_boxed_slice()))
        }
        Condition::Stage { stages } => {
            if stages.is_empty() {
                return Err(empty("stage"));
            }
            let mask = stages.iter().fold(0u16, |mask, s| mask | stage_bit(*s));
            Ok(CompiledCondition::Stage(mask))
        }
        Condition::TouchCount {
            touch,
            within_days,
            min,
            max,
        } => {
            if *within_days == 0 {
                return Err(SegmentError::EmptyWindow { at: path.render() });
            }
            let (min, max) = bounds(*min, *max, 0, u32::MAX, "touch_count", path)?;
            Ok(CompiledCondition::TouchCount {
                touch: *touch,
                window_secs: i64::from(*within_days) * 86_400,
                min,
                max,
            })
        }
        Condition::DaysSinceLastTouch { touch, min, max } => {
            let (min, max) = bounds(*min, *max, 0, u32::MAX, "days_since_last_touch", path)?;
            Ok(CompiledCondition::DaysSinceLastTouch {
                touch: *touch,
                min: i64::from(min),
                max: i64::from(max),
            })
        }
    }
}

/// The bit for `tier` in a tier mask.
pub(super) fn tier_bit(tier: Tier) -> u8 {
    1 << (tier as u8)
}

/// The bit for `stage` in a stage mask (there are fewer than 16 stages).
pub(super) fn stage_bit(stage: Stage) -> u16 {
    1 << (stage as u16)
}

pub(super) fn check_personas(filter: &Filter, known: &[&str]) -> Result<(), SegmentError> {
    let mut path = Path::default();
    check_node(filter, known, &mut path)
}

fn check_node(filter: &Filter, known: &[&str], path: &mut Path) -> Result<(), SegmentError> {
    // Deeper trees are rejected by `compile`; stop here too so this never recurses far.
    if path.0.len() >= MAX_DEPTH {
        return Ok(());
    }
    match filter {
        Filter::All(items) | Filter::Any(items) => {
            let is_all = matches!(filter, Filter::All(_));
            for (i, item) in items.iter().enumerate() {
                path.0
                    .push(if is_all { Step::All(i) } else { Step::Any(i) });
                let checked = check_node(item, known, path);
                path.0.pop();
                checked?;
            }
            Ok(())
        }
        Filter::Not(inner) => {
            path.0.push(Step::Not);
            let checked = check_node(inner, known, path);
            path.0.pop();
            checked
        }
        Filter::Condition(Condition::Persona { personas }) => {
            match personas.iter().find(|p| !known.contains(&p.as_str())) {
                Some(unknown) => Err(SegmentError::UnknownPersona {
                    at: path.render(),
                    persona: unknown.clone(),
                }),
                None => Ok(()),
            }
        }
        Filter::Condition(_) => Ok(()),
    }
}
