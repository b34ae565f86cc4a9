//! The leads view: the whole local lead base in a table that stays smooth at 100k rows,
//! with search, filters, sort, multi-select, export and keyboard navigation.

mod add_to_segment;
mod bulk;
mod demo;
pub mod export;
mod filters;
mod page;
mod segment_filter;
mod table;
pub mod text;

pub use page::LeadsPage;
