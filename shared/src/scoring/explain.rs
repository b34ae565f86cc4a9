//! The explanation of a score: every point traced to a rule and, for engagement, to the
//! touches that earned it. Written plainly over the model as stored (no precompilation),
//! so it doubles as the reference the fast path is tested against.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::decay::{DecayRate, decay_points};
use super::model::{ModelError, ScoringModel};
use super::period::bucket;
use super::rule::{MetadataCondition, ProfileCondition};
use crate::model::{Lead, Touch, TouchId};
use crate::text::fold;

/// A lead's score in its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LeadScore {
    /// Points from ICP fit (computed by ICP matching, passed through).
    pub fit: i64,
    /// Points from engagement and profile rules, after caps and decay.
    pub engagement: i64,
    /// `fit + engagement` (saturating).
    pub total: i64,
}

impl LeadScore {
    /// The score with `fit` and `engagement` points.
    pub fn new(fit: i64, engagement: i64) -> Self {
        Self {
            fit,
            engagement,
            total: fit.saturating_add(engagement),
        }
    }
}

/// One touch that a rule matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLine {
    /// The touch.
    pub touch_id: TouchId,
    /// When it happened.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The rule's points for one touch.
    pub base_points: i64,
    /// What the frequency limit and cap left of `base_points` (0 when fully capped).
    pub granted_points: i64,
    /// `granted_points` after decay: what this touch adds to the score.
    pub decayed_points: i64,
    /// Whether the frequency limit or the cap cut the points.
    pub capped: bool,
}

/// What one engagement rule contributed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleLine {
    /// The rule's id.
    pub rule_id: String,
    /// The rule's name.
    pub rule_name: String,
    /// The sum of the events' `decayed_points`.
    pub points: i64,
    /// Every touch the rule matched, in the order they were counted.
    pub events: Vec<EventLine>,
}

/// What one profile rule contributed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileLine {
    /// The rule's id.
    pub rule_id: String,
    /// The rule's name.
    pub rule_name: String,
    /// The rule's points.
    pub points: i64,
    /// The list entry that matched (`naver.com`, `ac.kr`, `인턴`).
    pub matched: String,
}

/// A score with every point accounted for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreExplanation {
    /// Points from ICP fit, as the caller passed them.
    pub fit_points: i64,
    /// Engagement rules that matched at least one touch, in model order.
    pub engagement: Vec<RuleLine>,
    /// Profile rules that hold, in model order.
    pub profile: Vec<ProfileLine>,
}

impl ScoreExplanation {
    /// Engagement points: every rule line plus every profile line.
    pub fn engagement_points(&self) -> i64 {
        let events: i64 = self.engagement.iter().map(|line| line.points).sum();
        let profile: i64 = self.profile.iter().map(|line| line.points).sum();
        events + profile
    }

    /// The score the explanation adds up to.
    pub fn score(&self) -> LeadScore {
        LeadScore::new(self.fit_points, self.engagement_points())
    }

    /// `fit + engagement`: equals the fast path's result (see `super::score_engagement`).
    pub fn total(&self) -> i64 {
        self.score().total
    }
}

/// Explains the score of `lead` with `touches` (its own, in any order) at `now`, under
/// `model`, adding `fit_points` from ICP matching. Semantics are those of the module
/// documentation of [`crate::scoring`]. Fails when the model is invalid.
pub fn explain(
    model: &ScoringModel,
    lead: &Lead,
    touches: &[Touch],
    fit_points: i64,
    now: OffsetDateTime,
) -> Result<ScoreExplanation, ModelError> {
    model.validate()?;
    let rate = DecayRate::from_half_life(model.half_life_days);
    let offset_secs = i64::from(model.utc_offset_minutes) * 60;
    let mut counted: Vec<&Touch> = touches
        .iter()
        .filter(|t| t.at <= now && model.reset_at.is_none_or(|reset| t.at >= reset))
        .collect();
    counted.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.cmp(&b.id)));

    let mut engagement = Vec::new();
    for rule in &model.engagement_rules {
        let base = i64::from(rule.points);
        let mut earned = 0u32;
        let mut period: Option<(i64, u64)> = None;
        let mut events = Vec::new();
        for touch in counted.iter().filter(|t| {
            t.kind == rule.kind
                && rule
                    .conditions
                    .iter()
                    .all(|condition| condition_holds(condition, t))
        }) {
            let mut granted = if earned < rule.frequency.max_times() {
                base.unsigned_abs()
            } else {
                0
            };
            if let Some(cap) = rule.cap
                && granted > 0
            {
                let this = bucket(cap.period, touch.at.unix_timestamp(), offset_secs);
                let used = match period {
                    Some((current, used)) if current == this => used,
                    _ => 0,
                };
                granted = granted.min(u64::from(cap.max_points).saturating_sub(used));
                period = Some((this, used + granted));
            }
            if granted > 0 {
                earned = earned.saturating_add(1);
            }
            let granted = if base < 0 {
                -(granted as i64)
            } else {
                granted as i64
            };
            let age = now.unix_timestamp() - touch.at.unix_timestamp();
            events.push(EventLine {
                touch_id: touch.id,
                at: touch.at,
                base_points: base,
                granted_points: granted,
                decayed_points: decay_points(granted, age, rate),
                capped: granted != base,
            });
        }
        if !events.is_empty() {
            engagement.push(RuleLine {
                rule_id: rule.id.clone(),
                rule_name: rule.name.clone(),
                points: events.iter().map(|e| e.decayed_points).sum(),
                events,
            });
        }
    }

    let domain = lead
        .email
        .as_deref()
        .and_then(|email| email.rsplit_once('@'))
        .map(|(_, domain)| fold(domain).trim_matches('.').to_owned());
    let title = lead.title.as_deref().map(fold);
    let profile = model
        .profile_rules
        .iter()
        .filter_map(|rule| {
            let matched = rule.condition.values().iter().find(|value| {
                profile_value_matches(&rule.condition, value, domain.as_deref(), title.as_deref())
            })?;
            Some(ProfileLine {
                rule_id: rule.id.clone(),
                rule_name: rule.name.clone(),
                points: i64::from(rule.points),
                matched: matched.clone(),
            })
        })
        .collect();

    Ok(ScoreExplanation {
        fit_points,
        engagement,
        profile,
    })
}

/// Whether one list entry of a profile condition matches the lead's folded e-mail domain
/// or title. Domains and suffixes are compared without surrounding dots.
fn profile_value_matches(
    condition: &ProfileCondition,
    value: &str,
    domain: Option<&str>,
    title: Option<&str>,
) -> bool {
    let folded = fold(value);
    match condition {
        ProfileCondition::EmailDomainOneOf { .. } => {
            domain.is_some_and(|domain| domain == folded.trim_matches('.'))
        }
        ProfileCondition::EmailDomainEndsWith { .. } => domain.is_some_and(|domain| {
            let suffix = folded.trim_matches('.');
            domain == suffix || domain.ends_with(&format!(".{suffix}"))
        }),
        ProfileCondition::TitleContains { .. } => {
            title.is_some_and(|title| title.contains(folded.as_str()))
        }
    }
}

fn condition_holds(condition: &MetadataCondition, touch: &Touch) -> bool {
    let Some(value) = touch.metadata.get(condition.key()) else {
        return false;
    };
    let value = fold(value);
    match condition {
        MetadataCondition::Equals { value: wanted, .. } => value == fold(wanted),
        MetadataCondition::OneOf { values, .. } => values.iter().any(|v| value == fold(v)),
        MetadataCondition::Contains { value: part, .. } => value.contains(&fold(part)),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use time::Duration;
    use time::macros::datetime;
    use uuid::Uuid;

    use super::*;
    use crate::model::{EntryPath, LeadId, TouchKind, WorkspaceId};
    use crate::scoring::rule::{Cap, EngagementRule, Frequency, Period, ProfileRule};
    use crate::scoring::{CompiledModel, Scratch, score_engagement};

    const NOW: OffsetDateTime = datetime!(2026-11-24 12:00 +9);

    fn lead(email: Option<&str>, title: Option<&str>) -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::from_u128(2)),
            "김민수",
            EntryPath::Form,
            NOW - Duration::days(200),
        );
        lead.email = email.map(str::to_owned);
        lead.title = title.map(str::to_owned);
        lead
    }

    fn touch(id: u128, kind: TouchKind, at: OffsetDateTime, metadata: &[(&str, &str)]) -> Touch {
        Touch {
            id: TouchId(Uuid::from_u128(id)),
            lead_id: LeadId(Uuid::from_u128(1)),
            account_id: None,
            kind,
            at,
            metadata: metadata
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<BTreeMap<_, _>>(),
            utm: Default::default(),
        }
    }

    fn rule(id: &str, kind: TouchKind, points: i32) -> EngagementRule {
        EngagementRule {
            id: id.into(),
            name: id.into(),
            kind,
            conditions: Vec::new(),
            points,
            frequency: Frequency::default(),
            cap: None,
        }
    }

    fn capped(mut rule: EngagementRule, max_points: u32, period: Period) -> EngagementRule {
        rule.cap = Some(Cap { max_points, period });
        rule
    }

    fn model(rules: Vec<EngagementRule>) -> ScoringModel {
        ScoringModel {
            version: 1,
            engagement_rules: rules,
            profile_rules: Vec::new(),
            half_life_days: None,
            reset_at: None,
            utc_offset_minutes: 540,
        }
    }

    /// Explains, checks the fast path agrees and the lines add up, and returns each rule
    /// line as `(rule id, points, [(touch id, decayed points, capped)])`.
    fn run(model: &ScoringModel, lead: &Lead, touches: &[Touch]) -> (i64, Vec<OwnedLine>) {
        let explanation = explain(model, lead, touches, 0, NOW).unwrap();
        let compiled = CompiledModel::compile(model).unwrap();
        let fast = score_engagement(&compiled, lead, touches, NOW, &mut Scratch::default());
        assert_eq!(fast, explanation.total(), "fast path disagrees");
        let lines = explanation
            .engagement
            .iter()
            .map(|line| {
                let events: Vec<_> = line
                    .events
                    .iter()
                    .map(|e| (e.touch_id.0.as_u128(), e.decayed_points, e.capped))
                    .collect();
                assert_eq!(line.points, events.iter().map(|e| e.1).sum::<i64>());
                (line.rule_id.clone(), line.points, events)
            })
            .collect();
        (explanation.total(), lines)
    }

    /// `(touch id, decayed points, capped)`.
    type Event = (u128, i64, bool);
    /// `(rule id, points, events)`.
    type Line = (&'static str, i64, Vec<Event>);
    type Lines = Vec<Line>;
    type OwnedLine = (String, i64, Vec<Event>);

    fn owned(lines: Lines) -> Vec<OwnedLine> {
        lines
            .into_iter()
            .map(|(id, points, events)| (id.to_owned(), points, events))
            .collect()
    }

    #[test]
    fn frequency_caps_decay_reset_and_order() {
        use TouchKind::*;
        let day = |d: i64| NOW - Duration::days(d);
        let mut once = rule("demo", DemoRequest, 30);
        once.frequency = Frequency::Once;
        let mut twice = rule("click", EmailClick, 3);
        twice.frequency = Frequency::Repeatable { max_times: Some(2) };
        let mut twice_capped = capped(rule("open", EmailOpen, 2), 3, Period::Day);
        twice_capped.frequency = Frequency::Repeatable { max_times: Some(2) };
        let mut with_reset = model(vec![rule("webinar", WebinarAttended, 15)]);
        with_reset.reset_at = Some(day(10));
        let mut decaying = model(vec![
            rule("webinar", WebinarAttended, 15),
            rule("unsubscribe", Unsubscribe, -50),
        ]);
        decaying.half_life_days = Some(30.0);

        let cases: Vec<(&str, ScoringModel, Vec<Touch>, i64, Lines)> = vec![
            (
                "once: only the first demo request earns",
                model(vec![once]),
                vec![
                    touch(3, DemoRequest, day(1), &[]),
                    touch(1, DemoRequest, day(5), &[]),
                    touch(2, DemoRequest, day(3), &[]),
                ],
                30,
                vec![("demo", 30, vec![(1, 30, false), (2, 0, true), (3, 0, true)])],
            ),
            (
                "repeatable with max_times",
                model(vec![twice]),
                vec![
                    touch(1, EmailClick, day(3), &[]),
                    touch(2, EmailClick, day(2), &[]),
                    touch(3, EmailClick, day(1), &[]),
                ],
                6,
                vec![("click", 6, vec![(1, 3, false), (2, 3, false), (3, 0, true)])],
            ),
            (
                "a touch cut to 0 by a cap does not use up a repeat",
                model(vec![twice_capped]),
                vec![
                    touch(1, EmailOpen, day(3), &[]),
                    touch(2, EmailOpen, day(3) + Duration::hours(1), &[]),
                    touch(3, EmailOpen, day(3) + Duration::hours(2), &[]),
                    touch(4, EmailOpen, day(1), &[]),
                ],
                3,
                vec![(
                    "open",
                    3,
                    vec![(1, 2, false), (2, 1, true), (3, 0, true), (4, 0, true)],
                )],
            ),
            (
                "cap per day in Seoul time: the partial touch earns what is left",
                model(vec![capped(rule("pricing", PageView, 10), 15, Period::Day)]),
                vec![
                    touch(1, PageView, datetime!(2026-11-20 09:00 +9), &[]),
                    touch(2, PageView, datetime!(2026-11-20 23:59 +9), &[]),
                    touch(3, PageView, datetime!(2026-11-20 23:59:30 +9), &[]),
                    // 00:30 Seoul is the same UTC day but a new Seoul day.
                    touch(4, PageView, datetime!(2026-11-21 00:30 +9), &[]),
                ],
                25,
                vec![(
                    "pricing",
                    25,
                    vec![(1, 10, false), (2, 5, true), (3, 0, true), (4, 10, false)],
                )],
            ),
            (
                "cap per week starts on Monday",
                model(vec![capped(rule("click", EmailClick, 3), 6, Period::Week)]),
                vec![
                    touch(1, EmailClick, datetime!(2026-11-16 08:00 +9), &[]),
                    touch(2, EmailClick, datetime!(2026-11-18 08:00 +9), &[]),
                    touch(3, EmailClick, datetime!(2026-11-22 23:00 +9), &[]),
                    touch(4, EmailClick, datetime!(2026-11-23 01:00 +9), &[]),
                ],
                9,
                vec![(
                    "click",
                    9,
                    vec![(1, 3, false), (2, 3, false), (3, 0, true), (4, 3, false)],
                )],
            ),
            (
                "cap per month, negative rules capped in magnitude",
                model(vec![
                    capped(rule("webinar", WebinarAttended, 15), 20, Period::Month),
                    capped(rule("careers", PageView, -10), 15, Period::Month),
                ]),
                vec![
                    touch(1, WebinarAttended, datetime!(2026-10-30 10:00 +9), &[]),
                    touch(2, WebinarAttended, datetime!(2026-10-31 10:00 +9), &[]),
                    touch(3, WebinarAttended, datetime!(2026-11-01 10:00 +9), &[]),
                    touch(4, PageView, datetime!(2026-11-02 10:00 +9), &[]),
                    touch(5, PageView, datetime!(2026-11-03 10:00 +9), &[]),
                ],
                35 - 15,
                vec![
                    (
                        "webinar",
                        35,
                        vec![(1, 15, false), (2, 5, true), (3, 15, false)],
                    ),
                    ("careers", -15, vec![(4, -10, false), (5, -5, true)]),
                ],
            ),
            (
                "all-time cap",
                model(vec![capped(
                    rule("open", EmailOpen, 4),
                    10,
                    Period::AllTime,
                )]),
                (1..=4)
                    .map(|i| touch(i, EmailOpen, day(100 * i as i64), &[]))
                    .collect(),
                10,
                vec![(
                    "open",
                    10,
                    vec![(4, 4, false), (3, 4, false), (2, 2, true), (1, 0, true)],
                )],
            ),
            (
                "decay at several ages; negative points stay",
                decaying,
                vec![
                    touch(1, WebinarAttended, NOW, &[]),
                    touch(2, WebinarAttended, day(30), &[]),
                    touch(3, WebinarAttended, day(60), &[]),
                    touch(4, WebinarAttended, day(300), &[]),
                    touch(5, Unsubscribe, day(300), &[]),
                ],
                15 + 8 + 4 - 50,
                vec![
                    (
                        "webinar",
                        27,
                        vec![(4, 0, false), (3, 4, false), (2, 8, false), (1, 15, false)],
                    ),
                    ("unsubscribe", -50, vec![(5, -50, false)]),
                ],
            ),
            (
                "reset: earlier touches are ignored, one at the reset counts; so are future ones",
                with_reset,
                vec![
                    touch(1, WebinarAttended, day(11), &[]),
                    touch(2, WebinarAttended, day(10), &[]),
                    touch(3, WebinarAttended, day(2), &[]),
                    touch(4, WebinarAttended, NOW + Duration::seconds(1), &[]),
                ],
                30,
                vec![("webinar", 30, vec![(2, 15, false), (3, 15, false)])],
            ),
            (
                "ties in time go by touch id, whatever the input order",
                model(vec![capped(rule("click", EmailClick, 3), 3, Period::Day)]),
                vec![
                    touch(9, EmailClick, day(1), &[]),
                    touch(7, EmailClick, day(1), &[]),
                    touch(8, EmailClick, day(1), &[]),
                ],
                3,
                vec![("click", 3, vec![(7, 3, false), (8, 0, true), (9, 0, true)])],
            ),
        ];
        for (name, model, touches, total, lines) in cases {
            let (actual_total, actual_lines) = run(&model, &lead(None, None), &touches);
            assert_eq!(actual_lines, owned(lines), "{name}");
            assert_eq!(actual_total, total, "{name}");
        }
    }

    #[test]
    fn metadata_conditions_fold_korean_and_full_width_text() {
        use MetadataCondition::*;
        use TouchKind::PageView;
        let condition = |c: MetadataCondition| {
            let mut r = rule("r", PageView, 5);
            r.conditions = vec![c];
            model(vec![r])
        };
        let kv = |k: &str, v: &str| (k.to_owned(), v.to_owned());
        let equals = |k: &str, v: &str| {
            let (key, value) = kv(k, v);
            Equals { key, value }
        };
        let contains = |k: &str, v: &str| {
            let (key, value) = kv(k, v);
            Contains { key, value }
        };
        // (condition, the touch's metadata, matches?)
        type Case<'a> = (MetadataCondition, Vec<(&'a str, &'a str)>, bool);
        let cases: Vec<Case> = vec![
            (equals("url", "/pricing"), vec![("url", " /PRICING ")], true),
            (
                equals("url", "/pricing"),
                vec![("url", "/pricing/pro")],
                false,
            ),
            (equals("url", "/pricing"), vec![("page", "/pricing")], false),
            (equals("url", "/pricing"), vec![], false),
            (equals("title", "웨비나"), vec![("title", "웨비나")], true),
            // 웨비나 as conjoining jamo.
            (
                equals("title", "웨비나"),
                vec![("title", "\u{110B}\u{1170}\u{1107}\u{1175}\u{1102}\u{1161}")],
                true,
            ),
            (
                contains("title", "B2B 마케팅"),
                vec![("title", "２０２６ Ｂ２Ｂ　마케팅 세미나")],
                true,
            ),
            (
                contains("title", "마케팅"),
                vec![("title", "영업 세미나")],
                false,
            ),
            (
                OneOf {
                    key: "signal".into(),
                    values: vec!["limit_hit".into(), "한도 초과".into()],
                },
                vec![("signal", "한도  초과")],
                true,
            ),
            (
                OneOf {
                    key: "signal".into(),
                    values: vec!["limit_hit".into()],
                },
                vec![("signal", "daily_active")],
                false,
            ),
        ];
        for (c, metadata, matches) in cases {
            let m = condition(c.clone());
            let touches = [touch(1, PageView, NOW - Duration::days(1), &metadata)];
            let (total, _) = run(&m, &lead(None, None), &touches);
            assert_eq!(total, if matches { 5 } else { 0 }, "{c:?} {metadata:?}");
        }
    }

    #[test]
    fn all_conditions_must_hold_and_every_matching_rule_scores() {
        use TouchKind::PageView;
        let mut both = rule("pricing_from_ads", PageView, 7);
        both.conditions = vec![
            MetadataCondition::Contains {
                key: "url".into(),
                value: "/pricing".into(),
            },
            MetadataCondition::Equals {
                key: "utm_medium".into(),
                value: "cpc".into(),
            },
        ];
        let m = model(vec![rule("any_page", PageView, 1), both]);
        let at = NOW - Duration::days(1);
        let touches = [
            touch(
                1,
                PageView,
                at,
                &[("url", "/pricing"), ("utm_medium", "CPC")],
            ),
            touch(2, PageView, at, &[("url", "/pricing")]),
        ];
        let (total, lines) = run(&m, &lead(None, None), &touches);
        assert_eq!(total, 1 + 1 + 7);
        assert_eq!(
            lines,
            owned(vec![
                ("any_page", 2, vec![(1, 1, false), (2, 1, false)]),
                ("pricing_from_ads", 7, vec![(1, 7, false)]),
            ])
        );
    }

    #[test]
    fn profile_rules_read_the_email_domain_and_title() {
        let profile = |id: &str, condition, points| ProfileRule {
            id: id.into(),
            name: id.into(),
            condition,
            points,
        };
        let mut m = model(Vec::new());
        m.profile_rules = vec![
            profile(
                "free_mail",
                ProfileCondition::EmailDomainOneOf {
                    domains: vec!["naver.com".into(), "hanmail.net".into()],
                },
                -10,
            ),
            profile(
                "competitor",
                ProfileCondition::EmailDomainOneOf {
                    domains: vec!["rival.co.kr".into()],
                },
                -100,
            ),
            profile(
                "student",
                ProfileCondition::EmailDomainEndsWith {
                    suffixes: vec![".ac.kr".into(), "edu".into()],
                },
                -30,
            ),
            profile(
                "intern",
                ProfileCondition::TitleContains {
                    words: vec!["인턴".into(), "Student".into()],
                },
                -20,
            ),
        ];
        // (email, title, total, matched entries)
        type Case<'a> = (Option<&'a str>, Option<&'a str>, i64, Vec<&'a str>);
        let cases: Vec<Case> = vec![
            (Some("minsu@naver.com"), None, -10, vec!["naver.com"]),
            (Some("  MINSU@NAVER.COM "), None, -10, vec!["naver.com"]),
            (Some("minsu@mail.naver.com"), None, 0, vec![]),
            (
                Some("kim@rival.co.kr"),
                Some("마케팅 팀장"),
                -100,
                vec!["rival.co.kr"],
            ),
            (
                Some("kim@snu.ac.kr"),
                Some("대학원 인턴"),
                -50,
                vec![".ac.kr", "인턴"],
            ),
            (Some("kim@pac.kr"), None, 0, vec![]),
            (
                Some("kim@mit.edu"),
                Some("PhD STUDENT"),
                -50,
                vec!["edu", "Student"],
            ),
            (Some("not an address"), Some("CEO"), 0, vec![]),
            (None, Some("Ｉｎｔｅｒｎ 인턴"), -20, vec!["인턴"]),
            (None, None, 0, vec![]),
        ];
        let compiled = CompiledModel::compile(&m).unwrap();
        for (email, title, total, matched) in cases {
            let lead = lead(email, title);
            let explanation = explain(&m, &lead, &[], 0, NOW).unwrap();
            let actual: Vec<&str> = explanation
                .profile
                .iter()
                .map(|line| line.matched.as_str())
                .collect();
            assert_eq!(actual, matched, "{email:?} {title:?}");
            assert_eq!(explanation.total(), total, "{email:?} {title:?}");
            let fast = score_engagement(&compiled, &lead, &[], NOW, &mut Scratch::default());
            assert_eq!(fast, total, "{email:?} {title:?}");
        }
    }

    #[test]
    fn the_score_adds_fit_and_engagement() {
        let m = model(vec![rule("demo", TouchKind::DemoRequest, 30)]);
        let touches = [touch(1, TouchKind::DemoRequest, NOW, &[])];
        let explanation = explain(&m, &lead(None, None), &touches, 40, NOW).unwrap();
        assert_eq!(explanation.score(), LeadScore::new(40, 30));
        assert_eq!(explanation.total(), 70);
        assert_eq!(LeadScore::new(i64::MAX, 1).total, i64::MAX);
    }

    #[test]
    fn an_invalid_model_is_not_explained() {
        let mut m = model(vec![rule("demo", TouchKind::DemoRequest, 30)]);
        m.half_life_days = Some(0.0);
        assert_eq!(
            explain(&m, &lead(None, None), &[], 0, NOW),
            Err(ModelError::InvalidHalfLife {
                half_life_days: 0.0
            })
        );
    }
}
