//! The forms view's texts in both languages, and each form-definition problem in words.

use leadkit_shared::forms::FormDefinitionError;
use leadkit_shared::model::ConsentPurpose;

use crate::i18n::{Locale, Translate};

/// Every text of the forms view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormsText {
    Title,
    NoForms,
    FieldCount(usize),
    NewFormId,
    NewFormIdHint,
    CreateForm,
    Back,
    NewForm,
    NotFound,
    FormName,
    Fields,
    FieldName,
    FieldType,
    Kind(&'static str),
    Required,
    LabelKo,
    LabelEn,
    MapsTo,
    Target(&'static str),
    CustomKey,
    Options,
    OptionsHint,
    MoveUp,
    MoveDown,
    Remove,
    AddField,
    Consents,
    Purpose(ConsentPurpose),
    IncludeConsent,
    TextKo,
    TextEn,
    TextVersion,
    CtaTitle,
    CtaKo,
    CtaEn,
    ThankYou,
    ShowMessage,
    GoToPage,
    ThankYouUrl,
    MessageKo,
    MessageEn,
    AllowedOrigins,
    AllowedOriginsHint,
    Progressive,
    ProgressiveOn,
    FieldBudget,
    Queue,
    QueueHint,
    Preview,
    PreviewLanguage,
    FirstVisit,
    ReturningVisit,
    AfterSending,
    RedirectsTo,
    Embed,
    EmbedHint,
    Save,
    Saved,
    Unsaved,
    NotSavedYet,
    ServerSaid,
    NeedsFixing,
}

impl Translate for FormsText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        let text = match (*self, locale) {
            (Self::Title, Ko) => "폼",
            (Self::Title, En) => "Forms",
            (Self::NoForms, Ko) => "아직 폼이 없습니다. 아래에서 첫 폼을 만드세요.",
            (Self::NoForms, En) => "No forms yet. Create the first one below.",
            (Self::FieldCount(n), Ko) => return format!("항목 {n}개"),
            (Self::FieldCount(1), En) => "1 field",
            (Self::FieldCount(n), En) => return format!("{n} fields"),
            (Self::NewFormId, Ko) => "새 폼 ID",
            (Self::NewFormId, En) => "New form id",
            (Self::NewFormIdHint, Ko) => "영문 소문자, 숫자, -, _ (예: webinar-2026)",
            (Self::NewFormIdHint, En) => "Lower-case letters, digits, - and _ (e.g. webinar-2026)",
            (Self::CreateForm, Ko) => "새 폼 만들기",
            (Self::CreateForm, En) => "Create form",
            (Self::Back, Ko) => "← 폼 목록",
            (Self::Back, En) => "← All forms",
            (Self::NewForm, Ko) => {
                "새 폼입니다. 기본 상담 신청 폼에서 시작합니다. 저장하면 만들어집니다."
            }
            (Self::NewForm, En) => {
                "A new form, starting from the default contact form. Saving creates it."
            }
            (Self::NotFound, Ko) => "이 폼을 불러오지 못했습니다.",
            (Self::NotFound, En) => "This form could not be loaded.",
            (Self::FormName, Ko) => "폼 이름 (팀 내부용)",
            (Self::FormName, En) => "Form name (for the team)",
            (Self::Fields, Ko) => "입력 항목",
            (Self::Fields, En) => "Fields",
            (Self::FieldName, Ko) => "전송 이름",
            (Self::FieldName, En) => "Posted as",
            (Self::FieldType, Ko) => "형식",
            (Self::FieldType, En) => "Type",
            (Self::Kind("email"), Ko) => "이메일",
            (Self::Kind("email"), En) => "E-mail",
            (Self::Kind("text"), Ko) => "한 줄 글",
            (Self::Kind("text"), En) => "Text",
            (Self::Kind("phone"), Ko) => "전화번호",
            (Self::Kind("phone"), En) => "Phone",
            (Self::Kind("number"), Ko) => "숫자",
            (Self::Kind("number"), En) => "Number",
            (Self::Kind("select"), Ko) => "선택 목록",
            (Self::Kind("select"), En) => "Choice list",
            (Self::Kind("checkbox"), Ko) => "체크박스",
            (Self::Kind("checkbox"), En) => "Checkbox",
            (Self::Kind("textarea"), Ko) => "여러 줄 글",
            (Self::Kind("textarea"), En) => "Long text",
            (Self::Kind(_), Ko) => "숨김 (페이지가 채움)",
            (Self::Kind(_), En) => "Hidden (filled by the page)",
            (Self::Required, Ko) => "필수",
            (Self::Required, En) => "Required",
            (Self::LabelKo, Ko) => "라벨 (한국어)",
            (Self::LabelKo, En) => "Label (Korean)",
            (Self::LabelEn, Ko) => "라벨 (영어)",
            (Self::LabelEn, En) => "Label (English)",
            (Self::MapsTo, Ko) => "저장 위치",
            (Self::MapsTo, En) => "Stored as",
            (Self::Target(key), locale) => return target_name(key, locale).to_owned(),
            (Self::CustomKey, Ko) => "사용자 정의 키",
            (Self::CustomKey, En) => "Custom key",
            (Self::Options, Ko) => "선택지",
            (Self::Options, En) => "Choices",
            (Self::OptionsHint, Ko) => "한 줄에 하나: 값 | 한국어 | English",
            (Self::OptionsHint, En) => "One per line: value | 한국어 | English",
            (Self::MoveUp, Ko) => "위로",
            (Self::MoveUp, En) => "Move up",
            (Self::MoveDown, Ko) => "아래로",
            (Self::MoveDown, En) => "Move down",
            (Self::Remove, Ko) => "삭제",
            (Self::Remove, En) => "Remove",
            (Self::AddField, Ko) => "항목 추가",
            (Self::AddField, En) => "Add field",
            (Self::Consents, Ko) => "동의 항목",
            (Self::Consents, En) => "Consent items",
            (Self::Purpose(ConsentPurpose::PersonalInfoCollection), Ko) => {
                "개인정보 수집·이용 (필수)"
            }
            (Self::Purpose(ConsentPurpose::PersonalInfoCollection), En) => {
                "Personal information collection (required)"
            }
            (Self::Purpose(ConsentPurpose::MarketingMessages), Ko) => "마케팅 정보 수신 (선택)",
            (Self::Purpose(ConsentPurpose::MarketingMessages), En) => {
                "Marketing messages (optional)"
            }
            (Self::Purpose(ConsentPurpose::ThirdPartySharing), Ko) => "제3자 제공 (선택)",
            (Self::Purpose(ConsentPurpose::ThirdPartySharing), En) => {
                "Sharing with third parties (optional)"
            }
            (Self::IncludeConsent, Ko) => "폼에 넣기",
            (Self::IncludeConsent, En) => "Ask on this form",
            (Self::TextKo, Ko) => "문구 (한국어)",
            (Self::TextKo, En) => "Text (Korean)",
            (Self::TextEn, Ko) => "문구 (영어)",
            (Self::TextEn, En) => "Text (English)",
            (Self::TextVersion, Ko) => "문구 버전 (문구를 바꾸면 올리세요)",
            (Self::TextVersion, En) => "Text version (raise it when the text changes)",
            (Self::CtaTitle, Ko) => "버튼 문구 (CTA)",
            (Self::CtaTitle, En) => "Button text (CTA)",
            (Self::CtaKo, Ko) => "버튼 (한국어)",
            (Self::CtaKo, En) => "Button (Korean)",
            (Self::CtaEn, Ko) => "버튼 (영어)",
            (Self::CtaEn, En) => "Button (English)",
            (Self::ThankYou, Ko) => "제출 후",
            (Self::ThankYou, En) => "After sending",
            (Self::ShowMessage, Ko) => "감사 메시지 보여 주기",
            (Self::ShowMessage, En) => "Show a thank-you message",
            (Self::GoToPage, Ko) => "다른 페이지로 이동",
            (Self::GoToPage, En) => "Go to a page",
            (Self::ThankYouUrl, Ko) => "이동할 URL",
            (Self::ThankYouUrl, En) => "Page URL",
            (Self::MessageKo, Ko) => "메시지 (한국어)",
            (Self::MessageKo, En) => "Message (Korean)",
            (Self::MessageEn, Ko) => "메시지 (영어)",
            (Self::MessageEn, En) => "Message (English)",
            (Self::AllowedOrigins, Ko) => "폼을 올릴 사이트 (origin)",
            (Self::AllowedOrigins, En) => "Sites that may embed it (origins)",
            (Self::AllowedOriginsHint, Ko) => "한 줄에 하나, 예: https://www.acme.co.kr",
            (Self::AllowedOriginsHint, En) => "One per line, e.g. https://www.acme.co.kr",
            (Self::Progressive, Ko) => "점진적 프로파일링",
            (Self::Progressive, En) => "Progressive profiling",
            (Self::ProgressiveOn, Ko) => "다시 온 방문자에게 아직 답하지 않은 질문을 묻기",
            (Self::ProgressiveOn, En) => "Ask returning visitors what they have not answered yet",
            (Self::FieldBudget, Ko) => "한 번에 보여 줄 최대 항목 수",
            (Self::FieldBudget, En) => "Most questions shown at once",
            (Self::Queue, Ko) => "나중에 물을 질문",
            (Self::Queue, En) => "Questions asked later",
            (Self::QueueHint, Ko) => "선택 항목만, 목록 순서대로 묻습니다.",
            (Self::QueueHint, En) => "Optional fields only, asked in list order.",
            (Self::Preview, Ko) => "미리보기",
            (Self::Preview, En) => "Preview",
            (Self::PreviewLanguage, Ko) => "미리보기 언어",
            (Self::PreviewLanguage, En) => "Preview language",
            (Self::FirstVisit, Ko) => "첫 방문",
            (Self::FirstVisit, En) => "First visit",
            (Self::ReturningVisit, Ko) => "재방문",
            (Self::ReturningVisit, En) => "Returning visitor",
            (Self::AfterSending, Ko) => "제출하면:",
            (Self::AfterSending, En) => "After sending:",
            (Self::RedirectsTo, Ko) => "다음 페이지로 이동합니다:",
            (Self::RedirectsTo, En) => "The visitor goes to:",
            (Self::Embed, Ko) => "사이트에 넣기",
            (Self::Embed, En) => "Embed on your site",
            (Self::EmbedHint, Ko) => {
                "폼을 보여 줄 자리에 붙여 넣으세요. 사이트 주소를 위 목록에 넣어야 전송됩니다."
            }
            (Self::EmbedHint, En) => {
                "Paste where the form should appear. The site's origin must be listed above for posts to be accepted."
            }
            (Self::Save, Ko) => "저장",
            (Self::Save, En) => "Save",
            (Self::Saved, Ko) => "저장됨",
            (Self::Saved, En) => "Saved",
            (Self::Unsaved, Ko) => "저장하지 않은 변경이 있습니다.",
            (Self::Unsaved, En) => "You have unsaved changes.",
            (Self::NotSavedYet, Ko) => "아직 저장하지 않은 새 폼입니다.",
            (Self::NotSavedYet, En) => "A new form, not saved yet.",
            (Self::ServerSaid, Ko) => "서버가 거절한 이유:",
            (Self::ServerSaid, En) => "The server refused:",
            (Self::NeedsFixing, Ko) => "고칠 것이 있습니다",
            (Self::NeedsFixing, En) => "Needs fixing",
        };
        text.to_owned()
    }
}

/// Where a field's value goes, by its wire name, in words.
pub fn target_name(key: &str, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (key, locale) {
        ("email", Ko) => "이메일",
        ("email", En) => "E-mail",
        ("name", Ko) => "이름",
        ("name", En) => "Full name",
        ("given_name", Ko) => "이름 (名)",
        ("given_name", En) => "Given name",
        ("family_name", Ko) => "성",
        ("family_name", En) => "Family name",
        ("company", Ko) => "회사",
        ("company", En) => "Company",
        ("title", Ko) => "직함",
        ("title", En) => "Job title",
        ("phone", Ko) => "전화",
        ("phone", En) => "Phone",
        ("country", Ko) => "국가",
        ("country", En) => "Country",
        ("region", Ko) => "시·도",
        ("region", En) => "Region",
        ("city", Ko) => "도시",
        ("city", En) => "City",
        ("postal_code", Ko) => "우편번호",
        ("postal_code", En) => "Postal code",
        ("website", Ko) => "웹사이트",
        ("website", En) => "Website",
        ("industry", Ko) => "업종",
        ("industry", En) => "Industry",
        ("employee_count", Ko) => "직원 수",
        ("employee_count", En) => "Employees",
        ("source", Ko) => "유입 경로",
        ("source", En) => "Source",
        ("description", Ko) => "문의 내용",
        ("description", En) => "Description",
        ("utm_source", _) => "utm_source",
        ("utm_medium", _) => "utm_medium",
        ("utm_campaign", _) => "utm_campaign",
        ("utm_term", _) => "utm_term",
        ("utm_content", _) => "utm_content",
        ("referrer", Ko) => "이전 페이지",
        ("referrer", En) => "Referrer",
        ("landing_page", Ko) => "폼이 있던 페이지",
        ("landing_page", En) => "Landing page",
        (_, Ko) => "사용자 정의 항목",
        (_, En) => "Custom field",
    }
}

/// A form-definition problem in words.
pub fn definition_problem(problem: &FormDefinitionError, locale: Locale) -> String {
    use FormDefinitionError as E;
    use Locale::{En, Ko};
    match (problem, locale) {
        (E::InvalidId { .. }, Ko) => "ID는 영문 소문자, 숫자, -, _ 1~64자여야 합니다.".into(),
        (E::InvalidId { .. }, En) => "The id must be 1 to 64 of a-z, 0-9, - and _.".into(),
        (E::EmptyName, Ko) => "폼 이름을 입력하세요.".into(),
        (E::EmptyName, En) => "Enter a name.".into(),
        (E::NoEmailField, Ko) => "이메일로 저장되는 항목이 하나 있어야 합니다.".into(),
        (E::NoEmailField, En) => "One field must be stored as the e-mail.".into(),
        (E::InvalidFieldName { .. }, Ko) => {
            "전송 이름은 영문, 숫자, _ - . 1~64자여야 합니다.".into()
        }
        (E::InvalidFieldName { .. }, En) => "Use 1 to 64 of A-Z, a-z, 0-9, _, - and .".into(),
        (E::ReservedFieldName { .. }, Ko) => "시스템이 쓰는 이름입니다. 다른 이름을 쓰세요.".into(),
        (E::ReservedFieldName { .. }, En) => "This name is reserved; choose another.".into(),
        (E::DuplicateField { .. }, Ko) => "같은 전송 이름이 두 번 있습니다.".into(),
        (E::DuplicateField { .. }, En) => "Two fields have this name.".into(),
        (E::DuplicateTarget { first, .. }, Ko) => format!("'{first}' 항목과 저장 위치가 같습니다."),
        (E::DuplicateTarget { first, .. }, En) => format!("Stored in the same place as '{first}'."),
        (E::InvalidCustomKey { .. }, Ko) => "사용자 정의 키는 1~64자여야 합니다.".into(),
        (E::InvalidCustomKey { .. }, En) => "The custom key must be 1 to 64 characters.".into(),
        (E::MissingText { lang, .. }, Ko) => {
            format!(
                "{} 문구를 입력하세요.",
                if *lang == "ko" { "한국어" } else { "영어" }
            )
        }
        (E::MissingText { lang, .. }, En) => {
            format!(
                "Enter the {} text.",
                if *lang == "ko" { "Korean" } else { "English" }
            )
        }
        (E::NoOptions { .. }, Ko) => "선택지를 하나 이상 넣으세요.".into(),
        (E::NoOptions { .. }, En) => "Add at least one choice.".into(),
        (E::BadOption { option, .. }, Ko) => {
            format!("선택지 값 '{option}'이(가) 비었거나 겹칩니다.")
        }
        (E::BadOption { option, .. }, En) => format!("Choice '{option}' is empty or repeated."),
        (E::MaxLenOutOfRange { .. }, Ko) => "최대 길이는 1~10,000자입니다.".into(),
        (E::MaxLenOutOfRange { .. }, En) => "The longest value must be 1 to 10,000.".into(),
        (E::HiddenRequired { .. }, Ko) => "숨김 항목은 필수일 수 없습니다.".into(),
        (E::HiddenRequired { .. }, En) => "A hidden field cannot be required.".into(),
        (E::GenericCta { text }, Ko) => {
            format!(
                "'{text}'은(는) 너무 일반적입니다. 방문자가 얻는 것을 쓰세요 (예: 무료로 수강하기)."
            )
        }
        (E::GenericCta { text }, En) => {
            format!("'{text}' says nothing; say what the visitor gets (e.g. Get the free guide).")
        }
        (E::InvalidThankYouUrl { .. }, Ko) => "http(s)로 시작하는 전체 URL을 입력하세요.".into(),
        (E::InvalidThankYouUrl { .. }, En) => "Enter a full http(s) URL.".into(),
        (E::InvalidOrigin { origin }, Ko) => {
            format!("'{origin}'은(는) origin이 아닙니다. https://host[:port] 형태로 쓰세요.")
        }
        (E::InvalidOrigin { origin }, En) => {
            format!("'{origin}' is not an origin; write https://host[:port].")
        }
        (E::MissingCollectionConsent, Ko) => {
            "개인정보 수집·이용 동의(필수)를 넣어야 합니다.".into()
        }
        (E::MissingCollectionConsent, En) => {
            "The form must ask the required collection consent.".into()
        }
        (E::ConsentMustBeOptional { .. }, Ko) => "이 동의는 선택이어야 합니다.".into(),
        (E::ConsentMustBeOptional { .. }, En) => "This consent must be optional.".into(),
        (E::DuplicateConsent { .. }, Ko) => "같은 동의 항목이 두 번 있습니다.".into(),
        (E::DuplicateConsent { .. }, En) => "This consent is asked twice.".into(),
        (E::MissingConsentVersion { .. }, Ko) => "문구 버전을 입력하세요.".into(),
        (E::MissingConsentVersion { .. }, En) => "Enter the text's version.".into(),
        (E::QueueUnknownField { field }, Ko) => format!("'{field}'은(는) 이 폼의 항목이 아닙니다."),
        (E::QueueUnknownField { field }, En) => format!("'{field}' is not a field of this form."),
        (E::QueueBadField { field }, Ko) => {
            format!("'{field}'은(는) 보이는 선택 항목이어야 합니다.")
        }
        (E::QueueBadField { field }, En) => format!("'{field}' must be a visible optional field."),
        (E::BudgetTooSmall { always, .. }, Ko) => {
            format!("매번 묻는 항목 {always}개보다 작을 수 없습니다.")
        }
        (E::BudgetTooSmall { always, .. }, En) => {
            format!("Cannot be below the {always} fields asked every time.")
        }
        (E::BadHoneypot { .. }, Ko) => "스팸 방지 항목 이름이 올바르지 않습니다.".into(),
        (E::BadHoneypot { .. }, En) => "The honeypot field name cannot be used.".into(),
        (E::MinFillTooLong { .. }, Ko) => "최소 작성 시간은 600초 이하여야 합니다.".into(),
        (E::MinFillTooLong { .. }, En) => {
            "The minimum fill time must be at most 600 seconds.".into()
        }
    }
}
