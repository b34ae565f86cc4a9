//! A lead's follow-up cadence: the touches so far by kind, the last one, and when the
//! next outreach is due. How often to follow up depends on where the lead stands: a
//! lead with sales is worked daily at first, a marketing-qualified one every few days, a
//! nurtured one monthly, and a customer or a closed-out lead is not chased at all.

use time::OffsetDateTime;

use crate::handoff::{CadenceTemplate, FollowUp, WorkCalendar, follow_up};
use crate::model::{Lead, Stage, Touch, TouchKind};

/// How many touches of one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindCount {
    pub kind: TouchKind,
    pub count: u32,
}

/// A lead's cadence at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cadence {
    /// Touches so far by kind, most frequent first (ties in kind order).
    pub by_kind: Vec<KindCount>,
    /// The latest touch's kind and time.
    pub last_touch: Option<(TouchKind, OffsetDateTime)>,
    /// The cadence the stage calls for; `None` when the stage is not followed up.
    pub template: Option<CadenceTemplate>,
    /// Where the cadence stands (attempts since the stage began, next due); `None`
    /// when the stage is not followed up.
    pub follow_up: Option<FollowUp>,
}

/// The follow-up cadence for a lead in `stage`, counted from when it entered it.
pub fn cadence_template(stage: Stage) -> Option<CadenceTemplate> {
    let template = |name: &str, step_days: &[u32]| CadenceTemplate {
        name: name.to_owned(),
        step_days: step_days.to_vec(),
    };
    match stage {
        Stage::Sql | Stage::Opportunity => Some(CadenceTemplate::b2b_default()),
        Stage::Mql | Stage::Pql => Some(template("MQL", &[0, 2, 5, 9, 14, 21])),
        Stage::Lead | Stage::Subscriber | Stage::Nurture | Stage::Recycled => {
            Some(template("nurture", &[0, 30, 60, 90, 120, 150]))
        }
        Stage::Customer | Stage::Evangelist | Stage::Disqualified => None,
    }
}

/// When `lead` entered its current stage: the latest of `changes` (`(to, at)` pairs,
/// any order) into that stage, else when the lead was created.
pub fn stage_entered_at(lead: &Lead, changes: &[(Stage, OffsetDateTime)]) -> OffsetDateTime {
    changes
        .iter()
        .filter(|(to, _)| *to == lead.stage)
        .map(|(_, at)| *at)
        .max()
        .unwrap_or(lead.created_at)
}

/// The cadence of `lead` with its `touches` at `now`, its stage entered at `entered_at`.
pub fn cadence(
    lead: &Lead,
    touches: &[Touch],
    entered_at: OffsetDateTime,
    calendar: &WorkCalendar,
    now: OffsetDateTime,
) -> Cadence {
    let mut counts = [0u32; TouchKind::ALL.len()];
    for touch in touches.iter().filter(|t| t.at <= now) {
        counts[touch.kind as usize] += 1;
    }
    let mut by_kind: Vec<KindCount> = TouchKind::ALL
        .into_iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(kind, count)| KindCount { kind, count })
        .collect();
    by_kind.sort_by_key(|k| std::cmp::Reverse(k.count));
    let last_touch = touches
        .iter()
        .filter(|t| t.at <= now)
        .max_by_key(|t| (t.at, t.id))
        .map(|t| (t.kind, t.at));
    let template = cadence_template(lead.stage);
    let follow_up = template
        .as_ref()
        .map(|template| follow_up(template, calendar, entered_at, touches, now));
    Cadence {
        by_kind,
        last_touch,
        template,
        follow_up,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handoff::CadenceState;
    use crate::model::{EntryPath, LeadId, TouchId, WorkspaceId};
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
            utm: Default::default(),
        }
    }

    fn lead(stage: Stage) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Form,
            datetime!(2026-11-02 01:00 UTC),
        );
        lead.stage = stage;
        lead
    }

    #[test]
    fn each_stage_has_its_cadence_or_none() {
        let cases = [
            (Stage::Sql, Some(18)),
            (Stage::Mql, Some(6)),
            (Stage::Nurture, Some(6)),
            (Stage::Customer, None),
            (Stage::Disqualified, None),
        ];
        for (stage, steps) in cases {
            assert_eq!(
                cadence_template(stage).map(|t| t.step_days.len()),
                steps,
                "{stage:?}"
            );
        }
    }

    #[test]
    fn counts_last_touch_and_next_due_from_the_stage_start() {
        let calendar = WorkCalendar::korea_2026();
        let mql = lead(Stage::Mql);
        // Entered MQL on Monday 2026-11-16 (10:00 Seoul).
        let changes = [
            (Stage::Lead, datetime!(2026-11-02 01:00 UTC)),
            (Stage::Mql, datetime!(2026-11-16 01:00 UTC)),
        ];
        let entered = stage_entered_at(&mql, &changes);
        assert_eq!(entered, datetime!(2026-11-16 01:00 UTC));
        let touches = [
            touch(1, TouchKind::PageView, datetime!(2026-11-10 01:00 UTC)),
            touch(2, TouchKind::PageView, datetime!(2026-11-12 01:00 UTC)),
            touch(3, TouchKind::Call, datetime!(2026-11-16 02:00 UTC)),
        ];
        let now = datetime!(2026-11-17 01:00 UTC);
        let found = cadence(&mql, &touches, entered, &calendar, now);
        assert_eq!(
            found.by_kind,
            vec![
                KindCount {
                    kind: TouchKind::PageView,
                    count: 2
                },
                KindCount {
                    kind: TouchKind::Call,
                    count: 1
                },
            ]
        );
        assert_eq!(
            found.last_touch,
            Some((TouchKind::Call, datetime!(2026-11-16 02:00 UTC)))
        );
        let follow = found.follow_up.unwrap();
        assert_eq!(follow.state, CadenceState::Active);
        assert_eq!(follow.attempts, 1);
        // The second attempt is due by the end of day 2 (Wednesday 18:00 Seoul).
        assert_eq!(follow.next_due, Some(datetime!(2026-11-18 09:00 UTC)));
        assert!(!follow.overdue);
        let customer = cadence(&lead(Stage::Customer), &touches, entered, &calendar, now);
        assert_eq!(customer.follow_up, None);
    }
}
