//! The signed-in frame around every view: the top bar (workspace and its switcher, sync
//! status, language, sign-out) and the navigation between views — a side bar on desktop, a bar of large
//! buttons along the bottom on a phone — and the banner offering a new build.

mod nav;
mod status;
mod switcher;
pub mod text;
mod update;

pub use nav::Nav;
pub use status::SyncBadge;
pub use switcher::WorkspaceSwitcher;
pub use update::UpdateBanner;
