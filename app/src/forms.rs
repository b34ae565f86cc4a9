//! Capture forms: the list, and an editor for one form's definition — fields, consent
//! items with versioned texts, CTA, thank-you, allowed origins, progressive profiling —
//! with a live preview and the embed snippet to paste into a site.

mod consents_editor;
pub mod edit;
mod editor;
mod fields_editor;
mod inputs;
mod page;
mod presentation_editor;
mod preview;
mod snippet;
pub mod text;

pub use editor::FormEditorPage;
pub use page::FormsPage;
