//! A lead's colleagues: the other people of the same company, with their part in the
//! buying decision. The company is the matched account when there is one, else the
//! business e-mail domain (a personal address such as naver.com says nothing about
//! where someone works), else the typed company name, normalised.

use crate::identity::{EmailKind, email_kind, normalise_company, registrable_domain};
use crate::model::Lead;
use crate::qualification::CommitteeMember;

/// The key that tells which company a lead works for; `None` when nothing says.
pub fn company_key(lead: &Lead) -> Option<String> {
    if let Some(account) = lead.account_id {
        return Some(format!("account:{}", account.0));
    }
    let domain = lead
        .email
        .as_deref()
        .and_then(|email| email.rsplit_once('@'))
        .map(|(_, domain)| domain.trim().to_lowercase())
        .filter(|domain| email_kind(domain) == EmailKind::Business)
        .and_then(|domain| registrable_domain(&domain).or(Some(domain)));
    if let Some(domain) = domain {
        return Some(format!("domain:{domain}"));
    }
    lead.company_name
        .as_deref()
        .map(normalise_company)
        .filter(|name| !name.is_empty())
        .map(|name| format!("company:{name}"))
}

/// Everyone at `lead`'s company in `leads` (the lead itself included, records merged
/// away left out), with role and champion flag: those with a role first in role order,
/// then the rest, each by name.
pub fn colleagues(lead: &Lead, leads: &[Lead]) -> Vec<CommitteeMember> {
    let Some(key) = company_key(lead) else {
        return vec![member(lead)];
    };
    let mut members: Vec<CommitteeMember> = leads
        .iter()
        .filter(|other| other.merged_into.is_none() && other.id != lead.id)
        .filter(|other| company_key(other).as_deref() == Some(key.as_str()))
        .chain(std::iter::once(lead))
        .map(member)
        .collect();
    members.sort_by(|a, b| {
        (a.role.is_none(), a.role, !a.champion, &a.name, a.lead_id).cmp(&(
            b.role.is_none(),
            b.role,
            !b.champion,
            &b.name,
            b.lead_id,
        ))
    });
    members
}

fn member(lead: &Lead) -> CommitteeMember {
    CommitteeMember {
        lead_id: lead.id,
        name: lead.name.clone(),
        role: lead.buying_role,
        champion: lead.champion,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AccountId, BuyingRole, EntryPath, LeadId, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    fn lead(n: u128, name: &str, email: Option<&str>, company: Option<&str>) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(n)),
            WorkspaceId(Uuid::nil()),
            name,
            EntryPath::Form,
            datetime!(2026-11-02 01:00 UTC),
        );
        lead.email = email.map(str::to_owned);
        lead.company_name = company.map(str::to_owned);
        lead
    }

    #[test]
    fn company_keys_prefer_account_then_business_domain_then_name() {
        let mut with_account = lead(1, "가", Some("a@acme.co.kr"), Some("에이크미"));
        with_account.account_id = Some(AccountId(Uuid::from_u128(5)));
        let cases = [
            (
                with_account,
                Some(format!("account:{}", Uuid::from_u128(5))),
            ),
            (
                lead(2, "나", Some("b@mail.acme.co.kr"), None),
                Some("domain:acme.co.kr".to_owned()),
            ),
            (
                lead(3, "다", Some("c@naver.com"), Some("(주)에이크미")),
                Some(format!("company:{}", normalise_company("에이크미"))),
            ),
            (lead(4, "라", Some("d@gmail.com"), None), None),
        ];
        for (lead, expected) in cases {
            assert_eq!(company_key(&lead), expected, "{}", lead.name);
        }
    }

    #[test]
    fn colleagues_share_the_domain_and_roles_come_first() {
        let me = lead(1, "김민수", Some("minsu@acme.co.kr"), None);
        let mut boss = lead(2, "박대표", Some("ceo@acme.co.kr"), None);
        boss.buying_role = Some(BuyingRole::DecisionMaker);
        let mut champion = lead(3, "이과장", Some("lee@acme.co.kr"), None);
        champion.buying_role = Some(BuyingRole::User);
        champion.champion = true;
        let mut merged = lead(4, "김민수", Some("minsu2@acme.co.kr"), None);
        merged.merged_into = Some(me.id);
        let elsewhere = lead(5, "최부장", Some("choi@other.kr"), None);
        let leads = [me.clone(), boss, champion, merged, elsewhere];
        let names: Vec<(String, Option<BuyingRole>, bool)> = colleagues(&me, &leads)
            .into_iter()
            .map(|m| (m.name, m.role, m.champion))
            .collect();
        assert_eq!(
            names,
            vec![
                ("박대표".into(), Some(BuyingRole::DecisionMaker), false),
                ("이과장".into(), Some(BuyingRole::User), true),
                ("김민수".into(), None, false),
            ]
        );
        let alone = lead(6, "정", Some("j@gmail.com"), None);
        assert_eq!(colleagues(&alone, &leads).len(), 1);
    }
}
