//! The app's two languages. Korean first — the teams it is built for are Korean — and
//! English; every string the UI shows comes from here.

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
        }
    }
}

/// The current language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

impl I18n {
    /// A text in the current language, tracked so views update when it changes.
    pub fn t(&self, text: Text) -> String {
        text.in_locale(self.locale.get())
    }
}

/// Puts the language in context, starting from the browser's preference.
pub fn provide_i18n() -> I18n {
    let i18n = I18n {
        locale: RwSignal::new(Locale::from_browser()),
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
    }
}
