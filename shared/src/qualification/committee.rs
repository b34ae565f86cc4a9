//! The buying committee of an account: its contacts with a buying role or the champion
//! flag. In B2B about ten people take part in a decision, so a deal with no known
//! decision maker or no champion is at risk, whatever one contact's score says.

use serde::{Deserialize, Serialize};

use crate::model::{AccountId, BuyingRole, Lead, LeadId};

/// One person on a buying committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitteeMember {
    /// The contact.
    pub lead_id: LeadId,
    /// The name as the person wrote it.
    pub name: String,
    /// Their part in the decision; `None` for a champion whose role nobody recorded yet.
    pub role: Option<BuyingRole>,
    /// Sells the purchase inside the company.
    pub champion: bool,
}

/// The contacts of one account who take part in its buying decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuyingCommittee {
    /// The account.
    pub account_id: AccountId,
    /// Members ordered by role (decision makers first, then influencers, users, blockers,
    /// then champions without a role), then by name, so the list reads the same on every
    /// device.
    pub members: Vec<CommitteeMember>,
}

/// The roles a complete committee has: someone who signs, someone who shapes the choice,
/// someone who will use the product. A blocker is a risk to know, never a gap to fill.
const WANTED_ROLES: [BuyingRole; 3] = [
    BuyingRole::DecisionMaker,
    BuyingRole::Influencer,
    BuyingRole::User,
];

impl BuyingCommittee {
    /// The committee of `account_id` from `leads` (any leads: those of other accounts,
    /// merged-away duplicates, and contacts with neither a role nor the champion flag are
    /// left out — a merged record would count one person twice).
    pub fn of_account<'a>(
        account_id: AccountId,
        leads: impl IntoIterator<Item = &'a Lead>,
    ) -> Self {
        let mut members: Vec<CommitteeMember> = leads
            .into_iter()
            .filter(|lead| {
                lead.account_id == Some(account_id)
                    && lead.merged_into.is_none()
                    && (lead.buying_role.is_some() || lead.champion)
            })
            .map(|lead| CommitteeMember {
                lead_id: lead.id,
                name: lead.name.clone(),
                role: lead.buying_role,
                champion: lead.champion,
            })
            .collect();
        // `None` sorts first for Option, so order by (role is none, role) instead.
        members.sort_by(|a, b| {
            (a.role.is_none(), a.role, &a.name, a.lead_id).cmp(&(
                b.role.is_none(),
                b.role,
                &b.name,
                b.lead_id,
            ))
        });
        Self {
            account_id,
            members,
        }
    }

    /// Whether someone who can sign is known.
    pub fn has_decision_maker(&self) -> bool {
        self.has_role(BuyingRole::DecisionMaker)
    }

    /// Whether someone sells the purchase internally.
    pub fn has_champion(&self) -> bool {
        self.members.iter().any(|m| m.champion)
    }

    /// Whether any member has `role`.
    pub fn has_role(&self, role: BuyingRole) -> bool {
        self.members.iter().any(|m| m.role == Some(role))
    }

    /// The wanted roles (decision maker, influencer, user) nobody on the committee has
    /// yet, in that order. Blockers are never "missing".
    pub fn missing_roles(&self) -> Vec<BuyingRole> {
        WANTED_ROLES
            .into_iter()
            .filter(|role| !self.has_role(*role))
            .collect()
    }

    /// Members with the blocker role: the people to win over or work around.
    pub fn blockers(&self) -> impl Iterator<Item = &CommitteeMember> {
        self.members
            .iter()
            .filter(|m| m.role == Some(BuyingRole::Blocker))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryPath, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    fn contact(
        n: u128,
        name: &str,
        account: u128,
        role: Option<BuyingRole>,
        champion: bool,
    ) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(n)),
            WorkspaceId(Uuid::nil()),
            name,
            EntryPath::Form,
            datetime!(2026-11-01 9:00 +9),
        );
        lead.account_id = Some(AccountId(Uuid::from_u128(account)));
        lead.buying_role = role;
        lead.champion = champion;
        lead
    }

    #[test]
    fn committee_collects_the_accounts_contacts_with_roles() {
        let acme = AccountId(Uuid::from_u128(100));
        let mut merged = contact(6, "김민수", 100, Some(BuyingRole::Influencer), false);
        merged.merged_into = Some(LeadId(Uuid::from_u128(2)));
        let leads = vec![
            contact(1, "박서준", 100, Some(BuyingRole::User), false),
            contact(2, "김민수", 100, Some(BuyingRole::Influencer), true),
            contact(3, "이지은", 100, None, false),
            contact(4, "최대표", 200, Some(BuyingRole::DecisionMaker), false),
            contact(5, "정보안", 100, Some(BuyingRole::Blocker), false),
            merged,
            contact(7, "한챔피언", 100, None, true),
        ];
        let committee = BuyingCommittee::of_account(acme, &leads);
        let names: Vec<&str> = committee.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["김민수", "박서준", "정보안", "한챔피언"]);
        assert!(committee.has_champion());
        assert!(!committee.has_decision_maker());
        assert_eq!(committee.missing_roles(), [BuyingRole::DecisionMaker]);
        assert_eq!(
            committee.blockers().map(|m| m.lead_id).collect::<Vec<_>>(),
            [LeadId(Uuid::from_u128(5))]
        );
    }

    #[test]
    fn empty_committee_misses_every_wanted_role() {
        let committee = BuyingCommittee::of_account(AccountId(Uuid::nil()), &[]);
        assert!(committee.members.is_empty());
        assert!(!committee.has_champion());
        assert_eq!(committee.missing_roles(), WANTED_ROLES);
    }
}
