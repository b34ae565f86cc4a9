//! The what-if panel's plumbing, kept out of the components so it is tested on its own:
//! the local leads and touches grouped for scoring (once per load), weekly stage
//! snapshots under an edited configuration (once per edit of the rules), and the
//! numbers shown for the thresholds being dragged (on every move).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use leadkit_shared::api::LeadRecord;
use leadkit_shared::engine::{Engine, EngineConfig, EngineError};
use leadkit_shared::handoff::{HandoffSettings, QueuedLead, queued_lead};
use leadkit_shared::model::{Account, Lead, LeadId, Stage, Touch};
use leadkit_shared::whatif::{StageEntries, StageSnapshots, WeekLoad, WhatIfError, next_week_load};
use time::OffsetDateTime;

use super::edit::threshold;

/// Weeks of history the what-if replays.
pub const WEEKS: usize = 12;

/// The most bars the histogram draws.
pub const MAX_BINS: usize = 24;

/// The local leads and their touches, grouped the way scoring reads them.
#[derive(Debug, Clone, Default)]
pub struct WhatIfBase {
    pub leads: Vec<Lead>,
    touches: Vec<Touch>,
    ranges: Vec<Range<usize>>,
    /// Local leads left out for lack of their whole record.
    pub skipped: usize,
}

impl WhatIfBase {
    /// Groups `touches` under the leads of `records` that carry their whole record;
    /// touches of other leads are dropped.
    pub fn new(records: &[LeadRecord], mut touches: Vec<Touch>) -> Self {
        let leads: Vec<Lead> = records
            .iter()
            .filter_map(|r| r.record.as_deref().cloned())
            .collect();
        let position: HashMap<LeadId, usize> =
            leads.iter().enumerate().map(|(i, l)| (l.id, i)).collect();
        touches.retain(|t| position.contains_key(&t.lead_id));
        touches.sort_by_key(|t| position.get(&t.lead_id).copied().unwrap_or(usize::MAX));
        let mut ranges = vec![0..0; leads.len()];
        let mut start = 0;
        while start < touches.len() {
            let lead = position.get(&touches[start].lead_id).copied();
            let end = touches[start..]
                .iter()
                .position(|t| position.get(&t.lead_id).copied() != lead)
                .map_or(touches.len(), |n| start + n);
            if let Some(range) = lead.and_then(|i| ranges.get_mut(i)) {
                *range = start..end;
            }
            start = end;
        }
        Self {
            skipped: records.len() - leads.len(),
            leads,
            touches,
            ranges,
        }
    }

    /// The number of leads replayed.
    pub fn len(&self) -> usize {
        self.leads.len()
    }

    /// Whether there is no lead to replay.
    pub fn is_empty(&self) -> bool {
        self.leads.is_empty()
    }

    /// The touches of lead `i`.
    pub fn touches_of(&self, i: usize) -> &[Touch] {
        self.ranges
            .get(i)
            .and_then(|r| self.touches.get(r.clone()))
            .unwrap_or_default()
    }
}

/// Why the what-if cannot be worked out.
#[derive(Debug, Clone, PartialEq)]
pub enum WhatIfProblem {
    /// The edited configuration does not run: its problem is shown where it lies.
    Invalid(EngineError),
    /// The snapshots could not be built.
    Failed(WhatIfError),
}

/// Snapshots of one base under one configuration.
#[derive(Debug, Clone)]
pub struct WhatIf {
    base: Arc<WhatIfBase>,
    snapshots: StageSnapshots,
    /// Each lead's total at `now`.
    totals: Vec<i64>,
    now: OffsetDateTime,
}

/// A histogram of current totals: `counts[i]` leads scored in
/// `[start + i·width, start + (i+1)·width)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    pub start: i64,
    pub width: i64,
    pub counts: Vec<u32>,
}

impl Histogram {
    /// The end of the last bin (exclusive).
    pub fn end(&self) -> i64 {
        self.start + self.width * self.counts.len() as i64
    }
}

/// Everything the panel shows for one set of thresholds.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIfNumbers {
    pub histogram: Histogram,
    /// The slider stage's threshold, drawn over the histogram.
    pub threshold: Option<i64>,
    /// Leads whose current total is at or over it.
    pub at_or_over: u32,
    /// Per defined stage, when leads first meet it.
    pub stages: Vec<StageEntries>,
    /// The week ends replayed, oldest first.
    pub week_ends: Vec<OffsetDateTime>,
    /// The stage that hands leads to sales, and how many entered it last week.
    pub handoff_stage: Stage,
    pub inflow: usize,
    /// Next week's rep load if that many arrive.
    pub week: WeekLoad,
    /// The reps' names, in `week.reps` order.
    pub rep_names: Vec<String>,
}

/// Equal integer bins over `lo..=hi` (with `threshold` inside, so its line shows): the
/// narrowest of 1, 2, 5, 10, 20, 25, 50 … points giving at most `max_bins` bars, aligned
/// to multiples of the width. Returns (start, width, bins).
pub fn bins(lo: i64, hi: i64, threshold: Option<i64>, max_bins: usize) -> (i64, i64, usize) {
    let lo = threshold.map_or(lo, |t| lo.min(t));
    let hi = threshold.map_or(hi, |t| hi.max(t)).max(lo);
    let max_bins = max_bins.max(1) as i64;
    let mut scale = 1i64;
    loop {
        // 25 is a width people expect between 20 and 50.
        let quarter = (scale >= 10).then_some(25 * scale / 10);
        let widths = [Some(scale), Some(2 * scale), quarter, Some(5 * scale)];
        for width in widths.into_iter().flatten() {
            let start = lo.div_euclid(width) * width;
            let count = (hi - start).div_euclid(width) + 1;
            if count <= max_bins {
                return (start, width, count as usize);
            }
        }
        scale = scale.saturating_mul(10);
    }
}

impl WhatIf {
    /// Replays `base` under `config` over the [`WEEKS`] weeks up to `now`.
    pub fn build(
        base: Arc<WhatIfBase>,
        config: &EngineConfig,
        now: OffsetDateTime,
    ) -> Result<Self, WhatIfProblem> {
        let engine = Engine::new(config.clone()).map_err(WhatIfProblem::Invalid)?;
        // The app keeps no accounts yet: company fields read what the lead typed.
        let accounts: Vec<Option<&Account>> = vec![None; base.leads.len()];
        let snapshots = StageSnapshots::build(
            &engine,
            &base.leads,
            &accounts,
            &base.touches,
            &base.ranges,
            now,
            WEEKS,
        )
        .map_err(WhatIfProblem::Failed)?;
        let totals = snapshots.scores().current().collect();
        Ok(Self {
            base,
            snapshots,
            totals,
            now,
        })
    }

    /// Whether `config` differs from the one replayed only in stage thresholds, so
    /// [`Self::numbers`] answers for it without a rebuild.
    pub fn is_current_for(&self, config: &EngineConfig) -> bool {
        self.snapshots.is_current_for(config)
    }

    /// The base replayed.
    pub fn base(&self) -> &Arc<WhatIfBase> {
        &self.base
    }

    /// The numbers for `config`'s thresholds, with `slider` the stage drawn over the
    /// histogram, and the reps of `settings` taking last week's entrants of its handoff
    /// stage next week.
    pub fn numbers(
        &self,
        config: &EngineConfig,
        slider: Stage,
        settings: &HandoffSettings,
    ) -> WhatIfNumbers {
        let scores = self.snapshots.scores();
        let slider_threshold = threshold(config, slider);
        let (lo, hi) = scores.current_range().unwrap_or((0, 0));
        let (start, width, count) = bins(lo.min(0), hi, slider_threshold, MAX_BINS);
        let histogram = Histogram {
            start,
            width,
            counts: scores.histogram(start, start + width * count as i64, count),
        };
        let at_or_over = slider_threshold.map_or(0, |t| {
            self.totals.iter().filter(|total| **total >= t).count() as u32
        });
        let handoff_stage = settings.handoff_stage;
        let entrants = self
            .snapshots
            .latest_entrants(handoff_stage, threshold(config, handoff_stage));
        let inflow: Vec<QueuedLead> = entrants
            .iter()
            .filter_map(|i| {
                let lead = self.base.leads.get(*i)?;
                Some(queued_lead(
                    lead,
                    self.totals.get(*i).copied().unwrap_or(0),
                    self.now,
                ))
            })
            .collect();
        let week = next_week_load(settings, &inflow, self.now);
        let rep_names = week
            .reps
            .iter()
            .map(|r| {
                settings
                    .reps
                    .iter()
                    .find(|rep| rep.id == r.rep_id)
                    .map(|rep| rep.name.clone())
                    .unwrap_or_default()
            })
            .collect();
        WhatIfNumbers {
            rep_names,
            histogram,
            threshold: slider_threshold,
            at_or_over,
            stages: self.snapshots.entries(&config.lifecycle),
            week_ends: scores.week_ends.clone(),
            handoff_stage,
            inflow: inflow.len(),
            week,
        }
    }
}
