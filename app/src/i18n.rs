//! The app's two languages. Korean first — the teams it is built for are Korean — and
//! English. Every string the UI shows goes through [`I18n::t`]: the shell's and sign-in's
//! texts are [`Text`] here, each feature keeps its own catalogue enum beside it
//! (`leads/text.rs` …) implementing [`Translate`], so every string has both languages
//! and a match arm the compiler checks. Numbers, dates and money are formatted per
//! locale by [`format`].

pub mod format;

use leadkit_shared::auth::MIN_PASSWORD_CHARS;
use leadkit_shared::capture::FieldErrorCode;
use leptos::prelude::*;

/// A language the UI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    Ko,
    En,
}

impl Locale {
    /// The browser's preferred language: Korean for Korean browsers, else English.
    pub fn from_browser() -> Self {
        let language = web_sys::window()
            .and_then(|w| w.navigator().language())
            .unwrap_or_default();
        Self::from_tag(&language)
    }

    /// Reads a BCP 47 tag such as `en-US` or `ko-KR`.
    pub fn from_tag(tag: &str) -> Self {
        if tag.to_ascii_lowercase().starts_with("ko") {
            Self::Ko
        } else {
            Self::En
        }
    }

    /// The `lang` attribute value.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Ko => "ko",
            Self::En => "en",
        }
    }

    /// The other language, for the switcher.
    pub fn other(self) -> Self {
        match self {
            Self::Ko => Self::En,
            Self::En => Self::Ko,
        }
    }

    /// The language's own name, shown on the switcher.
    pub fn name(self) -> &'static str {
        match self {
            Self::Ko => "한국어",
            Self::En => "English",
        }
    }
}

/// Every piece of text the UI shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Leads,
    LeadCount(usize),
    NoLeadsYet,
    Loading,
    Syncing,
    Synced,
    SyncFailed,
    Name,
    Company,
    Email,
    Captured,
    SwitchLanguage,
    SignIn,
    SignUp,
    SignOut,
    Password,
    YourName,
    WorkspaceName,
    /// Switches the form to sign-up.
    NeedAccount,
    /// Switches the form to sign-in.
    HaveAccount,
    WrongCredentials,
    ServerUnreachable,
    RequestFailed,
    /// What is wrong with a form field, by the worker's code.
    Problem(FieldErrorCode),
}

impl Text {
    /// This text in `locale`.
    pub fn in_locale(self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (self, locale) {
            (Self::Leads, Ko) => "리드".into(),
            (Self::Leads, En) => "Leads".into(),
            (Self::LeadCount(n), Ko) => format!("리드 {n}건"),
            (Self::LeadCount(1), En) => "1 lead".into(),
            (Self::LeadCount(n), En) => format!("{n} leads"),
            (Self::NoLeadsYet, Ko) => "아직 리드가 없습니다. 폼으로 첫 리드를 받아 보세요.".into(),
            (Self::NoLeadsYet, En) => "No leads yet. Capture your first one with a form.".into(),
            (Self::Loading, Ko) => "불러오는 중…".into(),
            (Self::Loading, En) => "Loading…".into(),
            (Self::Syncing, Ko) => "동기화 중…".into(),
            (Self::Syncing, En) => "Syncing…".into(),
            (Self::Synced, Ko) => "최신 상태".into(),
            (Self::Synced, En) => "Up to date".into(),
            (Self::SyncFailed, Ko) => "동기화 실패".into(),
            (Self::SyncFailed, En) => "Sync failed".into(),
            (Self::Name, Ko) => "이름".into(),
            (Self::Name, En) => "Name".into(),
            (Self::Company, Ko) => "회사".into(),
            (Self::Company, En) => "Company".into(),
            (Self::Email, Ko) => "이메일".into(),
            (Self::Email, En) => "Email".into(),
            (Self::Captured, Ko) => "수집 시각".into(),
            (Self::Captured, En) => "Captured".into(),
            (Self::SwitchLanguage, Ko) => "언어 바꾸기".into(),
            (Self::SwitchLanguage, En) => "Switch language".into(),
            (Self::SignIn, Ko) => "로그인".into(),
            (Self::SignIn, En) => "Sign in".into(),
            (Self::SignUp, Ko) => "회원가입".into(),
            (Self::SignUp, En) => "Sign up".into(),
            (Self::SignOut, Ko) => "로그아웃".into(),
            (Self::SignOut, En) => "Sign out".into(),
            (Self::Password, Ko) => "비밀번호".into(),
            (Self::Password, En) => "Password".into(),
            (Self::YourName, Ko) => "이름".into(),
            (Self::YourName, En) => "Your name".into(),
            (Self::WorkspaceName, Ko) => "워크스페이스 이름 (회사·팀)".into(),
            (Self::WorkspaceName, En) => "Workspace name (company or team)".into(),
            (Self::NeedAccount, Ko) => "계정이 없나요? 회원가입".into(),
            (Self::NeedAccount, En) => "No account yet? Sign up".into(),
            (Self::HaveAccount, Ko) => "이미 계정이 있나요? 로그인".into(),
            (Self::HaveAccount, En) => "Have an account? Sign in".into(),
            (Self::WrongCredentials, Ko) => "이메일 또는 비밀번호가 올바르지 않습니다.".into(),
            (Self::WrongCredentials, En) => "The e-mail address or the password is wrong.".into(),
            (Self::ServerUnreachable, Ko) => {
                "서버에 연결할 수 없습니다. 잠시 후 다시 시도하세요.".into()
            }
            (Self::ServerUnreachable, En) => {
                "The server cannot be reached. Try again shortly.".into()
            }
            (Self::RequestFailed, Ko) => "요청을 처리하지 못했습니다. 다시 시도하세요.".into(),
            (Self::RequestFailed, En) => "The request failed. Try again.".into(),
            (Self::Problem(code), locale) => problem(code, locale),
        }
    }
}

/// What is wrong with a field, by the worker's stable code. Exhaustive, so a new code
/// cannot reach the UI untranslated.
fn problem(code: FieldErrorCode, locale: Locale) -> String {
    use FieldErrorCode::*;
    use Locale::{En, Ko};
    match (code, locale) {
        (Required, Ko) => "필수 항목입니다.".into(),
        (Required, En) => "Required.".into(),
        (TooLong, Ko) => "너무 깁니다.".into(),
        (TooLong, En) => "Too long.".into(),
        (InvalidEmail, Ko) => "올바른 이메일 주소가 아닙니다.".into(),
        (InvalidEmail, En) => "Not a valid e-mail address.".into(),
        // The tracking codes (a beacon's fields) never reach a person; should one show,
        // the generic sentence does.
        (NotText | InvalidName | InvalidUuid | TooMany | InvalidTime, Ko) => {
            "사용할 수 없는 값입니다.".into()
        }
        (NotText | InvalidName | InvalidUuid | TooMany | InvalidTime, En) => {
            "This value cannot be used.".into()
        }
        (TooShort, Ko) => format!("{MIN_PASSWORD_CHARS}자 이상이어야 합니다."),
        (TooShort, En) => format!("At least {MIN_PASSWORD_CHARS} characters."),
        (RepeatedCharacter, Ko) => "한 글자만 반복할 수 없습니다.".into(),
        (RepeatedCharacter, En) => "Must not be one character repeated.".into(),
        (SameAsEmail, Ko) => "이메일 주소와 달라야 합니다.".into(),
        (SameAsEmail, En) => "Must differ from your e-mail address.".into(),
        (Taken, Ko) => "이미 가입된 이메일입니다. 로그인하세요.".into(),
        (Taken, En) => "Already registered. Sign in instead.".into(),
        (UnknownValue | NotAnOption, Ko) => "허용되지 않는 값입니다.".into(),
        (UnknownValue | NotAnOption, En) => "Not an allowed value.".into(),
        (ConsentRequired, Ko) => "동의가 필요합니다.".into(),
        (ConsentRequired, En) => "Your consent is required.".into(),
        (NotANumber, Ko) => "숫자를 입력하세요.".into(),
        (NotANumber, En) => "Enter a number.".into(),
        (NotABoolean, Ko) => "선택하거나 해제하세요.".into(),
        (NotABoolean, En) => "Check or uncheck this box.".into(),
        (InvalidPhone, Ko) => "올바른 전화번호가 아닙니다.".into(),
        (InvalidPhone, En) => "Not a valid phone number.".into(),
        (InvalidDefinition, Ko) => "폼 설정을 확인하세요.".into(),
        (InvalidDefinition, En) => "Check the form's settings.".into(),
        (InvalidUrl, Ko) => "올바른 URL이 아닙니다.".into(),
        (InvalidUrl, En) => "Not a valid URL.".into(),
    }
}

/// The current language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

/// A catalogue entry: one piece of UI text in both languages.
pub trait Translate {
    /// This text in `locale`.
    fn translate(&self, locale: Locale) -> String;
}

impl Translate for Text {
    fn translate(&self, locale: Locale) -> String {
        self.in_locale(locale)
    }
}

impl I18n {
    /// A text in the current language, tracked so views update when it changes.
    pub fn t(&self, text: impl Translate) -> String {
        text.translate(self.locale.get())
    }

    /// A text in the current language as a signal. Every translated text node or
    /// attribute given one renders through the same `Signal<String>` code, where a
    /// closure of its own would instantiate the renderer once more (that adds up to
    /// hundreds of kilobytes of wasm over a view with many labels).
    pub fn tr(&self, text: impl Translate + Send + Sync + 'static) -> Signal<String> {
        let locale = self.locale;
        Signal::derive(move || text.translate(locale.get()))
    }

    /// Switches the language and remembers the choice on this device.
    pub fn switch(&self) {
        let next = self.locale.get_untracked().other();
        self.locale.set(next);
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item(LOCALE_KEY, next.tag());
        }
    }
}

/// Where the chosen language is kept between visits.
const LOCALE_KEY: &str = "leadkit.locale";

/// Puts the language in context: the one chosen before on this device, else the
/// browser's preference.
pub fn provide_i18n() -> I18n {
    let chosen = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(LOCALE_KEY).ok().flatten())
        .map(|tag| Locale::from_tag(&tag));
    let i18n = I18n {
        locale: RwSignal::new(chosen.unwrap_or_else(Locale::from_browser)),
    };
    provide_context(i18n);
    i18n
}

/// The language from context.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn tags_pick_a_language_and_counts_read_naturally() {
        assert_eq!(Locale::from_tag("en-US"), Locale::En);
        assert_eq!(Locale::from_tag("ko-KR"), Locale::Ko);
        assert_eq!(Locale::from_tag("de"), Locale::En);
        assert_eq!(Text::LeadCount(3).in_locale(Locale::Ko), "리드 3건");
        assert_eq!(Text::LeadCount(1).in_locale(Locale::En), "1 lead");
        assert_eq!(Text::LeadCount(2).in_locale(Locale::En), "2 leads");
        assert_eq!(
            Text::Problem(FieldErrorCode::TooShort).in_locale(Locale::Ko),
            "10자 이상이어야 합니다."
        );
    }
}
