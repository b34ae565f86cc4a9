//! One lead: who they are, where they stand (stage, scores, owner), what they consented
//! to, and everything they did and every stage they passed through, newest first.

mod page;
mod text;
mod timeline;

pub use page::LeadDetailPage;
