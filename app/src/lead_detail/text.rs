//! The lead detail view's texts in both languages.

use leadkit_shared::model::{ConsentPurpose, TouchKind};

use crate::i18n::{Locale, Translate};

/// Every text of the lead detail view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
