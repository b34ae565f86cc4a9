//! Settings: the workspace, its members and invitations, how leads are handed to sales (stages, SLA, reject reasons,
//! calendar, reps), webhook endpoints with their delivery log, and API tokens. Each
//! section is its own component with its own anchor.

mod calendar;
pub mod draft;
mod fetched;
mod handoff_form;
mod inputs;
mod members;
mod page;
mod reps;
mod secret;
pub mod text;
mod tokens;
mod webhooks;
mod workspace_card;

pub use page::SettingsPage;
