//! A form submission: a new lead, or — when its e-mail matches a lead the workspace
//! already has — the same person telling us more. Folding the submission into the known
//! lead keeps one person one record, with every form post on one timeline.

use time::OffsetDateTime;

use super::{KnownLead, LeadUpdate, adopt, events_of, reassess};
use crate::engine::{Engine, EngineScratch};
use crate::identity::{
    EmailAddress, MergeDecision, MergeField, Survivorship, SurvivorshipRules, merge,
};
use crate::model::{Actor, Lead, Touch};

/// The rule named as the actor of a merge made at capture.
pub const CAPTURE_MERGE_RULE: &str = "capture.dedupe";

/// The key a lead is matched on at capture: its e-mail's dedupe key (so
/// `Min.Su+fair@gmail.com` finds `minsu@gmail.com`), or `None` without a usable e-mail.
pub fn email_key(lead: &Lead) -> Option<String> {
    let raw = lead.email.as_deref()?.trim();
    if raw.is_empty() {
        return None;
    }
    Some(EmailAddress::parse(raw).map_or_else(|_| raw.to_lowercase(), |e| e.dedupe_key()))
}

/// How a new submission's values meet the known lead's: what the person tells us now
/// (a new title, a new phone) wins, except that a verified e-mail or phone is never
/// replaced by an unverified one.
pub fn capture_survivorship() -> SurvivorshipRules {
    let mut rules = SurvivorshipRules {
        default: Survivorship::MostRecent,
        fields: Default::default(),
    };
    rules
        .fields
        .insert(MergeField::Email, Survivorship::PreferVerified);
    rules
        .fields
        .insert(MergeField::Phone, Survivorship::PreferVerified);
    // The owner is the team's decision, never a form's.
    rules
        .fields
        .insert(MergeField::Owner, Survivorship::PreferSurvivor);
    rules
}

/// The update a submission makes. `captured` is the lead built from the submission;
/// `touch` its `form_submit` touch (pointing at `captured.id`). With a `known` lead the
/// submission is merged into it — the known lead keeps its id, stage and history — and
/// the touch is re-pointed to it; otherwise `captured` is created.
pub fn on_submission(
    engine: &Engine,
    known: Option<KnownLead>,
    captured: Lead,
    touch: Touch,
    form_id: &str,
    now: OffsetDateTime,
) -> LeadUpdate {
    on_submission_with_history(engine, known, captured, touch, Vec::new(), form_id, now)
}

/// [`on_submission`] by a visitor who was tracked before identifying: `history`, the
/// visitor's anonymous touches (page views, downloads …), is stitched onto the lead the
/// submission makes or updates — each becomes the lead's touch in the same update (the
/// ones it already has are skipped), and the lead is scored and staged with all of them.
pub fn on_submission_with_history(
    engine: &Engine,
    known: Option<KnownLead>,
    captured: Lead,
    mut touch: Touch,
    history: Vec<Touch>,
    form_id: &str,
    now: OffsetDateTime,
) -> LeadUpdate {
    match known {
        None => {
            let mut lead = captured;
            let mut new_touches = adopt(lead.id, &[], history);
            new_touches.push(touch);
            let intake = engine.intake(
                &mut lead,
                None,
                &new_touches,
                now,
                &mut EngineScratch::default(),
            );
            let events = events_of(&lead, true, Some(form_id), &intake.changes);
            LeadUpdate {
                lead,
                created: true,
                scores: intake.scores,
                new_touches,
                changes: intake.changes,
                events,
            }
        }
        Some(KnownLead { lead, mut touches }) => {
            let actor = Actor::System {
                rule: CAPTURE_MERGE_RULE.to_owned(),
            };
            let mut lead = match merge(
                &lead,
                std::slice::from_ref(&captured),
                &[],
                &capture_survivorship(),
                MergeDecision::Automatic,
                actor,
                now,
            ) {
                Ok(merged) => merged.merged,
                // Only a verified-e-mail conflict or a corrupt record can refuse; the
                // known record then stays as it is and still gains the touch.
                Err(_) => lead,
            };
            lead.updated_at = now;
            let mut new_touches = adopt(lead.id, &touches, history);
            touch.lead_id = lead.id;
            new_touches.push(touch);
            touches.extend(new_touches.iter().cloned());
            let (scores, changes) = reassess(engine, &mut lead, &touches, now);
            let events = events_of(&lead, false, Some(form_id), &changes);
            LeadUpdate {
                lead,
                created: false,
                scores,
                new_touches,
                changes,
                events,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{ChangeReason, EngineConfig};
    use crate::model::{
        ConsentPurpose, ConsentRecord, EntryPath, LeadId, Stage, TouchId, Utm, WorkspaceId,
    };
    use crate::webhooks::WebhookEvent;
    use time::macros::datetime;
    use uuid::Uuid;

    const EARLIER: OffsetDateTime = datetime!(2026-11-01 10:00 +9);
    const NOW: OffsetDateTime = datetime!(2026-11-24 10:00 +9);

    fn engine() -> Engine {
        Engine::new(EngineConfig::korean_b2b_default()).unwrap()
    }

    fn lead(id: u128, email: &str, title: Option<&str>, at: OffsetDateTime) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(id)),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Form,
            at,
        );
        lead.email = Some(email.to_owned());
        lead.title = title.map(str::to_owned);
        lead.consents.push(ConsentRecord {
            purpose: ConsentPurpose::PersonalInfoCollection,
            granted: true,
            text_version: format!("privacy-{id}"),
            at,
        });
        lead
    }

    fn post(lead_id: LeadId, id: u128, at: OffsetDateTime) -> Touch {
        Touch::form_submit(
            TouchId(Uuid::from_u128(id)),
            lead_id,
            "contact",
            Utm::default(),
            at,
        )
    }

    #[test]
    fn e_mail_keys_match_spellings_of_one_mailbox() {
        let cases = [
            ("MinSu@Acme.co.kr", Some("minsu@acme.co.kr")),
            ("min.su+fair@gmail.com", Some("minsu@gmail.com")),
            ("  ", None),
        ];
        for (email, expected) in cases {
            let lead = lead(1, email, None, NOW);
            assert_eq!(email_key(&lead).as_deref(), expected, "{email}");
        }
        let mut without = lead(1, "x@y.kr", None, NOW);
        without.email = None;
        assert_eq!(email_key(&without), None);
    }

    #[test]
    fn a_new_e_mail_creates_a_lead_with_its_creation_recorded() {
        let captured = lead(1, "minsu@acme.co.kr", None, NOW);
        let touch = post(captured.id, 10, NOW);
        let update = on_submission(
            &engine(),
            None,
            captured.clone(),
            touch.clone(),
            "contact",
            NOW,
        );
        assert!(update.created);
        assert_eq!(update.lead.id, captured.id);
        assert_eq!(update.new_touches, vec![touch]);
        assert_eq!(update.changes[0].1, ChangeReason::Created);
        assert!(
            matches!(update.events[0], WebhookEvent::LeadCreated(ref c) if c.lead_id == captured.id && c.form_id.as_deref() == Some("contact"))
        );
    }

    #[test]
    fn a_known_e_mail_folds_into_the_known_lead() {
        let mut known = lead(1, "minsu@acme.co.kr", Some("대리"), EARLIER);
        known.stage = Stage::Lead;
        let first_post = post(known.id, 10, EARLIER);
        let captured = lead(2, "MinSu@acme.co.kr", Some("팀장"), NOW);
        let touch = post(captured.id, 11, NOW);
        let update = on_submission(
            &engine(),
            Some(KnownLead {
                lead: known.clone(),
                touches: vec![first_post],
            }),
            captured,
            touch,
            "contact",
            NOW,
        );
        assert!(!update.created);
        assert_eq!(update.lead.id, known.id, "the known lead keeps its id");
        assert_eq!(
            update.lead.title.as_deref(),
            Some("팀장"),
            "what the person says now wins"
        );
        assert_eq!(update.lead.created_at, EARLIER);
        assert_eq!(update.lead.updated_at, NOW);
        assert_eq!(
            update.lead.consents.len(),
            2,
            "both consent records are kept"
        );
        assert_eq!(update.new_touches.len(), 1);
        assert_eq!(
            update.new_touches[0].lead_id, known.id,
            "the touch joins the known lead"
        );
        assert!(
            update
                .events
                .iter()
                .all(|e| !matches!(e, WebhookEvent::LeadCreated(_))),
            "no second lead.created for a known person"
        );
        assert!(update.changes.iter().all(|(_, r)| *r == ChangeReason::Rule));
    }

    #[test]
    fn a_second_post_scores_more_engagement_than_the_first() {
        let known = lead(1, "minsu@acme.co.kr", None, EARLIER);
        let first = on_submission(
            &engine(),
            None,
            known.clone(),
            post(known.id, 10, NOW),
            "contact",
            NOW,
        );
        let second = on_submission(
            &engine(),
            Some(KnownLead {
                lead: first.lead.clone(),
                touches: first.new_touches.clone(),
            }),
            lead(2, "minsu@acme.co.kr", None, NOW),
            post(LeadId(Uuid::from_u128(2)), 11, NOW),
            "contact",
            NOW,
        );
        assert!(
            second.scores.engagement > first.scores.engagement,
            "{} then {}",
            first.scores.engagement,
            second.scores.engagement
        );
    }

    fn page_view(id: u128, path: &str, at: OffsetDateTime) -> Touch {
        let mut touch = post(LeadId(Uuid::nil()), id, at);
        touch.kind = crate::model::TouchKind::PageView;
        touch.metadata = [("url".to_owned(), path.to_owned())].into();
        touch
    }

    #[test]
    fn a_new_lead_gains_the_visitors_history_and_its_points() {
        let history = vec![
            page_view(21, "/pricing", EARLIER),
            page_view(20, "/product", datetime!(2026-10-30 10:00 +9)),
        ];
        let captured = lead(1, "minsu@acme.co.kr", None, NOW);
        let plain = on_submission(
            &engine(),
            None,
            captured.clone(),
            post(captured.id, 10, NOW),
            "contact",
            NOW,
        );
        let stitched = on_submission_with_history(
            &engine(),
            None,
            captured.clone(),
            post(captured.id, 10, NOW),
            [history.clone(), history.clone()].concat(),
            "contact",
            NOW,
        );
        assert!(stitched.created);
        let ids: Vec<u128> = stitched
            .new_touches
            .iter()
            .map(|t| t.id.0.as_u128())
            .collect();
        assert_eq!(
            ids,
            vec![20, 21, 10],
            "each once, oldest first, the post last"
        );
        assert!(
            stitched
                .new_touches
                .iter()
                .all(|t| t.lead_id == captured.id),
            "every touch is the lead's"
        );
        assert!(
            stitched.scores.engagement > plain.scores.engagement,
            "{} with history, {} without",
            stitched.scores.engagement,
            plain.scores.engagement
        );
    }

    #[test]
    fn a_known_lead_gains_only_the_history_it_lacks() {
        let known = lead(1, "minsu@acme.co.kr", None, EARLIER);
        let mut had = page_view(20, "/pricing", EARLIER);
        had.lead_id = known.id;
        let update = on_submission_with_history(
            &engine(),
            Some(KnownLead {
                lead: known.clone(),
                touches: vec![post(known.id, 10, EARLIER), had.clone()],
            }),
            lead(2, "minsu@acme.co.kr", None, NOW),
            post(LeadId(Uuid::from_u128(2)), 11, NOW),
            vec![had, page_view(21, "/case-studies", EARLIER)],
            "contact",
            NOW,
        );
        let ids: Vec<u128> = update
            .new_touches
            .iter()
            .map(|t| t.id.0.as_u128())
            .collect();
        assert_eq!(ids, vec![21, 11]);
        assert!(update.new_touches.iter().all(|t| t.lead_id == known.id));
    }

    #[test]
    fn history_can_carry_a_new_lead_over_the_mql_bar() {
        let captured = lead(1, "minsu@acme.co.kr", None, NOW);
        use crate::model::TouchKind::{ContentDownload, EventAttended, WebinarAttended};
        let history: Vec<Touch> = (0..12)
            .map(|i| {
                let mut touch = post(LeadId(Uuid::nil()), 100 + i, EARLIER);
                touch.kind = [ContentDownload, EventAttended, WebinarAttended][i as usize % 3];
                touch
            })
            .collect();
        let update = on_submission_with_history(
            &engine(),
            None,
            captured.clone(),
            post(captured.id, 10, NOW),
            history,
            "contact",
            NOW,
        );
        assert_eq!(update.lead.stage, Stage::Mql, "{:?}", update.scores);
        assert!(
            update
                .changes
                .iter()
                .any(|(c, r)| c.to == Stage::Mql && *r == ChangeReason::Rule)
        );
    }
}
