//! What the funnel dashboard and the attribution & predictive views read, cut from the
//! local history: the report window (the last N weeks in the team's zone), the funnel
//! of that window with its conversions, step times, weekly flow and capture cohorts,
//! sales' answers per source/campaign/persona, credit for conversions when no deal is
//! recorded, and the training set of the win-probability model. The lifecycle,
//! attribution, handoff and predictive modules decide; this one only chooses their
//! inputs, so the app renders without deciding anything.

mod conversions;
mod dashboard;
mod feedback;
mod training;
mod window;

pub use conversions::{
    CREDIT_UNITS, Conversion, ConversionCredits, conversions_to, credit_conversions, shares,
};
pub use dashboard::{
    FunnelDashboard, TIME_BUCKET_EDGES, TIME_BUCKETS, funnel_dashboard, step_times,
};
pub use feedback::{feedback_in_window, handoffs_of};
pub use training::{TrainingSet, WIN_LEVEL, win_percent};
pub use window::{InsightError, MAX_WEEKS, ReportWindow};
