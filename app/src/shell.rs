//! The signed-in frame around every view: the top bar (workspace, sync status, language,
//! sign-out) and the navigation between views — a side bar on desktop, a bar of large
//! buttons along the bottom on a phone.

mod nav;
mod status;
pub mod text;

pub use nav::Nav;
pub use status::SyncBadge;
