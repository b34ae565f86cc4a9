//! A lead's score explained at one moment: the engine's explanation (fit, every rule's
//! points, the stage), each persona's fit, and what decay and caps took away.

use time::OffsetDateTime;

use crate::engine::{Engine, EngineError, Explanation};
use crate::icp::{PersonaFit, match_personas};
use crate::model::{Account, Lead, Touch};

/// What decay and caps did to the engagement points of touches.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DecaySummary {
    /// The model's half-life in days; `None` when points never decay.
    pub half_life_days: Option<f64>,
    /// Points the touches earned after frequency limits and caps, before decay.
    pub before_decay: i64,
    /// The same points after decay: what they add to the score now.
    pub after_decay: i64,
    /// Touches whose points a frequency limit or cap cut.
    pub capped_touches: usize,
}

/// Everything the score panel and the ICP panel show.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadExplanation {
    /// The engine's explanation; its score total equals the engine's summary.
    pub explanation: Explanation,
    /// Each persona's fit, in definition order, the best one marked.
    pub personas: Vec<PersonaFit>,
    /// What decay and caps took.
    pub decay: DecaySummary,
}

/// Explains `lead` with its `touches` at `now` under `engine`.
pub fn explain_lead(
    engine: &Engine,
    lead: &Lead,
    account: Option<&Account>,
    touches: &[Touch],
    now: OffsetDateTime,
) -> Result<LeadExplanation, EngineError> {
    let explanation = engine.explain(lead, account, touches, now)?;
    let events = explanation.score.engagement.iter().flat_map(|r| &r.events);
    let decay = DecaySummary {
        half_life_days: engine.config().scoring.half_life_days,
        before_decay: events.clone().map(|e| e.granted_points).sum(),
        after_decay: events.clone().map(|e| e.decayed_points).sum(),
        capped_touches: events.filter(|e| e.capped).count(),
    };
    Ok(LeadExplanation {
        personas: match_personas(engine.icp(), lead, account),
        explanation,
        decay,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::EngineConfig;
    use crate::model::{EntryPath, LeadId, TouchId, TouchKind, WorkspaceId};
    use std::collections::BTreeMap;
    use time::Duration;
    use time::macros::datetime;
    use uuid::Uuid;

    fn touch(n: u128, kind: TouchKind, at: OffsetDateTime) -> Touch {
        Touch {
            id: TouchId(Uuid::from_u128(n)),
            lead_id: LeadId(Uuid::from_u128(1)),
            account_id: None,
            kind,
            at,
            metadata: BTreeMap::new(),
            utm: Default::default(),
        }
    }

    #[test]
    fn decay_takes_points_from_old_touches_and_the_parts_add_up() {
        let now = datetime!(2026-11-24 09:00 UTC);
        let mut config = EngineConfig::korean_b2b_default();
        config.scoring.half_life_days = Some(30.0);
        let engine = Engine::new(config).unwrap();
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Form,
            now - Duration::days(90),
        );
        lead.email = Some("minsu@naver.com".into());
        // Eight pricing-page views two half-lives ago (a cap of 20 a week lets two
        // count), and a demo request now.
        let touches: Vec<Touch> = (0..8)
            .map(|n| {
                let mut t = touch(n, TouchKind::PageView, now - Duration::days(60));
                t.metadata
                    .insert("url".into(), "https://acme.kr/pricing".into());
                t
            })
            .chain([touch(20, TouchKind::DemoRequest, now)])
            .collect();
        let explained = explain_lead(&engine, &lead, None, &touches, now).unwrap();
        let decay = explained.decay;
        assert_eq!(decay.half_life_days, Some(30.0));
        assert_eq!(
            (decay.before_decay, decay.after_decay, decay.capped_touches),
            // Two half-lives leave a quarter of each view's 10 points, rounded: 3.
            (20 + 30, 3 + 3 + 30, 6),
            "{decay:?}"
        );
        let score = &explained.explanation.score;
        let events: i64 = score.engagement.iter().map(|r| r.points).sum();
        assert_eq!(events, decay.after_decay);
        let summary = engine.summarize(&lead, None, &touches, now, &mut Default::default());
        assert_eq!(score.total(), summary.total);
        assert!(explained.personas.is_empty());
    }
}
