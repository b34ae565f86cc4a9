//! New touches on a known lead — tracked page views and downloads stitched to it, a
//! call a rep logged — re-score it and may move its stage.

use time::OffsetDateTime;

use super::{KnownLead, LeadUpdate, adopt, events_of, reassess};
use crate::engine::Engine;
use crate::model::Touch;

/// The update `new_touches` make to `known`. Touches the lead already has (same id) are
/// not added twice, so a retried event changes nothing.
pub fn on_touches(
    engine: &Engine,
    known: KnownLead,
    new_touches: Vec<Touch>,
    now: OffsetDateTime,
) -> LeadUpdate {
    let KnownLead {
        mut lead,
        mut touches,
    } = known;
    let added = adopt(lead.id, &touches, new_touches);
    touches.extend(added.iter().cloned());
    let (scores, changes) = reassess(engine, &mut lead, &touches, now);
    if !added.is_empty() || !changes.is_empty() {
        lead.updated_at = now;
    }
    let events = events_of(&lead, false, None, &changes);
    LeadUpdate {
        lead,
        created: false,
        scores,
        new_touches: added,
        changes,
        events,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EngineConfig;
    use crate::model::{
        ConsentPurpose, ConsentRecord, EntryPath, Lead, LeadId, Stage, TouchId, TouchKind,
        WorkspaceId,
    };
    use crate::webhooks::WebhookEvent;
    use time::macros::datetime;
    use uuid::Uuid;

    const NOW: OffsetDateTime = datetime!(2026-11-24 10:00 +9);

    fn touch(id: u128, kind: TouchKind) -> Touch {
        let mut touch = Touch::form_submit(
            TouchId(Uuid::from_u128(id)),
            LeadId(Uuid::from_u128(1)),
            "contact",
            Default::default(),
            NOW,
        );
        touch.kind = kind;
        touch
    }

    fn known() -> KnownLead {
        let lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::nil()),
            "Jane Park",
            EntryPath::Form,
            NOW,
        );
        KnownLead {
            lead,
            touches: vec![touch(1, TouchKind::FormSubmit)],
        }
    }

    #[test]
    fn new_touches_raise_engagement_and_repeats_change_nothing() {
        let engine = Engine::new(EngineConfig::korean_b2b_default()).unwrap();
        let base = on_touches(&engine, known(), Vec::new(), NOW);
        assert!(base.new_touches.is_empty());
        let more = on_touches(
            &engine,
            known(),
            vec![
                touch(2, TouchKind::ContentDownload),
                touch(2, TouchKind::ContentDownload),
            ],
            NOW,
        );
        assert_eq!(more.new_touches.len(), 1, "one copy of a repeated touch");
        assert!(more.scores.engagement > base.scores.engagement);
        let again = on_touches(
            &engine,
            KnownLead {
                lead: more.lead.clone(),
                touches: [known().touches, more.new_touches.clone()].concat(),
            },
            vec![touch(2, TouchKind::ContentDownload)],
            NOW,
        );
        assert!(again.new_touches.is_empty(), "a retried event adds nothing");
        assert_eq!(again.scores, more.scores);
    }

    #[test]
    fn enough_engagement_moves_a_consenting_lead_to_mql_and_raises_an_event() {
        let engine = Engine::new(EngineConfig::korean_b2b_default()).unwrap();
        let mut consenting = known();
        consenting.lead.consents.push(ConsentRecord {
            purpose: ConsentPurpose::PersonalInfoCollection,
            granted: true,
            text_version: "privacy-2026-01".into(),
            at: NOW,
        });
        let burst: Vec<Touch> = (2..30)
            .map(|i| {
                let kind = match i % 2 {
                    0 => TouchKind::ContentDownload,
                    _ => TouchKind::WebinarAttended,
                };
                touch(i, kind)
            })
            .collect();
        let update = on_touches(&engine, consenting, burst, NOW);
        assert!(update.scores.total >= 50, "{:?}", update.scores);
        assert_eq!(update.lead.stage, Stage::Mql);
        assert!(update.entered(Stage::Mql));
        assert!(update.events.iter().any(
            |e| matches!(e, WebhookEvent::LeadStageChanged(c) if c.to == Stage::Mql && c.from == Some(Stage::Lead))
        ));
        let quiet = on_touches(&engine, known(), vec![touch(2, TouchKind::PageView)], NOW);
        assert!(quiet.events.is_empty(), "no stage move, no event");
    }
}
