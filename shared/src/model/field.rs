//! Named fields of a lead and its account, read uniformly. ICP criteria, segment
//! filters and stage rules all name fields this way, so one rule language covers them.

use serde::{Deserialize, Serialize};

use super::{Account, CustomValue, Lead};

/// A field of a lead or of its account.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "field", content = "key", rename_all = "snake_case")]
pub enum Field {
    // The person.
    Email,
    /// The part of the e-mail after the @.
    EmailDomain,
    EmailVerified,
    Name,
    Title,
    Seniority,
    Department,
    Phone,
    PhoneVerified,
    EntryPath,
    Source,
    UtmSource,
    UtmMedium,
    UtmCampaign,
    Referrer,
    Owner,
    Stage,
    BuyingRole,
    Champion,
    /// A custom field of the lead.
    Custom(String),
    // The company: the account's value, or what the person typed when unmatched.
    CompanyName,
    Domain,
    Industry,
    EmployeeCount,
    RevenueBand,
    Country,
    Region,
    TechTags,
    /// A custom field of the account.
    AccountCustom(String),
}

/// A field's value as rules compare it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldValue<'a> {
    Missing,
    Text(&'a str),
    Number(f64),
    Bool(bool),
    List(&'a [String]),
}

impl FieldValue<'_> {
    /// Whether the field has a value (a blank text or an empty list counts as missing).
    pub fn is_present(&self) -> bool {
        match self {
            Self::Missing => false,
            Self::Text(t) => !t.trim().is_empty(),
            Self::List(items) => !items.is_empty(),
            Self::Number(_) | Self::Bool(_) => true,
        }
    }
}

fn text(value: Option<&str>) -> FieldValue<'_> {
    value.map_or(FieldValue::Missing, FieldValue::Text)
}

fn custom(value: Option<&CustomValue>) -> FieldValue<'_> {
    match value {
        None => FieldValue::Missing,
        Some(CustomValue::Text(t)) => FieldValue::Text(t),
        Some(CustomValue::Number(n)) => FieldValue::Number(*n),
        Some(CustomValue::Bool(b)) => FieldValue::Bool(*b),
    }
}

impl Field {
    /// Reads this field of `lead`, whose account (if matched) is `account`.
    pub fn read<'a>(&self, lead: &'a Lead, account: Option<&'a Account>) -> FieldValue<'a> {
        match self {
            Self::Email => text(lead.email.as_deref()),
            Self::EmailDomain => text(
                lead.email
                    .as_deref()
                    .and_then(|e| e.rsplit_once('@'))
                    .map(|(_, domain)| domain),
            ),
            Self::EmailVerified => FieldValue::Bool(lead.email_verified),
            Self::Name => FieldValue::Text(&lead.name),
            Self::Title => text(lead.title.as_deref()),
            Self::Seniority => text(lead.seniority.map(|s| s.as_str())),
            Self::Department => text(lead.department.map(|d| d.as_str())),
            Self::Phone => text(lead.phone.as_deref()),
            Self::PhoneVerified => FieldValue::Bool(lead.phone_verified),
            Self::EntryPath => FieldValue::Text(lead.entry_path.as_str()),
            Self::Source => text(lead.source.as_deref()),
            Self::UtmSource => text(lead.utm.source.as_deref()),
            Self::UtmMedium => text(lead.utm.medium.as_deref()),
            Self::UtmCampaign => text(lead.utm.campaign.as_deref()),
            Self::Referrer => text(lead.referrer.as_deref()),
            // Owners are compared by id; a missing owner means unassigned.
            Self::Owner => match &lead.owner {
                Some(_) => FieldValue::Bool(true),
                None => FieldValue::Missing,
            },
            Self::Stage => FieldValue::Text(lead.stage.as_str()),
            Self::BuyingRole => text(lead.buying_role.map(|r| r.as_str())),
            Self::Champion => FieldValue::Bool(lead.champion),
            Self::Custom(key) => custom(lead.custom.get(key)),
            Self::CompanyName => text(
                account
                    .map(|a| a.name.as_str())
                    .or(lead.company_name.as_deref()),
            ),
            Self::Domain => text(account.and_then(|a| a.domain.as_deref())),
            Self::Industry => text(account.and_then(|a| a.industry.as_deref())),
            Self::EmployeeCount => account
                .and_then(|a| a.employee_count)
                .map_or(FieldValue::Missing, |n| FieldValue::Number(f64::from(n))),
            Self::RevenueBand => text(account.and_then(|a| a.revenue_band.as_deref())),
            Self::Country => text(account.and_then(|a| a.country.as_deref())),
            Self::Region => text(account.and_then(|a| a.region.as_deref())),
            Self::TechTags => {
                account.map_or(FieldValue::Missing, |a| FieldValue::List(&a.tech_tags))
            }
            Self::AccountCustom(key) => custom(account.and_then(|a| a.custom.get(key))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountId, EntryPath, LeadId, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    #[test]
    fn fields_read_from_lead_and_account() {
        let ws = WorkspaceId(Uuid::nil());
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            ws,
            "김민수",
            EntryPath::Form,
            datetime!(2026-11-24 0:00 UTC),
        );
        lead.email = Some("minsu@acme.co.kr".into());
        lead.company_name = Some("에이크미(주)".into());
        lead.custom
            .insert("budget".into(), CustomValue::Number(5e7));
        assert_eq!(
            Field::EmailDomain.read(&lead, None),
            FieldValue::Text("acme.co.kr")
        );
        assert_eq!(
            Field::CompanyName.read(&lead, None),
            FieldValue::Text("에이크미(주)")
        );
        assert_eq!(Field::EmployeeCount.read(&lead, None), FieldValue::Missing);
        assert_eq!(
            Field::Custom("budget".into()).read(&lead, None),
            FieldValue::Number(5e7)
        );
        assert_eq!(Field::Stage.read(&lead, None), FieldValue::Text("lead"));

        let mut account = Account::new(AccountId(Uuid::from_u128(2)), ws, "에이크미");
        account.employee_count = Some(250);
        account.tech_tags = vec!["aws".into()];
        assert_eq!(
            Field::CompanyName.read(&lead, Some(&account)),
            FieldValue::Text("에이크미")
        );
        assert_eq!(
            Field::EmployeeCount.read(&lead, Some(&account)),
            FieldValue::Number(250.0)
        );
        assert!(Field::TechTags.read(&lead, Some(&account)).is_present());
        assert!(!Field::Title.read(&lead, Some(&account)).is_present());
    }

    #[test]
    fn fields_serialise_with_stable_names() {
        assert_eq!(
            serde_json::to_string(&Field::EmployeeCount).unwrap(),
            r#"{"field":"employee_count"}"#
        );
        assert_eq!(
            serde_json::to_string(&Field::Custom("budget".into())).unwrap(),
            r#"{"field":"custom","key":"budget"}"#
        );
    }
}
