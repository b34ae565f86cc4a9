//! Merging duplicate records into one, field by field under survivorship rules, with a
//! log that restores the originals exactly. A wrong merge loses a person's history, so
//! every merge must be undoable, and two proven mailboxes are never merged unasked.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::OffsetDateTime;

use super::email::EmailAddress;
use crate::model::{Actor, Lead, LeadId, Touch, TouchId};

/// How the merged value of one field is chosen. Blank values never win.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Survivorship {
    /// The survivor's value, else the first absorbed record's that has one.
    #[default]
    PreferSurvivor,
    /// The value of the record updated last (ties: survivor first).
    MostRecent,
    /// The value of the record created first: what the person first told us.
    Oldest,
    /// For e-mail and phone: a verified value first, then as `PreferSurvivor`. For
    /// other fields the same as `PreferSurvivor`.
    PreferVerified,
}

/// A lead field chosen by a survivorship rule. Fields not listed are combined by fixed
/// rules (see [`merge`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeField {
    /// The matched account.
    AccountId,
    /// E-mail, with its verified flag.
    Email,
    /// Phone, with its verified flag.
    Phone,
    /// Full name as written.
    Name,
    /// Given name.
    GivenName,
    /// Family name.
    FamilyName,
    /// Company name as typed.
    CompanyName,
    /// Job title.
    Title,
    /// Seniority.
    Seniority,
    /// Department.
    Department,
    /// Marketing source label.
    Source,
    /// UTM parameters, taken as a whole (never mixed across records).
    Utm,
    /// Referrer URL.
    Referrer,
    /// Landing page URL.
    LandingPage,
    /// Owning rep.
    Owner,
    /// Role in the buying decision.
    BuyingRole,
}

/// Per-field survivorship, stored per workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurvivorshipRules {
    /// The rule for fields without their own.
    #[serde(default)]
    pub default: Survivorship,
    /// Rules for single fields.
    #[serde(default)]
    pub fields: BTreeMap<MergeField, Survivorship>,
}

impl Default for SurvivorshipRules {
    /// The survivor's values, except that a verified e-mail or phone wins.
    fn default() -> Self {
        Self {
            default: Survivorship::PreferSurvivor,
            fields: BTreeMap::from([
                (MergeField::Email, Survivorship::PreferVerified),
                (MergeField::Phone, Survivorship::PreferVerified),
            ]),
        }
    }
}

impl SurvivorshipRules {
    /// The rule for `field`.
    pub fn rule(&self, field: MergeField) -> Survivorship {
        self.fields.get(&field).copied().unwrap_or(self.default)
    }
}

/// Whether a person decided this merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum MergeDecision {
    /// Proposed by dedupe and applied without asking.
    Automatic,
    /// A person looked at the records and confirmed they are one person.
    Confirmed {
        /// Who confirmed.
        by: Actor,
    },
}

/// One touch re-pointed from an absorbed record to the survivor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchMove {
    /// The touch that moved.
    pub touch_id: TouchId,
    /// The absorbed record it belonged to.
    pub from: LeadId,
    /// The survivor it belongs to now.
    pub to: LeadId,
}

impl TouchMove {
    /// Points `touch` back at the record it came from (when it is the moved touch).
    pub fn revert(&self, touch: &mut Touch) {
        if touch.id == self.touch_id && touch.lead_id == self.to {
            touch.lead_id = self.from;
        }
    }
}

/// Everything needed to undo a merge: the records exactly as they were, the touches
/// that moved, and who merged them when, under which rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MergeLog {
    /// The survivor exactly as it was.
    pub survivor_before: Lead,
    /// The absorbed records exactly as they were.
    pub absorbed_before: Vec<Lead>,
    /// Every touch re-pointed to the survivor.
    pub touch_moves: Vec<TouchMove>,
    /// The rules the merged values were chosen by.
    pub rules: SurvivorshipRules,
    /// Automatic, or confirmed by whom.
    pub decision: MergeDecision,
    /// Who ran the merge (the engine or a person).
    pub actor: Actor,
    /// When.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

/// The result of a merge, for the caller to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// The survivor with the merged values.
    pub merged: Lead,
    /// The absorbed records, kept with `merged_into` set to the survivor.
    pub absorbed: Vec<Lead>,
    /// The absorbed records' touches, now pointing at the survivor.
    pub moved_touches: Vec<Touch>,
    /// What undoes this merge; store it with the records.
    pub log: MergeLog,
}

/// What [`undo`] gives back: the records as before the merge, and the touch moves to
/// revert (see [`TouchMove::revert`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    /// The survivor as before the merge.
    pub survivor: Lead,
    /// The absorbed records as before the merge (`merged_into` cleared as it was).
    pub absorbed: Vec<Lead>,
    /// Touches to point back at their original records.
    pub touch_moves: Vec<TouchMove>,
}

/// Why a merge was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MergeError {
    /// No records to absorb.
    #[error("there is nothing to merge into lead {survivor}")]
    NothingToMerge { survivor: LeadId },
    /// The survivor is among the absorbed records.
    #[error("lead {lead_id} cannot be merged into itself")]
    SelfMerge { lead_id: LeadId },
    /// A record is listed twice among the absorbed.
    #[error("lead {lead_id} is listed twice")]
    AbsorbedTwice { lead_id: LeadId },
    /// A record belongs to another workspace than the survivor.
    #[error("lead {lead_id} belongs to another workspace")]
    WorkspaceMismatch { lead_id: LeadId },
    /// A record was already merged into another.
    #[error("lead {lead_id} was already merged into another lead")]
    AlreadyMerged { lead_id: LeadId },
    /// Two records each have their own verified e-mail, and no person confirmed.
    #[error(
        "leads {first} and {second} have different verified e-mails; a person must confirm this merge"
    )]
    DistinctVerifiedEmails { first: LeadId, second: LeadId },
    /// A touch given to move belongs to none of the absorbed records.
    #[error("touch {touch_id} belongs to lead {lead_id}, which is not being absorbed")]
    TouchOfOtherLead { touch_id: TouchId, lead_id: LeadId },
}

/// Which record's value a rule picks, as an index into `leads` (survivor first).
/// `has` says whether a record has a value; `verified` whether that value is verified.
fn choose(
    leads: &[&Lead],
    rule: Survivorship,
    has: impl Fn(&Lead) -> bool,
    verified: impl Fn(&Lead) -> bool,
) -> usize {
    let present = (0..leads.len()).filter(|&i| has(leads[i]));
    let first = present.clone().next();
    let chosen = match rule {
        Survivorship::PreferSurvivor => first,
        Survivorship::PreferVerified => present.clone().find(|&i| verified(leads[i])).or(first),
        Survivorship::MostRecent => present.fold(None, |best: Option<usize>, i| match best {
            Some(b) if leads[b].updated_at >= leads[i].updated_at => Some(b),
            _ => Some(i),
        }),
        Survivorship::Oldest => present.fold(None, |best: Option<usize>, i| match best {
            Some(b) if leads[b].created_at <= leads[i].created_at => Some(b),
            _ => Some(i),
        }),
    };
    chosen.unwrap_or(0)
}

fn filled(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.trim().is_empty())
}

fn never(_: &Lead) -> bool {
    false
}

/// The key two verified e-mails are compared under.
fn email_key(lead: &Lead) -> Option<String> {
    let raw = lead
        .email
        .as_deref()
        .filter(|e| lead.email_verified && !e.trim().is_empty())?;
    Some(EmailAddress::parse(raw).map_or_else(|_| raw.trim().to_lowercase(), |e| e.dedupe_key()))
}

/// Merges `absorbed` into `survivor`.
///
/// Fields listed in [`MergeField`] follow `rules`; e-mail and phone carry their
/// verified flag along. The rest is combined: consents are the union (survivor's
/// first, exact repeats dropped), custom fields and qualification entries the union
/// with the survivor's value winning a shared key, `champion` is true if any record
/// says so, `created_at` is the earliest, `updated_at` is `now`; stage, entry path
/// and id stay the survivor's (stage moves belong to the lifecycle rules).
///
/// `touches` are the absorbed records' touches; they are re-pointed to the survivor
/// and each move is logged.
///
/// Refused with [`MergeError::DistinctVerifiedEmails`] when two records have
/// different verified e-mails and `decision` is not [`MergeDecision::Confirmed`].
pub fn merge(
    survivor: &Lead,
    absorbed: &[Lead],
    touches: &[Touch],
    rules: &SurvivorshipRules,
    decision: MergeDecision,
    actor: Actor,
    now: OffsetDateTime,
) -> Result<Merge, MergeError> {
    check(survivor, absorbed, &decision)?;
    let absorbed_ids: HashSet<LeadId> = absorbed.iter().map(|l| l.id).collect();
    let mut touch_moves = Vec::with_capacity(touches.len());
    let mut moved_touches = Vec::with_capacity(touches.len());
    for touch in touches {
        if !absorbed_ids.contains(&touch.lead_id) {
            return Err(MergeError::TouchOfOtherLead {
                touch_id: touch.id,
                lead_id: touch.lead_id,
            });
        }
        touch_moves.push(TouchMove {
            touch_id: touch.id,
            from: touch.lead_id,
            to: survivor.id,
        });
        let mut moved = touch.clone();
        moved.lead_id = survivor.id;
        moved_touches.push(moved);
    }

    let leads: Vec<&Lead> = std::iter::once(survivor).chain(absorbed).collect();
    let pick = |field: MergeField, has: fn(&Lead) -> bool, verified: fn(&Lead) -> bool| {
        leads[choose(&leads, rules.rule(field), has, verified)]
    };
    let mut merged = survivor.clone();
    merged.account_id = pick(MergeField::AccountId, |l| l.account_id.is_some(), never).account_id;
    let email_from = pick(
        MergeField::Email,
        |l| filled(&l.email),
        |l| l.email_verified,
    );
    merged.email = email_from.email.clone();
    merged.email_verified = email_from.email_verified;
    let phone_from = pick(
        MergeField::Phone,
        |l| filled(&l.phone),
        |l| l.phone_verified,
    );
    merged.phone = phone_from.phone.clone();
    merged.phone_verified = phone_from.phone_verified;
    merged.name = pick(MergeField::Name, |l| !l.name.trim().is_empty(), never)
        .name
        .clone();
    merged.given_name = pick(MergeField::GivenName, |l| filled(&l.given_name), never)
        .given_name
        .clone();
    merged.family_name = pick(MergeField::FamilyName, |l| filled(&l.family_name), never)
        .family_name
        .clone();
    merged.company_name = pick(MergeField::CompanyName, |l| filled(&l.company_name), never)
        .company_name
        .clone();
    merged.title = pick(MergeField::Title, |l| filled(&l.title), never)
        .title
        .clone();
    merged.seniority = pick(MergeField::Seniority, |l| l.seniority.is_some(), never).seniority;
    merged.department = pick(MergeField::Department, |l| l.department.is_some(), never).department;
    merged.source = pick(MergeField::Source, |l| filled(&l.source), never)
        .source
        .clone();
    merged.utm = pick(MergeField::Utm, |l| l.utm != Default::default(), never)
        .utm
        .clone();
    merged.referrer = pick(MergeField::Referrer, |l| filled(&l.referrer), never)
        .referrer
        .clone();
    merged.landing_page = pick(MergeField::LandingPage, |l| filled(&l.landing_page), never)
        .landing_page
        .clone();
    merged.owner = pick(MergeField::Owner, |l| l.owner.is_some(), never).owner;
    merged.buying_role =
        pick(MergeField::BuyingRole, |l| l.buying_role.is_some(), never).buying_role;

    for other in absorbed {
        for consent in &other.consents {
            if !merged.consents.contains(consent) {
                merged.consents.push(consent.clone());
            }
        }
        for (key, value) in &other.custom {
            merged
                .custom
                .entry(key.clone())
                .or_insert_with(|| value.clone());
        }
        for (item, entry) in &other.qualification.entries {
            merged
                .qualification
                .entries
                .entry(*item)
                .or_insert_with(|| entry.clone());
        }
        merged.champion |= other.champion;
        merged.created_at = merged.created_at.min(other.created_at);
    }
    merged.updated_at = now;

    let absorbed_after = absorbed
        .iter()
        .map(|lead| {
            let mut lead = lead.clone();
            lead.merged_into = Some(survivor.id);
            lead.updated_at = now;
            lead
        })
        .collect();
    Ok(Merge {
        merged,
        absorbed: absorbed_after,
        moved_touches,
        log: MergeLog {
            survivor_before: survivor.clone(),
            absorbed_before: absorbed.to_vec(),
            touch_moves,
            rules: rules.clone(),
            decision,
            actor,
            at: now,
        },
    })
}

/// Refuses merges that are malformed or need a person's decision.
fn check(survivor: &Lead, absorbed: &[Lead], decision: &MergeDecision) -> Result<(), MergeError> {
    if absorbed.is_empty() {
        return Err(MergeError::NothingToMerge {
            survivor: survivor.id,
        });
    }
    if survivor.merged_into.is_some() {
        return Err(MergeError::AlreadyMerged {
            lead_id: survivor.id,
        });
    }
    let mut seen = HashSet::with_capacity(absorbed.len());
    for lead in absorbed {
        if lead.id == survivor.id {
            return Err(MergeError::SelfMerge { lead_id: lead.id });
        }
        if !seen.insert(lead.id) {
            return Err(MergeError::AbsorbedTwice { lead_id: lead.id });
        }
        if lead.workspace_id != survivor.workspace_id {
            return Err(MergeError::WorkspaceMismatch { lead_id: lead.id });
        }
        if lead.merged_into.is_some() {
            return Err(MergeError::AlreadyMerged { lead_id: lead.id });
        }
    }
    if matches!(decision, MergeDecision::Automatic) {
        let mut verified: Option<(LeadId, String)> = None;
        for lead in std::iter::once(survivor).chain(absorbed) {
            let Some(key) = email_key(lead) else { continue };
            match &verified {
                Some((first, seen)) if *seen != key => {
                    return Err(MergeError::DistinctVerifiedEmails {
                        first: *first,
                        second: lead.id,
                    });
                }
                Some(_) => {}
                None => verified = Some((lead.id, key)),
            }
        }
    }
    Ok(())
}

/// Undoes a merge: the records exactly as they were before it, and the touch moves to
/// revert. Changes made to the merged record after the merge are not kept; the caller
/// should warn when the survivor's `updated_at` is later than `log.at`.
pub fn undo(log: &MergeLog) -> Restored {
    Restored {
        survivor: log.survivor_before.clone(),
        absorbed: log.absorbed_before.clone(),
        touch_moves: log.touch_moves.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        ConsentPurpose, ConsentRecord, CustomValue, EntryPath, TouchKind, Utm, WorkspaceId,
    };
    use proptest::prelude::*;
    use time::Duration;
    use time::macros::datetime;
    use uuid::Uuid;

    const T0: OffsetDateTime = datetime!(2026-01-01 0:00 UTC);
    const NOW: OffsetDateTime = datetime!(2026-11-24 9:00 UTC);

    fn id(n: u128) -> LeadId {
        LeadId(Uuid::from_u128(n))
    }

    fn lead(n: u128, created_day: i64, updated_day: i64) -> Lead {
        let mut lead = Lead::new(
            id(n),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Form,
            T0,
        );
        lead.created_at = T0 + Duration::days(created_day);
        lead.updated_at = T0 + Duration::days(updated_day);
        lead
    }

    fn touch(n: u128, lead: LeadId) -> Touch {
        Touch {
            id: TouchId(Uuid::from_u128(n)),
            lead_id: lead,
            account_id: None,
            kind: TouchKind::PageView,
            at: T0,
            metadata: BTreeMap::new(),
            utm: Utm::default(),
        }
    }

    fn consent(purpose: ConsentPurpose, granted: bool, day: i64) -> ConsentRecord {
        ConsentRecord {
            purpose,
            granted,
            text_version: "privacy-2026-01".into(),
            at: T0 + Duration::days(day),
        }
    }

    /// Shows the merged value a case checks.
    type Read = fn(&Lead) -> String;

    fn admin() -> Actor {
        Actor::User {
            id: "u1".into(),
            name: "관리자".into(),
        }
    }

    /// Survivor S, absorbed A (created first among S and A, updated last) and B
    /// (created first of all, blank title).
    fn trio() -> (Lead, Vec<Lead>) {
        let mut s = lead(1, 100, 200);
        s.email = Some("s@acme.co.kr".into());
        s.title = Some("팀장".into());
        s.consents = vec![consent(ConsentPurpose::PersonalInfoCollection, true, 100)];
        s.custom.insert("budget".into(), CustomValue::Number(1e7));
        let mut a = lead(2, 50, 300);
        a.email = Some("a@acme.co.kr".into());
        a.email_verified = true;
        a.phone = Some("+821011112222".into());
        a.title = Some("Manager".into());
        a.source = Some("webinar".into());
        a.champion = true;
        a.consents = vec![
            consent(ConsentPurpose::PersonalInfoCollection, true, 100),
            consent(ConsentPurpose::MarketingMessages, true, 60),
        ];
        a.custom.insert("budget".into(), CustomValue::Number(5e7));
        a.custom
            .insert("timeline".into(), CustomValue::Text("3분기".into()));
        let mut b = lead(3, 10, 20);
        b.title = Some("  ".into());
        b.source = Some("kotra-fair".into());
        (s, vec![a, b])
    }

    #[test]
    fn each_rule_picks_its_value() {
        let (s, absorbed) = trio();
        let cases: &[(MergeField, Survivorship, Read, &str)] = &[
            (
                MergeField::Title,
                Survivorship::PreferSurvivor,
                |l| format!("{:?}", l.title),
                "Some(\"팀장\")",
            ),
            (
                MergeField::Title,
                Survivorship::MostRecent,
                |l| format!("{:?}", l.title),
                "Some(\"Manager\")",
            ),
            // B is oldest but its title is blank, so A's wins.
            (
                MergeField::Title,
                Survivorship::Oldest,
                |l| format!("{:?}", l.title),
                "Some(\"Manager\")",
            ),
            (
                MergeField::Source,
                Survivorship::PreferSurvivor,
                |l| format!("{:?}", l.source),
                "Some(\"webinar\")",
            ),
            (
                MergeField::Source,
                Survivorship::Oldest,
                |l| format!("{:?}", l.source),
                "Some(\"kotra-fair\")",
            ),
            (
                MergeField::Email,
                Survivorship::PreferVerified,
                |l| format!("{:?} {}", l.email, l.email_verified),
                "Some(\"a@acme.co.kr\") true",
            ),
            (
                MergeField::Email,
                Survivorship::PreferSurvivor,
                |l| format!("{:?} {}", l.email, l.email_verified),
                "Some(\"s@acme.co.kr\") false",
            ),
            (
                MergeField::Phone,
                Survivorship::PreferSurvivor,
                |l| format!("{:?} {}", l.phone, l.phone_verified),
                "Some(\"+821011112222\") false",
            ),
        ];
        for (field, rule, read, expected) in cases {
            let rules = SurvivorshipRules {
                default: Survivorship::PreferSurvivor,
                fields: BTreeMap::from([(*field, *rule)]),
            };
            let merged = merge(
                &s,
                &absorbed,
                &[],
                &rules,
                MergeDecision::Automatic,
                admin(),
                NOW,
            )
            .unwrap()
            .merged;
            assert_eq!(read(&merged), *expected, "{field:?} {rule:?}");
        }
    }

    #[test]
    fn records_are_combined_and_touches_move() {
        let (s, absorbed) = trio();
        let touches = [touch(10, id(2)), touch(11, id(3)), touch(12, id(2))];
        let result = merge(
            &s,
            &absorbed,
            &touches,
            &SurvivorshipRules::default(),
            MergeDecision::Automatic,
            admin(),
            NOW,
        )
        .unwrap();
        let merged = &result.merged;
        assert_eq!(merged.id, id(1));
        // Consents: the union, the repeated record once.
        assert_eq!(merged.consents.len(), 2);
        // Custom fields: the survivor's budget wins, A's timeline is added.
        assert_eq!(merged.custom["budget"], CustomValue::Number(1e7));
        assert_eq!(merged.custom["timeline"], CustomValue::Text("3분기".into()));
        assert!(merged.champion);
        assert_eq!(merged.created_at, T0 + Duration::days(10));
        assert_eq!(merged.updated_at, NOW);
        assert_eq!(merged.email.as_deref(), Some("a@acme.co.kr"));
        assert!(result.absorbed.iter().all(|l| l.merged_into == Some(id(1))));
        assert!(result.moved_touches.iter().all(|t| t.lead_id == id(1)));
        let moves: Vec<(TouchId, LeadId)> = result
            .log
            .touch_moves
            .iter()
            .map(|m| (m.touch_id, m.from))
            .collect();
        assert_eq!(
            moves,
            vec![
                (TouchId(Uuid::from_u128(10)), id(2)),
                (TouchId(Uuid::from_u128(11)), id(3)),
                (TouchId(Uuid::from_u128(12)), id(2)),
            ]
        );
    }

    #[test]
    fn two_verified_emails_need_a_person() {
        let (mut s, absorbed) = trio();
        s.email_verified = true;
        let rules = SurvivorshipRules::default();
        assert_eq!(
            merge(
                &s,
                &absorbed,
                &[],
                &rules,
                MergeDecision::Automatic,
                admin(),
                NOW
            )
            .unwrap_err(),
            MergeError::DistinctVerifiedEmails {
                first: id(1),
                second: id(2)
            }
        );
        let confirmed = MergeDecision::Confirmed { by: admin() };
        assert!(merge(&s, &absorbed, &[], &rules, confirmed, admin(), NOW).is_ok());
        // Two spellings of one Gmail mailbox are one verified address.
        let mut a = absorbed[0].clone();
        s.email = Some("Min.Su@gmail.com".into());
        a.email = Some("minsu+fair@gmail.com".into());
        assert!(
            merge(
                &s,
                &[a],
                &[],
                &rules,
                MergeDecision::Automatic,
                admin(),
                NOW
            )
            .is_ok()
        );
    }

    #[test]
    fn malformed_merges_are_refused() {
        let (s, absorbed) = trio();
        let mut other_workspace = absorbed[0].clone();
        other_workspace.workspace_id = WorkspaceId(Uuid::from_u128(9));
        let mut merged_away = absorbed[0].clone();
        merged_away.merged_into = Some(id(7));
        let cases: Vec<(Vec<Lead>, Vec<Touch>, MergeError)> = vec![
            (
                vec![],
                vec![],
                MergeError::NothingToMerge { survivor: id(1) },
            ),
            (
                vec![s.clone()],
                vec![],
                MergeError::SelfMerge { lead_id: id(1) },
            ),
            (
                vec![absorbed[1].clone(), absorbed[1].clone()],
                vec![],
                MergeError::AbsorbedTwice { lead_id: id(3) },
            ),
            (
                vec![other_workspace],
                vec![],
                MergeError::WorkspaceMismatch { lead_id: id(2) },
            ),
            (
                vec![merged_away],
                vec![],
                MergeError::AlreadyMerged { lead_id: id(2) },
            ),
            (
                vec![absorbed[1].clone()],
                vec![touch(10, id(1))],
                MergeError::TouchOfOtherLead {
                    touch_id: TouchId(Uuid::from_u128(10)),
                    lead_id: id(1),
                },
            ),
        ];
        for (absorbed, touches, expected) in cases {
            let result = merge(
                &s,
                &absorbed,
                &touches,
                &SurvivorshipRules::default(),
                MergeDecision::Confirmed { by: admin() },
                admin(),
                NOW,
            );
            assert_eq!(result.unwrap_err(), expected);
        }
    }

    #[test]
    fn rules_serialise_with_stable_names() {
        let json = serde_json::to_string(&SurvivorshipRules::default()).unwrap();
        assert_eq!(
            json,
            r#"{"default":"prefer_survivor","fields":{"email":"prefer_verified","phone":"prefer_verified"}}"#
        );
        let back: SurvivorshipRules =
            serde_json::from_str(r#"{"fields":{"title":"most_recent"}}"#).unwrap();
        assert_eq!(back.rule(MergeField::Title), Survivorship::MostRecent);
        assert_eq!(back.rule(MergeField::Email), Survivorship::PreferSurvivor);
    }

    fn arb_rule() -> impl Strategy<Value = Survivorship> {
        prop::sample::select(vec![
            Survivorship::PreferSurvivor,
            Survivorship::MostRecent,
            Survivorship::Oldest,
            Survivorship::PreferVerified,
        ])
    }

    fn arb_text(options: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
        prop::option::of(prop::sample::select(options).prop_map(str::to_owned))
    }

    fn arb_lead(n: u128) -> impl Strategy<Value = Lead> {
        let contact = (
            arb_text(&[
                "a@acme.co.kr",
                "A.B@gmail.com",
                "ab@gmail.com",
                "x@naver.com",
                " ",
            ]),
            any::<bool>(),
            arb_text(&["+821012345678", "010-1234-5678", "+8221234567"]),
            any::<bool>(),
            prop::sample::select(vec!["김민수", "김 민 수", "Minsu Kim", ""]),
            arb_text(&["팀장", "Manager", ""]),
            arb_text(&["webinar", "kotra-fair"]),
            prop::option::of(0u128..3),
        );
        let history = (
            0i64..400,
            0i64..400,
            prop::collection::vec((0usize..3, any::<bool>(), 0i64..30), 0..3),
            prop::collection::btree_map(
                prop::sample::select(vec!["budget", "timeline", "note"]).prop_map(str::to_owned),
                prop_oneof![
                    (-1000i32..1000).prop_map(|n| CustomValue::Number(f64::from(n))),
                    any::<bool>().prop_map(CustomValue::Bool),
                    "[가-힣a-z ]{0,8}".prop_map(CustomValue::Text),
                ],
                0..3,
            ),
            any::<bool>(),
        );
        (contact, history).prop_map(move |(contact, history)| {
            let (email, email_verified, phone, phone_verified, name, title, source, account) =
                contact;
            let (created, updated, consents, custom, champion) = history;
            let mut l = lead(n, created, updated);
            l.email = email;
            l.email_verified = email_verified;
            l.phone = phone;
            l.phone_verified = phone_verified;
            l.name = name.to_owned();
            l.title = title;
            l.source = source;
            l.account_id = account.map(|a| crate::model::AccountId(Uuid::from_u128(a)));
            l.consents = consents
                .into_iter()
                .map(|(p, granted, day)| {
                    let purpose = [
                        ConsentPurpose::PersonalInfoCollection,
                        ConsentPurpose::MarketingMessages,
                        ConsentPurpose::ThirdPartySharing,
                    ][p];
                    consent(purpose, granted, day)
                })
                .collect();
            l.custom = custom;
            l.champion = champion;
            l
        })
    }

    fn arb_merge() -> impl Strategy<Value = (Lead, Vec<Lead>, Vec<Touch>, SurvivorshipRules)> {
        (
            arb_lead(1),
            prop::collection::vec(any::<u8>(), 1..4),
            arb_rule(),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    MergeField::Email,
                    MergeField::Phone,
                    MergeField::Name,
                    MergeField::Title,
                    MergeField::Source,
                    MergeField::AccountId,
                ]),
                arb_rule(),
                0..4,
            ),
        )
            .prop_flat_map(|(survivor, touch_counts, default, fields)| {
                let absorbed: Vec<_> = (0..touch_counts.len())
                    .map(|i| arb_lead(2 + i as u128))
                    .collect();
                let touches: Vec<Touch> = touch_counts
                    .iter()
                    .enumerate()
                    .flat_map(|(i, count)| {
                        (0..u128::from(count % 4))
                            .map(move |k| touch(100 * (i as u128 + 2) + k, id(2 + i as u128)))
                    })
                    .collect();
                let rules = SurvivorshipRules { default, fields };
                (Just(survivor), absorbed, Just(touches), Just(rules))
            })
    }

    proptest! {
        #[test]
        fn merge_then_undo_restores_the_original_records(
            (survivor, absorbed, touches, rules) in arb_merge()
        ) {
            let decision = MergeDecision::Confirmed { by: admin() };
            let result = merge(&survivor, &absorbed, &touches, &rules, decision, admin(), NOW).unwrap();
            // The log is stored and synced: undo must work from its serialised form.
            let stored = serde_json::to_string(&result.log).unwrap();
            let log: MergeLog = serde_json::from_str(&stored).unwrap();
            let restored = undo(&log);
            prop_assert_eq!(&restored.survivor, &survivor);
            prop_assert_eq!(&restored.absorbed, &absorbed);
            prop_assert_eq!(
                serde_json::to_string(&restored.survivor).unwrap(),
                serde_json::to_string(&survivor).unwrap()
            );
            prop_assert_eq!(
                serde_json::to_string(&restored.absorbed).unwrap(),
                serde_json::to_string(&absorbed).unwrap()
            );
            let mut moved = result.moved_touches.clone();
            for touch_move in &restored.touch_moves {
                for t in &mut moved {
                    touch_move.revert(t);
                }
            }
            prop_assert_eq!(moved, touches);
        }

        #[test]
        fn merged_records_keep_every_consent_and_point_at_the_survivor(
            (survivor, absorbed, touches, rules) in arb_merge()
        ) {
            let decision = MergeDecision::Confirmed { by: admin() };
            let result = merge(&survivor, &absorbed, &touches, &rules, decision, admin(), NOW).unwrap();
            for lead in std::iter::once(&survivor).chain(&absorbed) {
                for c in &lead.consents {
                    prop_assert!(result.merged.consents.contains(c));
                }
                for key in lead.custom.keys() {
                    prop_assert!(result.merged.custom.contains_key(key));
                }
            }
            prop_assert!(result.absorbed.iter().all(|l| l.merged_into == Some(survivor.id)));
            prop_assert_eq!(result.merged.merged_into, None);
        }

        #[test]
        fn automatic_merges_are_refused_exactly_for_distinct_verified_emails(
            (survivor, absorbed, _touches, rules) in arb_merge()
        ) {
            let keys: HashSet<String> = std::iter::once(&survivor)
                .chain(&absorbed)
                .filter_map(email_key)
                .collect();
            let result = merge(&survivor, &absorbed, &[], &rules, MergeDecision::Automatic, admin(), NOW);
            let refused = matches!(result, Err(MergeError::DistinctVerifiedEmails { .. }));
            prop_assert_eq!(refused, keys.len() > 1);
        }
    }
}
