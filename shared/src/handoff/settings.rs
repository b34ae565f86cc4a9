//! How a workspace hands leads to sales, as it stores and edits it: which stage hands a
//! lead off, the reps and their capacity, the SLA, how long a lead may wait before
//! someone is alerted, which reject reasons sales may give and where a rejected lead
//! goes. Validated once here so the worker and the app refuse the same mistakes.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::calendar::WorkCalendar;
use crate::model::{RejectReason, Rep, Stage};

/// Longest a lead may be set to wait before an alert: thirty days.
pub const MAX_ALERT_AFTER_SECS: u32 = 30 * 24 * 3600;

/// A workspace's handoff rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoffSettings {
    /// Entering this stage queues a lead for sales (MQL, PQL or SQL).
    pub handoff_stage: Stage,
    /// Where an accepted lead moves (e.g. SQL: sales accepted it as worth working).
    pub accepted_stage: Stage,
    /// First contact is due this many working hours after assignment.
    pub sla_working_hours: u32,
    /// A lead waiting unassigned longer than this raises an alert webhook.
    pub alert_after_secs: u32,
    /// The reasons a rep may pick when rejecting, in the order the app lists them.
    pub reject_reasons: Vec<RejectReason>,
    /// Where a rejected lead goes, per reason: Nurture, Recycled or Disqualified.
    /// Reasons not listed go to Recycled.
    #[serde(default)]
    pub rejected_to: BTreeMap<RejectReason, Stage>,
    pub calendar: WorkCalendar,
    pub reps: Vec<Rep>,
}

impl Default for HandoffSettings {
    /// MQL hands off, accepting makes an SQL, four working hours to first contact, an
    /// alert after a lead waits four hours, Seoul's calendar, no reps yet (every MQL
    /// waits, visibly, until reps are added).
    fn default() -> Self {
        Self {
            handoff_stage: Stage::Mql,
            accepted_stage: Stage::Sql,
            sla_working_hours: 4,
            alert_after_secs: 4 * 3600,
            reject_reasons: vec![
                RejectReason::BadFit,
                RejectReason::NoBudget,
                RejectReason::NoAuthority,
                RejectReason::NoNeed,
                RejectReason::BadTiming,
                RejectReason::BadContactData,
                RejectReason::Duplicate,
                RejectReason::Competitor,
                RejectReason::AlreadyCustomer,
                RejectReason::Student,
                RejectReason::Other,
            ],
            rejected_to: BTreeMap::from([
                (RejectReason::BadTiming, Stage::Nurture),
                (RejectReason::NoBudget, Stage::Nurture),
                (RejectReason::NoNeed, Stage::Nurture),
                (RejectReason::BadFit, Stage::Disqualified),
                (RejectReason::Competitor, Stage::Disqualified),
                (RejectReason::Student, Stage::Disqualified),
                (RejectReason::Duplicate, Stage::Disqualified),
            ]),
            calendar: WorkCalendar::korea_2026(),
            reps: Vec::new(),
        }
    }
}

/// A setting that cannot be used, naming the field as the API reports it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SettingsError {
    /// The handoff stage is not one where marketing hands over.
    #[error("handoff_stage must be mql, pql or sql")]
    HandoffStage,
    /// Accepting must move the lead further up the funnel.
    #[error("accepted_stage must be above the handoff stage in the funnel")]
    AcceptedStage,
    /// A zero or absurd SLA.
    #[error("sla_working_hours must be from 1 to 200")]
    Sla,
    /// A zero or absurd alert time.
    #[error("alert_after_secs must be from 1 to {MAX_ALERT_AFTER_SECS}")]
    AlertAfter,
    /// No reason to reject with, or one listed twice.
    #[error("reject_reasons must list at least one reason, each once")]
    RejectReasons,
    /// A rejected lead may only be parked.
    #[error("rejected_to may only send a lead to nurture, recycled or disqualified")]
    RejectedTo,
    /// Working hours that do not make a day.
    #[error("calendar hours must satisfy 0 <= day_start_hour < day_end_hour <= 24")]
    CalendarHours,
    /// A time zone off the map.
    #[error("calendar.utc_offset_minutes must be within ±14 hours")]
    CalendarOffset,
    /// Weekend days outside 1..=7, or a week without a working day.
    #[error("calendar.weekend_days must be ISO day numbers 1–7 and leave a working day")]
    Weekend,
    /// A rep without a name or e-mail, with a weekly capacity below the daily one, or
    /// listed twice.
    #[error("reps[{index}].{field} {problem}")]
    Rep {
        index: usize,
        field: &'static str,
        problem: &'static str,
    },
}

impl SettingsError {
    /// The field at fault, as a JSON path into the settings.
    pub fn field(&self) -> String {
        match self {
            Self::HandoffStage => "handoff_stage".into(),
            Self::AcceptedStage => "accepted_stage".into(),
            Self::Sla => "sla_working_hours".into(),
            Self::AlertAfter => "alert_after_secs".into(),
            Self::RejectReasons => "reject_reasons".into(),
            Self::RejectedTo => "rejected_to".into(),
            Self::CalendarHours => "calendar.day_start_hour".into(),
            Self::CalendarOffset => "calendar.utc_offset_minutes".into(),
            Self::Weekend => "calendar.weekend_days".into(),
            Self::Rep { index, field, .. } => format!("reps[{index}].{field}"),
        }
    }
}

/// Where a stage stands in the handoff funnel: only these hand over or accept.
fn funnel_rank(stage: Stage) -> Option<u8> {
    match stage {
        Stage::Mql => Some(1),
        Stage::Pql => Some(2),
        Stage::Sql => Some(3),
        Stage::Opportunity => Some(4),
        _ => None,
    }
}

impl HandoffSettings {
    /// Checks every rule; the first problem found is reported.
    pub fn validate(&self) -> Result<(), SettingsError> {
        let handoff = funnel_rank(self.handoff_stage)
            .filter(|r| *r <= 3)
            .ok_or(SettingsError::HandoffStage)?;
        match funnel_rank(self.accepted_stage) {
            Some(accepted) if accepted > handoff => {}
            _ => return Err(SettingsError::AcceptedStage),
        }
        if !(1..=200).contains(&self.sla_working_hours) {
            return Err(SettingsError::Sla);
        }
        if !(1..=MAX_ALERT_AFTER_SECS).contains(&self.alert_after_secs) {
            return Err(SettingsError::AlertAfter);
        }
        let distinct: BTreeSet<_> = self.reject_reasons.iter().collect();
        if self.reject_reasons.is_empty() || distinct.len() != self.reject_reasons.len() {
            return Err(SettingsError::RejectReasons);
        }
        if self
            .rejected_to
            .values()
            .any(|s| !matches!(s, Stage::Nurture | Stage::Recycled | Stage::Disqualified))
        {
            return Err(SettingsError::RejectedTo);
        }
        let c = &self.calendar;
        if c.day_start_hour >= c.day_end_hour || c.day_end_hour > 24 {
            return Err(SettingsError::CalendarHours);
        }
        if c.utc_offset_minutes.abs() > 14 * 60 {
            return Err(SettingsError::CalendarOffset);
        }
        let weekend: BTreeSet<u8> = c.weekend_days.iter().copied().collect();
        if weekend.iter().any(|d| !(1..=7).contains(d)) || weekend.len() >= 7 {
            return Err(SettingsError::Weekend);
        }
        let mut ids = BTreeSet::new();
        let mut emails = BTreeSet::new();
        for (index, rep) in self.reps.iter().enumerate() {
            let problem = |field, problem| SettingsError::Rep {
                index,
                field,
                problem,
            };
            if rep.name.trim().is_empty() {
                return Err(problem("name", "must not be blank"));
            }
            if !rep.email.contains('@') {
                return Err(problem("email", "must be an e-mail address"));
            }
            if rep.capacity_per_week < rep.capacity_per_day {
                return Err(problem(
                    "capacity_per_week",
                    "must be at least capacity_per_day",
                ));
            }
            if !ids.insert(rep.id) {
                return Err(problem("id", "is listed twice"));
            }
            if !emails.insert(crate::text::fold(&rep.email)) {
                return Err(problem("email", "is listed twice"));
            }
        }
        Ok(())
    }

    /// Where a lead rejected for `reason` goes.
    pub fn stage_after_rejection(&self, reason: RejectReason) -> Stage {
        self.rejected_to
            .get(&reason)
            .copied()
            .unwrap_or(Stage::Recycled)
    }

    /// The rep with this e-mail (case and width folded), if any: how a signed-in member
    /// finds their own queue.
    pub fn rep_by_email(&self, email: &str) -> Option<&Rep> {
        let email = crate::text::fold(email);
        self.reps
            .iter()
            .find(|r| crate::text::fold(&r.email) == email)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RepId;
    use uuid::Uuid;

    fn rep(n: u128, email: &str) -> Rep {
        Rep {
            id: RepId(Uuid::from_u128(n)),
            name: format!("Rep {n}"),
            email: email.into(),
            capacity_per_day: 5,
            capacity_per_week: 20,
            territories: Vec::new(),
            segments: Vec::new(),
            active: true,
        }
    }

    #[test]
    fn the_defaults_are_valid_and_send_timing_to_nurture() {
        let settings = HandoffSettings::default();
        settings.validate().unwrap();
        assert_eq!(
            settings.stage_after_rejection(RejectReason::BadTiming),
            Stage::Nurture
        );
        assert_eq!(
            settings.stage_after_rejection(RejectReason::Other),
            Stage::Recycled
        );
        assert_eq!(
            settings.stage_after_rejection(RejectReason::Student),
            Stage::Disqualified
        );
    }

    #[test]
    fn each_mistake_names_its_field() {
        type Edit = fn(&mut HandoffSettings);
        let cases: [(Edit, &str); 11] = [
            (|s| s.handoff_stage = Stage::Lead, "handoff_stage"),
            (|s| s.accepted_stage = Stage::Mql, "accepted_stage"),
            (|s| s.sla_working_hours = 0, "sla_working_hours"),
            (|s| s.alert_after_secs = 0, "alert_after_secs"),
            (|s| s.reject_reasons.clear(), "reject_reasons"),
            (
                |s| {
                    s.rejected_to.insert(RejectReason::Other, Stage::Sql);
                },
                "rejected_to",
            ),
            (|s| s.calendar.day_end_hour = 8, "calendar.day_start_hour"),
            (
                |s| s.calendar.weekend_days = (1..=7).collect(),
                "calendar.weekend_days",
            ),
            (
                |s| s.reps = vec![rep(1, "a@x.kr"), rep(1, "b@x.kr")],
                "reps[1].id",
            ),
            (
                |s| s.reps = vec![rep(1, "a@x.kr"), rep(2, "A@X.kr")],
                "reps[1].email",
            ),
            (
                |s| {
                    let mut r = rep(1, "a@x.kr");
                    r.capacity_per_week = 2;
                    s.reps = vec![r];
                },
                "reps[0].capacity_per_week",
            ),
        ];
        for (edit, field) in cases {
            let mut settings = HandoffSettings::default();
            edit(&mut settings);
            let error = settings.validate().unwrap_err();
            assert_eq!(error.field(), field, "{error}");
        }
    }

    #[test]
    fn reps_are_found_by_e_mail_whatever_the_case() {
        let settings = HandoffSettings {
            reps: vec![rep(1, "Jiwoo@Acme.kr")],
            ..HandoffSettings::default()
        };
        assert_eq!(
            settings.rep_by_email("jiwoo@acme.kr").map(|r| r.id),
            Some(RepId(Uuid::from_u128(1)))
        );
        assert!(settings.rep_by_email("nobody@acme.kr").is_none());
    }
}
