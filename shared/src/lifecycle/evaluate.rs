//! Evaluating a lead against a workspace's stage definitions: which stage it qualifies
//! for and, for the stages above, what is missing. Two forms: [`evaluate`] explains (one
//! lead on screen), [`CompiledLifecycle::qualifies_for`] only answers (100k leads in a
//! list), allocating nothing per lead.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::config::LifecycleConfig;
use super::criteria::{CriterionCheck, StageCriterion, StageDefinition};
use super::funnel::FunnelLevel;
use crate::facts::LeadContext;
use crate::model::Stage;

/// One stage's definition checked against one lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageCheck {
    /// The stage.
    pub stage: Stage,
    /// Whether every criterion holds.
    pub met: bool,
    /// Each criterion, in the order the workspace wrote them.
    pub criteria: Vec<CriterionCheck>,
}

impl StageCheck {
    /// The criteria that do not hold: what the lead is missing for this stage.
    pub fn missing(&self) -> impl Iterator<Item = &CriterionCheck> {
        self.criteria.iter().filter(|c| !c.met)
    }
}

/// Where a lead stands by the workspace's definitions, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageEvaluation {
    /// The highest funnel stage whose definition holds; Subscriber when none does (the
    /// floor every known person stands on). Of MQL and PQL, which share a level, PQL
    /// counts as higher: product use is the stronger evidence.
    pub qualifies_for: Stage,
    /// Every defined stage, in funnel order.
    pub checks: Vec<StageCheck>,
}

impl StageEvaluation {
    /// The next defined stage above `qualifies_for` and what it still needs.
    pub fn next(&self) -> Option<&StageCheck> {
        self.checks
            .iter()
            .find(|c| c.stage > self.qualifies_for && !c.met)
    }

    /// The check of `stage`, if the workspace defines it.
    pub fn check(&self, stage: Stage) -> Option<&StageCheck> {
        self.checks.iter().find(|c| c.stage == stage)
    }
}

/// Whether `stage` can take entry criteria: the funnel stages above Subscriber.
fn evaluable(stage: Stage) -> bool {
    stage != Stage::Subscriber && FunnelLevel::of(stage).is_some()
}

/// Evaluates `ctx` against every definition of `config` at `now`, explaining each
/// criterion. Definitions of stages that take none (see `LifecycleConfig::validate`)
/// are skipped rather than trusted.
pub fn evaluate(
    config: &LifecycleConfig,
    ctx: &LeadContext<'_>,
    now: OffsetDateTime,
) -> StageEvaluation {
    let mut definitions: Vec<&StageDefinition> = config
        .definitions
        .iter()
        .filter(|d| evaluable(d.stage))
        .collect();
    definitions.sort_by_key(|d| d.stage);
    let checks: Vec<StageCheck> = definitions
        .into_iter()
        .map(|d| {
            let criteria: Vec<CriterionCheck> =
                d.criteria.iter().map(|c| c.check(ctx, now)).collect();
            StageCheck {
                stage: d.stage,
                met: criteria.iter().all(|c| c.met),
                criteria,
            }
        })
        .collect();
    let qualifies_for = checks
        .iter()
        .rev()
        .find(|c| c.met)
        .map_or(Stage::Subscriber, |c| c.stage);
    StageEvaluation {
        qualifies_for,
        checks,
    }
}

/// A configuration prepared for evaluating many leads: stages highest first so the
/// first definition that holds is the answer, and each definition's criteria cheapest
/// first so most leads are turned away by a score compare before any touch is scanned.
#[derive(Debug, Clone)]
pub struct CompiledLifecycle {
    stages: Vec<(Stage, Vec<StageCriterion>)>,
}

impl CompiledLifecycle {
    /// Prepares `config`.
    pub fn new(config: &LifecycleConfig) -> Self {
        let mut stages: Vec<(Stage, Vec<StageCriterion>)> = config
            .definitions
            .iter()
            .filter(|d| evaluable(d.stage))
            .map(|d| {
                let mut criteria: Vec<StageCriterion> = d
                    .criteria
                    .iter()
                    .map(StageCriterion::cheapest_first)
                    .collect();
                criteria.sort_by_key(StageCriterion::cost);
                (d.stage, criteria)
            })
            .collect();
        stages.sort_by_key(|(stage, _)| std::cmp::Reverse(*stage));
        Self { stages }
    }

    /// The stage `ctx` qualifies for at `now`; the same answer as
    /// [`evaluate`]`(..).qualifies_for`, without allocating.
    pub fn qualifies_for(&self, ctx: &LeadContext<'_>, now: OffsetDateTime) -> Stage {
        self.stages
            .iter()
            .find(|(_, criteria)| criteria.iter().all(|c| c.holds(ctx, now)))
            .map_or(Stage::Subscriber, |(stage, _)| *stage)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::ScoreSummary;
    use crate::lifecycle::testing::{lead, touch};
    use crate::model::{ChecklistEntry, ConsentPurpose, QualificationItem, Tier, TouchKind};
    use proptest::prelude::*;
    use time::Duration;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-24 10:00 +9);

    fn scores(total: i64, tier: Option<Tier>) -> ScoreSummary {
        ScoreSummary {
            fit: total / 2,
            engagement: total - total / 2,
            total,
            tier,
            persona: None,
        }
    }

    fn bant(q: &mut crate::model::Qualification, items: &[QualificationItem]) {
        for item in items {
            q.entries.insert(
                *item,
                ChecklistEntry {
                    met: true,
                    evidence: "통화로 확인".into(),
                    updated_at: NOW,
                    updated_by: None,
                },
            );
        }
    }

    /// What a test lead has: (total, tier, consent, company, BANT items, touches as
    /// (kind, days ago, signal)).
    struct Case {
        name: &'static str,
        total: i64,
        tier: Option<Tier>,
        consent: bool,
        company: bool,
        bant: &'static [QualificationItem],
        touches: &'static [(TouchKind, i64, &'static str)],
        expect: Stage,
        /// The stage `next()` names and a detail it must contain.
        next: Option<(Stage, &'static str)>,
    }

    #[test]
    fn default_definitions_place_korean_examples() {
        use QualificationItem::{Authority, Budget, Need};
        let base = Case {
            name: "",
            total: 0,
            tier: None,
            consent: true,
            company: true,
            bant: &[],
            touches: &[],
            expect: Stage::Lead,
            next: None,
        };
        let cases = [
            Case {
                name: "뉴스레터 구독만: no company, stays subscriber",
                company: false,
                next: Some((Stage::Lead, "company_name missing")),
                expect: Stage::Subscriber,
                ..base
            },
            Case {
                name: "백서 다운로드, 42점",
                total: 42,
                next: Some((Stage::Mql, "total 42 < 50")),
                ..base
            },
            Case {
                name: "웨비나 참석, 62점",
                total: 62,
                expect: Stage::Mql,
                next: Some((Stage::Pql, "product_usage signal=limit_hit: 0 of 1 needed")),
                ..base
            },
            Case {
                name: "no consent: never worked by sales",
                total: 90,
                consent: false,
                expect: Stage::Subscriber,
                next: Some((Stage::Lead, "no personal_info_collection consent recorded")),
                ..base
            },
            Case {
                name: "무료 가입 후 사용량 한도 도달 (PQL), low score",
                total: 10,
                touches: &[
                    (TouchKind::ProductSignup, 20, ""),
                    (TouchKind::ProductUsage, 3, "limit_hit"),
                ],
                expect: Stage::Pql,
                next: Some((Stage::Sql, "none of: bant 0% < 75%")),
                ..base
            },
            Case {
                name: "limit hit 45 days ago is outside the 30-day window",
                total: 10,
                touches: &[(TouchKind::ProductUsage, 45, "limit_hit")],
                expect: Stage::Lead,
                next: Some((Stage::Mql, "total 10 < 50")),
                ..base
            },
            Case {
                name: "other usage signals are not a PQL",
                total: 10,
                touches: &[(TouchKind::ProductUsage, 1, "invited_team")],
                expect: Stage::Lead,
                ..base
            },
            Case {
                name: "BANT 3/4 with evidence and tier B: SQL, skipping MQL",
                total: 20,
                tier: Some(Tier::B),
                bant: &[Budget, Authority, Need],
                expect: Stage::Sql,
                ..base
            },
            Case {
                name: "미팅 완료 but tier D: not an SQL",
                total: 70,
                tier: Some(Tier::D),
                touches: &[(TouchKind::Meeting, 5, "")],
                expect: Stage::Mql,
                next: Some((Stage::Pql, "limit_hit")),
                ..base
            },
            Case {
                name: "미팅 완료, tier C",
                total: 70,
                tier: Some(Tier::C),
                touches: &[(TouchKind::Meeting, 5, "")],
                expect: Stage::Sql,
                ..base
            },
            Case {
                name: "a meeting booked for tomorrow has not happened yet",
                total: 70,
                tier: Some(Tier::A),
                touches: &[(TouchKind::Meeting, -1, "")],
                expect: Stage::Mql,
                ..base
            },
        ];
        let config = LifecycleConfig::korean_b2b_default();
        let compiled = CompiledLifecycle::new(&config);
        for case in cases {
            let mut l = lead(1, "김민수", NOW - Duration::days(60));
            if !case.consent {
                l.consents.clear();
            }
            if !case.company {
                l.company_name = None;
            }
            bant(&mut l.qualification, case.bant);
            let touches: Vec<_> = case
                .touches
                .iter()
                .map(|(kind, days_ago, signal)| {
                    let meta: &[(&str, &str)] = if signal.is_empty() {
                        &[]
                    } else {
                        &[("signal", signal)]
                    };
                    touch(&l, *kind, NOW - Duration::days(*days_ago), meta)
                })
                .collect();
            let s = scores(case.total, case.tier);
            let ctx = LeadContext::new(&l, None, &touches, &s);
            let evaluation = evaluate(&config, &ctx, NOW);
            assert_eq!(evaluation.qualifies_for, case.expect, "{}", case.name);
            assert_eq!(
                compiled.qualifies_for(&ctx, NOW),
                case.expect,
                "{}",
                case.name
            );
            if let Some((stage, detail)) = case.next {
                let next = evaluation.next().expect(case.name);
                assert_eq!(next.stage, stage, "{}", case.name);
                assert!(
                    next.missing().any(|c| c.detail.contains(detail)),
                    "{}: {:?}",
                    case.name,
                    next.criteria
                );
            }
        }
    }

    #[test]
    fn details_say_what_holds_and_what_is_missing() {
        let mut l = lead(1, "이지은", NOW);
        l.phone_verified = false;
        l.consents.push(crate::model::ConsentRecord {
            purpose: ConsentPurpose::MarketingMessages,
            granted: false,
            text_version: "marketing-2026-01".into(),
            at: NOW,
        });
        let s = scores(42, Some(Tier::C));
        let ctx = LeadContext::new(&l, None, &[], &s);
        let cases = [
            (
                StageCriterion::MinTotal { points: 50 },
                false,
                "total 42 < 50",
            ),
            (StageCriterion::MinFit { points: 21 }, true, "fit 21 ≥ 21"),
            (
                StageCriterion::MinEngagement { points: 30 },
                false,
                "engagement 21 < 30",
            ),
            (
                StageCriterion::TierAtLeast { tier: Tier::B },
                false,
                "tier C below B",
            ),
            (
                StageCriterion::TierAtLeast { tier: Tier::D },
                true,
                "tier C meets D",
            ),
            (
                StageCriterion::FieldPresent {
                    field: crate::model::Field::PhoneVerified,
                },
                false,
                "phone_verified is no",
            ),
            (
                StageCriterion::FieldPresent {
                    field: crate::model::Field::Phone,
                },
                false,
                "phone missing",
            ),
            (
                StageCriterion::FieldPresent {
                    field: crate::model::Field::Custom("예산".into()),
                },
                false,
                "custom.예산 missing",
            ),
            (
                StageCriterion::ConsentGranted {
                    purpose: ConsentPurpose::MarketingMessages,
                },
                false,
                "marketing_messages consent refused",
            ),
            (
                StageCriterion::EventOccurred {
                    kind: TouchKind::DemoRequest,
                    metadata: None,
                    within_days: Some(14),
                    min_count: 2,
                },
                false,
                "demo_request: 0 of 2 needed in the last 14 days",
            ),
            (
                StageCriterion::Qualified {
                    framework: crate::qualification::Framework::Meddicc,
                    min_percent: 0,
                },
                true,
                "meddicc 0% ≥ 0%",
            ),
        ];
        for (criterion, met, detail) in cases {
            let check = criterion.check(&ctx, NOW);
            assert_eq!(check.met, met, "{criterion:?}");
            assert_eq!(check.met, criterion.holds(&ctx, NOW), "{criterion:?}");
            assert_eq!(check.detail, detail);
        }
    }

    #[test]
    fn event_counts_respect_window_metadata_and_minimum() {
        let l = lead(1, "최유나", NOW);
        let touches = vec![
            touch(&l, TouchKind::DemoRequest, NOW - Duration::days(1), &[]),
            touch(
                &l,
                TouchKind::DemoRequest,
                NOW - Duration::days(2),
                &[("form_id", "f1")],
            ),
            touch(&l, TouchKind::DemoRequest, NOW - Duration::days(40), &[]),
            touch(&l, TouchKind::DemoRequest, NOW + Duration::days(1), &[]),
            touch(&l, TouchKind::Meeting, NOW - Duration::days(1), &[]),
        ];
        let s = scores(0, None);
        let ctx = LeadContext::new(&l, None, &touches, &s);
        let form = || {
            Some(crate::lifecycle::MetadataMatch {
                key: "form_id".into(),
                value: "f1".into(),
            })
        };
        // (metadata, within_days, min_count, met, detail)
        let cases = [
            (
                None,
                Some(30),
                2,
                true,
                "demo_request: 2 of 2 needed in the last 30 days",
            ),
            (
                None,
                Some(30),
                3,
                false,
                "demo_request: 2 of 3 needed in the last 30 days",
            ),
            (None, None, 3, true, "demo_request: 3 of 3 needed"),
            (None, None, 4, false, "demo_request: 3 of 4 needed"),
            (
                form(),
                None,
                1,
                true,
                "demo_request form_id=f1: 1 of 1 needed",
            ),
            (
                form(),
                Some(1),
                1,
                false,
                "demo_request form_id=f1: 0 of 1 needed in the last day",
            ),
        ];
        for (metadata, within_days, min_count, met, detail) in cases {
            let criterion = StageCriterion::EventOccurred {
                kind: TouchKind::DemoRequest,
                metadata,
                within_days,
                min_count,
            };
            assert_eq!(criterion.holds(&ctx, NOW), met, "{detail}");
            let check = criterion.check(&ctx, NOW);
            assert_eq!((check.met, check.detail.as_str()), (met, detail));
        }
    }

    #[test]
    fn a_synthetic_workspace_spreads_over_the_defined_stages() {
        // The benchmark's data: if every lead landed in one stage, it would measure a
        // shortcut, not the evaluation.
        let data = crate::fixtures::generate(&crate::fixtures::DatasetSpec::new(42, 2000, NOW));
        let config = LifecycleConfig::korean_b2b_default();
        let compiled = CompiledLifecycle::new(&config);
        let mut per_stage = std::collections::BTreeMap::new();
        for (i, l) in data.leads.iter().enumerate() {
            let tier = [None, Some(Tier::A), Some(Tier::C), Some(Tier::D)][i % 4];
            let s = scores((i * 37 % 130) as i64 - 10, tier);
            let ctx = LeadContext::new(l, data.account_of_lead(i), data.touches_of_lead(i), &s);
            let stage = compiled.qualifies_for(&ctx, NOW);
            assert_eq!(stage, evaluate(&config, &ctx, NOW).qualifies_for);
            *per_stage.entry(stage).or_insert(0usize) += 1;
        }
        for stage in [Stage::Lead, Stage::Mql, Stage::Pql, Stage::Sql] {
            assert!(
                per_stage.get(&stage).is_some_and(|n| *n > 20),
                "{per_stage:?}"
            );
        }
    }

    fn any_kind() -> impl Strategy<Value = TouchKind> {
        prop::sample::select(TouchKind::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn the_fast_path_agrees_with_the_explained_evaluation(
            total in -20i64..120,
            tier in prop::option::of(prop::sample::select(vec![
                Tier::A, Tier::B, Tier::C, Tier::D,
            ])),
            consent in any::<bool>(),
            company in any::<bool>(),
            touches in prop::collection::vec(
                (
                    any_kind(),
                    -5i64..100,
                    prop::sample::select(vec!["", "limit_hit", "invited_team"]),
                ),
                0..12,
            ),
            bant_items in prop::collection::vec(
                prop::sample::select(crate::qualification::Framework::Bant.items().to_vec()),
                0..4,
            ),
        ) {
            let config = LifecycleConfig::korean_b2b_default();
            let compiled = CompiledLifecycle::new(&config);
            let mut l = lead(1, "박서준", NOW - Duration::days(100));
            if !consent {
                l.consents.clear();
            }
            if !company {
                l.company_name = None;
            }
            bant(&mut l.qualification, &bant_items);
            let touches: Vec<_> = touches
                .iter()
                .map(|(kind, days, signal)| {
                    touch(&l, *kind, NOW - Duration::days(*days), &[("signal", signal)])
                })
                .collect();
            let s = scores(total, tier);
            let ctx = LeadContext::new(&l, None, &touches, &s);
            let evaluation = evaluate(&config, &ctx, NOW);
            prop_assert_eq!(compiled.qualifies_for(&ctx, NOW), evaluation.qualifies_for);
            // The answer is the highest met check, and nothing above it is met.
            for check in &evaluation.checks {
                prop_assert!(!(check.met && check.stage > evaluation.qualifies_for));
                prop_assert_eq!(check.met, check.criteria.iter().all(|c| c.met));
            }
        }
    }
}
