//! The lead detail view's texts in both languages.

use leadkit_shared::handoff::CadenceState;
use leadkit_shared::identity::DuplicateReason;
use leadkit_shared::model::{BuyingRole, ConsentPurpose, QualificationItem, TouchKind};

use crate::i18n::{Locale, Translate};

/// Every text of the lead detail view.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DetailText {
    Back,
    NotFound,
    Profile,
    Email,
    Phone,
    Company,
    Title,
    Source,
    Owner,
    Scores,
    Fit,
    Engagement,
    Total,
    Tier,
    Persona,
    Consents,
    Granted,
    Refused,
    NoConsents,
    Timeline,
    NoTimeline,
    Created,
    ByRule,
    BySales,
    ByPerson,
    Touch(TouchKind),
    Purpose(ConsentPurpose),
    Name,
    // Score explanation.
    ScoreWhy,
    ScoreNow,
    EngagementRules,
    ProfileRules,
    NoRules,
    TouchesCounted(usize),
    Points(i64),
    DecayTitle,
    HalfLife(Option<f64>),
    BeforeAfterDecay(i64, i64),
    CappedTouches(usize),
    FitOf(u8),
    NoPersonas,
    ConfigFailed,
    // ICP criteria.
    IcpCriteria,
    BestPersona,
    Matched,
    Missed,
    // Qualification checklist.
    Checklist,
    Bant,
    Meddic,
    Item(QualificationItem),
    Unknown,
    Met,
    NotMet,
    NeedsEvidence,
    Evidence,
    Save,
    ChecklistPercent(u8),
    // Buying committee.
    Committee,
    Role(Option<BuyingRole>),
    ChampionBadge,
    /// The label of a colleague's buying-role control.
    BuyingRole,
    ThisLead,
    NoCompany,
    // Cadence.
    CadenceTitle,
    TouchesByKind,
    LastTouch,
    NextDue,
    Overdue,
    Cadence(Option<CadenceState>),
    Attempts(u32, usize),
    NoTouches,
    // Duplicates.
    Duplicates,
    NoDuplicates,
    Reason(DuplicateReason),
    Preview,
    MergeHere,
    MergedHere,
    MergedInto,
    OpenSurvivor,
    Undo,
    // Logging a touch.
    LogTouch,
    Kind,
    Outcome,
    OutcomeName(Outcome),
    Note,
    When,
    Log,
    Logged,
    BadWhen,
    NotOnDevice,
    PendingSync(usize),
    NotApplied,
}

/// What came of a call, e-mail or meeting a rep logs (stored as the touch's `outcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Reached,
    NoAnswer,
    LeftMessage,
    Scheduled,
    NotInterested,
}

impl Outcome {
    /// Every outcome, in the order the form lists them.
    pub const ALL: [Outcome; 5] = [
        Outcome::Reached,
        Outcome::NoAnswer,
        Outcome::LeftMessage,
        Outcome::Scheduled,
        Outcome::NotInterested,
    ];

    /// The stable name stored in the touch's metadata.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reached => "reached",
            Self::NoAnswer => "no_answer",
            Self::LeftMessage => "left_message",
            Self::Scheduled => "scheduled",
            Self::NotInterested => "not_interested",
        }
    }

    /// The outcome stored as `name`.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == name)
    }
}

impl Translate for DetailText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        let text = match (*self, locale) {
            (Self::Back, Ko) => "← 리드 목록",
            (Self::Back, En) => "← All leads",
            (Self::NotFound, Ko) => "이 리드는 이 기기에 없습니다. 동기화 후 다시 열어 보세요.",
            (Self::NotFound, En) => "This lead is not on this device. Open it again after syncing.",
            (Self::Profile, Ko) => "프로필",
            (Self::Profile, En) => "Profile",
            (Self::Email, Ko) => "이메일",
            (Self::Email, En) => "E-mail",
            (Self::Phone, Ko) => "전화",
            (Self::Phone, En) => "Phone",
            (Self::Company, Ko) => "회사",
            (Self::Company, En) => "Company",
            (Self::Title, Ko) => "직함",
            (Self::Title, En) => "Title",
            (Self::Source, Ko) => "유입 경로",
            (Self::Source, En) => "Source",
            (Self::Owner, Ko) => "담당자",
            (Self::Owner, En) => "Owner",
            (Self::Scores, Ko) => "점수",
            (Self::Scores, En) => "Scores",
            (Self::Fit, Ko) => "적합도(ICP)",
            (Self::Fit, En) => "Fit (ICP)",
            (Self::Engagement, Ko) => "참여도",
            (Self::Engagement, En) => "Engagement",
            (Self::Total, Ko) => "합계",
            (Self::Total, En) => "Total",
            (Self::Tier, Ko) => "등급",
            (Self::Tier, En) => "Tier",
            (Self::Persona, Ko) => "페르소나",
            (Self::Persona, En) => "Persona",
            (Self::Consents, Ko) => "동의 기록",
            (Self::Consents, En) => "Consent records",
            (Self::Granted, Ko) => "동의",
            (Self::Granted, En) => "Granted",
            (Self::Refused, Ko) => "미동의",
            (Self::Refused, En) => "Refused",
            (Self::NoConsents, Ko) => "동의 기록이 없습니다.",
            (Self::NoConsents, En) => "No consent recorded.",
            (Self::Timeline, Ko) => "타임라인",
            (Self::Timeline, En) => "Timeline",
            (Self::NoTimeline, Ko) => "아직 활동이 없습니다.",
            (Self::NoTimeline, En) => "No activity yet.",
            (Self::Created, Ko) => "생성",
            (Self::Created, En) => "created",
            (Self::ByRule, Ko) => "규칙",
            (Self::ByRule, En) => "by rule",
            (Self::BySales, Ko) => "영업 응답",
            (Self::BySales, En) => "by sales",
            (Self::ByPerson, Ko) => "직접 변경",
            (Self::ByPerson, En) => "by hand",
            (Self::Touch(kind), locale) => return touch_name(kind, locale).into(),
            (Self::Name, Ko) => "이름",
            (Self::Name, En) => "Name",
            (Self::ScoreWhy, Ko) => "점수 설명",
            (Self::ScoreWhy, En) => "Why this score",
            (Self::ScoreNow, Ko) => "지금 기준으로 다시 계산",
            (Self::ScoreNow, En) => "Recomputed as of now",
            (Self::EngagementRules, Ko) => "참여 규칙",
            (Self::EngagementRules, En) => "Engagement rules",
            (Self::ProfileRules, Ko) => "프로필 규칙 (감점 포함)",
            (Self::ProfileRules, En) => "Profile rules (incl. negative)",
            (Self::NoRules, Ko) => "해당하는 규칙이 없습니다.",
            (Self::NoRules, En) => "No rule applies.",
            (Self::TouchesCounted(n), Ko) => return format!("활동 {n}건"),
            (Self::TouchesCounted(n), En) => {
                return format!("{n} touch{}", if n == 1 { "" } else { "es" });
            }
            (Self::Points(p), _) => return format!("{p:+}"),
            (Self::DecayTitle, Ko) => "감쇠·상한",
            (Self::DecayTitle, En) => "Decay and caps",
            (Self::HalfLife(Some(days)), Ko) => return format!("반감기 {days}일"),
            (Self::HalfLife(Some(days)), En) => return format!("Half-life {days} days"),
            (Self::HalfLife(None), Ko) => "감쇠 없음",
            (Self::HalfLife(None), En) => "No decay",
            (Self::BeforeAfterDecay(before, after), Ko) => {
                return format!("감쇠 전 {before}점 → 감쇠 후 {after}점");
            }
            (Self::BeforeAfterDecay(before, after), En) => {
                return format!("{before} points before decay → {after} after");
            }
            (Self::CappedTouches(n), Ko) => return format!("빈도·상한에 걸린 활동 {n}건"),
            (Self::CappedTouches(n), En) => return format!("{n} touches hit a limit or cap"),
            (Self::FitOf(percent), Ko) => return format!("적합도 {percent}%"),
            (Self::FitOf(percent), En) => return format!("{percent}% fit"),
            (Self::NoPersonas, Ko) => "정의된 ICP 페르소나가 없습니다. ICP 화면에서 추가하세요.",
            (Self::NoPersonas, En) => "No ICP persona is defined yet. Add one in the ICP view.",
            (Self::ConfigFailed, Ko) => "엔진 설정을 사용할 수 없어 점수를 설명할 수 없습니다.",
            (Self::ConfigFailed, En) => {
                "The engine settings cannot be used, so the score cannot be explained."
            }
            (Self::IcpCriteria, Ko) => "ICP 기준",
            (Self::IcpCriteria, En) => "ICP criteria",
            (Self::BestPersona, Ko) => "가장 잘 맞음",
            (Self::BestPersona, En) => "best match",
            (Self::Matched, Ko) => "충족",
            (Self::Matched, En) => "met",
            (Self::Missed, Ko) => "미충족",
            (Self::Missed, En) => "missed",
            (Self::Checklist, Ko) => "자격 검증 (BANT/MEDDIC)",
            (Self::Checklist, En) => "Qualification (BANT/MEDDIC)",
            (Self::Bant, _) => "BANT",
            (Self::Meddic, _) => "MEDDICC",
            (Self::Item(item), locale) => return item_name(item, locale).into(),
            (Self::Unknown, Ko) => "모름",
            (Self::Unknown, En) => "Unknown",
            (Self::Met, Ko) => "충족",
            (Self::Met, En) => "Met",
            (Self::NotMet, Ko) => "미충족",
            (Self::NotMet, En) => "Not met",
            (Self::NeedsEvidence, Ko) => "근거를 적어야 충족으로 인정됩니다.",
            (Self::NeedsEvidence, En) => "Counts as met only with evidence.",
            (Self::Evidence, Ko) => "근거",
            (Self::Evidence, En) => "Evidence",
            (Self::Save, Ko) => "저장",
            (Self::Save, En) => "Save",
            (Self::ChecklistPercent(p), Ko) => return format!("{p}% 충족"),
            (Self::ChecklistPercent(p), En) => return format!("{p}% met"),
            (Self::Committee, Ko) => "계정·구매 위원회",
            (Self::Committee, En) => "Account and buying committee",
            (Self::Role(Some(BuyingRole::DecisionMaker)), Ko) => "의사결정자",
            (Self::Role(Some(BuyingRole::DecisionMaker)), En) => "Decision maker",
            (Self::Role(Some(BuyingRole::Influencer)), Ko) => "영향력자",
            (Self::Role(Some(BuyingRole::Influencer)), En) => "Influencer",
            (Self::Role(Some(BuyingRole::User)), Ko) => "사용자",
            (Self::Role(Some(BuyingRole::User)), En) => "User",
            (Self::Role(Some(BuyingRole::Blocker)), Ko) => "반대자",
            (Self::Role(Some(BuyingRole::Blocker)), En) => "Blocker",
            (Self::Role(None), Ko) => "역할 미정",
            (Self::Role(None), En) => "Role unknown",
            (Self::ChampionBadge, Ko) => "챔피언",
            (Self::ChampionBadge, En) => "Champion",
            (Self::BuyingRole, Ko) => "구매 역할",
            (Self::BuyingRole, En) => "Buying role",
            (Self::ThisLead, Ko) => "(이 리드)",
            (Self::ThisLead, En) => "(this lead)",
            (Self::NoCompany, Ko) => {
                "회사를 알 수 없어 동료를 찾을 수 없습니다 (개인 이메일, 회사명 없음)."
            }
            (Self::NoCompany, En) => {
                "The company is unknown (personal e-mail, no company name), so no colleagues can be found."
            }
            (Self::CadenceTitle, Ko) => "후속 연락",
            (Self::CadenceTitle, En) => "Follow-up cadence",
            (Self::TouchesByKind, Ko) => "지금까지의 활동",
            (Self::TouchesByKind, En) => "Touches so far",
            (Self::LastTouch, Ko) => "마지막 활동",
            (Self::LastTouch, En) => "Last touch",
            (Self::NextDue, Ko) => "다음 연락 기한",
            (Self::NextDue, En) => "Next due",
            (Self::Overdue, Ko) => "기한 지남",
            (Self::Overdue, En) => "overdue",
            (Self::Cadence(Some(CadenceState::Active)), Ko) => "진행 중",
            (Self::Cadence(Some(CadenceState::Active)), En) => "Active",
            (Self::Cadence(Some(CadenceState::Engaged)), Ko) => "응답함 — 케이던스 완료",
            (Self::Cadence(Some(CadenceState::Engaged)), En) => "Engaged — cadence done",
            (Self::Cadence(Some(CadenceState::Exhausted)), Ko) => {
                "모든 시도 완료 — 육성 또는 재활용"
            }
            (Self::Cadence(Some(CadenceState::Exhausted)), En) => {
                "All attempts made — nurture or recycle"
            }
            (Self::Cadence(None), Ko) => "이 단계에서는 후속 연락을 하지 않습니다.",
            (Self::Cadence(None), En) => "Leads in this stage are not followed up.",
            (Self::Attempts(made, of), Ko) => return format!("시도 {made} / {of}"),
            (Self::Attempts(made, of), En) => return format!("Attempt {made} of {of}"),
            (Self::NoTouches, Ko) => "아직 활동이 없습니다.",
            (Self::NoTouches, En) => "No touches yet.",
            (Self::Duplicates, Ko) => "중복 후보",
            (Self::Duplicates, En) => "Possible duplicates",
            (Self::NoDuplicates, Ko) => "같은 이메일·전화·이름과 회사를 가진 다른 리드가 없습니다.",
            (Self::NoDuplicates, En) => {
                "No other lead shares this e-mail, phone, or name and company."
            }
            (Self::Reason(DuplicateReason::SameEmail), Ko) => "같은 이메일",
            (Self::Reason(DuplicateReason::SameEmail), En) => "same e-mail",
            (Self::Reason(DuplicateReason::SamePhone), Ko) => "같은 전화",
            (Self::Reason(DuplicateReason::SamePhone), En) => "same phone",
            (Self::Reason(DuplicateReason::SameNameAndCompany { .. }), Ko) => "같은 이름·회사",
            (Self::Reason(DuplicateReason::SameNameAndCompany { .. }), En) => {
                "same name and company"
            }
            (Self::Preview, Ko) => "병합 후 남는 값",
            (Self::Preview, En) => "What survives the merge",
            (Self::MergeHere, Ko) => "이 리드로 병합",
            (Self::MergeHere, En) => "Merge into this lead",
            (Self::MergedHere, Ko) => "이 리드로 병합된 기록",
            (Self::MergedHere, En) => "Records merged into this lead",
            (Self::MergedInto, Ko) => "이 기록은 다른 리드로 병합되었습니다.",
            (Self::MergedInto, En) => "This record was merged into another lead.",
            (Self::OpenSurvivor, Ko) => "병합된 리드 열기",
            (Self::OpenSurvivor, En) => "Open the surviving lead",
            (Self::Undo, Ko) => "병합 취소",
            (Self::Undo, En) => "Undo merge",
            (Self::LogTouch, Ko) => "통화·이메일·미팅 기록",
            (Self::LogTouch, En) => "Log a call, e-mail or meeting",
            (Self::Kind, Ko) => "종류",
            (Self::Kind, En) => "Kind",
            (Self::Outcome, Ko) => "결과",
            (Self::Outcome, En) => "Outcome",
            (Self::OutcomeName(Outcome::Reached), Ko) => "통화됨",
            (Self::OutcomeName(Outcome::Reached), En) => "Reached",
            (Self::OutcomeName(Outcome::NoAnswer), Ko) => "부재중",
            (Self::OutcomeName(Outcome::NoAnswer), En) => "No answer",
            (Self::OutcomeName(Outcome::LeftMessage), Ko) => "메시지 남김",
            (Self::OutcomeName(Outcome::LeftMessage), En) => "Left a message",
            (Self::OutcomeName(Outcome::Scheduled), Ko) => "다음 일정 잡음",
            (Self::OutcomeName(Outcome::Scheduled), En) => "Next step scheduled",
            (Self::OutcomeName(Outcome::NotInterested), Ko) => "관심 없음",
            (Self::OutcomeName(Outcome::NotInterested), En) => "Not interested",
            (Self::Note, Ko) => "메모",
            (Self::Note, En) => "Note",
            (Self::When, Ko) => "일시",
            (Self::When, En) => "When",
            (Self::Log, Ko) => "기록",
            (Self::Log, En) => "Log it",
            (Self::Logged, Ko) => "기록했습니다.",
            (Self::Logged, En) => "Logged.",
            (Self::BadWhen, Ko) => "일시를 알 수 없습니다. 날짜와 시각을 고르세요.",
            (Self::BadWhen, En) => "Pick a date and time.",
            (Self::NotOnDevice, Ko) => {
                "이 리드가 아직 이 기기에 없어 기록할 수 없습니다. 동기화 후 다시 시도하세요."
            }
            (Self::NotOnDevice, En) => {
                "This lead is not on this device yet; try again after syncing."
            }
            (Self::PendingSync(n), Ko) => return format!("동기화 대기 {n}건"),
            (Self::PendingSync(n), En) => return format!("{n} waiting to sync"),
            (Self::NotApplied, Ko) => "적용할 수 없습니다",
            (Self::NotApplied, En) => "Could not apply",
            (Self::Purpose(ConsentPurpose::PersonalInfoCollection), Ko) => "개인정보 수집·이용",
            (Self::Purpose(ConsentPurpose::PersonalInfoCollection), En) => {
                "Personal information collection and use"
            }
            (Self::Purpose(ConsentPurpose::MarketingMessages), Ko) => "마케팅 정보 수신",
            (Self::Purpose(ConsentPurpose::MarketingMessages), En) => "Marketing messages",
            (Self::Purpose(ConsentPurpose::ThirdPartySharing), Ko) => "제3자 제공",
            (Self::Purpose(ConsentPurpose::ThirdPartySharing), En) => "Sharing with third parties",
        };
        text.to_owned()
    }
}

/// A checklist item's name.
pub fn item_name(item: QualificationItem, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (item, locale) {
        (QualificationItem::Budget, Ko) => "예산 (Budget)",
        (QualificationItem::Budget, En) => "Budget",
        (QualificationItem::Authority, Ko) => "결정 권한 (Authority)",
        (QualificationItem::Authority, En) => "Authority",
        (QualificationItem::Need, Ko) => "필요 (Need)",
        (QualificationItem::Need, En) => "Need",
        (QualificationItem::Timing, Ko) => "도입 시기 (Timing)",
        (QualificationItem::Timing, En) => "Timing",
        (QualificationItem::Metrics, Ko) => "성과 지표 (Metrics)",
        (QualificationItem::Metrics, En) => "Metrics",
        (QualificationItem::EconomicBuyer, Ko) => "예산 결재자 (Economic buyer)",
        (QualificationItem::EconomicBuyer, En) => "Economic buyer",
        (QualificationItem::DecisionCriteria, Ko) => "결정 기준 (Decision criteria)",
        (QualificationItem::DecisionCriteria, En) => "Decision criteria",
        (QualificationItem::DecisionProcess, Ko) => "결정 절차 (Decision process)",
        (QualificationItem::DecisionProcess, En) => "Decision process",
        (QualificationItem::IdentifyPain, Ko) => "문제 파악 (Identify pain)",
        (QualificationItem::IdentifyPain, En) => "Identify pain",
        (QualificationItem::Champion, Ko) => "챔피언 (Champion)",
        (QualificationItem::Champion, En) => "Champion",
        (QualificationItem::Competition, Ko) => "경쟁 (Competition)",
        (QualificationItem::Competition, En) => "Competition",
    }
}

/// What a touch was, in words.
pub fn touch_name(kind: TouchKind, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (kind, locale) {
        (TouchKind::FormSubmit, Ko) => "폼 제출",
        (TouchKind::FormSubmit, En) => "Form submitted",
        (TouchKind::PageView, Ko) => "페이지 방문",
        (TouchKind::PageView, En) => "Page view",
        (TouchKind::ContentDownload, Ko) => "자료 다운로드",
        (TouchKind::ContentDownload, En) => "Content download",
        (TouchKind::EmailOpen, Ko) => "이메일 열람",
        (TouchKind::EmailOpen, En) => "E-mail opened",
        (TouchKind::EmailClick, Ko) => "이메일 클릭",
        (TouchKind::EmailClick, En) => "E-mail clicked",
        (TouchKind::EmailReply, Ko) => "이메일 회신",
        (TouchKind::EmailReply, En) => "E-mail replied",
        (TouchKind::Unsubscribe, Ko) => "수신 거부",
        (TouchKind::Unsubscribe, En) => "Unsubscribed",
        (TouchKind::WebinarAttended, Ko) => "웨비나 참석",
        (TouchKind::WebinarAttended, En) => "Webinar attended",
        (TouchKind::EventAttended, Ko) => "전시회·행사 참석",
        (TouchKind::EventAttended, En) => "Event attended",
        (TouchKind::Call, Ko) => "통화",
        (TouchKind::Call, En) => "Call",
        (TouchKind::Meeting, Ko) => "미팅",
        (TouchKind::Meeting, En) => "Meeting",
        (TouchKind::DemoRequest, Ko) => "데모 요청",
        (TouchKind::DemoRequest, En) => "Demo requested",
        (TouchKind::ProductSignup, Ko) => "제품 가입",
        (TouchKind::ProductSignup, En) => "Product sign-up",
        (TouchKind::ProductUsage, Ko) => "제품 사용",
        (TouchKind::ProductUsage, En) => "Product usage",
        (TouchKind::EmailSent, Ko) => "이메일 발송",
        (TouchKind::EmailSent, En) => "E-mail sent",
    }
}
