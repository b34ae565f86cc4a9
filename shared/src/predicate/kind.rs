//! The type of each known field and its stable name, so predicates can be checked
//! (a range on a title is a mistake) and errors can name the field.

use crate::model::Field;

/// The type of value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    /// Free or enumerated text.
    Text,
    /// A number.
    Number,
    /// Yes or no.
    Bool,
    /// A list of texts (tech tags).
    TextList,
    /// A custom field: its type is whatever the workspace stored.
    Any,
}

impl FieldKind {
    /// The name used in error messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Number => "number",
            Self::Bool => "bool",
            Self::TextList => "text list",
            Self::Any => "custom",
        }
    }
}

/// The type of value `field` holds (see [`Field::read`]).
pub fn field_kind(field: &Field) -> FieldKind {
    match field {
        Field::Email
        | Field::EmailDomain
        | Field::Name
        | Field::Title
        | Field::Seniority
        | Field::Department
        | Field::Phone
        | Field::EntryPath
        | Field::Source
        | Field::UtmSource
        | Field::UtmMedium
        | Field::UtmCampaign
        | Field::Referrer
        | Field::Stage
        | Field::BuyingRole
        | Field::CompanyName
        | Field::Domain
        | Field::Industry
        | Field::RevenueBand
        | Field::Country
        | Field::Region => FieldKind::Text,
        // An owner reads as "assigned" (true) or missing: owners are compared by id elsewhere.
        Field::EmailVerified | Field::PhoneVerified | Field::Owner | Field::Champion => {
            FieldKind::Bool
        }
        Field::EmployeeCount => FieldKind::Number,
        Field::TechTags => FieldKind::TextList,
        Field::Custom(_) | Field::AccountCustom(_) => FieldKind::Any,
    }
}

/// The field's stable name as it appears in saved rules (`title`, `custom.budget`).
pub fn field_name(field: &Field) -> String {
    let name = match field {
        Field::Email => "email",
        Field::EmailDomain => "email_domain",
        Field::EmailVerified => "email_verified",
        Field::Name => "name",
        Field::Title => "title",
        Field::Seniority => "seniority",
        Field::Department => "department",
        Field::Phone => "phone",
        Field::PhoneVerified => "phone_verified",
        Field::EntryPath => "entry_path",
        Field::Source => "source",
        Field::UtmSource => "utm_source",
        Field::UtmMedium => "utm_medium",
        Field::UtmCampaign => "utm_campaign",
        Field::Referrer => "referrer",
        Field::Owner => "owner",
        Field::Stage => "stage",
        Field::BuyingRole => "buying_role",
        Field::Champion => "champion",
        Field::CompanyName => "company_name",
        Field::Domain => "domain",
        Field::Industry => "industry",
        Field::EmployeeCount => "employee_count",
        Field::RevenueBand => "revenue_band",
        Field::Country => "country",
        Field::Region => "region",
        Field::TechTags => "tech_tags",
        Field::Custom(key) => return format!("custom.{key}"),
        Field::AccountCustom(key) => return format!("account_custom.{key}"),
    };
    name.to_owned()
}

/// Every field with a fixed name, in the order editors list them (the person, the
/// company, then contact and source); `Custom` and `AccountCustom` carry their own key.
pub const NAMED_FIELDS: [Field; 27] = [
    Field::Title,
    Field::Seniority,
    Field::Department,
    Field::BuyingRole,
    Field::Champion,
    Field::CompanyName,
    Field::Industry,
    Field::EmployeeCount,
    Field::RevenueBand,
    Field::Country,
    Field::Region,
    Field::TechTags,
    Field::Domain,
    Field::Email,
    Field::EmailDomain,
    Field::EmailVerified,
    Field::Name,
    Field::Phone,
    Field::PhoneVerified,
    Field::EntryPath,
    Field::Source,
    Field::UtmSource,
    Field::UtmMedium,
    Field::UtmCampaign,
    Field::Referrer,
    Field::Owner,
    Field::Stage,
];

/// The field `name` names (`title`, `custom.budget`): the inverse of [`field_name`].
pub fn field_from_name(name: &str) -> Option<Field> {
    if let Some(key) = name.strip_prefix("custom.") {
        return Some(Field::Custom(key.to_owned()));
    }
    if let Some(key) = name.strip_prefix("account_custom.") {
        return Some(Field::AccountCustom(key.to_owned()));
    }
    NAMED_FIELDS.into_iter().find(|f| field_name(f) == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_agree_with_the_serde_form() {
        for field in NAMED_FIELDS {
            let json = serde_json::to_value(&field).unwrap();
            assert_eq!(json["field"], field_name(&field), "{field:?}");
            assert_eq!(field_from_name(&field_name(&field)), Some(field));
        }
        assert_eq!(
            field_from_name("custom.budget"),
            Some(Field::Custom("budget".into()))
        );
        assert_eq!(field_from_name("no_such_field"), None);
        assert_eq!(field_name(&Field::Custom("budget".into())), "custom.budget");
        assert_eq!(
            field_name(&Field::AccountCustom("plan".into())),
            "account_custom.plan"
        );
    }
}
