//! A lead: a person who showed interest, with their contact data, where they came from,
//! what they consented to, and where they stand with the team.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::qualification::Qualification;
use super::{AccountId, LeadId, RepId, Stage, WorkspaceId};

/// A custom field's value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum CustomValue {
    Bool(bool),
    Number(f64),
    Text(String),
}

/// How senior a person is; drives "decision maker or influencer" in ICPs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Seniority {
    /// C-level, founder, 대표, 사장, 임원.
    Executive,
    /// Vice president, 본부장, 상무.
    Vp,
    /// Director, head of, 실장.
    Director,
    /// Manager, team lead, 팀장, 부장.
    Manager,
    /// Senior individual contributor, 과장, 차장, 책임.
    Senior,
    /// Entry level, 사원, 주임, 대리.
    Entry,
}

impl Seniority {
    /// The stable name used in rules and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Executive => "executive",
            Self::Vp => "vp",
            Self::Director => "director",
            Self::Manager => "manager",
            Self::Senior => "senior",
            Self::Entry => "entry",
        }
    }
}

/// The function a person works in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Department {
    Executive,
    Marketing,
    Sales,
    Engineering,
    It,
    Product,
    Finance,
    Hr,
    Operations,
    Other,
}

impl Department {
    /// The stable name used in rules and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Executive => "executive",
            Self::Marketing => "marketing",
            Self::Sales => "sales",
            Self::Engineering => "engineering",
            Self::It => "it",
            Self::Product => "product",
            Self::Finance => "finance",
            Self::Hr => "hr",
            Self::Operations => "operations",
            Self::Other => "other",
        }
    }
}

/// A person's part in their company's buying decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuyingRole {
    DecisionMaker,
    Influencer,
    User,
    Blocker,
}

impl BuyingRole {
    /// The stable name used in rules and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::DecisionMaker => "decision_maker",
            Self::Influencer => "influencer",
            Self::User => "user",
            Self::Blocker => "blocker",
        }
    }
}

/// How a lead record entered the workspace; every path goes through the same dedupe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryPath {
    /// A web form (`POST /f/{form_id}` or the embed snippet).
    Form,
    /// The authenticated API.
    Api,
    /// A CSV import.
    CsvImport,
    /// Typed in by a team member in the app.
    Manual,
    /// Captured offline (a fair, an exhibition) and synced later.
    OfflineCapture,
}

impl EntryPath {
    /// The stable name used in rules and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Form => "form",
            Self::Api => "api",
            Self::CsvImport => "csv_import",
            Self::Manual => "manual",
            Self::OfflineCapture => "offline_capture",
        }
    }
}

/// UTM parameters of the visit that brought a lead or touch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Utm {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medium: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
}

/// What a consent was given for. Korean law (개인정보 보호법) requires the collection
/// consent and the marketing consent to be separate, explicit choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentPurpose {
    /// 개인정보 수집·이용: required to store the lead at all.
    PersonalInfoCollection,
    /// 마케팅 정보 수신: optional; without it no marketing messages may be sent.
    MarketingMessages,
    /// 제3자 제공: sharing with a partner.
    ThirdPartySharing,
}

/// One consent decision, with the exact text version the person saw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub purpose: ConsentPurpose,
    pub granted: bool,
    /// Version of the consent text shown (e.g. `privacy-2026-03`).
    pub text_version: String,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// A person: lead, contact or customer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lead {
    pub id: LeadId,
    pub workspace_id: WorkspaceId,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    /// Normalised address (see `identity`).
    #[serde(default)]
    pub email: Option<String>,
    /// The person proved they own the address (clicked a confirmation, replied).
    #[serde(default)]
    pub email_verified: bool,
    /// Full name as the person wrote it (Korean names are usually one field: 김민수).
    pub name: String,
    #[serde(default)]
    pub given_name: Option<String>,
    #[serde(default)]
    pub family_name: Option<String>,
    /// Company name as typed, before matching to an account.
    #[serde(default)]
    pub company_name: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub seniority: Option<Seniority>,
    #[serde(default)]
    pub department: Option<Department>,
    /// E.164 (`+821012345678`).
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub phone_verified: bool,
    pub entry_path: EntryPath,
    /// Marketing source label (`webinar`, `kotra-fair-2026`, `google`).
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub utm: Utm,
    #[serde(default)]
    pub referrer: Option<String>,
    #[serde(default)]
    pub landing_page: Option<String>,
    #[serde(default)]
    pub consents: Vec<ConsentRecord>,
    #[serde(default)]
    pub custom: BTreeMap<String, CustomValue>,
    #[serde(default)]
    pub owner: Option<RepId>,
    pub stage: Stage,
    #[serde(default)]
    pub buying_role: Option<BuyingRole>,
    /// Understands the need and sells it inside the customer.
    #[serde(default)]
    pub champion: bool,
    #[serde(default)]
    pub qualification: Qualification,
    /// Set when this record was merged into another; kept so the merge can be undone.
    #[serde(default)]
    pub merged_into: Option<LeadId>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Lead {
    /// A lead with only a name, entered by `entry_path` at `at`, in stage Lead.
    pub fn new(
        id: LeadId,
        workspace_id: WorkspaceId,
        name: impl Into<String>,
        entry_path: EntryPath,
        at: OffsetDateTime,
    ) -> Self {
        Self {
            id,
            workspace_id,
            account_id: None,
            email: None,
            email_verified: false,
            name: name.into(),
            given_name: None,
            family_name: None,
            company_name: None,
            title: None,
            seniority: None,
            department: None,
            phone: None,
            phone_verified: false,
            entry_path,
            source: None,
            utm: Utm::default(),
            referrer: None,
            landing_page: None,
            consents: Vec::new(),
            custom: BTreeMap::new(),
            owner: None,
            stage: Stage::Lead,
            buying_role: None,
            champion: false,
            qualification: Qualification::default(),
            merged_into: None,
            created_at: at,
            updated_at: at,
        }
    }

    /// The latest decision for `purpose`, if the person was ever asked.
    pub fn consent(&self, purpose: ConsentPurpose) -> Option<&ConsentRecord> {
        self.consents
            .iter()
            .filter(|c| c.purpose == purpose)
            .max_by_key(|c| c.at)
    }
}
