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
    AccountId,
    Email,
    Phone,
    Name,
    GivenName,
    FamilyName,
    CompanyName,
    Title,
    Seniority,
    Department,
    Source,
    Utm,
    Referrer,
    LandingPage,
    Owner,
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
    Confirmed { by: Actor },
}

/// One touch re-pointed from an absorbed record to the survivor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TouchMove {
    pub touch_id: TouchId,
    pub from: LeadId,
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
    pub survivor_before: Lead,
    pub absorbed_before: Vec<Lead>,
    pub touch_moves: Vec<TouchMove>,
    pub rules: SurvivorshipRules,
    pub decision: MergeDecision,
    pub actor: Actor,
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
    pub log: MergeLog,
}

/// What [`undo`] gives back: the records as before the merge, and the touch moves to
/// revert (see [`TouchMove::revert`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    pub survivor: Lead,
    pub absorbed: Vec<Lead>,
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
    let mut present = (0..leads.len()).filter(|&i| has(leads[i]));
    let first = present.clone().next();
    let chosen = match rule {
        Survivorship::PreferSurvivor => first,
        Survivorship::PreferVerified => present.clone().find(|&i| verified(leads[i])).or(first),
        Survivorship::MostRecent => present
            .try_fold(None::<usize>, |best, i| {
                Some(Some(match best {
                    Some(b) if leads[b].updated_at >= leads[i].updated_at => b,
                    _ => i,
                }))
            })
            .flatten(),
        Survivorship::Oldest => present
            .try_fold(None::<usize>, |best, i| {
                Some(Some(match best {
                    Some(b) if leads[b].created_at <= leads[i].created_at => b,
                    _ => i,
                }))
            })
            .flatten(),
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
    let raw = lead.email.as_deref().filter(|_| lead.email_verified)?;
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
