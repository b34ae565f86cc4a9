//! The handoff settings as the settings page edits them: numbers as typed (so a
//! half-typed value is not lost or silently changed), lists as comma-separated text,
//! reasons and weekend days as sets. [`SettingsDraft::to_settings`] turns the draft
//! into the `HandoffSettings` the worker validates, naming each input it cannot read
//! by the same path the worker uses (`reps[1].capacity_per_day`).

use std::collections::{BTreeMap, BTreeSet};

use leadkit_shared::capture::{FieldError, FieldErrorCode};
use leadkit_shared::handoff::{HandoffSettings, KOREAN_PUBLIC_HOLIDAYS_2026, WorkCalendar};
use leadkit_shared::model::{RejectReason, Rep, RepId, Stage};
use time::Date;
use time::macros::format_description;

use crate::handoff::text::ALL_REJECT_REASONS;

/// One rep's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepDraft {
    pub id: RepId,
    pub name: String,
    pub email: String,
    pub capacity_per_day: String,
    pub capacity_per_week: String,
    /// Comma-separated.
    pub territories: String,
    /// Comma-separated.
    pub segments: String,
    pub active: bool,
    /// Added in this edit and never saved: may still be removed outright.
    pub new: bool,
}

impl RepDraft {
    /// A new active rep with room for five leads a day, twenty-five a week.
    pub fn new(id: RepId) -> Self {
        Self {
            id,
            name: String::new(),
            email: String::new(),
            capacity_per_day: "5".into(),
            capacity_per_week: "25".into(),
            territories: String::new(),
            segments: String::new(),
            active: true,
            new: true,
        }
    }

    fn of(rep: &Rep) -> Self {
        Self {
            id: rep.id,
            name: rep.name.clone(),
            email: rep.email.clone(),
            capacity_per_day: rep.capacity_per_day.to_string(),
            capacity_per_week: rep.capacity_per_week.to_string(),
            territories: rep.territories.join(", "),
            segments: rep.segments.join(", "),
            active: rep.active,
            new: false,
        }
    }
}

/// The whole handoff settings form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsDraft {
    pub handoff_stage: Stage,
    pub accepted_stage: Stage,
    pub sla_working_hours: String,
    /// The alert time in minutes (stored in seconds).
    pub alert_after_minutes: String,
    /// The reasons offered, in the order [`ALL_REJECT_REASONS`] lists them.
    pub reject_reasons: BTreeSet<RejectReason>,
    /// Where each reason sends a rejected lead; every reason has an entry.
    pub rejected_to: BTreeMap<RejectReason, Stage>,
    pub utc_offset_minutes: i16,
    pub day_start_hour: String,
    pub day_end_hour: String,
    /// ISO day numbers, 1 = Monday.
    pub weekend_days: BTreeSet<u8>,
    /// Sorted, each once.
    pub holidays: Vec<Date>,
    pub reps: Vec<RepDraft>,
}

/// Where a rejected lead may go.
pub const PARKING_STAGES: [Stage; 3] = [Stage::Nurture, Stage::Recycled, Stage::Disqualified];

impl SettingsDraft {
    /// The form filled with `settings`.
    pub fn from_settings(settings: &HandoffSettings) -> Self {
        let calendar = &settings.calendar;
        let mut holidays = calendar.holidays.clone();
        holidays.sort();
        holidays.dedup();
        Self {
            handoff_stage: settings.handoff_stage,
            accepted_stage: settings.accepted_stage,
            sla_working_hours: settings.sla_working_hours.to_string(),
            alert_after_minutes: (settings.alert_after_secs / 60).to_string(),
            reject_reasons: settings.reject_reasons.iter().copied().collect(),
            rejected_to: ALL_REJECT_REASONS
                .into_iter()
                .map(|r| (r, settings.stage_after_rejection(r)))
                .collect(),
            utc_offset_minutes: calendar.utc_offset_minutes,
            day_start_hour: calendar.day_start_hour.to_string(),
            day_end_hour: calendar.day_end_hour.to_string(),
            weekend_days: calendar.weekend_days.iter().copied().collect(),
            holidays,
            reps: settings.reps.iter().map(RepDraft::of).collect(),
        }
    }

    /// Adds a holiday (kept sorted, each once).
    pub fn add_holiday(&mut self, day: Date) {
        if let Err(at) = self.holidays.binary_search(&day) {
            self.holidays.insert(at, day);
        }
    }

    /// Replaces the holidays with Korea's 2026 public holidays.
    pub fn korean_holidays_2026(&mut self) {
        self.holidays = KOREAN_PUBLIC_HOLIDAYS_2026.to_vec();
        self.holidays.sort();
    }

    /// The settings to save, or every input that cannot be read, by path.
    pub fn to_settings(&self) -> Result<HandoffSettings, Vec<FieldError>> {
        let mut problems = Vec::new();
        let sla_working_hours = whole(&self.sla_working_hours, "sla_working_hours", &mut problems);
        let alert_after_secs = whole(&self.alert_after_minutes, "alert_after_secs", &mut problems)
            .and_then(|minutes| {
                let seconds = minutes.checked_mul(60);
                if seconds.is_none() {
                    problems.push(not_a_number("alert_after_secs"));
                }
                seconds
            });
        let day_start_hour = hour(
            &self.day_start_hour,
            "calendar.day_start_hour",
            &mut problems,
        );
        let day_end_hour = hour(&self.day_end_hour, "calendar.day_end_hour", &mut problems);
        let reps: Vec<Option<Rep>> = self
            .reps
            .iter()
            .enumerate()
            .map(|(i, rep)| {
                let day = whole(
                    &rep.capacity_per_day,
                    &format!("reps[{i}].capacity_per_day"),
                    &mut problems,
                );
                let week = whole(
                    &rep.capacity_per_week,
                    &format!("reps[{i}].capacity_per_week"),
                    &mut problems,
                );
                Some(Rep {
                    id: rep.id,
                    name: rep.name.trim().to_owned(),
                    email: rep.email.trim().to_owned(),
                    capacity_per_day: day?,
                    capacity_per_week: week?,
                    territories: list(&rep.territories),
                    segments: list(&rep.segments),
                    active: rep.active,
                })
            })
            .collect();
        let reject_reasons: Vec<RejectReason> = ALL_REJECT_REASONS
            .into_iter()
            .filter(|r| self.reject_reasons.contains(r))
            .collect();
        let rejected_to = reject_reasons
            .iter()
            .map(|r| {
                (
                    *r,
                    self.rejected_to.get(r).copied().unwrap_or(Stage::Recycled),
                )
            })
            .collect();
        match (
            sla_working_hours,
            alert_after_secs,
            day_start_hour,
            day_end_hour,
        ) {
            (
                Some(sla_working_hours),
                Some(alert_after_secs),
                Some(day_start_hour),
                Some(day_end_hour),
            ) if problems.is_empty() => Ok(HandoffSettings {
                handoff_stage: self.handoff_stage,
                accepted_stage: self.accepted_stage,
                sla_working_hours,
                alert_after_secs,
                reject_reasons,
                rejected_to,
                calendar: WorkCalendar {
                    utc_offset_minutes: self.utc_offset_minutes,
                    day_start_hour,
                    day_end_hour,
                    holidays: self.holidays.clone(),
                    weekend_days: self.weekend_days.iter().copied().collect(),
                },
                reps: reps.into_iter().flatten().collect(),
            }),
            _ => Err(problems),
        }
    }
}

fn not_a_number(path: &str) -> FieldError {
    FieldError::new(
        path,
        FieldErrorCode::NotANumber,
        format!("{path} must be a whole number"),
    )
}

/// A whole number as typed, else a problem at `path`.
fn whole(text: &str, path: &str, problems: &mut Vec<FieldError>) -> Option<u32> {
    let value = text.trim().parse().ok();
    if value.is_none() {
        problems.push(not_a_number(path));
    }
    value
}

/// An hour of the day (0 to 24) as typed, else a problem at `path`.
fn hour(text: &str, path: &str, problems: &mut Vec<FieldError>) -> Option<u8> {
    let value = text.trim().parse().ok().filter(|h: &u8| *h <= 24);
    if value.is_none() {
        problems.push(not_a_number(path));
    }
    value
}

/// A comma-separated list, each item trimmed, blanks dropped.
pub fn list(text: &str) -> Vec<String> {
    text.split([',', '、'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A date as `<input type="date">` gives it (`2026-09-25`).
pub fn parse_day(text: &str) -> Option<Date> {
    Date::parse(text.trim(), format_description!("[year]-[month]-[day]")).ok()
}

/// A date as `<input type="date">` takes it.
pub fn day_text(day: Date) -> String {
    day.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

/// `UTC+09:00` for 540 minutes.
pub fn offset_name(minutes: i16) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// The offsets the time zone picker offers: every half hour from UTC−12 to UTC+14, and
/// the workspace's own if it is off that grid (Nepal's +05:45).
pub fn offsets(current: i16) -> Vec<i16> {
    let mut all: Vec<i16> = (-24..=28).map(|half_hours| half_hours * 30).collect();
    if !all.contains(&current) {
        all.push(current);
        all.sort_unstable();
    }
    all
}
