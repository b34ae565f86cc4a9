//! CSV import and export, the pure part: bytes to text in whatever encoding Korean
//! teams' files come in, text to a table, headers to a column mapping the person can
//! correct, rows to leads (validated, matched to accounts, deduplicated against the
//! workspace and the file, every row accounted for), and leads back to a CSV that is
//! safe to open in a spreadsheet. The app reads the file and stores the result.
//!
//! ```text
//! read_table(bytes) → Table ─ guess_mapping(headers) → ColumnMapping (person corrects)
//!                           └ Importer::new(table, mapping, …).step(n) … → ImportReport
//! export_csv(leads, columns, language) → String
//! ```

mod apply;
mod decode;
mod export;
mod formula;
mod headers;
mod import;
mod mapping;
mod parse;
mod row;
mod values;

pub use apply::{
    DuplicateClass, ExistingPolicy, ImportCounts, create_op, duplicate_class, existing_updates,
    new_record, rejected_csv, target_choices,
};
#[cfg(feature = "cp949")]
pub use decode::decode;
pub use decode::{
    Cp949Decoder, Decoded, Decoding, MAX_MALFORMED_LISTED, Malformed, SourceEncoding,
    cp949_from_replaced, decode_with,
};
pub use export::{ExportColumn, default_export_columns, export_csv};
pub use formula::{is_formula_risk, neutralise, unneutralise};
pub use headers::{HeaderLanguage, header_of};
pub use import::{
    DEFAULT_CHUNK_ROWS, DuplicateRow, ImportOptions, ImportReport, Importer, Progress, RejectedRow,
    RowMatch, import_rows,
};
pub use mapping::{ColumnMapping, ColumnTarget, MappedColumn, MappingError, guess_mapping};
#[cfg(feature = "cp949")]
pub use parse::read_table;
pub use parse::{
    DEFAULT_MAX_ROWS, Delimiter, MAX_COLUMNS, ParseError, ParseOptions, Row, Table, parse_table,
    read_table_with, sniff_delimiter,
};
pub use row::RowProblem;

#[cfg(all(test, feature = "cp949"))]
pub(crate) mod tests;
