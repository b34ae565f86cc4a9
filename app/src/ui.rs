//! Small pieces the workspace views share: a field's problem shown beside it, a copy
//! button for secrets and snippets, and what to say when the worker refuses an action.

mod copy;
mod problem;
pub mod text;
pub mod wire;

pub use copy::CopyButton;
pub use problem::{FieldProblem, problem_at};
pub use text::{UiText, refusal};
pub use wire::{from_wire, wire_name};
