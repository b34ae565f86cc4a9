//! A starting scoring model for a Korean B2B team: the signals the field articles name
//! (demo requests, pricing visits, webinars, fairs, product signals) and the usual
//! negatives (unsubscribes, job seekers, free-mail and student addresses).

use super::model::ScoringModel;
use super::rule::{
    Cap, EngagementRule, Frequency, MetadataCondition, Period, ProfileCondition, ProfileRule,
};
use crate::identity::PERSONAL_EMAIL_DOMAINS;
use crate::model::TouchKind;

/// Rule points, frequency and cap in one table row.
struct Row {
    id: &'static str,
    name: &'static str,
    kind: TouchKind,
    /// `(key, contains)`: one `contains` condition, or none.
    contains: Option<(&'static str, &'static str)>,
    points: i32,
    once: bool,
    cap: Option<(u32, Period)>,
}

const fn row(
    id: &'static str,
    name: &'static str,
    kind: TouchKind,
    contains: Option<(&'static str, &'static str)>,
    points: i32,
    once: bool,
    cap: Option<(u32, Period)>,
) -> Row {
    Row {
        id,
        name,
        kind,
        contains,
        points,
        once,
        cap,
    }
}

use Period::{Month, Week};
use TouchKind::*;

/// The default engagement rules. Page rules match on the URL path, so `/pricing?plan=pro`
/// counts as the pricing page.
const ENGAGEMENT: &[Row] = &[
    row(
        "demo_request",
        "데모 신청 (Demo request)",
        DemoRequest,
        None,
        30,
        true,
        None,
    ),
    row(
        "pricing_page",
        "가격 페이지 방문 (Pricing page)",
        PageView,
        Some(("url", "/pricing")),
        10,
        false,
        Some((20, Week)),
    ),
    row(
        "product_page",
        "제품 페이지 방문 (Product page)",
        PageView,
        Some(("url", "/product")),
        3,
        false,
        Some((9, Week)),
    ),
    row(
        "case_study_page",
        "고객 사례 방문 (Case studies)",
        PageView,
        Some(("url", "/case-studies")),
        5,
        false,
        Some((10, Week)),
    ),
    row(
        "docs_page",
        "문서 방문 (Docs)",
        PageView,
        Some(("url", "/docs")),
        2,
        false,
        Some((6, Week)),
    ),
    row(
        "blog_page",
        "블로그 방문 (Blog)",
        PageView,
        Some(("url", "/blog")),
        1,
        false,
        Some((5, Week)),
    ),
    row(
        "careers_page",
        "채용 페이지 방문 (Careers page)",
        PageView,
        Some(("url", "/careers")),
        -10,
        true,
        None,
    ),
    row(
        "content_download",
        "자료 다운로드 (Content download)",
        ContentDownload,
        None,
        8,
        false,
        Some((24, Month)),
    ),
    row(
        "pricing_sheet_download",
        "가격표 다운로드 (Pricing sheet)",
        ContentDownload,
        Some(("asset", "pricing")),
        10,
        true,
        None,
    ),
    row(
        "form_submit",
        "폼 제출 (Form submit)",
        FormSubmit,
        None,
        5,
        false,
        Some((10, Week)),
    ),
    row(
        "email_open",
        "이메일 열람 (E-mail open)",
        EmailOpen,
        None,
        1,
        false,
        Some((5, Week)),
    ),
    row(
        "email_click",
        "이메일 클릭 (E-mail click)",
        EmailClick,
        None,
        3,
        false,
        Some((9, Week)),
    ),
    row(
        "email_reply",
        "이메일 회신 (E-mail reply)",
        EmailReply,
        None,
        10,
        false,
        Some((20, Week)),
    ),
    row(
        "unsubscribe",
        "수신 거부 (Unsubscribe)",
        Unsubscribe,
        None,
        -50,
        true,
        None,
    ),
    row(
        "webinar_attended",
        "웨비나 참석 (Webinar attended)",
        WebinarAttended,
        None,
        15,
        false,
        Some((30, Month)),
    ),
    row(
        "event_attended",
        "전시회·행사 참석 (Fair or event attended)",
        EventAttended,
        None,
        20,
        false,
        Some((40, Month)),
    ),
    row(
        "meeting",
        "미팅 (Meeting)",
        Meeting,
        None,
        25,
        false,
        Some((50, Month)),
    ),
    row(
        "product_signup",
        "무료 가입 (Product sign-up)",
        ProductSignup,
        None,
        15,
        true,
        None,
    ),
    row(
        "usage_limit_hit",
        "사용량 한도 도달 (Usage limit hit)",
        ProductUsage,
        Some(("signal", "limit_hit")),
        25,
        true,
        None,
    ),
    row(
        "usage_invited_team",
        "팀원 초대 (Invited team)",
        ProductUsage,
        Some(("signal", "invited_team")),
        15,
        true,
        None,
    ),
];

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| (*v).to_owned()).collect()
}

impl ScoringModel {
    /// A sensible first model for a Korean B2B team: 20 engagement rules and 5 profile
    /// rules, a 60-day half-life and Seoul time for caps. Competitor domains are
    /// workspace-specific, so the team adds that rule itself.
    pub fn korean_b2b_default() -> Self {
        let engagement_rules = ENGAGEMENT
            .iter()
            .map(|row| EngagementRule {
                id: row.id.to_owned(),
                name: row.name.to_owned(),
                kind: row.kind,
                conditions: row
                    .contains
                    .map(|(key, value)| MetadataCondition::Contains {
                        key: key.to_owned(),
                        value: value.to_owned(),
                    })
                    .into_iter()
                    .collect(),
                points: row.points,
                frequency: if row.once {
                    Frequency::Once
                } else {
                    Frequency::Repeatable { max_times: None }
                },
                cap: row
                    .cap
                    .map(|(max_points, period)| Cap { max_points, period }),
            })
            .collect();
        let profile = |id: &str, name: &str, condition, points| ProfileRule {
            id: id.to_owned(),
            name: name.to_owned(),
            condition,
            points,
        };
        let profile_rules = vec![
            profile(
                "free_mail",
                "개인 메일 주소 (Free-mail address)",
                ProfileCondition::EmailDomainOneOf {
                    domains: strings(PERSONAL_EMAIL_DOMAINS),
                },
                -10,
            ),
            profile(
                "student_domain",
                "학교 메일 주소 (Student address)",
                ProfileCondition::EmailDomainEndsWith {
                    suffixes: strings(&["ac.kr", "edu", "ac.jp", "ac.uk", "edu.cn"]),
                },
                -30,
            ),
            profile(
                "student_title",
                "학생·인턴 직함 (Student or intern title)",
                ProfileCondition::TitleContains {
                    words: strings(&["학생", "대학원생", "인턴", "student", "intern"]),
                },
                -20,
            ),
            profile(
                "executive_title",
                "임원 직함 (Executive title)",
                ProfileCondition::TitleContains {
                    words: strings(&["대표", "ceo", "cto", "founder", "본부장", "임원", "이사"]),
                },
                10,
            ),
            profile(
                "team_lead_title",
                "팀장급 직함 (Team lead title)",
                ProfileCondition::TitleContains {
                    words: strings(&["팀장", "head of", "director", "실장", "manager"]),
                },
                5,
            ),
        ];
        Self {
            version: 1,
            engagement_rules,
            profile_rules,
            half_life_days: Some(60.0),
            reset_at: None,
            utc_offset_minutes: 540,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_model_is_valid_and_has_25_rules() {
        let model = ScoringModel::korean_b2b_default();
        assert_eq!(model.validate(), Ok(()));
        assert_eq!(model.engagement_rules.len() + model.profile_rules.len(), 25);
        let points = |id: &str| {
            model
                .engagement_rules
                .iter()
                .find(|r| r.id == id)
                .map(|r| r.points)
        };
        assert_eq!(points("demo_request"), Some(30));
        assert_eq!(points("unsubscribe"), Some(-50));
        assert_eq!(points("careers_page"), Some(-10));
        // It survives storage unchanged.
        let json = serde_json::to_string(&model).unwrap();
        assert_eq!(serde_json::from_str::<ScoringModel>(&json).unwrap(), model);
    }
}
