//! The fair capture view's texts in both languages, the consent texts included.

use crate::i18n::{Locale, Translate};

/// Every text of the fair capture view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureText {
    Title,
    Intro,
    Event,
    EventHint,
    Name,
    Email,
    Phone,
    Company,
    JobTitle,
    Note,
    /// The heading of the collection consent.
    CollectionConsentTitle,
    /// What is collected, why, for how long, and the right to refuse (PIPA art. 15).
    CollectionConsentText,
    CollectionConsentCheck,
    MarketingConsentTitle,
    MarketingConsentText,
    MarketingConsentCheck,
    Save,
    Saving,
    /// The last visitor is stored on this device; the outbox will send it.
    SavedLocally,
    /// The last visitor reached the server.
    SavedAndSynced,
    /// Leads captured in this tab.
    SessionCount(usize),
    FixFields,
    /// The change could not be written to this device.
    SaveFailed,
    /// No Web Crypto for the new lead's id.
    NoCrypto,
}

impl Translate for CaptureText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (*self, locale) {
            (Self::SessionCount(n), Ko) => return format!("이번 세션에서 수집한 리드 {n}건"),
            (Self::SessionCount(n), En) => {
                return format!("{n} lead{} captured this session", if n == 1 { "" } else { "s" });
            }
            (Self::Title, Ko) => "현장 리드 수집",
            (Self::Title, En) => "Capture a lead",
            (Self::Intro, Ko) => {
                "전시회·박람회 방문객을 바로 입력하세요. 인터넷이 없어도 이 기기에 저장되고, 연결되면 자동으로 동기화됩니다."
            }
            (Self::Intro, En) => {
                "Type in a fair or exhibition visitor. It is saved on this device with no network and syncs when you are back online."
            }
            (Self::Event, Ko) => "행사·부스",
            (Self::Event, En) => "Event or booth",
            (Self::EventHint, Ko) => "다음 방문객에게도 그대로 유지됩니다 (예: KES 2026 부스)",
            (Self::EventHint, En) => "Kept for the next visitor (e.g. KES 2026 booth)",
            (Self::Name, Ko) => "이름",
            (Self::Name, En) => "Name",
            (Self::Email, Ko) => "이메일",
            (Self::Email, En) => "E-mail",
            (Self::Phone, Ko) => "전화번호",
            (Self::Phone, En) => "Phone",
            (Self::Company, Ko) => "회사",
            (Self::Company, En) => "Company",
            (Self::JobTitle, Ko) => "직함",
            (Self::JobTitle, En) => "Job title",
            (Self::Note, Ko) => "메모",
            (Self::Note, En) => "Note",
            (Self::CollectionConsentTitle, Ko) => "[필수] 개인정보 수집·이용 동의",
            (Self::CollectionConsentTitle, En) => "[Required] Consent to collect and use personal data",
            (Self::CollectionConsentText, Ko) => {
                "수집 항목: 이름, 이메일, 전화번호, 회사, 직함. 목적: 제품 문의 응대와 상담. 보유 기간: 상담 종료 후 1년 또는 동의 철회 시까지. 동의를 거부할 수 있으며, 거부하시면 상담 연락을 드릴 수 없습니다."
            }
            (Self::CollectionConsentText, En) => {
                "Collected: name, e-mail, phone, company, job title. Purpose: answering your enquiry and follow-up. Kept: one year after the enquiry closes, or until you withdraw consent. You may refuse; we then cannot contact you about your enquiry."
            }
            (Self::CollectionConsentCheck, Ko) => "위 내용을 안내받고 개인정보 수집·이용에 동의합니다",
            (Self::CollectionConsentCheck, En) => {
                "The visitor was told the above and agrees to the collection and use of their data"
            }
            (Self::MarketingConsentTitle, Ko) => "[선택] 마케팅 정보 수신 동의",
            (Self::MarketingConsentTitle, En) => "[Optional] Consent to marketing messages",
            (Self::MarketingConsentText, Ko) => {
                "신제품·행사 소식을 이메일·문자로 받습니다. 동의하지 않아도 상담은 받을 수 있으며, 언제든 수신을 거부할 수 있습니다."
            }
            (Self::MarketingConsentText, En) => {
                "News of products and events by e-mail and text message. Not needed for the enquiry; it can be withdrawn at any time."
            }
            (Self::MarketingConsentCheck, Ko) => "마케팅 정보 수신에 동의합니다",
            (Self::MarketingConsentCheck, En) => "The visitor agrees to receive marketing messages",
            (Self::Save, Ko) => "저장하고 다음 방문객",
            (Self::Save, En) => "Save and next visitor",
            (Self::Saving, Ko) => "저장 중…",
            (Self::Saving, En) => "Saving…",
            (Self::SavedLocally, Ko) => "이 기기에 저장됨 · 연결되면 동기화됩니다",
            (Self::SavedLocally, En) => "Saved on this device · will sync",
            (Self::SavedAndSynced, Ko) => "저장 및 동기화 완료",
            (Self::SavedAndSynced, En) => "Saved and synced",
            (Self::FixFields, Ko) => "표시된 항목을 고친 뒤 다시 저장하세요.",
            (Self::FixFields, En) => "Fix the marked fields, then save again.",
            (Self::SaveFailed, Ko) => "이 기기에 저장하지 못했습니다",
            (Self::SaveFailed, En) => "Could not save on this device",
            (Self::NoCrypto, Ko) => "이 브라우저에서는 새 리드를 만들 수 없습니다 (Web Crypto 없음)",
            (Self::NoCrypto, En) => "This browser cannot create leads (no Web Crypto)",
        }
        .to_owned()
    }
}
