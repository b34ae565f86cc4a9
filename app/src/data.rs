//! The workspace's data on this device: the IndexedDB that is the app's source of truth,
//! the pull that keeps it in step with the worker, and the context every view reads it
//! through.

pub mod api;
pub mod db;
pub mod pull;
pub mod push;
pub mod settings;
mod take_back;
pub mod workspace;

pub use api::ApiError;
pub use db::{LeadStore, StoreError, database_name};
pub use settings::{Read, SaveSettingsError, SettingsDoc, SettingsSaved};
pub use workspace::{SyncStatus, Workspace, provide_workspace, use_workspace};
