//! The fair capture view (`/capture`): a fast form for typing in a visitor's card at a
//! fair or exhibition, with the consents Korean law asks for. It works with no network:
//! a save creates the lead on this device (the lead and its operations in one IndexedDB
//! transaction) and the outbox pushes it when the network returns.

mod edits;
mod field;
mod page;
mod remember;
pub mod text;

pub use edits::capture_edits;
pub use page::CapturePage;
