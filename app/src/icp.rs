//! The ICP and personas editor: each persona's weighted criteria and tier cut-offs, with
//! a live count of the local leads each tier would hold as the criteria are edited.

pub mod counts;
mod criterion;
pub mod draft;
mod page;
mod persona;
pub mod text;

pub use page::IcpPage;
