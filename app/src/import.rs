//! The CSV import view (`/import`): pick or drop a file (UTF-8 or CP949/EUC-KR), check
//! the column mapping guessed from its headers, choose what rows matching an existing
//! lead do, then import with a progress bar and get a report that accounts for every
//! row. Reading, mapping, validation and dedupe are `shared::csv_io`'s; this view reads
//! the file, wires signals and writes the result through the workspace's local changes.

pub mod cp949;
mod duplicates;
mod file_pick;
mod mapping;
mod page;
mod progress;
mod report;
pub mod run;
pub mod text;

pub use page::ImportPage;
