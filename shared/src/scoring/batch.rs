//! Scoring a whole workspace at once over the fixtures' layout (touches grouped per lead,
//! `touch_ranges[i]` the touches of `leads[i]`): directly from the touches, or from
//! [`PreparedLeads`], which matches rules once so that re-scoring as `now` advances is
//! only arithmetic.

use std::ops::Range;

use thiserror::Error;
use time::OffsetDateTime;

use super::compiled::{CompiledModel, Hit, Scratch, accumulate, instant, score_engagement};
use crate::model::{Lead, Touch};

/// Why a batch could not be scored.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BatchError {
    /// `leads`, `ranges` and `out` must have one entry per lead.
    #[error("leads ({leads}), touch_ranges ({ranges}) and out ({out}) differ in length")]
    LengthMismatch {
        leads: usize,
        ranges: usize,
        out: usize,
    },
    /// A lead's touch range is not within the touches.
    #[error("touch_ranges[{lead_index}] ({start}..{end}) is outside the {touches} touches")]
    RangeOutOfBounds {
        lead_index: usize,
        start: usize,
        end: usize,
        touches: usize,
    },
    /// The prepared leads were prepared under another model.
    #[error("leads were prepared under model version {prepared} but scored with version {model}")]
    ModelMismatch { prepared: u32, model: u32 },
}

fn check_lengths(leads: usize, ranges: usize, out: usize) -> Result<(), BatchError> {
    if leads == ranges && ranges == out {
        Ok(())
    } else {
        Err(BatchError::LengthMismatch { leads, ranges, out })
    }
}

fn lead_touches<'a>(
    touches: &'a [Touch],
    ranges: &[Range<usize>],
    lead_index: usize,
) -> Result<&'a [Touch], BatchError> {
    let range = ranges.get(lead_index).cloned().unwrap_or_default();
    touches
        .get(range.clone())
        .ok_or(BatchError::RangeOutOfBounds {
            lead_index,
            start: range.start,
            end: range.end,
            touches: touches.len(),
        })
}

/// Writes the engagement points (see [`score_engagement`]) of every lead at `now` into
/// `out`. One scratch buffer serves the whole batch, so nothing is allocated per lead.
pub fn score_many(
    compiled: &CompiledModel,
    leads: &[Lead],
    touches: &[Touch],
    ranges: &[Range<usize>],
    now: OffsetDateTime,
    out: &mut [i64],
) -> Result<(), BatchError> {
    check_lengths(leads.len(), ranges.len(), out.len())?;
    let mut scratch = Scratch::default();
    for (lead_index, (lead, slot)) in leads.iter().zip(out.iter_mut()).enumerate() {
        let touches = lead_touches(touches, ranges, lead_index)?;
        *slot = score_engagement(compiled, lead, touches, now, &mut scratch);
    }
    Ok(())
}

/// Every lead's rule matches, computed once under one compiled model: profile points and,
/// per lead, its (touch, rule) matches in counting order, in one flat array. Touches are
/// append-only and the model changes rarely, while `now` moves all the time; re-scoring
/// from here skips folding, matching and sorting.
#[derive(Debug, Clone)]
pub struct PreparedLeads {
    version: u32,
    rule_count: usize,
    profile: Vec<i64>,
    /// `hits[starts[i]..starts[i + 1]]` are lead `i`'s.
    starts: Vec<usize>,
    hits: Vec<Hit>,
}

impl PreparedLeads {
    /// Matches every lead's touches (all of them from the reset on: `now` is applied when
    /// scoring) against `compiled`.
    pub fn new(
        compiled: &CompiledModel,
        leads: &[Lead],
        touches: &[Touch],
        ranges: &[Range<usize>],
    ) -> Result<Self, BatchError> {
        check_lengths(leads.len(), ranges.len(), leads.len())?;
        let mut scratch = Scratch::default();
        let mut profile = Vec::with_capacity(leads.len());
        let mut starts = Vec::with_capacity(leads.len() + 1);
        starts.push(0);
        for (lead_index, lead) in leads.iter().enumerate() {
            let touches = lead_touches(touches, ranges, lead_index)?;
            profile.push(compiled.profile_points(lead, &mut scratch));
            // Hits accumulate across leads in the scratch buffer: it becomes the array.
            compiled.collect_hits(touches, None, &mut scratch);
            starts.push(scratch.hits.len());
        }
        Ok(Self {
            version: compiled.version,
            rule_count: compiled.rules.len(),
            profile,
            starts,
            hits: std::mem::take(&mut scratch.hits),
        })
    }

    /// How many leads were prepared.
    pub fn len(&self) -> usize {
        self.profile.len()
    }

    /// Whether no leads were prepared.
    pub fn is_empty(&self) -> bool {
        self.profile.is_empty()
    }
}

/// Writes every prepared lead's engagement points at `now` into `out`: the same numbers
/// as [`score_many`] for the same leads, model and `now`.
pub fn score_prepared(
    compiled: &CompiledModel,
    prepared: &PreparedLeads,
    now: OffsetDateTime,
    out: &mut [i64],
) -> Result<(), BatchError> {
    if prepared.version != compiled.version || prepared.rule_count != compiled.rules.len() {
        return Err(BatchError::ModelMismatch {
            prepared: prepared.version,
            model: compiled.version,
        });
    }
    check_lengths(prepared.len(), prepared.len(), out.len())?;
    let now = instant(now);
    let mut states = Vec::with_capacity(compiled.rules.len());
    for ((slot, profile), bounds) in out
        .iter_mut()
        .zip(&prepared.profile)
        .zip(prepared.starts.windows(2))
    {
        let hits = prepared.hits.get(bounds[0]..bounds[1]).unwrap_or_default();
        *slot = profile + accumulate(&compiled.rules, compiled.rate, hits, now, &mut states);
    }
    Ok(())
}
