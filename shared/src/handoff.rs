//! Handing qualified leads to sales at the pace sales can take them: working-time SLA
//! clocks and the daily assignment plan.

mod calendar;
mod feedback;
mod planner;

pub use calendar::{KOREAN_PUBLIC_HOLIDAYS_2026, WorkCalendar};
pub use feedback::{FeedbackGrouping, FeedbackRow, UNKNOWN_GROUP, feedback_by};
pub use planner::{
    AssignedBy, Assignment, DayPlan, HandoffPolicy, QueuedLead, RepLoad, WaitReason, Waiting,
    plan_day,
};
