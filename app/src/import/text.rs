//! The import view's texts in both languages, including the shared reasons a row or a
//! mapping is refused for.

use leadkit_shared::csv_io::{
    ColumnTarget, Delimiter, HeaderLanguage, MappingError, ParseError, RowProblem, header_of,
};

use crate::i18n::format::number;
use crate::i18n::{Locale, Translate};

/// The header language matching the UI's.
pub fn header_language(locale: Locale) -> HeaderLanguage {
    match locale {
        Locale::Ko => HeaderLanguage::Ko,
        Locale::En => HeaderLanguage::En,
    }
}

/// Every text of the import view.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportText {
    Title,
    Intro,
    ChooseFile,
    DropHint,
    ReadingFile,
    /// The detected encoding's name.
    Encoding(&'static str),
    Delimiter(Delimiter),
    /// Data rows in the file.
    Rows(usize),
    /// Lines with bytes the encoding could not read.
    Undecodable(usize),
    FileRefused(ParseError),
    BrowserRefused,
    MappingTitle,
    MappingHint,
    Column,
    Sample,
    Target,
    /// What a column's values become.
    TargetName(ColumnTarget),
    Mapping(MappingError),
    DuplicatesTitle,
    Skip,
    FillEmpty,
    Overwrite,
    InFileNote,
    Start,
    ChooseAnother,
    /// Rows read of the file's rows.
    ReadingRows(usize, usize),
    /// Operations saved of all to save.
    Saving(usize, usize),
    ProgressLabel,
    ReportTitle,
    DataRows(usize),
    Imported(usize),
    Updated(usize),
    Skipped(usize),
    InFile(usize),
    Rejected(usize),
    Blank(usize),
    RejectedTitle,
    NoneRejected,
    Line,
    Reasons,
    RawRow,
    DownloadRejected,
    /// A row's problem.
    Problem(RowProblem),
    /// Line of the earlier row a duplicate repeats.
    RepeatsLine(u64),
    /// A duplicate row of an existing lead (the row's name).
    MatchesLead(String),
    DuplicatesListTitle,
    SaveFailed(String),
    /// A lead the local store refused, and why.
    Refused(String, String),
    ToLeads,
    ImportAnother,
}

impl Translate for ImportText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        let ko = locale == Ko;
        let n = |v: usize| number(v as i64);
        match (self, locale) {
            (Self::Encoding(name), Ko) => format!("인코딩: {name}"),
            (Self::Encoding(name), En) => format!("Encoding: {name}"),
            (Self::Delimiter(d), _) => {
                let name = match (d, locale) {
                    (Delimiter::Comma, Ko) => "쉼표(,)",
                    (Delimiter::Comma, En) => "comma (,)",
                    (Delimiter::Semicolon, Ko) => "세미콜론(;)",
                    (Delimiter::Semicolon, En) => "semicolon (;)",
                    (Delimiter::Tab, Ko) => "탭",
                    (Delimiter::Tab, En) => "tab",
                };
                if ko {
                    format!("구분자: {name}")
                } else {
                    format!("Delimiter: {name}")
                }
            }
            (Self::Rows(v), Ko) => format!("데이터 행 {}개", n(*v)),
            (Self::Rows(v), En) => format!("{} data rows", n(*v)),
            (Self::Undecodable(v), Ko) => format!(
                "{}개 줄에 파일 인코딩으로 읽을 수 없는 문자가 있습니다. 해당 칸이 있는 행은 거부됩니다.",
                n(*v)
            ),
            (Self::Undecodable(v), En) => format!(
                "{} lines have characters the file's encoding cannot read; rows with such cells are rejected.",
                n(*v)
            ),
            (Self::FileRefused(e), _) => parse_error(e, locale),
            (Self::TargetName(target), _) => target_name(target, locale),
            (Self::Mapping(e), _) => mapping_error(e, locale),
            (Self::ReadingRows(d, t), Ko) => format!("행 {} / {} 읽는 중", n(*d), n(*t)),
            (Self::ReadingRows(d, t), En) => format!("Reading rows: {} of {}", n(*d), n(*t)),
            (Self::Saving(d, t), Ko) => format!("변경 {} / {} 저장 중", n(*d), n(*t)),
            (Self::Saving(d, t), En) => format!("Saving changes: {} of {}", n(*d), n(*t)),
            (Self::DataRows(v), Ko) => format!("데이터 행 {}개", n(*v)),
            (Self::DataRows(v), En) => format!("{} data rows", n(*v)),
            (Self::Imported(v), Ko) => format!("새 리드 {}건", n(*v)),
            (Self::Imported(v), En) => format!("{} new leads", n(*v)),
            (Self::Updated(v), Ko) => format!("기존 리드에 반영 {}건", n(*v)),
            (Self::Updated(v), En) => format!("{} merged into existing leads", n(*v)),
            (Self::Skipped(v), Ko) => format!("중복으로 건너뜀 {}건", n(*v)),
            (Self::Skipped(v), En) => format!("{} skipped as duplicates", n(*v)),
            (Self::InFile(v), Ko) => format!("(그중 파일 안 중복 {}건)", n(*v)),
            (Self::InFile(v), En) => format!("({} of them repeat an earlier row)", n(*v)),
            (Self::Rejected(v), Ko) => format!("거부 {}건", n(*v)),
            (Self::Rejected(v), En) => format!("{} rejected", n(*v)),
            (Self::Blank(v), Ko) => format!("빈 행 {}개는 건너뛰었습니다", n(*v)),
            (Self::Blank(v), En) => format!("{} blank rows left out", n(*v)),
            (Self::Problem(p), _) => row_problem(p, locale),
            (Self::RepeatsLine(line), Ko) => format!("{line}행과 중복"),
            (Self::RepeatsLine(line), En) => format!("repeats line {line}"),
            (Self::MatchesLead(name), Ko) => format!("{name}: 기존 리드와 같은 사람"),
            (Self::MatchesLead(name), En) => format!("{name}: matches an existing lead"),
            (Self::SaveFailed(e), Ko) => format!("이 기기에 저장하지 못했습니다: {e}"),
            (Self::SaveFailed(e), En) => format!("Could not save on this device: {e}"),
            (Self::Refused(name, why), Ko) => format!("{name}: 반영하지 못함 ({why})"),
            (Self::Refused(name, why), En) => format!("{name}: not applied ({why})"),
            (text, _) => fixed(text, locale).to_owned(),
        }
    }
}

/// The texts without values.
fn fixed(text: &ImportText, locale: Locale) -> &'static str {
    use ImportText as T;
    use Locale::{En, Ko};
    match (text, locale) {
        (T::Title, Ko) => "CSV 가져오기",
        (T::Title, En) => "Import CSV",
        (T::Intro, Ko) => {
            "리드 목록 CSV 파일(UTF-8 또는 CP949/EUC-KR)을 가져옵니다. 열을 확인한 뒤 가져오면, 문제가 있는 행은 이유와 함께 보여 드립니다."
        }
        (T::Intro, En) => {
            "Import a CSV list of leads (UTF-8 or CP949/EUC-KR). Check the columns, then import; rows with problems are listed with the reason."
        }
        (T::ChooseFile, Ko) => "CSV 파일 선택",
        (T::ChooseFile, En) => "Choose a CSV file",
        (T::DropHint, Ko) => "또는 파일을 여기에 끌어다 놓으세요",
        (T::DropHint, En) => "or drop the file here",
        (T::ReadingFile, Ko) => "파일 읽는 중…",
        (T::ReadingFile, En) => "Reading the file…",
        (T::BrowserRefused, Ko) => "브라우저가 파일을 읽지 못했습니다. 다시 선택해 주세요.",
        (T::BrowserRefused, En) => "The browser could not read the file; choose it again.",
        (T::MappingTitle, Ko) => "열 연결",
        (T::MappingTitle, En) => "Column mapping",
        (T::MappingHint, Ko) => "열 이름으로 추정했습니다. 다르면 고쳐 주세요.",
        (T::MappingHint, En) => "Guessed from the headers; correct any that are wrong.",
        (T::Column, Ko) => "열",
        (T::Column, En) => "Column",
        (T::Sample, Ko) => "예시 값",
        (T::Sample, En) => "Sample values",
        (T::Target, Ko) => "가져올 항목",
        (T::Target, En) => "Import as",
        (T::DuplicatesTitle, Ko) => "기존 리드와 같은 행",
        (T::DuplicatesTitle, En) => "Rows matching an existing lead",
        (T::Skip, Ko) => "건너뛰기",
        (T::Skip, En) => "Skip them",
        (T::FillEmpty, Ko) => "기존 리드의 빈 항목만 채우기",
        (T::FillEmpty, En) => "Fill the existing lead's empty fields",
        (T::Overwrite, Ko) => "기존 리드의 항목을 덮어쓰기",
        (T::Overwrite, En) => "Overwrite the existing lead's fields",
        (T::InFileNote, Ko) => "파일 안에서 앞 행과 같은 사람인 행은 건너뛰고 보고합니다.",
        (T::InFileNote, En) => {
            "Rows repeating an earlier row of the file are skipped and reported."
        }
        (T::Start, Ko) => "가져오기",
        (T::Start, En) => "Import",
        (T::ChooseAnother, Ko) => "다른 파일 선택",
        (T::ChooseAnother, En) => "Choose another file",
        (T::ProgressLabel, Ko) => "가져오기 진행률",
        (T::ProgressLabel, En) => "Import progress",
        (T::ReportTitle, Ko) => "가져오기 결과",
        (T::ReportTitle, En) => "Import report",
        (T::RejectedTitle, Ko) => "거부된 행",
        (T::RejectedTitle, En) => "Rejected rows",
        (T::NoneRejected, Ko) => "거부된 행이 없습니다.",
        (T::NoneRejected, En) => "No row was rejected.",
        (T::Line, Ko) => "줄",
        (T::Line, En) => "Line",
        (T::Reasons, Ko) => "이유",
        (T::Reasons, En) => "Reasons",
        (T::RawRow, Ko) => "원래 행",
        (T::RawRow, En) => "Row as read",
        (T::DownloadRejected, Ko) => "거부된 행 CSV 내려받기",
        (T::DownloadRejected, En) => "Download rejected rows as CSV",
        (T::DuplicatesListTitle, Ko) => "중복 행",
        (T::DuplicatesListTitle, En) => "Duplicate rows",
        (T::ToLeads, Ko) => "리드 목록 보기",
        (T::ToLeads, En) => "Open the leads",
        (T::ImportAnother, Ko) => "다른 파일 가져오기",
        (T::ImportAnother, En) => "Import another file",
        _ => "",
    }
}

/// A target's name: the header our exports write for it, or a described one.
fn target_name(target: &ColumnTarget, locale: Locale) -> String {
    match (target, locale) {
        (ColumnTarget::Ignore, Locale::Ko) => "가져오지 않음".into(),
        (ColumnTarget::Ignore, Locale::En) => "Don't import".into(),
        (ColumnTarget::Field(leadkit_shared::forms::MapsTo::Custom { key }), Locale::Ko) => {
            format!("사용자 필드 “{key}”")
        }
        (ColumnTarget::Field(leadkit_shared::forms::MapsTo::Custom { key }), Locale::En) => {
            format!("Custom field “{key}”")
        }
        _ => header_of(target, header_language(locale)).into_owned(),
    }
}

fn parse_error(error: &ParseError, locale: Locale) -> String {
    let ko = locale == Locale::Ko;
    match error {
        ParseError::NoHeader if ko => "파일에 머리글 행이 없습니다.".into(),
        ParseError::NoHeader => "The file has no header row.".into(),
        ParseError::TooManyColumns { found, limit } if ko => {
            format!("열이 {found}개입니다. 최대 {limit}개까지 읽습니다.")
        }
        ParseError::TooManyColumns { found, limit } => {
            format!("The header has {found} columns; at most {limit} are read.")
        }
        ParseError::TooManyRows { limit } if ko => format!(
            "행이 {}개를 넘습니다. 파일을 나누어 가져오세요.",
            number(*limit as i64)
        ),
        ParseError::TooManyRows { limit } => format!(
            "The file has more than {} rows; split it and import each part.",
            number(*limit as i64)
        ),
        ParseError::Unreadable { line, message } if ko => {
            format!("{line}번째 줄을 읽을 수 없습니다 ({message}).")
        }
        ParseError::Unreadable { line, message } => {
            format!("Line {line} could not be read ({message}).")
        }
    }
}

fn mapping_error(error: &MappingError, locale: Locale) -> String {
    let ko = locale == Locale::Ko;
    match error {
        MappingError::SameTarget { first, .. } if ko => {
            format!("{first}번째 열과 같은 항목입니다. 하나만 고르세요.")
        }
        MappingError::SameTarget { first, .. } => {
            format!("Column {first} is mapped to the same field; choose one.")
        }
        MappingError::NoNameOrEmail if ko => {
            "이름이나 이메일로 가져올 열이 하나는 있어야 합니다.".into()
        }
        MappingError::NoNameOrEmail => "At least one column must be a name or an e-mail.".into(),
        MappingError::BadCustomKey { .. } if ko => "사용자 필드 이름은 1~64자여야 합니다.".into(),
        MappingError::BadCustomKey { .. } => {
            "A custom field's name must be 1 to 64 characters.".into()
        }
        other if ko => format!("열 연결이 파일과 맞지 않습니다 ({other})."),
        other => format!("The mapping does not fit the file ({other})."),
    }
}

/// A row's problem, naming the column at fault.
fn row_problem(problem: &RowProblem, locale: Locale) -> String {
    let column = problem.column().unwrap_or_default();
    match (problem, locale) {
        (RowProblem::CellCount { expected, found }, Locale::Ko) => {
            format!("칸 수가 {found}개입니다(머리글은 {expected}개). 구분자가 빠졌거나 남습니다.")
        }
        (RowProblem::CellCount { expected, found }, Locale::En) => {
            format!(
                "{found} cells where the header has {expected}: a delimiter is missing or stray."
            )
        }
        (RowProblem::NoNameOrEmail, Locale::Ko) => "이름과 이메일이 모두 없습니다.".into(),
        (RowProblem::NoNameOrEmail, Locale::En) => "Neither a name nor an e-mail.".into(),
        (RowProblem::Invalid(_), Locale::Ko) => match problem.code() {
            "invalid_email" => format!("{column}: 올바른 이메일 주소가 아닙니다."),
            "invalid_phone" => format!("{column}: 올바른 전화번호가 아닙니다."),
            _ => format!("{column}: 올바른 값이 아닙니다."),
        },
        (RowProblem::Invalid(_), Locale::En) => match problem.code() {
            "invalid_email" => format!("{column}: not a valid e-mail address."),
            "invalid_phone" => format!("{column}: not a valid phone number."),
            _ => format!("{column}: not a valid value."),
        },
        (RowProblem::NotAWholeNumber { .. }, Locale::Ko) => format!("{column}: 정수여야 합니다."),
        (RowProblem::NotAWholeNumber { .. }, Locale::En) => {
            format!("{column}: must be a whole number.")
        }
        (RowProblem::NotYesOrNo { .. }, Locale::Ko) => {
            format!("{column}: 예/아니요(Y/N, 동의/미동의)여야 합니다.")
        }
        (RowProblem::NotYesOrNo { .. }, Locale::En) => {
            format!("{column}: must be yes or no (Y/N, 동의/미동의).")
        }
        (RowProblem::TooLong { max, .. }, Locale::Ko) => format!("{column}: {max}자를 넘습니다."),
        (RowProblem::TooLong { max, .. }, Locale::En) => {
            format!("{column}: longer than {max} characters.")
        }
        (RowProblem::Undecodable { .. }, Locale::Ko) => {
            format!("{column}: 파일 인코딩으로 읽을 수 없는 문자가 있습니다.")
        }
        (RowProblem::Undecodable { .. }, Locale::En) => {
            format!("{column}: has characters the file's encoding cannot read.")
        }
    }
}
