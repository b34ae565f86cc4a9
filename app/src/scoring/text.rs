//! The scoring editor's texts in both languages.

use leadkit_shared::model::{ConsentPurpose, Stage, TouchKind};
use leadkit_shared::qualification::Framework;
use leadkit_shared::scoring::Period;

use super::edit::CriterionKind;
use crate::i18n::{Locale, Translate};
use crate::leads::text::stage_name;

/// The three ways a profile rule tests a lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProfileKind {
    EmailDomainOneOf,
    EmailDomainEndsWith,
    TitleContains,
}

/// The three ways a rule tests a touch's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaOp {
    Equals,
    OneOf,
    Contains,
}

/// Every text of the scoring editor.
#[derive(Debug, Clone, PartialEq)]
pub enum ScoringText {
    Title,
    Intro,
    EngagementRules,
    EngagementIntro,
    NegativeRules,
    NegativeIntro,
    AddRule,
    AddNegativeRule,
    AddProfileRule,
    NewRule,
    NewNegativeRule,
    NewProfileRule,
    RemoveRule(String),
    RuleName,
    Kind,
    Points,
    Frequency,
    Once,
    Repeatable,
    MaxTimes,
    CapPoints,
    Period,
    PeriodName(Period),
    Conditions,
    NoConditions,
    AddCondition,
    RemoveCondition(usize),
    ConditionKey,
    ConditionTest,
    ConditionValue,
    Meta(MetaOp),
    Touch(TouchKind),
    Profile(ProfileKind),
    ProfileTest,
    ProfileValues,
    ProfileRuleBadge,
    Decay,
    DecayIntro,
    HalfLife,
    Stages,
    StagesIntro,
    Stage(Stage),
    Automatic,
    CriterionKindName(CriterionKind),
    AddStageCriterion,
    AddAlternative,
    NewCriterionKind,
    RemoveCriterion,
    AnyOfIntro,
    TotalAtLeast,
    FitAtLeast,
    EngagementAtLeast,
    TierAtLeast,
    FieldLabel,
    Purpose,
    PurposeName(ConsentPurpose),
    EventKind,
    MetadataKey,
    MetadataValue,
    WithinDays,
    MinCount,
    FrameworkLabel,
    FrameworkName(Framework),
    MinPercent,
    Threshold(Stage),
    ThresholdHint,
    WhatIfTitle,
    WhatIfIntro,
    LoadingTouches,
    Building(usize),
    NoLeads,
    Stale,
    FixToUpdate,
    Skipped(usize),
    HistogramLabel {
        leads: usize,
        stage: Stage,
        threshold: Option<i64>,
        over: u32,
    },
    ThresholdLine(Stage, i64),
    LeadsAxis,
    ScoreAxis,
    EntriesTitle,
    EntriesIntro(usize),
    StageColumn,
    MeetsNow,
    LastWeek,
    PerWeek,
    WeeklyDetail,
    WeekEnding,
    RepLoadTitle(Stage),
    RepLoadIntro(Stage, usize),
    NoReps(usize),
    Waiting(u32, u32),
    RepOfCapacity(u32, u32),
    Rep,
    /// What the panel says when numbers change: stage, threshold, meet now, last week,
    /// assigned, capacity.
    Summary {
        stage: Stage,
        threshold: Option<i64>,
        meets_now: u32,
        last_week: u32,
        assigned: u32,
        capacity: u32,
    },
}

/// A touch kind as a team says it.
pub fn touch_kind_name(kind: TouchKind, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    use TouchKind::*;
    match (kind, locale) {
        (FormSubmit, Ko) => "폼 제출",
        (FormSubmit, En) => "Form submission",
        (PageView, Ko) => "페이지 조회",
        (PageView, En) => "Page view",
        (ContentDownload, Ko) => "자료 다운로드",
        (ContentDownload, En) => "Content download",
        (EmailOpen, Ko) => "이메일 열람",
        (EmailOpen, En) => "E-mail open",
        (EmailClick, Ko) => "이메일 클릭",
        (EmailClick, En) => "E-mail click",
        (EmailReply, Ko) => "이메일 회신",
        (EmailReply, En) => "E-mail reply",
        (Unsubscribe, Ko) => "수신 거부",
        (Unsubscribe, En) => "Unsubscribe",
        (WebinarAttended, Ko) => "웨비나 참석",
        (WebinarAttended, En) => "Webinar attended",
        (EventAttended, Ko) => "전시회·행사 참석",
        (EventAttended, En) => "Event attended",
        (Call, Ko) => "통화",
        (Call, En) => "Call",
        (Meeting, Ko) => "미팅",
        (Meeting, En) => "Meeting",
        (DemoRequest, Ko) => "데모 신청",
        (DemoRequest, En) => "Demo request",
        (ProductSignup, Ko) => "제품 가입",
        (ProductSignup, En) => "Product sign-up",
        (ProductUsage, Ko) => "제품 사용 신호",
        (ProductUsage, En) => "Product usage",
        (EmailSent, Ko) => "발송한 이메일",
        (EmailSent, En) => "E-mail sent",
    }
}

fn criterion_kind(kind: CriterionKind, locale: Locale) -> &'static str {
    use CriterionKind::*;
    use Locale::{En, Ko};
    match (kind, locale) {
        (MinTotal, Ko) => "총점 이상",
        (MinTotal, En) => "Total score at least",
        (MinFit, Ko) => "적합도 점수 이상",
        (MinFit, En) => "Fit score at least",
        (MinEngagement, Ko) => "참여 점수 이상",
        (MinEngagement, En) => "Engagement score at least",
        (TierAtLeast, Ko) => "등급 이상",
        (TierAtLeast, En) => "Tier or better",
        (FieldPresent, Ko) => "필드 입력됨",
        (FieldPresent, En) => "Field present",
        (ConsentGranted, Ko) => "동의함",
        (ConsentGranted, En) => "Consent granted",
        (EventOccurred, Ko) => "활동 발생",
        (EventOccurred, En) => "Activity happened",
        (Qualified, Ko) => "BANT/MEDDIC 충족",
        (Qualified, En) => "BANT/MEDDIC complete",
        (AnyOf, Ko) => "다음 중 하나 이상",
        (AnyOf, En) => "Any of",
    }
}

impl Translate for ScoringText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (self, locale) {
            (Self::Title, Ko) => "스코어링 모델".into(),
            (Self::Title, En) => "Scoring model".into(),
            (Self::Intro, Ko) => {
                "규칙과 단계 기준을 바꾸면 저장하기 전에 오른쪽(휴대폰에서는 위) 예측이 바로 다시 계산됩니다."
                    .into()
            }
            (Self::Intro, En) => {
                "Change a rule or a stage criterion and the what-if recounts at once, before anything is saved."
                    .into()
            }
            (Self::EngagementRules, Ko) => "참여 규칙".into(),
            (Self::EngagementRules, En) => "Engagement rules".into(),
            (Self::EngagementIntro, Ko) => "활동(터치)마다 주는 점수, 횟수와 기간별 상한".into(),
            (Self::EngagementIntro, En) => "Points per touch, how often, and caps per period".into(),
            (Self::NegativeRules, Ko) => "감점 규칙".into(),
            (Self::NegativeRules, En) => "Negative rules".into(),
            (Self::NegativeIntro, Ko) => {
                "수신 거부, 구직자, 무료 메일·학생 주소처럼 점수를 깎는 신호. 감점은 시간이 지나도 줄지 않습니다."
                    .into()
            }
            (Self::NegativeIntro, En) => {
                "Signals that take points away (unsubscribes, job seekers, free-mail or student addresses). Negative points do not decay."
                    .into()
            }
            (Self::AddRule, Ko) => "참여 규칙 추가".into(),
            (Self::AddRule, En) => "Add engagement rule".into(),
            (Self::AddNegativeRule, Ko) => "활동 감점 규칙 추가".into(),
            (Self::AddNegativeRule, En) => "Add negative activity rule".into(),
            (Self::AddProfileRule, Ko) => "프로필 감점 규칙 추가".into(),
            (Self::AddProfileRule, En) => "Add profile rule".into(),
            (Self::NewRule, Ko) => "새 참여 규칙".into(),
            (Self::NewRule, En) => "New engagement rule".into(),
            (Self::NewNegativeRule, Ko) => "새 감점 규칙".into(),
            (Self::NewNegativeRule, En) => "New negative rule".into(),
            (Self::NewProfileRule, Ko) => "새 프로필 규칙".into(),
            (Self::NewProfileRule, En) => "New profile rule".into(),
            (Self::RemoveRule(name), Ko) => format!("규칙 \"{name}\" 삭제"),
            (Self::RemoveRule(name), En) => format!("Remove rule \"{name}\""),
            (Self::RuleName, Ko) => "규칙 이름".into(),
            (Self::RuleName, En) => "Rule name".into(),
            (Self::Kind, Ko) => "활동 종류".into(),
            (Self::Kind, En) => "Touch kind".into(),
            (Self::Points, Ko) => "점수 (감점은 음수)".into(),
            (Self::Points, En) => "Points (negative to take away)".into(),
            (Self::Frequency, Ko) => "점수를 주는 횟수".into(),
            (Self::Frequency, En) => "How often it scores".into(),
            (Self::Once, Ko) => "처음 한 번만".into(),
            (Self::Once, En) => "Only the first time".into(),
            (Self::Repeatable, Ko) => "매번".into(),
            (Self::Repeatable, En) => "Every time".into(),
            (Self::MaxTimes, Ko) => "최대 횟수 (비우면 제한 없음)".into(),
            (Self::MaxTimes, En) => "At most this many times (blank: no limit)".into(),
            (Self::CapPoints, Ko) => "기간별 상한 점수 (비우면 없음)".into(),
            (Self::CapPoints, En) => "Cap in points per period (blank: none)".into(),
            (Self::Period, Ko) => "상한 기간".into(),
            (Self::Period, En) => "Cap period".into(),
            (Self::PeriodName(p), locale) => period_name(*p, locale).into(),
            (Self::Conditions, Ko) => "메타데이터 조건 (모두 충족)".into(),
            (Self::Conditions, En) => "Metadata conditions (all must hold)".into(),
            (Self::NoConditions, Ko) => "조건 없음: 이 종류의 모든 활동".into(),
            (Self::NoConditions, En) => "No conditions: every touch of this kind".into(),
            (Self::AddCondition, Ko) => "조건 추가".into(),
            (Self::AddCondition, En) => "Add condition".into(),
            (Self::RemoveCondition(n), Ko) => format!("조건 {n} 삭제"),
            (Self::RemoveCondition(n), En) => format!("Remove condition {n}"),
            (Self::ConditionKey, Ko) => "키 (예: url)".into(),
            (Self::ConditionKey, En) => "Key (e.g. url)".into(),
            (Self::ConditionTest, Ko) => "비교".into(),
            (Self::ConditionTest, En) => "Test".into(),
            (Self::ConditionValue, Ko) => "값 (여러 개는 쉼표로)".into(),
            (Self::ConditionValue, En) => "Value (several: comma-separated)".into(),
            (Self::Meta(MetaOp::Equals), Ko) => "같음".into(),
            (Self::Meta(MetaOp::Equals), En) => "equals".into(),
            (Self::Meta(MetaOp::OneOf), Ko) => "다음 중 하나".into(),
            (Self::Meta(MetaOp::OneOf), En) => "is one of".into(),
            (Self::Meta(MetaOp::Contains), Ko) => "포함".into(),
            (Self::Meta(MetaOp::Contains), En) => "contains".into(),
            (Self::Touch(kind), locale) => touch_kind_name(*kind, locale).into(),
            (Self::Profile(ProfileKind::EmailDomainOneOf), Ko) => "이메일 도메인이 다음 중 하나".into(),
            (Self::Profile(ProfileKind::EmailDomainOneOf), En) => "E-mail domain is one of".into(),
            (Self::Profile(ProfileKind::EmailDomainEndsWith), Ko) => "이메일 도메인이 다음으로 끝남".into(),
            (Self::Profile(ProfileKind::EmailDomainEndsWith), En) => "E-mail domain ends with".into(),
            (Self::Profile(ProfileKind::TitleContains), Ko) => "직함에 다음 중 하나 포함".into(),
            (Self::Profile(ProfileKind::TitleContains), En) => "Title contains one of".into(),
            (Self::ProfileTest, Ko) => "조건".into(),
            (Self::ProfileTest, En) => "Test".into(),
            (Self::ProfileValues, Ko) => "값 (쉼표로 구분)".into(),
            (Self::ProfileValues, En) => "Values (comma-separated)".into(),
            (Self::ProfileRuleBadge, Ko) => "프로필".into(),
            (Self::ProfileRuleBadge, En) => "Profile".into(),
            (Self::Decay, Ko) => "점수 감쇠".into(),
            (Self::Decay, En) => "Decay".into(),
            (Self::DecayIntro, Ko) => "활동 점수는 반감기마다 절반이 됩니다. 비우면 감쇠하지 않습니다.".into(),
            (Self::DecayIntro, En) => {
                "Engagement points halve every half-life. Leave it blank for no decay.".into()
            }
            (Self::HalfLife, Ko) => "반감기 (일)".into(),
            (Self::HalfLife, En) => "Half-life (days)".into(),
            (Self::Stages, Ko) => "단계 기준".into(),
            (Self::Stages, En) => "Stage criteria".into(),
            (Self::StagesIntro, Ko) => "리드가 단계에 들어가려면 모든 기준을 충족해야 합니다.".into(),
            (Self::StagesIntro, En) => "A lead enters a stage when it meets every criterion.".into(),
            (Self::Stage(stage), locale) => stage_name(*stage, locale).into(),
            (Self::Automatic, Ko) => "기준을 충족하면 자동으로 이동".into(),
            (Self::Automatic, En) => "Move leads in automatically when they qualify".into(),
            (Self::CriterionKindName(kind), locale) => criterion_kind(*kind, locale).into(),
            (Self::AddStageCriterion, Ko) => "기준 추가".into(),
            (Self::AddStageCriterion, En) => "Add criterion".into(),
            (Self::AddAlternative, Ko) => "대안 추가".into(),
            (Self::AddAlternative, En) => "Add alternative".into(),
            (Self::NewCriterionKind, Ko) => "추가할 기준 종류".into(),
            (Self::NewCriterionKind, En) => "Kind of criterion to add".into(),
            (Self::RemoveCriterion, Ko) => "이 기준 삭제".into(),
            (Self::RemoveCriterion, En) => "Remove this criterion".into(),
            (Self::AnyOfIntro, Ko) => "다음 중 하나 이상을 충족:".into(),
            (Self::AnyOfIntro, En) => "At least one of:".into(),
            (Self::TotalAtLeast, Ko) => "총점 최소".into(),
            (Self::TotalAtLeast, En) => "Least total score".into(),
            (Self::FitAtLeast, Ko) => "적합도 점수 최소".into(),
            (Self::FitAtLeast, En) => "Least fit score".into(),
            (Self::EngagementAtLeast, Ko) => "참여 점수 최소".into(),
            (Self::EngagementAtLeast, En) => "Least engagement score".into(),
            (Self::TierAtLeast, Ko) => "최소 등급".into(),
            (Self::TierAtLeast, En) => "Tier or better".into(),
            (Self::FieldLabel, Ko) => "필드".into(),
            (Self::FieldLabel, En) => "Field".into(),
            (Self::Purpose, Ko) => "동의 항목".into(),
            (Self::Purpose, En) => "Consent".into(),
            (Self::PurposeName(ConsentPurpose::PersonalInfoCollection), Ko) => "개인정보 수집·이용".into(),
            (Self::PurposeName(ConsentPurpose::PersonalInfoCollection), En) => {
                "Personal information collection".into()
            }
            (Self::PurposeName(ConsentPurpose::MarketingMessages), Ko) => "마케팅 정보 수신".into(),
            (Self::PurposeName(ConsentPurpose::MarketingMessages), En) => "Marketing messages".into(),
            (Self::PurposeName(ConsentPurpose::ThirdPartySharing), Ko) => "제3자 제공".into(),
            (Self::PurposeName(ConsentPurpose::ThirdPartySharing), En) => "Third-party sharing".into(),
            (Self::EventKind, Ko) => "활동 종류".into(),
            (Self::EventKind, En) => "Activity".into(),
            (Self::MetadataKey, Ko) => "메타데이터 키 (선택)".into(),
            (Self::MetadataKey, En) => "Metadata key (optional)".into(),
            (Self::MetadataValue, Ko) => "메타데이터 값".into(),
            (Self::MetadataValue, En) => "Metadata value".into(),
            (Self::WithinDays, Ko) => "최근 며칠 이내 (비우면 기간 제한 없음)".into(),
            (Self::WithinDays, En) => "Within the last days (blank: any time)".into(),
            (Self::MinCount, Ko) => "최소 횟수".into(),
            (Self::MinCount, En) => "At least this many".into(),
            (Self::FrameworkLabel, Ko) => "프레임워크".into(),
            (Self::FrameworkLabel, En) => "Framework".into(),
            (Self::FrameworkName(Framework::Bant), _) => "BANT".into(),
            (Self::FrameworkName(Framework::Meddic), _) => "MEDDIC".into(),
            (Self::FrameworkName(Framework::Meddicc), _) => "MEDDICC".into(),
            (Self::MinPercent, Ko) => "최소 충족률 (%)".into(),
            (Self::MinPercent, En) => "Least completeness (%)".into(),
            (Self::Threshold(stage), Ko) => format!("{} 기준 총점", stage_name(*stage, locale)),
            (Self::Threshold(stage), En) => format!("{} threshold (total score)", stage_name(*stage, locale)),
            (Self::ThresholdHint, Ko) => "끌어서 바꾸면 예측이 바로 다시 계산됩니다.".into(),
            (Self::ThresholdHint, En) => "Drag it and the what-if recounts at once.".into(),
            (Self::WhatIfTitle, Ko) => "예측 (저장 전)".into(),
            (Self::WhatIfTitle, En) => "What-if (before saving)".into(),
            (Self::WhatIfIntro, Ko) => {
                "이 기기의 리드와 활동을 지난 12주 동안 편집한 규칙으로 다시 계산한 결과입니다."
                    .into()
            }
            (Self::WhatIfIntro, En) => {
                "The leads and touches on this device replayed over the last 12 weeks under the edited rules."
                    .into()
            }
            (Self::LoadingTouches, Ko) => "이 기기에서 활동 기록을 불러오는 중…".into(),
            (Self::LoadingTouches, En) => "Loading touches from this device…".into(),
            (Self::Building(n), Ko) => format!("리드 {n}건을 12주에 걸쳐 다시 계산하는 중…"),
            (Self::Building(n), En) => format!("Replaying {n} leads over 12 weeks…"),
            (Self::NoLeads, Ko) => "이 기기에 아직 리드가 없어 예측할 것이 없습니다.".into(),
            (Self::NoLeads, En) => "No leads on this device yet, so nothing to predict.".into(),
            (Self::Stale, Ko) => "다시 계산하는 중이라 아래 숫자는 직전 규칙 기준입니다.".into(),
            (Self::Stale, En) => "Recounting: the numbers below are for the previous rules.".into(),
            (Self::FixToUpdate, Ko) => "표시된 문제를 고치면 예측이 다시 계산됩니다.".into(),
            (Self::FixToUpdate, En) => "Fix the marked problem to update the what-if.".into(),
            (Self::Skipped(n), Ko) => format!("{n}건은 전체 기록이 없어 제외했습니다."),
            (Self::Skipped(n), En) => format!("{n} leads without their full record are left out."),
            (
                Self::HistogramLabel {
                    leads,
                    stage,
                    threshold,
                    over,
                },
                Ko,
            ) => match threshold {
                Some(t) => format!(
                    "현재 총점 분포: 리드 {leads}건, 그중 {over}건이 {} 기준 {t}점 이상",
                    stage_name(*stage, locale)
                ),
                None => format!("현재 총점 분포: 리드 {leads}건"),
            },
            (
                Self::HistogramLabel {
                    leads,
                    stage,
                    threshold,
                    over,
                },
                En,
            ) => match threshold {
                Some(t) => format!(
                    "Current total scores of {leads} leads; {over} at or over the {} threshold of {t}",
                    stage_name(*stage, locale)
                ),
                None => format!("Current total scores of {leads} leads"),
            },
            (Self::ThresholdLine(stage, t), _) => format!("{} ≥ {t}", stage_name(*stage, locale)),
            (Self::LeadsAxis, Ko) => "리드 수".into(),
            (Self::LeadsAxis, En) => "Leads".into(),
            (Self::ScoreAxis, Ko) => "총점".into(),
            (Self::ScoreAxis, En) => "Total score".into(),
            (Self::EntriesTitle, Ko) => "단계별 진입 리드 (주당)".into(),
            (Self::EntriesTitle, En) => "Leads entering each stage per week".into(),
            (Self::EntriesIntro(weeks), Ko) => {
                format!("지난 {weeks}주가 반복된다면 앞으로 주마다 들어올 리드 수입니다.")
            }
            (Self::EntriesIntro(weeks), En) => {
                format!("What the coming weeks would bring if they were like the last {weeks}.")
            }
            (Self::StageColumn, Ko) => "단계".into(),
            (Self::StageColumn, En) => "Stage".into(),
            (Self::MeetsNow, Ko) => "지금 충족".into(),
            (Self::MeetsNow, En) => "Meet it now".into(),
            (Self::LastWeek, Ko) => "지난주 진입".into(),
            (Self::LastWeek, En) => "Entered last week".into(),
            (Self::PerWeek, Ko) => "예상 주당".into(),
            (Self::PerWeek, En) => "Expected per week".into(),
            (Self::WeeklyDetail, Ko) => "주별 진입 수".into(),
            (Self::WeeklyDetail, En) => "Entries week by week".into(),
            (Self::WeekEnding, Ko) => "주 마감".into(),
            (Self::WeekEnding, En) => "Week ending".into(),
            (Self::RepLoadTitle(stage), Ko) => format!("다음 주 담당자 부하 ({} 인계)", stage_name(*stage, locale)),
            (Self::RepLoadTitle(stage), En) => format!("Rep load next week ({} handoff)", stage_name(*stage, locale)),
            (Self::RepLoadIntro(stage, n), Ko) => {
                format!("지난주처럼 {}에 {n}건이 들어오면:", stage_name(*stage, locale))
            }
            (Self::RepLoadIntro(stage, n), En) => {
                format!("If {n} leads enter {} as last week:", stage_name(*stage, locale))
            }
            (Self::NoReps(n), Ko) => format!("등록된 담당자가 없어 {n}건 모두 대기합니다."),
            (Self::NoReps(n), En) => format!("No reps are set up: all {n} would wait."),
            (Self::Waiting(capacity, no_rep), Ko) => {
                format!("대기: 용량 부족 {capacity}건, 담당 지역·세그먼트 없음 {no_rep}건")
            }
            (Self::Waiting(capacity, no_rep), En) => {
                format!("Waiting: {capacity} for lack of capacity, {no_rep} with no rep covering them")
            }
            (Self::RepOfCapacity(assigned, capacity), Ko) => format!("{assigned} / 주 {capacity}건"),
            (Self::RepOfCapacity(assigned, capacity), En) => format!("{assigned} of {capacity} a week"),
            (Self::Rep, Ko) => "담당자".into(),
            (Self::Rep, En) => "Rep".into(),
            (
                Self::Summary {
                    stage,
                    threshold,
                    meets_now,
                    last_week,
                    assigned,
                    capacity,
                },
                Ko,
            ) => {
                let stage = stage_name(*stage, locale);
                let bar = threshold.map(|t| format!(" ({t}점 이상)")).unwrap_or_default();
                format!(
                    "{stage}{bar}: 지금 {meets_now}건 충족, 지난주 {last_week}건 진입. 다음 주 담당자 배정 {assigned}건 / 용량 {capacity}건."
                )
            }
            (
                Self::Summary {
                    stage,
                    threshold,
                    meets_now,
                    last_week,
                    assigned,
                    capacity,
                },
                En,
            ) => {
                let stage = stage_name(*stage, locale);
                let bar = threshold.map(|t| format!(" at {t}+")).unwrap_or_default();
                format!(
                    "{stage}{bar}: {meets_now} meet it now, {last_week} entered last week. Reps next week: {assigned} assigned of {capacity} capacity."
                )
            }
        }
    }
}

fn period_name(period: Period, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (period, locale) {
        (Period::Day, Ko) => "하루",
        (Period::Day, En) => "Day",
        (Period::Week, Ko) => "한 주",
        (Period::Week, En) => "Week",
        (Period::Month, Ko) => "한 달",
        (Period::Month, En) => "Month",
        (Period::AllTime, Ko) => "전체 기간",
        (Period::AllTime, En) => "All time",
    }
}
