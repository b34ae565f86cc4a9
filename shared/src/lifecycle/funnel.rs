//! Funnel reports from stage history: who stood where at a date, how many moved on to the
//! next level and how fast, and how many entered each stage per week.
//!
//! The funnel is Subscriber → Lead → MQL/PQL → SQL → Opportunity → Customer → Evangelist.
//! MQL and PQL are two doors into one level: marketing-qualified and product-qualified
//! leads both go to sales next, so they share a level. Counts keep them apart (a lead is
//! in MQL *or* PQL), while conversion treats reaching either as reaching the level, and a
//! move between them is no progress.
//!
//! A lead that skips a level (Lead straight to SQL) counts as having passed the skipped
//! levels at the same instant, so downstream conversion never breaks on skips. Levels
//! below the one a lead entered the funnel at are not filled in: a lead imported as an
//! SQL never was a subscriber, and counting it as one would inflate the top of the funnel.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::{Duration, OffsetDateTime, UtcOffset};

use crate::model::{LeadId, Stage, StageChange};

/// A level of the funnel; MQL and PQL share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunnelLevel {
    Subscriber,
    Lead,
    /// Marketing- or product-qualified.
    MqlOrPql,
    Sql,
    Opportunity,
    Customer,
    Evangelist,
}

/// The number of funnel levels.
pub const LEVELS: usize = 7;

impl FunnelLevel {
    /// Every level, bottom first.
    pub const ALL: [FunnelLevel; LEVELS] = [
        FunnelLevel::Subscriber,
        FunnelLevel::Lead,
        FunnelLevel::MqlOrPql,
        FunnelLevel::Sql,
        FunnelLevel::Opportunity,
        FunnelLevel::Customer,
        FunnelLevel::Evangelist,
    ];

    /// The level of `stage`; `None` for the off-funnel stages (nurture, recycled,
    /// disqualified), which say a lead is parked, not how far it got.
    pub fn of(stage: Stage) -> Option<Self> {
        match stage {
            Stage::Subscriber => Some(Self::Subscriber),
            Stage::Lead => Some(Self::Lead),
            Stage::Mql | Stage::Pql => Some(Self::MqlOrPql),
            Stage::Sql => Some(Self::Sql),
            Stage::Opportunity => Some(Self::Opportunity),
            Stage::Customer => Some(Self::Customer),
            Stage::Evangelist => Some(Self::Evangelist),
            Stage::Nurture | Stage::Recycled | Stage::Disqualified => None,
        }
    }

    /// The position in [`FunnelLevel::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Stage changes grouped by lead, each lead's in time order (ties keep input order).
/// Build it once; every report reads it without allocating per lead.
#[derive(Debug, Clone, Default)]
pub struct StageHistory {
    changes: Vec<StageChange>,
    ranges: Vec<Range<usize>>,
}

impl StageHistory {
    /// Groups `changes` (any leads, any order).
    pub fn new(mut changes: Vec<StageChange>) -> Self {
        // Stable: same-instant changes of one lead keep the order they were recorded in.
        changes.sort_by_key(|c| (c.lead_id, c.at));
        let mut ranges = Vec::new();
        let mut start = 0;
        for i in 1..=changes.len() {
            if i == changes.len() || changes[i].lead_id != changes[start].lead_id {
                ranges.push(start..i);
                start = i;
            }
        }
        Self { changes, ranges }
    }

    /// How many leads have history.
    pub fn lead_count(&self) -> usize {
        self.ranges.len()
    }

    /// Each lead's changes, in time order.
    pub fn leads(&self) -> impl Iterator<Item = &[StageChange]> {
        self.ranges.iter().map(|r| &self.changes[r.clone()])
    }

    /// One lead's changes, in time order (empty if none).
    pub fn of_lead(&self, lead: LeadId) -> &[StageChange] {
        match self
            .ranges
            .binary_search_by(|r| self.changes[r.start].lead_id.cmp(&lead))
        {
            Ok(i) => &self.changes[self.ranges[i].clone()],
            Err(_) => &[],
        }
    }
}

/// The stage `lead` was in at `at` according to `history` (changes of any leads, any
/// order): the last change at or before `at`; of changes at the same instant, the one
/// recorded last. `None` if the lead did not exist yet.
pub fn stage_at(history: &[StageChange], lead: LeadId, at: OffsetDateTime) -> Option<Stage> {
    latest_at(history.iter().filter(|c| c.lead_id == lead), at)
}

fn latest_at<'a>(
    changes: impl IntoIterator<Item = &'a StageChange>,
    at: OffsetDateTime,
) -> Option<Stage> {
    let mut best: Option<&StageChange> = None;
    for change in changes {
        if change.at <= at && best.is_none_or(|b| change.at >= b.at) {
            best = Some(change);
        }
    }
    best.map(|c| c.to)
}

/// How many leads stood in each stage at `at`. Every lead that existed then (had a
/// change at or before `at`) is counted exactly once; every stage is present, zeros
/// included, so charts keep their shape.
pub fn counts_at(history: &StageHistory, at: OffsetDateTime) -> BTreeMap<Stage, usize> {
    let mut counts = [0usize; Stage::ALL.len()];
    for lead in history.leads() {
        if let Some(stage) = latest_at(lead, at) {
            counts[stage as usize] += 1;
        }
    }
    Stage::ALL
        .iter()
        .map(|stage| (*stage, counts[*stage as usize]))
        .collect()
}

/// When one lead first reached each funnel level, skipped levels filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Reached {
    /// Indexed by [`FunnelLevel::index`].
    pub at: [Option<OffsetDateTime>; LEVELS],
}

impl Reached {
    /// When `level` was first reached, if ever.
    pub fn level(&self, level: FunnelLevel) -> Option<OffsetDateTime> {
        self.at[level.index()]
    }

    /// The highest level reached.
    pub fn highest(&self) -> Option<FunnelLevel> {
        FunnelLevel::ALL
            .iter()
            .rev()
            .find(|l| self.at[l.index()].is_some())
            .copied()
    }
}

/// The levels one lead reached, from its changes in time order (as [`StageHistory`]
/// gives them). The lead's entry level is the first funnel level it entered; from there
/// up, reaching a level marks every lower level not yet reached as passed at the same
/// instant. Falling back below the entry level later (Recycled → Lead) marks nothing.
pub fn reached(lead_history: &[StageChange]) -> Reached {
    let mut reached = Reached::default();
    let mut entry: Option<usize> = None;
    for change in lead_history {
        let Some(level) = FunnelLevel::of(change.to).map(FunnelLevel::index) else {
            continue;
        };
        let from = *entry.get_or_insert(level);
        if level < from {
            continue;
        }
        for slot in &mut reached.at[from..=level] {
            if slot.is_none() {
                *slot = Some(change.at);
            }
        }
    }
    reached
}

/// Movement from one funnel level to the next.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelConversion {
    /// The level left.
    pub from: FunnelLevel,
    /// The next level up.
    pub to: FunnelLevel,
    /// Leads that reached `from` (in the cohort window, if one was given).
    pub entered: usize,
    /// Of those, leads that reached `to`.
    pub converted: usize,
    /// `converted / entered`; `None` when nobody entered.
    pub rate: Option<f64>,
    /// Median time from `from` to `to` over converted leads (nearest rank). Skips count
    /// as zero: the skipped level was passed at the same instant.
    pub median: Option<Duration>,
    /// 90th percentile of the same times (nearest rank).
    pub p90: Option<Duration>,
}

/// Conversion and time between each pair of consecutive levels. With `cohort`, only
/// leads that reached the lower level within it count (e.g. "MQLs of October").
pub fn conversions(
    history: &StageHistory,
    cohort: Option<Range<OffsetDateTime>>,
) -> Vec<LevelConversion> {
    let mut entered = [0usize; LEVELS];
    let mut converted = [0usize; LEVELS];
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); LEVELS];
    for lead in history.leads() {
        let r = reached(lead);
        for k in 0..LEVELS - 1 {
            let Some(start) = r.at[k] else { continue };
            if cohort.as_ref().is_some_and(|c| !c.contains(&start)) {
                continue;
            }
            entered[k] += 1;
            if let Some(end) = r.at[k + 1] {
                converted[k] += 1;
                times[k].push(end - start);
            }
        }
    }
    (0..LEVELS - 1)
        .map(|k| {
            let samples = &mut times[k];
            samples.sort_unstable();
            LevelConversion {
                from: FunnelLevel::ALL[k],
                to: FunnelLevel::ALL[k + 1],
                entered: entered[k],
                converted: converted[k],
                rate: (entered[k] > 0).then(|| converted[k] as f64 / entered[k] as f64),
                median: nearest_rank(samples, 50),
                p90: nearest_rank(samples, 90),
            }
        })
        .collect()
}

/// The nearest-rank percentile of sorted `samples`: an observed value, never an
/// interpolation, so "median 3 days" is a time some lead actually took.
fn nearest_rank(samples: &[Duration], percent: usize) -> Option<Duration> {
    if samples.is_empty() {
        return None;
    }
    let rank = (samples.len() * percent).div_ceil(100).max(1);
    samples.get(rank - 1).copied()
}

/// An ISO 8601 week (Monday to Sunday) in the workspace's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct IsoWeek {
    /// The ISO week-numbering year (1 January may belong to the previous year's week 53).
    pub year: i32,
    /// 1..=53.
    pub week: u8,
}

/// What happened in one week.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WeekFlow {
    /// Moves into each stage as recorded (creation included), off-funnel stages too.
    pub entries: BTreeMap<Stage, usize>,
    /// Leads first reaching each level, skipped levels included: what funnel charts use.
    pub reached: BTreeMap<FunnelLevel, usize>,
}

/// A report that cannot be cut as asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FunnelError {
    /// The workspace offset is beyond what any time zone uses (±25:59).
    #[error("utc offset of {minutes} minutes is out of range")]
    InvalidOffset {
        /// The offset given.
        minutes: i16,
    },
    /// A change's time cannot be shown in the workspace's zone (a date at the edge of the
    /// representable range).
    #[error("stage change of lead {lead_id} at {at} is out of the representable range")]
    DateOutOfRange {
        /// The lead.
        lead_id: LeadId,
        /// The change's time.
        at: OffsetDateTime,
    },
}

/// Entries into each stage and first reaches of each level, per ISO week, weeks cut in
/// the workspace's zone (`Workspace::utc_offset_minutes`; Seoul is 540, so a move at
/// Sunday 16:00 UTC belongs to Monday's week there).
pub fn weekly_flow(
    history: &StageHistory,
    utc_offset_minutes: i16,
) -> Result<BTreeMap<IsoWeek, WeekFlow>, FunnelError> {
    let offset =
        UtcOffset::from_whole_seconds(i32::from(utc_offset_minutes) * 60).map_err(|_| {
            FunnelError::InvalidOffset {
                minutes: utc_offset_minutes,
            }
        })?;
    let week_of = |lead_id: LeadId, at: OffsetDateTime| {
        let local = at
            .checked_to_offset(offset)
            .ok_or(FunnelError::DateOutOfRange { lead_id, at })?;
        let (year, week, _) = local.to_iso_week_date();
        Ok::<_, FunnelError>(IsoWeek { year, week })
    };
    let mut weeks: BTreeMap<IsoWeek, WeekFlow> = BTreeMap::new();
    for lead in history.leads() {
        for change in lead {
            let week = week_of(change.lead_id, change.at)?;
            *weeks
                .entry(week)
                .or_default()
                .entries
                .entry(change.to)
                .or_default() += 1;
        }
        let Some(first) = lead.first() else { continue };
        let r = reached(lead);
        for level in FunnelLevel::ALL {
            if let Some(at) = r.level(level) {
                let week = week_of(first.lead_id, at)?;
                *weeks
                    .entry(week)
                    .or_default()
                    .reached
                    .entry(level)
                    .or_default() += 1;
            }
        }
    }
    Ok(weeks)
}
