//! What a form is: its fields and where each value goes on the lead, its call to
//! action, thank-you, allowed origins, consent items and progressive-profiling queue.
//! Stored and synced, so every name here is a stable wire name.

use serde::{Deserialize, Serialize};

use crate::model::{ConsentPurpose, WorkspaceId};

use super::origin::origin_of;

/// Text shown to visitors, in Korean and English.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Localized {
    /// Korean.
    pub ko: String,
    /// English.
    pub en: String,
}

impl Localized {
    /// Text in both languages.
    pub fn new(ko: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            ko: ko.into(),
            en: en.into(),
        }
    }
}

/// One choice of a select field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectOption {
    /// What is submitted and stored.
    pub value: String,
    /// What the visitor reads.
    pub label: Localized,
}

/// How a field is shown and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FieldKind {
    /// An e-mail address, checked and lower-cased.
    Email,
    /// One line of text.
    Text,
    /// A phone number, kept as typed (trimmed) until normalised to E.164.
    Phone,
    /// A number, integer or decimal.
    Number,
    /// One of a fixed list of values.
    Select {
        /// The choices, in display order.
        options: Vec<SelectOption>,
    },
    /// A yes/no box; stored as `true` or `false`.
    Checkbox,
    /// Several lines of text.
    Textarea,
    /// Filled by the page, not the visitor: UTM parameters, referrer, page URL.
    Hidden,
}

impl FieldKind {
    /// Longest value accepted when the field names no `max_len`.
    pub fn default_max_len(&self) -> u32 {
        match self {
            Self::Email => 254,
            Self::Phone => 40,
            Self::Number => 32,
            Self::Checkbox => 10,
            Self::Text | Self::Select { .. } => 200,
            Self::Hidden => 2000,
            Self::Textarea => 5000,
        }
    }
}

/// Where a submitted value goes on the lead (or its account).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum MapsTo {
    /// The lead's e-mail.
    Email,
    /// Full name as written (Korean names are usually one field: 김민수).
    Name,
    /// Given name (Salesforce `first_name`).
    GivenName,
    /// Family name (Salesforce `last_name`).
    FamilyName,
    /// Company name as typed.
    Company,
    /// Job title.
    Title,
    /// Phone number.
    Phone,
    /// Country.
    Country,
    /// State, province or 시·도.
    Region,
    /// City.
    City,
    /// Postal code.
    PostalCode,
    /// The company's website.
    Website,
    /// The company's industry.
    Industry,
    /// The company's number of employees.
    EmployeeCount,
    /// Marketing source label (Salesforce `lead_source`).
    Source,
    /// Free text from the visitor (Salesforce `description`).
    Description,
    /// `utm_source`.
    UtmSource,
    /// `utm_medium`.
    UtmMedium,
    /// `utm_campaign`.
    UtmCampaign,
    /// `utm_term`.
    UtmTerm,
    /// `utm_content`.
    UtmContent,
    /// The page that linked to the form's page.
    Referrer,
    /// The page the form was on.
    LandingPage,
    /// A custom field of the lead, by key.
    Custom {
        /// The custom field's key.
        key: String,
    },
}

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    /// The name it is posted under; unique within the form.
    pub name: String,
    /// How it is shown and checked.
    pub kind: FieldKind,
    /// Whether a submission without it is refused.
    #[serde(default)]
    pub required: bool,
    /// Its label.
    pub label: Localized,
    /// Example text shown inside the empty field.
    #[serde(default)]
    pub placeholder: Option<Localized>,
    /// Longest value accepted, in characters; the kind's default when absent.
    #[serde(default)]
    pub max_len: Option<u32>,
    /// Where the value goes.
    pub maps_to: MapsTo,
}

impl FormField {
    /// Longest value accepted, in characters.
    pub fn effective_max_len(&self) -> u32 {
        self.max_len.unwrap_or_else(|| self.kind.default_max_len())
    }

    /// Whether the visitor sees it (hidden fields are filled by the page).
    pub fn is_visible(&self) -> bool {
        !matches!(self.kind, FieldKind::Hidden)
    }
}

/// Where a visitor lands after submitting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ThankYou {
    /// Redirect to this page.
    Url {
        /// An absolute http(s) URL.
        url: String,
    },
    /// Show this message in place of the form.
    Message {
        /// The message.
        message: Localized,
    },
}

/// One consent question, with the exact text and its version, as 개인정보 보호법 asks:
/// each purpose is its own item, never bundled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentItem {
    /// What is consented to.
    pub purpose: ConsentPurpose,
    /// Whether the form cannot be sent without it (only collection consent may be).
    pub required: bool,
    /// The text shown next to the box.
    pub text: Localized,
    /// Version of that text (e.g. `privacy-2026-03`), kept on the consent record.
    pub text_version: String,
}

impl ConsentItem {
    /// The checkbox name the item is posted under.
    pub fn field_name(&self) -> &'static str {
        consent_field_name(self.purpose)
    }
}

/// The checkbox name for a consent purpose, e.g. `consent_personal_info_collection`.
pub fn consent_field_name(purpose: ConsentPurpose) -> &'static str {
    match purpose {
        ConsentPurpose::PersonalInfoCollection => "consent_personal_info_collection",
        ConsentPurpose::MarketingMessages => "consent_marketing_messages",
        ConsentPurpose::ThirdPartySharing => "consent_third_party_sharing",
    }
}

/// Progressive profiling: a returning visitor is asked the next unanswered questions of
/// the queue instead of the same form again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressiveProfiling {
    /// Names of optional fields, in the order they are asked.
    pub queue: Vec<String>,
    /// Most visible questions shown at once, always-asked fields included.
    pub field_budget: u8,
}

/// A lead form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDefinition {
    /// The id in `POST /f/{id}`: 1 to 64 of `a-z 0-9 - _`.
    pub id: String,
    /// The owning workspace.
    pub workspace_id: WorkspaceId,
    /// Name for the team (not shown to visitors).
    pub name: String,
    /// Fields in display order.
    pub fields: Vec<FormField>,
    /// The submit button's text; specific, never "Submit".
    pub cta: Localized,
    /// Where visitors land after submitting.
    pub thank_you: ThankYou,
    /// Origins whose pages may post the form and be redirected to (`https://acme.co.kr`).
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// Consent questions.
    pub consents: Vec<ConsentItem>,
    /// Progressive profiling, when on.
    #[serde(default)]
    pub progressive: Option<ProgressiveProfiling>,
    /// A person needs at least this long to fill the form; faster is a bot. 0 turns the
    /// check off (needed for repointed Web-to-Lead forms, which carry no render token).
    #[serde(default)]
    pub min_fill_seconds: u32,
    /// A field hidden from people by CSS; bots fill it.
    #[serde(default)]
    pub honeypot_field: Option<String>,
}

impl FormDefinition {
    /// The field posted under `name`.
    pub fn field(&self, name: &str) -> Option<&FormField> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Whether `origin` (an `Origin` header or a URL's origin) is allowed to post this
    /// form and receive redirects. Compared as origins, so case and default ports do
    /// not matter.
    pub fn allows_origin(&self, origin: &str) -> bool {
        let Some(origin) = origin_of(origin) else {
            return false;
        };
        self.allowed_origins
            .iter()
            .filter_map(|allowed| origin_of(allowed))
            .any(|allowed| allowed == origin)
    }

    /// Fields the page fills (UTM, referrer, page URL), always rendered.
    pub fn hidden_fields(&self) -> impl Iterator<Item = &FormField> {
        self.fields.iter().filter(|f| !f.is_visible())
    }
}
