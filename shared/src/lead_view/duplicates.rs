//! A lead's likely duplicates, found by the same dedupe every entry path runs, what a
//! merge into the lead would keep (the shared survivorship rules), and which records
//! were merged into it (so the merge can be undone from its page).

use time::OffsetDateTime;

use crate::identity::{
    DedupeIndex, DuplicateReason, MergeDecision, MergeError, SurvivorshipRules, find_duplicates,
    merge,
};
use crate::model::{Actor, Lead, LeadId};

/// One record that looks like the lead, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateCandidate {
    /// The other record.
    pub lead_id: LeadId,
    /// Every reason that holds (same e-mail, phone, name at the same company).
    pub reasons: Vec<DuplicateReason>,
}

/// The records in `leads` that look like `lead` (itself and merged-away records left
/// out), in the order of `leads`.
pub fn duplicate_candidates(lead: &Lead, leads: &[Lead]) -> Vec<DuplicateCandidate> {
    if lead.merged_into.is_some() {
        return Vec::new();
    }
    let index = DedupeIndex::new(leads);
    find_duplicates(&index, lead)
        .into_iter()
        .map(|m| DuplicateCandidate {
            lead_id: m.lead_id,
            reasons: m.reasons,
        })
        .collect()
}

/// `survivor` as it would read after absorbing `duplicate` under the default
/// survivorship rules, confirmed by `by` at `now`.
pub fn merge_preview(
    survivor: &Lead,
    duplicate: &Lead,
    by: Actor,
    now: OffsetDateTime,
) -> Result<Lead, MergeError> {
    merge(
        survivor,
        std::slice::from_ref(duplicate),
        &[],
        &SurvivorshipRules::default(),
        MergeDecision::Confirmed { by: by.clone() },
        by,
        now,
    )
    .map(|m| m.merged)
}

/// The records of `leads` merged into `survivor`, in the order of `leads`.
pub fn absorbed_into(survivor: LeadId, leads: &[Lead]) -> Vec<LeadId> {
    leads
        .iter()
        .filter(|l| l.merged_into == Some(survivor))
        .map(|l| l.id)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryPath, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    fn lead(n: u128, name: &str, email: Option<&str>, phone: Option<&str>) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(n)),
            WorkspaceId(Uuid::nil()),
            name,
            EntryPath::Form,
            datetime!(2026-11-02 01:00 UTC),
        );
        lead.email = email.map(str::to_owned);
        lead.phone = phone.map(str::to_owned);
        lead
    }

    #[test]
    fn candidates_preview_and_absorbed() {
        let me = lead(1, "김민수", Some("minsu@acme.co.kr"), None);
        let mut same_email = lead(
            2,
            "Minsu Kim",
            Some("Minsu@acme.co.kr"),
            Some("+821012345678"),
        );
        same_email.title = Some("팀장".into());
        let same_phone = lead(3, "김민수", None, Some("+821012345678"));
        let other = lead(4, "이영희", Some("yh@acme.co.kr"), None);
        let leads = [me.clone(), same_email.clone(), same_phone, other];
        let found: Vec<(LeadId, Vec<DuplicateReason>)> = duplicate_candidates(&me, &leads)
            .into_iter()
            .map(|c| (c.lead_id, c.reasons))
            .collect();
        assert_eq!(
            found,
            vec![(same_email.id, vec![DuplicateReason::SameEmail])]
        );

        let by = Actor::User {
            id: "u1".into(),
            name: "지우".into(),
        };
        let now = datetime!(2026-11-24 01:00 UTC);
        let preview = merge_preview(&me, &same_email, by, now).unwrap();
        // The survivor's own values stay; blanks are filled from the duplicate.
        assert_eq!(preview.name, "김민수");
        assert_eq!(preview.title.as_deref(), Some("팀장"));
        assert_eq!(preview.phone.as_deref(), Some("+821012345678"));

        let mut absorbed = same_email.clone();
        absorbed.merged_into = Some(me.id);
        let after = [me.clone(), absorbed.clone()];
        assert_eq!(absorbed_into(me.id, &after), vec![absorbed.id]);
        assert!(duplicate_candidates(&me, &after).is_empty());
        assert!(duplicate_candidates(&absorbed, &after).is_empty());
    }
}
