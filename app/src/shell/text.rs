//! The shell's texts: view names and sync states.

use crate::i18n::{Locale, Translate};

/// Every text of the frame around the views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShellText {
    Navigation,
    Leads,
    Icp,
    Scoring,
    Offline,
    Syncing,
    Synced,
    SyncFailed,
    Loading,
}

impl Translate for ShellText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (*self, locale) {
            (Self::Navigation, Ko) => "메뉴",
            (Self::Navigation, En) => "Menu",
            (Self::Leads, Ko) => "리드",
            (Self::Leads, En) => "Leads",
            (Self::Icp, Ko) => "ICP·페르소나",
            (Self::Icp, En) => "ICP & personas",
            (Self::Scoring, Ko) => "스코어링",
            (Self::Scoring, En) => "Scoring",
            (Self::Offline, Ko) => "오프라인",
            (Self::Offline, En) => "Offline",
            (Self::Syncing, Ko) => "동기화 중…",
            (Self::Syncing, En) => "Syncing…",
            (Self::Synced, Ko) => "최신 상태",
            (Self::Synced, En) => "Up to date",
            (Self::SyncFailed, Ko) => "동기화 실패",
            (Self::SyncFailed, En) => "Sync failed",
            (Self::Loading, Ko) => "불러오는 중…",
            (Self::Loading, En) => "Loading…",
        }
        .to_owned()
    }
}
