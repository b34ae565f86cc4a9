//! Handing qualified leads to sales at the pace sales can take them: working-time SLA
//! clocks, the daily assignment plan, follow-up cadences, and sales' answers flowing
//! back to marketing.

mod calendar;
mod desk;
mod feedback;
mod followup;
mod planner;
mod settings;

pub use calendar::{KOREAN_PUBLIC_HOLIDAYS_2026, WorkCalendar};
pub use desk::{
    AnswerError, Answered, Answerer, HandoffAnswer, MAX_NOTE_CHARS, answer_handoff, load_window,
    plan, queued_lead, sla_breached, waited_too_long,
};
pub use feedback::{FeedbackGrouping, FeedbackRow, UNKNOWN_GROUP, feedback_by};
pub use followup::{CadenceState, CadenceTemplate, FollowUp, due_today, follow_up};
pub use planner::{
    AssignedBy, Assignment, DayPlan, HandoffPolicy, QueuedLead, RepLoad, WaitReason, Waiting,
    plan_day,
};
pub use settings::{HandoffSettings, MAX_ALERT_AFTER_SECS, SettingsError};
