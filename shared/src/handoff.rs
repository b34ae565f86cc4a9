//! Handing qualified leads to sales at the pace sales can take them: working-time SLA
//! clocks, the daily assignment plan, follow-up cadences, and sales' answers flowing
//! back to marketing.

mod calendar;
mod feedback;
mod followup;
mod planner;

pub use calendar::{KOREAN_PUBLIC_HOLIDAYS_2026, WorkCalendar};
pub use feedback::{FeedbackGrouping, FeedbackRow, UNKNOWN_GROUP, feedback_by};
pub use followup::{CadenceState, CadenceTemplate, FollowUp, due_today, follow_up};
pub use planner::{
    AssignedBy, Assignment, DayPlan, HandoffPolicy, QueuedLead, RepLoad, WaitReason, Waiting,
    plan_day,
};
