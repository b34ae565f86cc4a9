//! An account: the company a lead works for. B2B decisions are made by ~10 people of one
//! company, so fit, attribution and the buying committee are judged per account.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{AccountId, CustomValue, WorkspaceId};

/// A company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: AccountId,
    pub workspace_id: WorkspaceId,
    pub name: String,
    /// Registrable domain (e.g. `acme.co.kr`), the key leads are matched to accounts by.
    #[serde(default)]
    pub domain: Option<String>,
    #[serde(default)]
    pub industry: Option<String>,
    #[serde(default)]
    pub employee_count: Option<u32>,
    /// A workspace-defined band label such as "100억~500억".
    #[serde(default)]
    pub revenue_band: Option<String>,
    /// ISO 3166-1 alpha-2, upper case (`KR`).
    #[serde(default)]
    pub country: Option<String>,
    /// Region within the country (`서울`, `경기`, `California`).
    #[serde(default)]
    pub region: Option<String>,
    /// Technologies the company uses (`salesforce`, `aws`).
    #[serde(default)]
    pub tech_tags: Vec<String>,
    #[serde(default)]
    pub custom: BTreeMap<String, CustomValue>,
}

impl Account {
    /// An account with only a name; every other field unknown.
    pub fn new(id: AccountId, workspace_id: WorkspaceId, name: impl Into<String>) -> Self {
        Self {
            id,
            workspace_id,
            name: name.into(),
            domain: None,
            industry: None,
            employee_count: None,
            revenue_band: None,
            country: None,
            region: None,
            tech_tags: Vec::new(),
            custom: BTreeMap::new(),
        }
    }
}
