//! Small pieces the workspace views share: an input bound to a draft, a field's problem
//! shown beside it, a copy
//! button for secrets and snippets, a delete button that asks first, and what to say when the worker refuses an action.

mod bind;
mod confirm_delete;
mod copy;
mod problem;
pub mod text;
pub mod wire;

pub use bind::bind;
pub use confirm_delete::ConfirmDelete;
pub use copy::CopyButton;
pub use problem::{FieldProblem, problem_at};
pub use text::{UiText, refusal, refused_fields, settings_refusal};
pub use wire::{from_wire, wire_name};
