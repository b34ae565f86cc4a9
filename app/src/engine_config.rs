//! The workspace's engine configuration (ICP personas, scoring model, stage rules) as
//! the ICP and scoring views edit it: the saved version from the worker (kept on this
//! device for offline use), the draft being edited, the problems that keep it from being
//! saved, saving it as a new version, and the version history marketing and sales read
//! to see what they agreed on.

mod api;
mod editor;
mod history;
mod inputs;
mod paths;
mod problems;
mod save;
pub mod text;

pub use api::{ConfigApiError, fetch_history};
pub use editor::{ConfigEditor, LoadState, provide_config_editor, use_config_editor};
pub use history::HistoryPanel;
pub use inputs::{
    EditField, InputProblem, SelectField, join_list, parse_decimal, parse_optional_decimal,
    parse_whole, split_list,
};
pub use paths::{describe_path, show_value};
pub use problems::{Anchor, Part, Problem, ProblemText, RuleList, problem_of};
pub use save::SaveBar;
pub use text::ConfigText;
