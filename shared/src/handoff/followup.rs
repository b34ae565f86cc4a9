//! Follow-up cadences: reaching a prospect takes about 18 attempts, so every handed-off
//! lead carries a schedule of outreach (day 0, 1, 3, 5 …) and the app shows what is
//! due and what is overdue instead of relying on a rep's memory.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use super::calendar::WorkCalendar;
use crate::model::{LeadId, Touch, TouchKind};

/// The days, counted from the handoff, on which each attempt is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadenceTemplate {
    pub name: String,
    /// Ascending day offsets; attempt `k` is due by the end of working day `step_days[k]`.
    pub step_days: Vec<u32>,
}

impl CadenceTemplate {
    /// Eighteen attempts over about three months, dense at first.
    pub fn b2b_default() -> Self {
        Self {
            name: "B2B 18-touch".into(),
            step_days: vec![
                0, 1, 3, 5, 7, 10, 14, 17, 21, 25, 30, 35, 40, 45, 52, 60, 70, 80,
            ],
        }
    }
}

/// Where a lead's cadence stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CadenceState {
    /// An attempt is due at `next_due`.
    Active,
    /// The prospect replied or met the team: the cadence has done its job.
    Engaged,
    /// Every attempt was made without an answer: time to nurture or recycle.
    Exhausted,
}

/// A lead's follow-up status at `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub state: CadenceState,
    /// Outreach touches (calls, e-mails, meetings) made since the handoff.
    pub attempts: u32,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub last_attempt_at: Option<OffsetDateTime>,
    /// When the next attempt is due (only while active).
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub next_due: Option<OffsetDateTime>,
    pub overdue: bool,
}

/// The follow-up status of a lead handed off at `started_at`, from its touches.
pub fn follow_up(
    template: &CadenceTemplate,
    calendar: &WorkCalendar,
    started_at: OffsetDateTime,
    touches: &[Touch],
    now: OffsetDateTime,
) -> FollowUp {
    let since = |t: &&Touch| t.at >= started_at && t.at <= now;
    let engaged = touches
        .iter()
        .filter(since)
        .any(|t| matches!(t.kind, TouchKind::EmailReply | TouchKind::Meeting));
    let outreach: Vec<&Touch> = touches
        .iter()
        .filter(since)
        .filter(|t| t.kind.is_outreach())
        .collect();
    let attempts = outreach.len() as u32;
    let last_attempt_at = outreach.iter().map(|t| t.at).max();
    let state = if engaged {
        CadenceState::Engaged
    } else if outreach.len() >= template.step_days.len() {
        CadenceState::Exhausted
    } else {
        CadenceState::Active
    };
    let next_due = (state == CadenceState::Active).then(|| {
        let day = calendar.local_date(started_at)
            + Duration::days(i64::from(template.step_days[outreach.len()]));
        due_by(calendar, day)
    });
    FollowUp {
        state,
        attempts,
        last_attempt_at,
        next_due,
        overdue: next_due.is_some_and(|due| now > due),
    }
}

/// The end of the first working day on or after `day`.
fn due_by(calendar: &WorkCalendar, mut day: time::Date) -> OffsetDateTime {
    for _ in 0..400 {
        if calendar.is_working_day(day) {
            break;
        }
        day = day.next_day().unwrap_or(day);
    }
    calendar.opening(day)
        + Duration::hours(i64::from(
            calendar
                .day_end_hour
                .saturating_sub(calendar.day_start_hour),
        ))
}

/// Leads whose next attempt is due by the end of `now`'s working day (overdue first,
/// then by due time, then by id): a rep's list for today.
pub fn due_today<'a>(
    follow_ups: impl IntoIterator<Item = (LeadId, &'a FollowUp)>,
    calendar: &WorkCalendar,
    now: OffsetDateTime,
) -> Vec<(LeadId, &'a FollowUp)> {
    let end_of_today = due_by(calendar, calendar.local_date(now));
    let mut due: Vec<(LeadId, &FollowUp)> = follow_ups
        .into_iter()
        .filter(|(_, f)| f.next_due.is_some_and(|d| d <= end_of_today))
        .collect();
    due.sort_by(|a, b| {
        b.1.overdue
            .cmp(&a.1.overdue)
            .then(a.1.next_due.cmp(&b.1.next_due))
            .then(a.0.cmp(&b.0))
    });
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TouchId, Utm};
    use std::collections::BTreeMap;
    use time::macros::datetime;
    use uuid::Uuid;

    fn touch(n: u128, kind: TouchKind, at: OffsetDateTime) -> Touch {
        Touch {
            id: TouchId(Uuid::from_u128(n)),
            lead_id: LeadId(Uuid::from_u128(1)),
            account_id: None,
            kind,
            at,
            metadata: BTreeMap::new(),
            utm: Utm::default(),
        }
    }

    #[test]
    fn attempts_move_the_due_date_along_the_template() {
        let seoul = WorkCalendar::korea_2026();
        let template = CadenceTemplate::b2b_default();
        // Handed off Monday 23 Nov 10:00.
        let start = datetime!(2026-11-23 10:00 +09:00);
        let none = follow_up(
            &template,
            &seoul,
            start,
            &[],
            datetime!(2026-11-23 12:00 +09:00),
        );
        assert_eq!(none.state, CadenceState::Active);
        assert_eq!(none.next_due, Some(datetime!(2026-11-23 18:00 +09:00)));
        assert!(!none.overdue);

        // One call on day 0: attempt 2 is due day 1 (Tuesday) by 18:00.
        let call = touch(1, TouchKind::Call, datetime!(2026-11-23 15:00 +09:00));
        let one = follow_up(
            &template,
            &seoul,
            start,
            std::slice::from_ref(&call),
            datetime!(2026-11-25 09:00 +09:00),
        );
        assert_eq!(one.attempts, 1);
        assert_eq!(one.next_due, Some(datetime!(2026-11-24 18:00 +09:00)));
        assert!(one.overdue);

        // Two attempts: attempt 3 is due day 3 = Thursday 26th.
        let mail = touch(2, TouchKind::EmailSent, datetime!(2026-11-24 11:00 +09:00));
        let two = follow_up(
            &template,
            &seoul,
            start,
            &[call.clone(), mail.clone()],
            datetime!(2026-11-24 12:00 +09:00),
        );
        assert_eq!(two.next_due, Some(datetime!(2026-11-26 18:00 +09:00)));

        // A reply ends the cadence.
        let reply = touch(3, TouchKind::EmailReply, datetime!(2026-11-24 13:00 +09:00));
        let engaged = follow_up(
            &template,
            &seoul,
            start,
            &[call, mail, reply],
            datetime!(2026-11-30 12:00 +09:00),
        );
        assert_eq!(
            (engaged.state, engaged.next_due, engaged.overdue),
            (CadenceState::Engaged, None, false)
        );
    }

    #[test]
    fn due_days_on_holidays_move_to_the_next_working_day_and_cadences_run_out() {
        let seoul = WorkCalendar::korea_2026();
        let template = CadenceTemplate {
            name: "short".into(),
            step_days: vec![0, 2],
        };
        // Handed off Thursday 24 Dec; day 2 is Saturday 26 → due Monday 28.
        let start = datetime!(2026-12-24 10:00 +09:00);
        let call = touch(1, TouchKind::Call, datetime!(2026-12-24 11:00 +09:00));
        let f = follow_up(
            &template,
            &seoul,
            start,
            std::slice::from_ref(&call),
            datetime!(2026-12-24 12:00 +09:00),
        );
        assert_eq!(f.next_due, Some(datetime!(2026-12-28 18:00 +09:00)));
        let second = touch(2, TouchKind::Call, datetime!(2026-12-28 11:00 +09:00));
        let done = follow_up(
            &template,
            &seoul,
            start,
            &[call, second],
            datetime!(2026-12-29 12:00 +09:00),
        );
        assert_eq!(done.state, CadenceState::Exhausted);

        let leads = [
            (LeadId(Uuid::from_u128(7)), f.clone()),
            (LeadId(Uuid::from_u128(8)), done),
        ];
        let today = due_today(
            leads.iter().map(|(id, f)| (*id, f)),
            &seoul,
            datetime!(2026-12-28 09:00 +09:00),
        );
        assert_eq!(today.len(), 1);
        assert_eq!(today[0].0, LeadId(Uuid::from_u128(7)));
    }
}
