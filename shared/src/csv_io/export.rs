//! Leads to a CSV file that opens right in Excel on Korean Windows (UTF-8 with a BOM,
//! CRLF line ends) and cannot run formulas (see `formula`), with headers in Korean or
//! English that the import reads back to the same columns.

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;

use super::formula::neutralise;
use super::headers::{HeaderLanguage, header_of};
use super::mapping::ColumnTarget;
use crate::forms::MapsTo;
use crate::model::{ConsentPurpose, CustomValue, Lead};

/// A column of an export: any field an import can fill, and a few records only read.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum ExportColumn {
    /// The lead's id.
    Id,
    /// The lifecycle stage (`lead`, `mql` …).
    Stage,
    /// How the lead entered (`form`, `csv_import` …).
    EntryPath,
    /// When the lead was created (RFC 3339).
    CreatedAt,
    /// A field an import fills; [`ColumnTarget::Ignore`] writes an empty column.
    #[serde(untagged)]
    Field(ColumnTarget),
}

/// Every field an import can fill, in the order a person reads a lead.
pub fn default_export_columns() -> Vec<ExportColumn> {
    use MapsTo as M;
    let field = |f: MapsTo| ExportColumn::Field(ColumnTarget::Field(f));
    let consent = |purpose| ExportColumn::Field(ColumnTarget::Consent { purpose });
    vec![
        field(M::Name),
        field(M::Email),
        field(M::Phone),
        field(M::Company),
        field(M::Title),
        ExportColumn::Field(ColumnTarget::Department),
        field(M::Country),
        field(M::Region),
        field(M::City),
        field(M::Website),
        field(M::Industry),
        field(M::EmployeeCount),
        field(M::Source),
        field(M::UtmSource),
        field(M::UtmMedium),
        field(M::UtmCampaign),
        field(M::Description),
        consent(ConsentPurpose::PersonalInfoCollection),
        consent(ConsentPurpose::MarketingMessages),
        consent(ConsentPurpose::ThirdPartySharing),
    ]
}

/// The header of `column` in `language`.
fn header(column: &ExportColumn, language: HeaderLanguage) -> String {
    let (ko, en) = match column {
        ExportColumn::Id => ("ID", "ID"),
        ExportColumn::Stage => ("단계", "Stage"),
        ExportColumn::EntryPath => ("유입 방식", "Entry Path"),
        ExportColumn::CreatedAt => ("생성 일시", "Created At"),
        ExportColumn::Field(target) => return header_of(target, language).into_owned(),
    };
    match language {
        HeaderLanguage::Ko => ko,
        HeaderLanguage::En => en,
    }
    .to_owned()
}

/// A custom value as text; whole numbers without a decimal point.
fn custom_text(value: &CustomValue) -> String {
    match value {
        CustomValue::Text(text) => text.clone(),
        CustomValue::Bool(b) => b.to_string(),
        CustomValue::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
        CustomValue::Number(n) => n.to_string(),
    }
}

/// The custom field the forms' conversion keeps `field` under (see
/// `CapturedLead::into_lead`), for fields a lead has no place of its own for.
fn custom_key(field: &MapsTo) -> Option<&str> {
    Some(match field {
        MapsTo::Country => "country",
        MapsTo::Region => "region",
        MapsTo::City => "city",
        MapsTo::PostalCode => "postal_code",
        MapsTo::Website => "website",
        MapsTo::Industry => "industry",
        MapsTo::Description => "description",
        MapsTo::EmployeeCount => "employee_count",
        MapsTo::Custom { key } => key,
        _ => return None,
    })
}

/// The cell of `lead` in `column`, before neutralising.
fn cell(lead: &Lead, column: &ExportColumn) -> String {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let target = match column {
        ExportColumn::Id => return lead.id.to_string(),
        ExportColumn::Stage => return lead.stage.as_str().to_owned(),
        ExportColumn::EntryPath => return lead.entry_path.as_str().to_owned(),
        ExportColumn::CreatedAt => return lead.created_at.format(&Rfc3339).unwrap_or_default(),
        ExportColumn::Field(target) => target,
    };
    let field = match target {
        ColumnTarget::Ignore => return String::new(),
        ColumnTarget::Department => {
            // The words as imported when kept, else the stable name.
            return match lead.custom.get("department") {
                Some(CustomValue::Text(words)) if lead.department.is_some() => words.clone(),
                _ => lead
                    .department
                    .map(|d| d.as_str().to_owned())
                    .unwrap_or_default(),
            };
        }
        ColumnTarget::Consent { purpose } => {
            return match lead.consent(*purpose) {
                Some(record) if record.granted => "Y".to_owned(),
                Some(_) => "N".to_owned(),
                None => String::new(),
            };
        }
        ColumnTarget::Field(field) => field,
    };
    match field {
        MapsTo::Email => text(&lead.email),
        MapsTo::Name => lead.name.clone(),
        MapsTo::GivenName => text(&lead.given_name),
        MapsTo::FamilyName => text(&lead.family_name),
        MapsTo::Company => text(&lead.company_name),
        MapsTo::Title => text(&lead.title),
        MapsTo::Phone => text(&lead.phone),
        MapsTo::Source => text(&lead.source),
        MapsTo::UtmSource => text(&lead.utm.source),
        MapsTo::UtmMedium => text(&lead.utm.medium),
        MapsTo::UtmCampaign => text(&lead.utm.campaign),
        MapsTo::UtmTerm => text(&lead.utm.term),
        MapsTo::UtmContent => text(&lead.utm.content),
        MapsTo::Referrer => text(&lead.referrer),
        MapsTo::LandingPage => text(&lead.landing_page),
        other => custom_key(other)
            .and_then(|key| lead.custom.get(key))
            .map(custom_text)
            .unwrap_or_default(),
    }
}

/// Appends one cell: neutralised, then quoted when it holds a delimiter, a quote, a
/// line break, or spaces at either end (which some readers trim).
fn push_cell(out: &mut String, value: &str) {
    let value = neutralise(value);
    let quote = value.contains([',', ';', '\t', '"', '\n', '\r'])
        || value.starts_with(char::is_whitespace)
        || value.ends_with(char::is_whitespace);
    if quote {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(&value);
    }
}

pub(super) fn push_row<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, value) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, value);
    }
    out.push_str("\r\n");
}

/// `leads` as CSV: a UTF-8 BOM (without it Excel on Korean Windows reads the file as
/// CP949 and garbles every Korean letter), a header row in `language`, one row per
/// lead, comma-separated, CRLF line ends.
pub fn export_csv(leads: &[Lead], columns: &[ExportColumn], language: HeaderLanguage) -> String {
    let mut out = String::with_capacity(64 + leads.len() * columns.len() * 16);
    out.push('\u{FEFF}');
    let headers: Vec<String> = columns.iter().map(|c| header(c, language)).collect();
    push_row(&mut out, headers.iter().map(String::as_str));
    let mut cells: Vec<String> = Vec::with_capacity(columns.len());
    for lead in leads {
        cells.clear();
        cells.extend(columns.iter().map(|c| cell(lead, c)));
        push_row(&mut out, cells.iter().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ConsentRecord, Department, EntryPath, LeadId, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    #[test]
    fn cells_are_neutralised_and_quoted() {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::nil()),
            "=HYPERLINK(\"http://evil\",\"x\")",
            EntryPath::Manual,
            datetime!(2026-11-24 0:00 UTC),
        );
        lead.phone = Some("+821012345678".into());
        lead.company_name = Some("에이크미, \"AI\"".into());
        lead.title = Some("팀장\r\n마케팅".into());
        lead.department = Some(Department::Marketing);
        lead.custom
            .insert("employee_count".into(), CustomValue::Number(1200.0));
        lead.consents.push(ConsentRecord {
            purpose: ConsentPurpose::MarketingMessages,
            granted: false,
            text_version: "v1".into(),
            at: datetime!(2026-11-24 0:00 UTC),
        });
        let columns: Vec<ExportColumn> = [
            ColumnTarget::Field(MapsTo::Name),
            ColumnTarget::Field(MapsTo::Phone),
            ColumnTarget::Field(MapsTo::Company),
            ColumnTarget::Field(MapsTo::Title),
            ColumnTarget::Department,
            ColumnTarget::Field(MapsTo::EmployeeCount),
            ColumnTarget::Consent {
                purpose: ConsentPurpose::MarketingMessages,
            },
        ]
        .into_iter()
        .map(ExportColumn::Field)
        .chain([ExportColumn::Stage])
        .collect();
        let csv = export_csv(&[lead], &columns, HeaderLanguage::Ko);
        assert_eq!(
            csv,
            "\u{FEFF}성명,휴대폰,회사명,직책,부서,직원 수,마케팅 수신 동의,단계\r\n\
             \"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'+821012345678,\
             \"에이크미, \"\"AI\"\"\",\"팀장\r\n마케팅\",marketing,1200,N,lead\r\n"
        );
        let en = export_csv(&[], &columns[..2], HeaderLanguage::En);
        assert_eq!(en, "\u{FEFF}Full Name,Mobile Phone\r\n");
    }

    #[test]
    fn columns_have_flat_wire_names() {
        let cases = [
            (ExportColumn::Stage, r#"{"to":"stage"}"#),
            (
                ExportColumn::Field(ColumnTarget::Field(MapsTo::Email)),
                r#"{"to":"email"}"#,
            ),
            (
                ExportColumn::Field(ColumnTarget::Department),
                r#"{"to":"department"}"#,
            ),
        ];
        for (column, json) in cases {
            assert_eq!(serde_json::to_string(&column).unwrap(), json);
            assert_eq!(serde_json::from_str::<ExportColumn>(json).unwrap(), column);
        }
    }
}
