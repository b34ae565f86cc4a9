//! Sales' answers in a report window: the handoffs the queue lists (answered and still
//! open), those queued inside the window, grouped by the lead's source, campaign or
//! persona with `handoff::feedback_by`, the busiest groups first.

use std::collections::{BTreeSet, HashMap};

use super::window::ReportWindow;
use crate::api::{HandoffEntry, LeadRecord};
use crate::handoff::{FeedbackGrouping, FeedbackRow, feedback_by};
use crate::model::{Handoff, Lead, LeadId};

/// The handoffs of `entries` that were queued in `window`, each once (the queue lists
/// answered and open handoffs apart; a repeat by id is dropped). Waiting entries have
/// no rep yet, so they were not handed off.
pub fn handoffs_of(entries: &[HandoffEntry], window: &ReportWindow) -> Vec<Handoff> {
    let mut seen = BTreeSet::new();
    entries
        .iter()
        .filter(|e| window.contains(e.queued_at) && seen.insert(e.id))
        .filter_map(HandoffEntry::handoff)
        .collect()
}

/// Accept and reject figures by `grouping` for the handoffs queued in `window`, most
/// handed-off group first (ties by name). `records` gives each lead's source, campaign
/// and persona.
pub fn feedback_in_window(
    grouping: FeedbackGrouping,
    entries: &[HandoffEntry],
    records: &[LeadRecord],
    window: &ReportWindow,
) -> Vec<FeedbackRow> {
    let handoffs = handoffs_of(entries, window);
    let wanted: BTreeSet<LeadId> = handoffs.iter().map(|h| h.lead_id).collect();
    let mut leads: Vec<Lead> = Vec::with_capacity(wanted.len());
    let mut personas: HashMap<LeadId, String> = HashMap::new();
    for record in records {
        let id = LeadId(record.id);
        if !wanted.contains(&id) {
            continue;
        }
        if let Some(lead) = record.record.as_deref() {
            leads.push(lead.clone());
        }
        if let Some(persona) = record.scores.as_ref().and_then(|s| s.persona.clone()) {
            personas.insert(id, persona);
        }
    }
    let mut rows = feedback_by(grouping, &handoffs, &leads, &personas);
    rows.sort_by(|a, b| {
        b.handed_off
            .cmp(&a.handed_off)
            .then_with(|| a.group.cmp(&b.group))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::HandoffState;
    use crate::handoff::UNKNOWN_GROUP;
    use crate::model::{EntryPath, RejectReason, RepId, WorkspaceId};
    use time::OffsetDateTime;
    use time::macros::datetime;
    use uuid::Uuid;

    const NOW: OffsetDateTime = datetime!(2026-11-26 12:00 UTC);

    fn entry(n: u128, lead: u128, state: HandoffState, queued_at: OffsetDateTime) -> HandoffEntry {
        HandoffEntry {
            id: Uuid::from_u128(n),
            lead_id: LeadId(Uuid::from_u128(lead)),
            lead_name: "김민수".into(),
            company: "한빛소프트".into(),
            score: 60,
            state,
            queued_at,
            rep_id: (state != HandoffState::Waiting).then_some(RepId(Uuid::from_u128(9))),
            rep_name: None,
            assigned_by: None,
            assigned_at: None,
            sla_due: None,
            sla_breached: false,
            sla_seconds_left: None,
            waiting_reason: None,
            alerted: false,
            answered_at: None,
            reject_reason: (state == HandoffState::Rejected).then_some(RejectReason::NoBudget),
            note: None,
        }
    }

    fn record(n: u128, campaign: Option<&str>, persona: Option<&str>) -> LeadRecord {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(n)),
            WorkspaceId(Uuid::nil()),
            "리드",
            EntryPath::Form,
            NOW,
        );
        lead.utm.campaign = campaign.map(str::to_owned);
        LeadRecord {
            id: Uuid::from_u128(n),
            seq: n as u64,
            form_id: "contact".into(),
            email: format!("p{n}@example.co.kr"),
            name: "리드".into(),
            company: String::new(),
            captured_at: NOW,
            stage: None,
            scores: persona.map(|p| crate::api::LeadScores {
                fit: 0,
                engagement: 0,
                total: 0,
                tier: None,
                persona: Some(p.to_owned()),
                scored_at: NOW,
            }),
            record: Some(Box::new(lead)),
            stamps: Default::default(),
        }
    }

    #[test]
    fn answers_in_the_window_group_by_campaign_or_persona() {
        let window = ReportWindow::last_weeks(NOW, 0, 4).unwrap();
        let recent = datetime!(2026-11-20 09:00 UTC);
        let entries = vec![
            entry(1, 1, HandoffState::Accepted, recent),
            entry(2, 2, HandoffState::Rejected, recent),
            entry(3, 3, HandoffState::Rejected, recent),
            entry(4, 4, HandoffState::Assigned, recent),
            // Listed twice by the queue: counted once.
            entry(4, 4, HandoffState::Assigned, recent),
            // Not handed off yet.
            entry(5, 5, HandoffState::Waiting, recent),
            // Before the window.
            entry(
                6,
                1,
                HandoffState::Rejected,
                datetime!(2026-09-01 09:00 UTC),
            ),
        ];
        let records = vec![
            record(1, Some("spring"), Some("IT 리더")),
            record(2, Some("spring"), None),
            record(3, None, Some("IT 리더")),
            record(4, Some("fair"), None),
        ];
        let rows = feedback_in_window(FeedbackGrouping::Campaign, &entries, &records, &window);
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
                ("spring", 2, 1, 1, 0),
                ("(unknown)", 1, 0, 1, 0),
                ("fair", 1, 0, 0, 1)
            ]
        );
        assert_eq!(rows[0].reasons, vec![(RejectReason::NoBudget, 1)]);
        let by_persona = feedback_in_window(FeedbackGrouping::Persona, &entries, &records, &window);
        let groups: Vec<(&str, u32)> = by_persona
            .iter()
            .map(|r| (r.group.as_str(), r.handed_off))
            .collect();
        assert_eq!(
            groups,
            vec![(UNKNOWN_GROUP, 2), ("IT 리더", 2)],
            "ties by name"
        );
        assert_eq!(handoffs_of(&entries, &window).len(), 4);
    }
}
