//! Lead→account matching: by the registrable domain of a business e-mail first, else by
//! a fuzzy company name. The index is built once per workspace and answers each lead in
//! a few hash lookups, so a 100k-lead import is matched in linear time.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::company::{COMPANY_MATCH_THRESHOLD, normalise_company, normalised_similarity};
use super::domain::registrable_domain;
use super::email::EmailAddress;
use super::provider::EmailKind;
use crate::model::{Account, AccountId, Lead};

/// How a lead was matched to its account.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum MatchedBy {
    /// The registrable domain of the lead's business e-mail is the account's domain.
    Domain,
    /// The typed company name is like the account's name (1.0 when equal once
    /// normalised).
    CompanyName {
        /// Jaro-Winkler similarity of the normalised names.
        similarity: f64,
    },
}

/// The account a lead belongs to, and why.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AccountMatch {
    /// The matched account.
    pub account_id: AccountId,
    /// How it was matched.
    #[serde(flatten)]
    pub by: MatchedBy,
}

/// Accounts keyed for matching. When two accounts share a domain or a normalised name,
/// the first one given wins, so the result does not depend on hash order.
#[derive(Debug, Clone, Default)]
pub struct AccountIndex {
    by_domain: HashMap<String, AccountId>,
    by_name: HashMap<String, AccountId>,
    /// Normalised names grouped by their first two characters: fuzzy matching only
    /// compares within a block, which keeps a lookup to a few dozen comparisons.
    /// The price: a typo in the first two characters is not matched.
    blocks: HashMap<String, Vec<(String, AccountId)>>,
}

/// The blocking key of a normalised name: its first two characters.
fn block_of(name: &str) -> &str {
    let end = name.char_indices().nth(2).map_or(name.len(), |(i, _)| i);
    &name[..end]
}

impl AccountIndex {
    /// Indexes `accounts`.
    pub fn new(accounts: &[Account]) -> Self {
        let mut index = Self {
            by_domain: HashMap::with_capacity(accounts.len()),
            by_name: HashMap::with_capacity(accounts.len()),
            blocks: HashMap::new(),
        };
        for account in accounts {
            if let Some(domain) = account.domain.as_deref().and_then(registrable_domain) {
                index.by_domain.entry(domain).or_insert(account.id);
            }
            let name = normalise_company(&account.name);
            if name.is_empty() || index.by_name.contains_key(&name) {
                continue;
            }
            index
                .blocks
                .entry(block_of(&name).to_owned())
                .or_default()
                .push((name.clone(), account.id));
            index.by_name.insert(name, account.id);
        }
        index
    }

    /// The account whose registrable domain is `domain`'s.
    pub fn by_domain(&self, domain: &str) -> Option<AccountId> {
        self.by_domain
            .get(domain)
            .or_else(|| registrable_domain(domain).and_then(|d| self.by_domain.get(&d)))
            .copied()
    }

    /// The account whose name is most like `company_name`, if any reaches
    /// [`COMPANY_MATCH_THRESHOLD`]; ties go to the account indexed first.
    pub fn by_company_name(&self, company_name: &str) -> Option<AccountMatch> {
        let name = normalise_company(company_name);
        if name.is_empty() {
            return None;
        }
        if let Some(&account_id) = self.by_name.get(&name) {
            return Some(AccountMatch {
                account_id,
                by: MatchedBy::CompanyName { similarity: 1.0 },
            });
        }
        let mut best: Option<(f64, AccountId)> = None;
        for (candidate, account_id) in self.blocks.get(block_of(&name)).into_iter().flatten() {
            let similarity = normalised_similarity(&name, candidate);
            if similarity >= COMPANY_MATCH_THRESHOLD && best.is_none_or(|(top, _)| similarity > top)
            {
                best = Some((similarity, *account_id));
            }
        }
        best.map(|(similarity, account_id)| AccountMatch {
            account_id,
            by: MatchedBy::CompanyName { similarity },
        })
    }
}

/// The account `lead` belongs to: by the registrable domain of its e-mail when that is
/// a business address (a naver.com domain says nothing about the employer), else by
/// its typed company name.
pub fn match_account(lead: &Lead, index: &AccountIndex) -> Option<AccountMatch> {
    let by_domain = lead
        .email
        .as_deref()
        .and_then(|raw| EmailAddress::parse(raw).ok())
        .filter(|email| email.kind() == EmailKind::Business)
        .and_then(|email| index.by_domain(email.domain()));
    if let Some(account_id) = by_domain {
        return Some(AccountMatch {
            account_id,
            by: MatchedBy::Domain,
        });
    }
    lead.company_name
        .as_deref()
        .and_then(|name| index.by_company_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::{DatasetSpec, generate};
    use crate::model::{EntryPath, LeadId, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    fn account(n: u128, name: &str, domain: Option<&str>) -> Account {
        let mut account = Account::new(
            AccountId(Uuid::from_u128(n)),
            WorkspaceId(Uuid::nil()),
            name,
        );
        account.domain = domain.map(str::to_owned);
        account
    }

    fn lead(email: Option<&str>, company: Option<&str>) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(99)),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Form,
            datetime!(2026-11-24 0:00 UTC),
        );
        lead.email = email.map(str::to_owned);
        lead.company_name = company.map(str::to_owned);
        lead
    }

    #[test]
    fn leads_match_by_business_domain_then_company_name() {
        let accounts = [
            account(1, "㈜한빛소프트", Some("hanbitsoft.co.kr")),
            account(2, "Seoul Metropolitan Government", Some("www.seoul.go.kr")),
            account(3, "Samsung Electronics", Some("samsung.com")),
            account(4, "누리테크", None),
            // A second account on the same domain loses to the first.
            account(5, "한빛소프트 영업", Some("hanbitsoft.co.kr")),
        ];
        let index = AccountIndex::new(&accounts);
        let id = |n| AccountId(Uuid::from_u128(n));
        let cases: &[(Option<&str>, Option<&str>, Option<AccountMatch>)] = &[
            (
                Some("minsu@mail.hanbitsoft.co.kr"),
                Some("아무개"),
                Some(AccountMatch {
                    account_id: id(1),
                    by: MatchedBy::Domain,
                }),
            ),
            (
                Some("Kim@Seoul.go.kr"),
                None,
                Some(AccountMatch {
                    account_id: id(2),
                    by: MatchedBy::Domain,
                }),
            ),
            // A personal address falls through to the company name.
            (
                Some("minsu@naver.com"),
                Some("한빛소프트 주식회사"),
                Some(AccountMatch {
                    account_id: id(1),
                    by: MatchedBy::CompanyName { similarity: 1.0 },
                }),
            ),
            (
                Some("broken-address"),
                Some("(유)누리테크"),
                Some(AccountMatch {
                    account_id: id(4),
                    by: MatchedBy::CompanyName { similarity: 1.0 },
                }),
            ),
            (Some("kim@naver.com"), None, None),
            (Some("kim@unknown.co.kr"), Some("전혀 다른 회사"), None),
            (None, Some("(주)"), None),
        ];
        for (email, company, expected) in cases {
            assert_eq!(
                match_account(&lead(*email, *company), &index),
                *expected,
                "{email:?} {company:?}"
            );
        }
        let fuzzy = match_account(&lead(None, Some("Samsung Electroncis Co., Ltd.")), &index);
        assert!(
            matches!(fuzzy, Some(AccountMatch { account_id, by: MatchedBy::CompanyName { similarity } })
                if account_id == id(3) && (COMPANY_MATCH_THRESHOLD..1.0).contains(&similarity)),
            "{fuzzy:?}"
        );
    }

    #[test]
    fn fixture_leads_find_their_accounts() {
        let data = generate(&DatasetSpec::new(3, 2_000, datetime!(2026-11-24 0:00 UTC)));
        let index = AccountIndex::new(&data.accounts);
        let mut matched = 0;
        for (lead, account) in data.leads.iter().zip(&data.account_of) {
            let expected = account.map(|i| data.accounts[i].id);
            let found = match_account(lead, &index).map(|m| m.account_id);
            // Company names in the fixtures are unique, so every match must be right.
            assert!(found.is_none() || found == expected, "{lead:?}");
            matched += usize::from(found.is_some());
        }
        assert_eq!(matched, data.leads.len());
    }

    #[test]
    fn matches_serialise_flat_with_stable_names() {
        let found = AccountMatch {
            account_id: AccountId(Uuid::nil()),
            by: MatchedBy::CompanyName { similarity: 0.95 },
        };
        let json = serde_json::to_string(&found).unwrap();
        assert_eq!(
            json,
            r#"{"account_id":"00000000-0000-0000-0000-000000000000","by":"company_name","similarity":0.95}"#
        );
        assert_eq!(serde_json::from_str::<AccountMatch>(&json).unwrap(), found);
    }
}
