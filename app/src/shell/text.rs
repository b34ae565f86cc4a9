//! The shell's texts: view names, sync states and the update banner.

use crate::i18n::format::number;
use crate::i18n::{Locale, Translate};

/// Every text of the frame around the views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShellText {
    Navigation,
    Leads,
    Segments,
    Funnel,
    Attribution,
    Handoff,
    Forms,
    Settings,
    Icp,
    Scoring,
    Offline,
    Syncing,
    Synced,
    SyncFailed,
    Loading,
    /// Local changes waiting for the server.
    Pending(usize),
    /// The first download: leads received so far of how many.
    FirstPull(u64, u64),
    Refused,
    Dismiss,
    Capture,
    /// A newer build of the app has installed and waits for a reload.
    UpdateReady,
    Reload,
    /// The workspace switcher's label.
    Workspace,
    /// The switcher's note while the session moves.
    Switching,
    /// The switch was refused or the server could not be reached.
    SwitchFailed,
    // The sync line (issue #7).
    Online,
    /// Offline: the sync waits for the network.
    WaitingForNetwork,
    /// Seconds since the last successful sync.
    LastSynced(u64),
    NeverSynced,
    LastError,
    SyncNow,
    /// The CSV import view.
    Import,
}

/// How long ago, in the largest whole unit a person reads at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ago {
    JustNow,
    Minutes(u64),
    Hours(u64),
    Days(u64),
}

fn ago(seconds: u64) -> Ago {
    match seconds {
        0..60 => Ago::JustNow,
        60..3_600 => Ago::Minutes(seconds / 60),
        3_600..86_400 => Ago::Hours(seconds / 3_600),
        _ => Ago::Days(seconds / 86_400),
    }
}

impl Translate for ShellText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (*self, locale) {
            (Self::LastSynced(seconds), Ko) => {
                return match ago(seconds) {
                    Ago::JustNow => "방금 동기화됨".to_owned(),
                    Ago::Minutes(n) => format!("{n}분 전 동기화됨"),
                    Ago::Hours(n) => format!("{n}시간 전 동기화됨"),
                    Ago::Days(n) => format!("{n}일 전 동기화됨"),
                };
            }
            (Self::LastSynced(seconds), En) => {
                return match ago(seconds) {
                    Ago::JustNow => "Last synced just now".to_owned(),
                    Ago::Minutes(1) => "Last synced 1 minute ago".to_owned(),
                    Ago::Minutes(n) => format!("Last synced {n} minutes ago"),
                    Ago::Hours(1) => "Last synced 1 hour ago".to_owned(),
                    Ago::Hours(n) => format!("Last synced {n} hours ago"),
                    Ago::Days(1) => "Last synced 1 day ago".to_owned(),
                    Ago::Days(n) => format!("Last synced {n} days ago"),
                };
            }
            (Self::Pending(n), Ko) => return format!("변경 {n}건 전송 대기"),
            (Self::Pending(1), En) => "1 change waiting to sync",
            (Self::Pending(n), En) => return format!("{n} changes waiting to sync"),
            (Self::FirstPull(received, total), Ko) => {
                return format!(
                    "리드 내려받는 중: {} / {}",
                    number(received as i64),
                    number(total as i64)
                );
            }
            (Self::FirstPull(received, total), En) => {
                return format!(
                    "Downloading leads: {} of {}",
                    number(received as i64),
                    number(total as i64)
                );
            }
            (Self::Import, Ko) => "CSV 가져오기",
            (Self::Import, En) => "Import CSV",
            (Self::Navigation, Ko) => "메뉴",
            (Self::Navigation, En) => "Menu",
            (Self::Leads, Ko) => "리드",
            (Self::Leads, En) => "Leads",
            (Self::Segments, Ko) => "세그먼트",
            (Self::Segments, En) => "Segments",
            (Self::Funnel, Ko) => "퍼널",
            (Self::Funnel, En) => "Funnel",
            (Self::Attribution, Ko) => "기여도·예측",
            (Self::Attribution, En) => "Attribution & predictive",
            (Self::Handoff, Ko) => "핸드오프",
            (Self::Handoff, En) => "Handoff",
            (Self::Forms, Ko) => "폼",
            (Self::Forms, En) => "Forms",
            (Self::Settings, Ko) => "설정",
            (Self::Settings, En) => "Settings",
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
            (Self::Refused, Ko) => "서버가 거부한 변경",
            (Self::Refused, En) => "Change refused by the server",
            (Self::Dismiss, Ko) => "닫기",
            (Self::Dismiss, En) => "Dismiss",
            (Self::Capture, Ko) => "현장 수집",
            (Self::Capture, En) => "Capture",
            (Self::UpdateReady, Ko) => "새 버전이 있습니다",
            (Self::UpdateReady, En) => "A new version is available",
            (Self::Reload, Ko) => "새로고침",
            (Self::Reload, En) => "Reload",
            (Self::Workspace, Ko) => "워크스페이스",
            (Self::Workspace, En) => "Workspace",
            (Self::Switching, Ko) => "워크스페이스 전환 중…",
            (Self::Switching, En) => "Switching workspace…",
            (Self::SwitchFailed, Ko) => "전환하지 못했습니다. 다시 시도하세요.",
            (Self::SwitchFailed, En) => "Could not switch. Try again.",
            (Self::Online, Ko) => "온라인",
            (Self::Online, En) => "Online",
            (Self::WaitingForNetwork, Ko) => "네트워크 대기 중",
            (Self::WaitingForNetwork, En) => "Waiting for the network",
            (Self::NeverSynced, Ko) => "아직 동기화 안 됨",
            (Self::NeverSynced, En) => "Not synced yet",
            (Self::LastError, Ko) => "마지막 오류",
            (Self::LastError, En) => "Last error",
            (Self::SyncNow, Ko) => "지금 동기화",
            (Self::SyncNow, En) => "Sync now",
        }
        .to_owned()
    }
}
