//! What an import's report becomes in the workspace: each new lead one creating
//! operation, rows that match an existing lead either skipped or folded into that lead
//! (only its empty fields filled, or its fields overwritten — the person's choice), and
//! the rejected rows as a CSV the person can fix and import again.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Map, Value};

use super::export::push_row;
use super::import::{DuplicateRow, ImportReport, RejectedRow};
use super::mapping::ColumnTarget;
use crate::api::LeadRecord;
use crate::forms::MapsTo;
use crate::model::{ConsentPurpose, Lead, LeadId};
use crate::sync::OpBody;

/// What to do with rows that match a lead already in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExistingPolicy {
    /// Leave the existing lead as it is; the row counts as a skipped duplicate.
    #[default]
    Skip,
    /// Fill the existing lead's empty fields from the row.
    FillEmpty,
    /// Write the row's non-empty values over the existing lead's.
    Overwrite,
}

/// Which kind of duplicate a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateClass {
    /// It matches a lead already in the workspace (the first such match).
    Existing(LeadId),
    /// It matches only an earlier row of the same file (its line): always skipped.
    InFile(u64),
}

/// The class of a duplicate row: existing leads come first in its matches.
pub fn duplicate_class(row: &DuplicateRow) -> DuplicateClass {
    match row.matches.iter().find(|m| m.file_line.is_none()) {
        Some(existing) => DuplicateClass::Existing(existing.matched.lead_id),
        None => DuplicateClass::InFile(row.matches.iter().find_map(|m| m.file_line).unwrap_or(0)),
    }
}

/// Where every data row of a file went; the first four add up to the data rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportCounts {
    /// Rows stored as new leads.
    pub imported: usize,
    /// Rows folded into an existing lead.
    pub updated: usize,
    /// Duplicate rows left out (of an existing lead under [`ExistingPolicy::Skip`], or
    /// of an earlier row of the file).
    pub skipped: usize,
    /// Rows not imported because of a problem.
    pub rejected: usize,
    /// Of `skipped`: rows that repeat an earlier row of the file.
    pub in_file: usize,
    /// Rows of only blank cells (not data rows).
    pub blank: usize,
}

impl ImportCounts {
    /// The counts of `report` under `policy`.
    pub fn of(report: &ImportReport, policy: ExistingPolicy) -> Self {
        let mut counts = Self {
            imported: report.leads.len(),
            rejected: report.rejected.len(),
            blank: report.blank_rows,
            ..Self::default()
        };
        for row in &report.duplicates {
            match duplicate_class(row) {
                DuplicateClass::Existing(_) if policy != ExistingPolicy::Skip => {
                    counts.updated += 1;
                }
                DuplicateClass::Existing(_) => counts.skipped += 1,
                DuplicateClass::InFile(_) => {
                    counts.skipped += 1;
                    counts.in_file += 1;
                }
            }
        }
        counts
    }

    /// Data rows accounted for.
    pub fn total(&self) -> usize {
        self.imported + self.updated + self.skipped + self.rejected
    }
}

/// The local record of a new lead, as the app stores it before the server has it.
pub fn new_record(lead: &Lead) -> LeadRecord {
    LeadRecord {
        id: lead.id.0,
        seq: 0,
        form_id: lead.entry_path.as_str().to_owned(),
        email: lead.email.clone().unwrap_or_default(),
        name: lead.name.clone(),
        company: lead.company_name.clone().unwrap_or_default(),
        captured_at: lead.created_at,
        stage: Some(lead.stage),
        scores: None,
        record: Some(Box::new(lead.clone())),
        stamps: BTreeMap::default(),
    }
}

/// The operation that creates `lead` (every field of it, as fair captures do).
pub fn create_op(lead: &Lead) -> Result<OpBody, serde_json::Error> {
    Ok(OpBody::SetLeadFields {
        lead_id: lead.id,
        fields: serde_json::from_value(serde_json::to_value(lead)?)?,
    })
}

/// The fields an import may change on an existing lead: what a file describes about
/// the person, never the workspace's own (stage, owner, scores, merges, ids).
const UPDATABLE: [&str; 15] = [
    "email",
    "name",
    "given_name",
    "family_name",
    "company_name",
    "title",
    "department",
    "phone",
    "source",
    "utm",
    "referrer",
    "landing_page",
    "consents",
    "custom",
    "account_id",
];

/// An existing lead as rows fold into it: its fields so far, and those changed.
type Folding = (Map<String, Value>, BTreeMap<String, Value>);

/// One `SetLeadFields` per existing lead that duplicate rows fold into under `policy`
/// (none under [`ExistingPolicy::Skip`]); several rows for one lead fold in file
/// order into one operation. Leads with nothing new get no operation. `existing` are
/// the workspace's leads; a match missing from it is left alone.
pub fn existing_updates(
    report: &ImportReport,
    existing: &[Lead],
    policy: ExistingPolicy,
) -> Result<Vec<OpBody>, serde_json::Error> {
    if policy == ExistingPolicy::Skip {
        return Ok(Vec::new());
    }
    let by_id: HashMap<LeadId, &Lead> = existing.iter().map(|l| (l.id, l)).collect();
    // The lead as updated so far, and the fields changed, per lead in first-seen order.
    let mut order: Vec<LeadId> = Vec::new();
    let mut working: HashMap<LeadId, Folding> = HashMap::new();
    for row in &report.duplicates {
        let DuplicateClass::Existing(id) = duplicate_class(row) else {
            continue;
        };
        let Some(lead) = by_id.get(&id) else {
            continue;
        };
        if let std::collections::hash_map::Entry::Vacant(slot) = working.entry(id) {
            let Value::Object(current) = serde_json::to_value(lead)? else {
                continue;
            };
            order.push(id);
            slot.insert((current, BTreeMap::new()));
        }
        let Value::Object(incoming) = serde_json::to_value(&row.lead)? else {
            continue;
        };
        let Some((current, changed)) = working.get_mut(&id) else {
            continue;
        };
        for field in UPDATABLE {
            let Some(new) = incoming.get(field).filter(|v| !is_empty(v)) else {
                continue;
            };
            let old = current.get(field).cloned().unwrap_or(Value::Null);
            let next = combine(field, &old, new, policy);
            if next != old {
                current.insert(field.to_owned(), next.clone());
                changed.insert(field.to_owned(), next);
            }
        }
    }
    Ok(order
        .into_iter()
        .filter_map(|id| {
            let (_, fields) = working.remove(&id)?;
            (!fields.is_empty()).then_some(OpBody::SetLeadFields {
                lead_id: id,
                fields,
            })
        })
        .collect())
}

/// The value a field takes when `new` comes in over `old`.
fn combine(field: &str, old: &Value, new: &Value, policy: ExistingPolicy) -> Value {
    let overwrite = policy == ExistingPolicy::Overwrite;
    match (old, new) {
        // Custom fields and UTM tags: key by key.
        (Value::Object(old_map), Value::Object(new_map)) => {
            let mut out = old_map.clone();
            for (key, value) in new_map {
                if is_empty(value) {
                    continue;
                }
                if overwrite || out.get(key).is_none_or(is_empty) {
                    out.insert(key.clone(), value.clone());
                }
            }
            Value::Object(out)
        }
        // Consents: purpose by purpose.
        (Value::Array(old_list), Value::Array(new_list)) if field == "consents" => {
            let purpose = |v: &Value| {
                v.get("purpose")
                    .and_then(|p| serde_json::from_value::<ConsentPurpose>(p.clone()).ok())
            };
            let mut out = old_list.clone();
            for consent in new_list {
                match out.iter().position(|o| purpose(o) == purpose(consent)) {
                    Some(i) if overwrite => out[i] = consent.clone(),
                    Some(_) => {}
                    None => out.push(consent.clone()),
                }
            }
            Value::Array(out)
        }
        _ if overwrite || is_empty(old) => new.clone(),
        _ => old.clone(),
    }
}

/// Whether a JSON value says nothing (absent, blank, empty).
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.values().all(is_empty),
        Value::Bool(_) | Value::Number(_) => false,
    }
}

/// The rejected rows as a CSV with the file's own headers, so the person can fix them
/// and import the file again: UTF-8 with a BOM, cells neutralised against formulas
/// (the import removes that prefix again).
pub fn rejected_csv(headers: &[String], rejected: &[RejectedRow]) -> String {
    let mut out = String::from('\u{FEFF}');
    push_row(&mut out, headers.iter().map(String::as_str));
    for row in rejected {
        push_row(&mut out, row.raw.iter().map(String::as_str));
    }
    out
}

/// Every target a column can be given, in the order the app lists them: ignore, the
/// lead's fields, department, the consents, then a custom field under the column's
/// own header.
pub fn target_choices(header: &str) -> Vec<ColumnTarget> {
    use MapsTo as M;
    let mut choices = vec![ColumnTarget::Ignore];
    choices.extend(
        [
            M::Name,
            M::GivenName,
            M::FamilyName,
            M::Email,
            M::Phone,
            M::Company,
            M::Title,
            M::Country,
            M::Region,
            M::City,
            M::PostalCode,
            M::Website,
            M::Industry,
            M::EmployeeCount,
            M::Source,
            M::Description,
            M::UtmSource,
            M::UtmMedium,
            M::UtmCampaign,
            M::UtmTerm,
            M::UtmContent,
            M::Referrer,
            M::LandingPage,
        ]
        .into_iter()
        .map(ColumnTarget::Field),
    );
    choices.push(ColumnTarget::Department);
    choices.extend(
        [
            ConsentPurpose::PersonalInfoCollection,
            ConsentPurpose::MarketingMessages,
            ConsentPurpose::ThirdPartySharing,
        ]
        .map(|purpose| ColumnTarget::Consent { purpose }),
    );
    if !header.trim().is_empty() {
        choices.push(super::headers::custom_for(header));
    }
    choices
}
