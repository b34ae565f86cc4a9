//! Text to a table: the delimiter sniffed from the header line (comma, semicolon as
//! European Excel writes, tab as copied from a spreadsheet), quoted fields with
//! embedded delimiters, quotes and newlines, any line ending. Rows are kept as read —
//! ragged ones included, for the importer to report — and a guard refuses files with
//! more rows than an import should hold in memory.

use serde::{Deserialize, Serialize};
use thiserror::Error;

#[cfg(feature = "cp949")]
use super::decode::decode;
use super::decode::{Cp949Decoder, Decoded, Decoding, decode_with};

/// Most data rows read by default: a large CRM export, still small enough for a
/// browser tab.
pub const DEFAULT_MAX_ROWS: usize = 200_000;
/// Most columns a header may have; more is not a lead list.
pub const MAX_COLUMNS: usize = 500;

/// The character between fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delimiter {
    Comma,
    Semicolon,
    Tab,
}

impl Delimiter {
    const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab];

    /// The delimiter's byte.
    pub fn byte(self) -> u8 {
        match self {
            Self::Comma => b',',
            Self::Semicolon => b';',
            Self::Tab => b'\t',
        }
    }

    fn of(c: char) -> Option<Self> {
        Self::ALL.into_iter().find(|d| char::from(d.byte()) == c)
    }
}

/// How to read a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// The delimiter, or `None` to sniff it.
    pub delimiter: Option<Delimiter>,
    /// Most data rows (blank rows not counted); a file with more is refused whole.
    pub max_rows: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            delimiter: None,
            max_rows: DEFAULT_MAX_ROWS,
        }
    }
}

/// One data row as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The line (1-based) the row starts on, as a spreadsheet would number it.
    pub line: u64,
    /// The cells, untrimmed; as many as the line had, which may differ from the header.
    pub cells: Vec<String>,
}

/// A file read into a header and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The header's cells, trimmed.
    pub headers: Vec<String>,
    /// The data rows with at least one non-blank cell, in file order.
    pub rows: Vec<Row>,
    /// Rows whose every cell was blank (spreadsheets leave them at the end); counted,
    /// not kept.
    pub blank_rows: usize,
    /// The delimiter used.
    pub delimiter: Delimiter,
    /// How the bytes were decoded.
    pub decoding: Decoding,
}

/// Why a file could not be read as a table.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ParseError {
    /// The file has no non-blank line to take as header.
    #[error("the file has no header row")]
    NoHeader,
    /// The header has more columns than any lead list.
    #[error("the header has {found} columns; at most {limit} are read")]
    TooManyColumns {
        /// Columns in the header.
        found: usize,
        /// [`MAX_COLUMNS`].
        limit: usize,
    },
    /// More data rows than the guard allows; nothing is imported, so the file can be
    /// split without wondering which rows made it.
    #[error("the file has more than {limit} rows; split it and import each part")]
    TooManyRows {
        /// The `max_rows` in force.
        limit: usize,
    },
    /// The CSV reader gave up on a record.
    #[error("line {line} could not be read: {message}")]
    Unreadable {
        /// Where.
        line: u64,
        /// The reader's words.
        message: String,
    },
}

/// Decodes `bytes` (see [`decode`]) and reads the table.
#[cfg(feature = "cp949")]
pub fn read_table(bytes: &[u8], options: &ParseOptions) -> Result<Table, ParseError> {
    parse_table(&decode(bytes), options)
}

/// [`read_table`] with the CP949 decoding given by the caller (see
/// [`super::decode_with`]).
pub fn read_table_with(
    bytes: &[u8],
    options: &ParseOptions,
    cp949: Cp949Decoder<'_>,
) -> Result<Table, ParseError> {
    parse_table(&decode_with(bytes, cp949), options)
}

/// Reads decoded text into a table: the first non-blank record is the header.
pub fn parse_table(decoded: &Decoded, options: &ParseOptions) -> Result<Table, ParseError> {
    let (text, line_offset, hinted) = strip_sep_hint(&decoded.text);
    let delimiter = options
        .delimiter
        .or(hinted)
        .unwrap_or_else(|| sniff_delimiter(text));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter.byte())
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::default();
    let mut record = csv::StringRecord::new();
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut blank_rows = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                let at = error
                    .position()
                    .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
                let line = lines.line_at(text, at) + line_offset;
                return Err(ParseError::Unreadable {
                    line,
                    message: error.to_string(),
                });
            }
        }
        let at = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let line = lines.line_at(text, at) + line_offset;
        let blank = record.iter().all(|cell| cell.trim().is_empty());
        match &headers {
            None if blank => {}
            None => {
                if record.len() > MAX_COLUMNS {
                    return Err(ParseError::TooManyColumns {
                        found: record.len(),
                        limit: MAX_COLUMNS,
                    });
                }
                headers = Some(record.iter().map(|h| h.trim().to_owned()).collect());
            }
            Some(_) if blank => blank_rows += 1,
            Some(_) => {
                if rows.len() >= options.max_rows {
                    return Err(ParseError::TooManyRows {
                        limit: options.max_rows,
                    });
                }
                rows.push(Row {
                    line,
                    cells: record.iter().map(str::to_owned).collect(),
                });
            }
        }
    }
    Ok(Table {
        headers: headers.ok_or(ParseError::NoHeader)?,
        rows,
        blank_rows,
        delimiter,
        decoding: decoded.decoding.clone(),
    })
}

/// Numbers lines as a spreadsheet or text editor does (after LF, CRLF or a lone CR),
/// moving forward only, so numbering a whole file costs one pass.
#[derive(Debug, Default)]
struct LineCounter {
    /// Bytes of the text already counted.
    counted: usize,
    /// Line breaks before `counted`.
    breaks: u64,
}

impl LineCounter {
    /// The line (1-based) of the record whose reading started at byte `at`. The CSV
    /// reader may start a record on the line break that ended the one before, so
    /// breaks right at `at` belong before the record.
    fn line_at(&mut self, text: &str, at: usize) -> u64 {
        let bytes = text.as_bytes();
        let mut start = at.min(bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > self.counted {
            let span = &bytes[self.counted..start];
            self.breaks += span
                .iter()
                .enumerate()
                .filter(|&(i, &b)| {
                    b == b'\n' || (b == b'\r' && bytes.get(self.counted + i + 1) != Some(&b'\n'))
                })
                .count() as u64;
            self.counted = start;
        }
        self.breaks + 1
    }
}

/// Excel's `sep=;` first line names the delimiter; it is dropped from the text.
/// Returns the rest, the lines dropped, and the delimiter named.
fn strip_sep_hint(text: &str) -> (&str, u64, Option<Delimiter>) {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let hinted = first
        .trim_end_matches('\r')
        .strip_prefix("sep=")
        .and_then(|d| {
            let mut chars = d.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Delimiter::of(c),
                _ => None,
            }
        });
    match hinted {
        Some(d) => (rest, 1, Some(d)),
        None => (text, 0, None),
    }
}

/// The delimiter that splits the header line most often, outside quotes; a comma when
/// none does (a one-column file) or on a tie.
pub fn sniff_delimiter(text: &str) -> Delimiter {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut seen_text = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            // Blank lines before the header do not end it.
            '\n' | '\r' if !quoted && seen_text => break,
            _ if quoted => {}
            _ => {
                if let Some(d) = Delimiter::of(c) {
                    counts[d as usize] += 1;
                }
                seen_text |= !c.is_whitespace();
            }
        }
    }
    Delimiter::ALL
        .into_iter()
        .rev()
        .max_by_key(|d| counts[*d as usize])
        .filter(|d| counts[*d as usize] > 0)
        .unwrap_or(Delimiter::Comma)
}

#[cfg(all(test, feature = "cp949"))]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        read_table(text.as_bytes(), &ParseOptions::default()).expect(text)
    }

    #[test]
    fn delimiters_are_sniffed_from_the_header() {
        let cases = [
            ("name,email\na,b", Delimiter::Comma),
            ("name;email;phone\na;b;c", Delimiter::Semicolon),
            ("name\temail\na\tb", Delimiter::Tab),
            // Commas inside a quoted header cell do not count.
            ("\"Name, full\";\"E-mail, work\";x\n", Delimiter::Semicolon),
            ("name\n", Delimiter::Comma),
            ("a,b;c\n", Delimiter::Comma),
            ("\n\nname;email\n", Delimiter::Semicolon),
            ("", Delimiter::Comma),
        ];
        for (text, expected) in cases {
            assert_eq!(sniff_delimiter(text), expected, "{text:?}");
        }
        assert_eq!(
            table("sep=;\na,b;c\n1,2;3\n").delimiter,
            Delimiter::Semicolon
        );
        assert_eq!(table("sep=;\na,b;c\n1,2;3\n").rows[0].line, 3);
    }

    #[test]
    fn quoting_line_endings_and_ragged_rows_are_kept() {
        let t = table(
            "이름,회사,메모\r\n\"김, 민수\",\"에이크미 \"\"AI\"\"\",\"두 줄\r\n메모\"\r\n\r\n박지은,삼성\r\n,,\r\n최,LG,a,b\r\n",
        );
        assert_eq!(t.headers, ["이름", "회사", "메모"]);
        let rows: Vec<(u64, Vec<&str>)> = t
            .rows
            .iter()
            .map(|r| (r.line, r.cells.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            rows,
            vec![
                (2, vec!["김, 민수", "에이크미 \"AI\"", "두 줄\r\n메모"]),
                (5, vec!["박지은", "삼성"]),
                (7, vec!["최", "LG", "a", "b"]),
            ]
        );
        assert_eq!(t.blank_rows, 1);
        // Bare CR line endings (old Mac Excel) too.
        assert_eq!(table("a,b\r1,2\r3,4").rows.len(), 2);
    }

    #[test]
    fn guards_refuse_whole_files() {
        let options = ParseOptions {
            max_rows: 2,
            ..ParseOptions::default()
        };
        assert!(read_table(b"h\n1\n2\n", &options).is_ok());
        assert_eq!(
            read_table(b"h\n1\n2\n3\n", &options),
            Err(ParseError::TooManyRows { limit: 2 })
        );
        assert_eq!(read_table(b" \n , \n", &options), Err(ParseError::NoHeader));
        let wide = vec!["c"; MAX_COLUMNS + 1].join(",");
        assert_eq!(
            read_table(wide.as_bytes(), &options),
            Err(ParseError::TooManyColumns {
                found: MAX_COLUMNS + 1,
                limit: MAX_COLUMNS
            })
        );
    }
}
