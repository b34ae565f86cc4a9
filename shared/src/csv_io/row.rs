//! One CSV row to the values of a lead: each mapped cell checked by the same code the
//! forms use (e-mail normal form, phones to E.164, whole numbers), a name or an e-mail
//! required, and every problem named with its column so the person can fix the file.

use serde::Serialize;
use thiserror::Error;
use time::OffsetDateTime;

use super::formula::unneutralise;
use super::mapping::{ColumnMapping, ColumnTarget};
use super::values::{country_of, department_of, parse_yes_no};
use crate::forms::{
    CapturedLead, MAX_CUSTOM_VALUE_CHARS, MapsTo, Placed, display_name, natural_kind,
};
use crate::model::{ConsentRecord, Department};
use crate::validation::{Country, ValidationError, validate_email_field, validate_phone_field};

/// What is wrong with a row; each names the column (its header) where it has one.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RowProblem {
    /// The row has fewer cells than the header, or more that are not blank: a
    /// delimiter is missing or stray, and the cells cannot be matched to columns.
    #[error("row has {found} cells where the header has {expected}")]
    CellCount {
        /// Cells in the header.
        expected: usize,
        /// Cells in the row.
        found: usize,
    },
    /// Neither a name (full, given or family) nor an e-mail.
    #[error("row has neither a name nor an e-mail")]
    NoNameOrEmail,
    /// An e-mail or phone that is not one.
    #[error(transparent)]
    Invalid(#[from] ValidationError),
    /// A count that is not a whole number.
    #[error("{column} must be a whole number")]
    NotAWholeNumber {
        /// The column's header.
        column: String,
    },
    /// A consent answer that is neither yes nor no.
    #[error("{column} must be yes or no (Y/N, 동의/미동의)")]
    NotYesOrNo {
        /// The column's header.
        column: String,
    },
    /// A value longer than the field holds.
    #[error("{column} is longer than {max} characters")]
    TooLong {
        /// The column's header.
        column: String,
        /// The field's limit.
        max: usize,
    },
    /// The cell has bytes the file's encoding could not read (now U+FFFD); importing
    /// it would store the damage.
    #[error("{column} has characters that could not be read in the file's encoding")]
    Undecodable {
        /// The column's header.
        column: String,
    },
}

impl RowProblem {
    /// A stable code for the app to translate.
    pub fn code(&self) -> &'static str {
        match self {
            Self::CellCount { .. } => "cell_count",
            Self::NoNameOrEmail => "name_or_email_required",
            Self::Invalid(error) => error.problem.code(),
            Self::NotAWholeNumber { .. } => "not_a_whole_number",
            Self::NotYesOrNo { .. } => "not_yes_or_no",
            Self::TooLong { .. } => "too_long",
            Self::Undecodable { .. } => "undecodable",
        }
    }

    /// The header of the column at fault, if one is.
    pub fn column(&self) -> Option<&str> {
        match self {
            Self::CellCount { .. } | Self::NoNameOrEmail => None,
            Self::Invalid(error) => Some(&error.field),
            Self::NotAWholeNumber { column }
            | Self::NotYesOrNo { column }
            | Self::TooLong { column, .. }
            | Self::Undecodable { column } => Some(column),
        }
    }
}

impl Serialize for RowProblem {
    /// `{ "column", "code", "message" }`, the shape of the other field errors.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("RowProblem", 3)?;
        s.serialize_field("column", &self.column())?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

/// What a row says about its lead, before it has an id.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct RowValues {
    pub lead: CapturedLead,
    pub department: Option<(Department, String)>,
    pub consents: Vec<ConsentRecord>,
}

/// What rows are read with.
pub(super) struct RowContext<'a> {
    pub headers: &'a [String],
    pub mapping: &'a ColumnMapping,
    /// Phones without a country code are read in the row's country, else this one.
    pub default_country: Country,
    /// The file had bytes its encoding could not read.
    pub lossy: bool,
    /// Recorded with each consent answer.
    pub consent_text_version: &'a str,
    pub now: OffsetDateTime,
}

/// Reads one row's cells (see the module doc).
pub(super) fn read_row(
    ctx: &RowContext<'_>,
    cells: &[String],
) -> Result<RowValues, Vec<RowProblem>> {
    let expected = ctx.headers.len();
    let extra_blank = cells
        .get(expected..)
        .is_some_and(|extra| extra.iter().all(|c| c.trim().is_empty()));
    if cells.len() < expected || !extra_blank {
        return Err(vec![RowProblem::CellCount {
            expected,
            found: cells.len(),
        }]);
    }
    let mut problems = Vec::new();
    let mut values = RowValues {
        lead: CapturedLead::default(),
        department: None,
        consents: Vec::new(),
    };
    // The cells worth reading: mapped, not blank, not damaged, not too long.
    let mut mapped = Vec::new();
    // A name or e-mail cell was there but unusable: that problem says it already.
    let mut identity_problem = false;
    for (i, (cell, header)) in cells.iter().zip(ctx.headers).enumerate() {
        let target = ctx.mapping.target(i);
        let value = unneutralise(cell).trim();
        if *target == ColumnTarget::Ignore || value.is_empty() {
            continue;
        }
        if ctx.lossy && value.contains(char::REPLACEMENT_CHARACTER) {
            identity_problem |= target.identifies();
            problems.push(RowProblem::Undecodable {
                column: header.clone(),
            });
            continue;
        }
        let max = max_chars(target);
        if value.chars().count() > max {
            identity_problem |= target.identifies();
            problems.push(RowProblem::TooLong {
                column: header.clone(),
                max,
            });
            continue;
        }
        mapped.push((header, target, value));
    }
    // Phones last: the row's country decides how a number without a country code reads.
    let country = mapped
        .iter()
        .find(|(_, t, _)| **t == ColumnTarget::Field(MapsTo::Country))
        .and_then(|(_, _, v)| country_of(v))
        .unwrap_or(ctx.default_country);
    mapped.sort_by_key(|(_, t, _)| **t == ColumnTarget::Field(MapsTo::Phone));
    for (header, target, value) in mapped {
        if let Err(problem) = read_cell(ctx, &mut values, header, target, value, country) {
            identity_problem |= target.identifies();
            problems.push(problem);
        }
    }
    let lead = &mut values.lead;
    if lead.name.is_none() {
        lead.name = display_name(lead.given_name.as_deref(), lead.family_name.as_deref());
    }
    if lead.name.is_none() && lead.email.is_none() && !identity_problem {
        problems.push(RowProblem::NoNameOrEmail);
    }
    if problems.is_empty() {
        Ok(values)
    } else {
        Err(problems)
    }
}

/// Longest value a target takes: the forms' limit for the same field.
fn max_chars(target: &ColumnTarget) -> usize {
    let max = match target {
        ColumnTarget::Field(MapsTo::Custom { .. }) => return MAX_CUSTOM_VALUE_CHARS,
        ColumnTarget::Field(field) => natural_kind(field).default_max_len(),
        ColumnTarget::Ignore | ColumnTarget::Department | ColumnTarget::Consent { .. } => 200,
    };
    usize::try_from(max).unwrap_or(usize::MAX)
}

fn read_cell(
    ctx: &RowContext<'_>,
    values: &mut RowValues,
    header: &str,
    target: &ColumnTarget,
    value: &str,
    country: Country,
) -> Result<(), RowProblem> {
    let field = match target {
        ColumnTarget::Ignore => return Ok(()),
        ColumnTarget::Department => {
            if values.department.is_none() {
                values.department = Some((department_of(value), value.to_owned()));
            } else {
                keep_as_custom(&mut values.lead, header, value);
            }
            return Ok(());
        }
        ColumnTarget::Consent { purpose } => {
            let granted = parse_yes_no(value).ok_or_else(|| RowProblem::NotYesOrNo {
                column: header.to_owned(),
            })?;
            if values.consents.iter().any(|c| c.purpose == *purpose) {
                keep_as_custom(&mut values.lead, header, value);
            } else {
                values.consents.push(ConsentRecord {
                    purpose: *purpose,
                    granted,
                    text_version: ctx.consent_text_version.to_owned(),
                    at: ctx.now,
                });
            }
            return Ok(());
        }
        ColumnTarget::Field(field) => field,
    };
    let normalised = match field {
        MapsTo::Email => validate_email_field(header, value)?.into_string(),
        MapsTo::Phone => validate_phone_field(header, value, country)?.into_string(),
        _ => value.to_owned(),
    };
    match values.lead.put(field, &normalised) {
        Placed::Stored => Ok(()),
        // A second column for the same place: kept under its header, as forms do.
        Placed::Taken => {
            keep_as_custom(&mut values.lead, header, &normalised);
            Ok(())
        }
        Placed::NotAWholeNumber => Err(RowProblem::NotAWholeNumber {
            column: header.to_owned(),
        }),
    }
}

/// Stores `value` as a custom field under `header`, or under a numbered variant of it
/// when that key is taken: nothing a row says is dropped.
fn keep_as_custom(lead: &mut CapturedLead, header: &str, value: &str) {
    let mut key = header.to_owned();
    let mut n = 2;
    while lead.custom.contains_key(&key) {
        key = format!("{header} ({n})");
        n += 1;
    }
    lead.custom.insert(key, value.to_owned());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv_io::mapping::guess_mapping;
    use time::macros::datetime;

    fn read(headers: &[&str], cells: &[&str]) -> Result<RowValues, Vec<String>> {
        let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        let mapping = guess_mapping(&headers);
        let ctx = RowContext {
            headers: &headers,
            mapping: &mapping,
            default_country: Country::Kr,
            lossy: true,
            consent_text_version: "import",
            now: datetime!(2026-11-24 0:00 UTC),
        };
        let cells: Vec<String> = cells.iter().map(|c| (*c).to_owned()).collect();
        read_row(&ctx, &cells).map_err(|problems| {
            problems
                .iter()
                .map(|p| format!("{}: {p}", p.code()))
                .collect()
        })
    }

    #[test]
    fn values_are_normalised() {
        let row = read(
            &[
                "이름",
                "이메일",
                "휴대폰",
                "직원 수",
                "부서",
                "마케팅 수신 동의",
                "국가",
            ],
            &[
                " 김민수 ",
                "Minsu.Kim@Acme.co.kr",
                "010-1234-5678",
                "1,200",
                "마케팅팀",
                "동의",
                "대한민국",
            ],
        )
        .unwrap();
        assert_eq!(row.lead.name.as_deref(), Some("김민수"));
        assert_eq!(row.lead.email.as_deref(), Some("minsu.kim@acme.co.kr"));
        assert_eq!(row.lead.phone.as_deref(), Some("+821012345678"));
        assert_eq!(row.lead.employee_count, Some(1200));
        assert_eq!(
            row.department,
            Some((Department::Marketing, "마케팅팀".into()))
        );
        assert!(row.consents[0].granted);

        // The row's country reads a phone without a country code.
        let row = read(
            &["Name", "Phone", "Country"],
            &["Jane", "(415) 555-2671", "US"],
        )
        .unwrap();
        assert_eq!(row.lead.phone.as_deref(), Some("+14155552671"));
        // 성 and 이름 make the name; a neutralised phone reads back.
        let row = read(
            &["성", "이름", "전화"],
            &["김", "민수", "'+82 10 1234 5678"],
        )
        .unwrap();
        assert_eq!(row.lead.name.as_deref(), Some("김민수"));
        assert_eq!(row.lead.phone.as_deref(), Some("+821012345678"));
    }

    #[test]
    fn problems_are_named_per_column() {
        let cases: Vec<(&[&str], &[&str], Vec<&str>)> = vec![
            (
                &["이름", "이메일", "휴대폰"],
                &["김민수", "kim@acme", "010-12"],
                vec![
                    "invalid_email: 이메일 has an invalid domain after the @ (for example acme.co.kr)",
                    "invalid_phone: 휴대폰 has only 5 digits",
                ],
            ),
            (
                &["이름", "메모"],
                &["", "no name"],
                vec!["name_or_email_required: row has neither a name nor an e-mail"],
            ),
            (
                &["이름", "회사"],
                &["김민수", "에이크미", "LG"],
                vec!["cell_count: row has 3 cells where the header has 2"],
            ),
            (
                &["이름", "회사", "메모"],
                &["김민수", "에이크미"],
                vec!["cell_count: row has 2 cells where the header has 3"],
            ),
            (
                &["이름", "Employees"],
                &["김민수", "51-200"],
                vec!["not_a_whole_number: Employees must be a whole number"],
            ),
            (
                &["이름", "Marketing Consent"],
                &["김민수", "maybe"],
                vec!["not_yes_or_no: Marketing Consent must be yes or no (Y/N, 동의/미동의)"],
            ),
            (
                &["이름", "회사"],
                &["김\u{FFFD}수", "에이크미"],
                vec![
                    "undecodable: 이름 has characters that could not be read in the file's encoding",
                ],
            ),
        ];
        for (headers, cells, expected) in cases {
            assert_eq!(read(headers, cells).unwrap_err(), expected, "{cells:?}");
        }
        let long = "가".repeat(201);
        assert_eq!(
            read(&["이름", "회사"], &["김민수", &long]).unwrap_err(),
            vec!["too_long: 회사 is longer than 200 characters"]
        );
        // Trailing blank cells (a spreadsheet's stray commas) are fine.
        assert!(read(&["이름"], &["김민수", "", " "]).is_ok());
    }

    #[test]
    fn second_columns_for_one_place_are_kept() {
        let headers = ["이메일", "이름"];
        let headers: Vec<String> = headers.iter().map(|h| (*h).to_owned()).collect();
        let mut mapping = guess_mapping(&headers);
        mapping.set(1, ColumnTarget::Field(MapsTo::Email)).unwrap();
        let ctx = RowContext {
            headers: &headers,
            mapping: &mapping,
            default_country: Country::Kr,
            lossy: false,
            consent_text_version: "import",
            now: datetime!(2026-11-24 0:00 UTC),
        };
        let row = read_row(&ctx, &["a@acme.co.kr".into(), "B@Acme.co.kr".into()]).unwrap();
        assert_eq!(row.lead.email.as_deref(), Some("a@acme.co.kr"));
        assert_eq!(row.lead.custom["이름"], "b@acme.co.kr");
    }
}
