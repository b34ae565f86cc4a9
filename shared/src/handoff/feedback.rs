//! Sales' answers flowing back to marketing: of the leads handed to sales, how many were
//! accepted and rejected, and why, grouped by source, campaign or persona — the numbers
//! that end the "bad leads" / "ignored leads" argument between the two teams.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::model::{Handoff, HandoffOutcome, Lead, LeadId, RejectReason};

/// What to group handoffs by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackGrouping {
    /// The lead's marketing source.
    Source,
    /// The lead's UTM campaign.
    Campaign,
    /// The lead's best-matching persona (given by the caller).
    Persona,
}

/// Accept/reject figures of one group.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackRow {
    pub group: String,
    pub handed_off: u32,
    pub accepted: u32,
    pub rejected: u32,
    pub pending: u32,
    /// Rejections by reason, most frequent first (ties in reason order).
    pub reasons: Vec<(RejectReason, u32)>,
}

impl FeedbackRow {
    /// Accepted share of the answered handoffs, in percent (`None` before any answer).
    pub fn accept_rate_percent(&self) -> Option<f64> {
        let answered = self.accepted + self.rejected;
        (answered > 0).then(|| f64::from(self.accepted) * 100.0 / f64::from(answered))
    }
}

/// Label used for leads without a value in the grouping field.
pub const UNKNOWN_GROUP: &str = "(unknown)";

/// Groups `handoffs` by the chosen property of their lead. A lead handed off twice
/// counts twice: each handoff got its own answer. `personas` maps leads to their best
/// persona when grouping by persona.
pub fn feedback_by(
    grouping: FeedbackGrouping,
    handoffs: &[Handoff],
    leads: &[Lead],
    personas: &HashMap<LeadId, String>,
) -> Vec<FeedbackRow> {
    let by_id: HashMap<LeadId, &Lead> = leads.iter().map(|l| (l.id, l)).collect();
    let mut groups: BTreeMap<String, (FeedbackRow, BTreeMap<RejectReason, u32>)> = BTreeMap::new();
    for handoff in handoffs {
        let lead = by_id.get(&handoff.lead_id);
        let key = match grouping {
            FeedbackGrouping::Source => lead.and_then(|l| l.source.clone()),
            FeedbackGrouping::Campaign => lead.and_then(|l| l.utm.campaign.clone()),
            FeedbackGrouping::Persona => personas.get(&handoff.lead_id).cloned(),
        }
        .unwrap_or_else(|| UNKNOWN_GROUP.to_owned());
        let (row, reasons) = groups.entry(key.clone()).or_insert_with(|| {
            (
                FeedbackRow {
                    group: key,
                    ..FeedbackRow::default()
                },
                BTreeMap::new(),
            )
        });
        row.handed_off += 1;
        match &handoff.outcome {
            HandoffOutcome::Pending => row.pending += 1,
            HandoffOutcome::Accepted { .. } => row.accepted += 1,
            HandoffOutcome::Rejected { reason, .. } => {
                row.rejected += 1;
                *reasons.entry(*reason).or_default() += 1;
            }
        }
    }
    groups
        .into_values()
        .map(|(mut row, reasons)| {
            let mut reasons: Vec<(RejectReason, u32)> = reasons.into_iter().collect();
            reasons.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            row.reasons = reasons;
            row
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryPath, HandoffId, RepId, WorkspaceId};
    use time::macros::datetime;
    use uuid::Uuid;

    fn lead(n: u128, source: &str) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(n)),
            WorkspaceId(Uuid::nil()),
            "리드",
            EntryPath::Form,
            datetime!(2026-11-01 0:00 UTC),
        );
        lead.source = Some(source.into());
        lead
    }

    fn handoff(n: u128, lead: u128, outcome: HandoffOutcome) -> Handoff {
        Handoff {
            id: HandoffId(Uuid::from_u128(n)),
            lead_id: LeadId(Uuid::from_u128(lead)),
            rep_id: RepId(Uuid::from_u128(1)),
            at: datetime!(2026-11-02 0:00 UTC),
            sla_due: datetime!(2026-11-02 4:00 UTC),
            outcome,
        }
    }

    fn rejected(reason: RejectReason) -> HandoffOutcome {
        HandoffOutcome::Rejected {
            at: datetime!(2026-11-03 0:00 UTC),
            reason,
            note: None,
        }
    }

    #[test]
    fn rates_and_reasons_by_source() {
        let leads = vec![
            lead(1, "webinar"),
            lead(2, "webinar"),
            lead(3, "kotra-fair"),
            lead(4, "webinar"),
        ];
        let accepted = HandoffOutcome::Accepted {
            at: datetime!(2026-11-03 0:00 UTC),
        };
        let handoffs = vec![
            handoff(10, 1, accepted.clone()),
            handoff(11, 2, rejected(RejectReason::NoBudget)),
            handoff(12, 4, rejected(RejectReason::NoBudget)),
            handoff(13, 3, rejected(RejectReason::BadFit)),
            handoff(14, 3, HandoffOutcome::Pending),
            handoff(15, 99, accepted),
        ];
        let rows = feedback_by(FeedbackGrouping::Source, &handoffs, &leads, &HashMap::new());
        let summary: Vec<(&str, u32, u32, u32, u32)> = rows
            .iter()
            .map(|r| {
                (
                    r.group.as_str(),
                    r.handed_off,
                    r.accepted,
                    r.rejected,
                    r.pending,
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                ("(unknown)", 1, 1, 0, 0),
                ("kotra-fair", 2, 0, 1, 1),
                ("webinar", 3, 1, 2, 0)
            ]
        );
        let webinar = &rows[2];
        assert_eq!(webinar.reasons, vec![(RejectReason::NoBudget, 2)]);
        assert!((webinar.accept_rate_percent().unwrap() - 100.0 / 3.0).abs() < 1e-9);
        assert_eq!(rows[1].accept_rate_percent(), Some(0.0));

        let personas = HashMap::from([(LeadId(Uuid::from_u128(1)), "IT 의사결정자".to_owned())]);
        let by_persona = feedback_by(FeedbackGrouping::Persona, &handoffs, &leads, &personas);
        assert_eq!(by_persona.iter().map(|r| r.handed_off).sum::<u32>(), 6);
        assert!(
            by_persona
                .iter()
                .any(|r| r.group == "IT 의사결정자" && r.accepted == 1)
        );
    }
}
