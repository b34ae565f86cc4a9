//! The import itself: rows to leads in chunks, so the app can show progress and stay
//! responsive, each row ending up in exactly one of three lists — imported, rejected
//! with its reasons, or a duplicate with the leads it matches (existing ones or an
//! earlier row of the same file). Whether to skip or merge a duplicate is the caller's
//! choice; nothing here stores anything.

use std::collections::HashMap;

use serde::Serialize;
use time::OffsetDateTime;

use super::mapping::{ColumnMapping, MappingError};
use super::parse::Table;
use super::row::{RowContext, RowProblem, RowValues, read_row};
use crate::identity::{AccountIndex, DedupeIndex, DuplicateMatch, match_account};
use crate::model::{Account, CustomValue, EntryPath, Lead, LeadId, WorkspaceId};
use crate::validation::Country;

/// Rows an [`Importer`] step takes by default: small enough that a step stays well
/// under a frame's budget in the browser.
pub const DEFAULT_CHUNK_ROWS: usize = 500;

/// Settings of one import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// The workspace the leads go to.
    pub workspace_id: WorkspaceId,
    /// When the import runs: the leads' creation time and their consents' time.
    pub now: OffsetDateTime,
    /// Phones without a country code are read in the row's country, else this one.
    pub default_country: Country,
    /// Recorded with each consent answer read from the file, to tell which notice the
    /// people agreed to (e.g. `csv-import-2026-11`).
    pub consent_text_version: String,
    /// Source label for rows that name none (e.g. `kotra-fair-2026`).
    pub default_source: Option<String>,
}

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedRow {
    /// The line it starts on.
    pub line: u64,
    /// Every problem found.
    pub problems: Vec<RowProblem>,
    /// The cells as read, for the report the person downloads and fixes.
    pub raw: Vec<String>,
}

/// A lead that a row's lead looks like.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowMatch {
    /// The matched lead, why, and whether it may be merged without asking.
    #[serde(flatten)]
    pub matched: DuplicateMatch,
    /// The line of this file the matched lead came from, when it is an earlier row
    /// rather than an existing lead.
    pub file_line: Option<u64>,
}

/// A valid row whose lead looks like one already there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicateRow {
    /// The line it starts on.
    pub line: u64,
    /// The lead the row describes, ready to store or merge.
    pub lead: Lead,
    /// The leads it matches, existing ones first.
    pub matches: Vec<RowMatch>,
}

/// What an import found. `leads.len() + rejected.len() + duplicates.len()` is the
/// number of data rows in the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    /// New leads (entry path `csv_import`), in file order.
    pub leads: Vec<Lead>,
    /// Rows not imported, with reasons.
    pub rejected: Vec<RejectedRow>,
    /// Rows that look like a lead already there.
    pub duplicates: Vec<DuplicateRow>,
    /// Rows of only blank cells, skipped.
    pub blank_rows: usize,
}

/// How far an import is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Rows read so far.
    pub done: usize,
    /// Rows in the file.
    pub total: usize,
    /// Of those done: imported.
    pub imported: usize,
    /// Of those done: rejected.
    pub rejected: usize,
    /// Of those done: duplicates.
    pub duplicates: usize,
}

impl Progress {
    /// The share done, 0 to 1 (1 for an empty file), for a progress bar.
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

/// An import in progress: call [`Importer::step`] until [`Importer::is_done`], e.g.
/// once per animation frame, then take the report with [`Importer::finish`].
#[derive(Debug, Clone)]
pub struct Importer {
    table: Table,
    mapping: ColumnMapping,
    options: ImportOptions,
    dedupe: DedupeIndex,
    accounts: AccountIndex,
    /// Leads made from this file, by id, with their line.
    file_lines: HashMap<LeadId, u64>,
    next_row: usize,
    report: ImportReport,
}

impl Importer {
    /// Starts an import of `table` into a workspace that holds `existing` leads and
    /// `accounts` (new leads are matched to accounts before dedupe, as on every entry
    /// path). Refuses a mapping that does not fit the file.
    pub fn new(
        table: Table,
        mapping: ColumnMapping,
        options: ImportOptions,
        existing: &[Lead],
        accounts: &[Account],
    ) -> Result<Self, MappingError> {
        mapping.check(&table.headers)?;
        let report = ImportReport {
            blank_rows: table.blank_rows,
            ..ImportReport::default()
        };
        Ok(Self {
            dedupe: DedupeIndex::with_country(existing, options.default_country),
            accounts: AccountIndex::new(accounts),
            file_lines: HashMap::new(),
            next_row: 0,
            table,
            mapping,
            options,
            report,
        })
    }

    /// Reads up to `max_rows` more rows (at least one); `next_id` is called once per
    /// lead made, never for a rejected row.
    pub fn step(&mut self, max_rows: usize, next_id: &mut dyn FnMut() -> LeadId) -> Progress {
        let end = self
            .next_row
            .saturating_add(max_rows.max(1))
            .min(self.table.rows.len());
        let ctx = RowContext {
            headers: &self.table.headers,
            mapping: &self.mapping,
            default_country: self.options.default_country,
            lossy: self.table.decoding.is_lossy(),
            consent_text_version: &self.options.consent_text_version,
            now: self.options.now,
        };
        for row in &self.table.rows[self.next_row..end] {
            match read_row(&ctx, &row.cells) {
                Err(problems) => self.report.rejected.push(RejectedRow {
                    line: row.line,
                    problems,
                    raw: row.cells.clone(),
                }),
                Ok(values) => {
                    let mut lead = into_lead(values, &self.options, next_id());
                    if let Some(found) = match_account(&lead, &self.accounts) {
                        lead.account_id = Some(found.account_id);
                    }
                    // Later rows are checked against this one too, whatever the caller
                    // decides for it.
                    let matches: Vec<RowMatch> = self
                        .dedupe
                        .find_and_insert(&lead)
                        .into_iter()
                        .map(|matched| RowMatch {
                            file_line: self.file_lines.get(&matched.lead_id).copied(),
                            matched,
                        })
                        .collect();
                    self.file_lines.insert(lead.id, row.line);
                    if matches.is_empty() {
                        self.report.leads.push(lead);
                    } else {
                        self.report.duplicates.push(DuplicateRow {
                            line: row.line,
                            lead,
                            matches,
                        });
                    }
                }
            }
        }
        self.next_row = end;
        self.progress()
    }

    /// How far the import is.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.next_row,
            total: self.table.rows.len(),
            imported: self.report.leads.len(),
            rejected: self.report.rejected.len(),
            duplicates: self.report.duplicates.len(),
        }
    }

    /// Whether every row was read.
    pub fn is_done(&self) -> bool {
        self.next_row >= self.table.rows.len()
    }

    /// Reads the rows left and returns the report.
    pub fn finish(mut self, next_id: &mut dyn FnMut() -> LeadId) -> ImportReport {
        while !self.is_done() {
            self.step(DEFAULT_CHUNK_ROWS, next_id);
        }
        self.report
    }
}

/// Imports a whole table in one call (see [`Importer`]).
pub fn import_rows(
    table: Table,
    mapping: ColumnMapping,
    options: ImportOptions,
    existing: &[Lead],
    accounts: &[Account],
    next_id: &mut dyn FnMut() -> LeadId,
) -> Result<ImportReport, MappingError> {
    Ok(Importer::new(table, mapping, options, existing, accounts)?.finish(next_id))
}

/// The lead a row describes, through the same conversion forms use.
fn into_lead(values: RowValues, options: &ImportOptions, id: LeadId) -> Lead {
    let RowValues {
        mut lead,
        department,
        consents,
    } = values;
    if lead.source.is_none() {
        lead.source.clone_from(&options.default_source);
    }
    let mut lead = lead.into_lead_via(
        EntryPath::CsvImport,
        id,
        options.workspace_id,
        consents,
        options.now,
    );
    if let Some((department, text)) = department {
        lead.department = Some(department);
        // The words as written, unless they are the stable name itself.
        if text != department.as_str() {
            lead.custom
                .insert("department".to_owned(), CustomValue::Text(text));
        }
    }
    lead
}
