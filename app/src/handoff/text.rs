//! The handoff queue's texts in both languages, with the names of reject and wait
//! reasons (the settings page lists the same reasons).

use leadkit_shared::handoff::WaitReason;
use leadkit_shared::model::{RejectReason, Stage};

use super::countdown::{ago, countdown};
use crate::i18n::format::number;
use crate::i18n::{Locale, Translate};
use crate::leads::text::stage_name;

/// Every text of the handoff queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoffText {
    Title,
    MyLeads,
    Team,
    NotARep,
    OpenSettings,
    NoneAssigned,
    Score(i64),
    Due,
    /// The SLA clock, seconds left (negative once overdue).
    Countdown(i64),
    Accept,
    Reject,
    Reason,
    Note,
    ConfirmReject,
    Cancel,
    /// Where a rejection for the chosen reason sends the lead.
    SendsTo(Stage),
    AnsweredRecently,
    NoneAnswered,
    Accepted,
    Rejected,
    /// `n` leads wait for a rep.
    Depth(u32),
    /// The longest-waiting lead was queued this many seconds ago.
    OldestWaiting(i64),
    NobodyWaiting,
    Waiting,
    Wait(WaitReason),
    RepLoads,
    /// Today `assigned / capacity`, this week `assigned / capacity`.
    Load(u32, u32, u32, u32),
    /// Open handoffs past their SLA.
    Breached(u32),
    Overdue,
    OpenHandoffs,
    NoneOpen,
    NoReps,
    Inactive,
    LoadChartTitle,
    LoadFailed,
    /// Offline: the queue shown is the copy kept from the last visit.
    ShowingKept,
    RejectReason(RejectReason),
    ReasonNotOffered,
    NoteTooLong,
    AssignedTo,
}

impl Translate for HandoffText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        let text = match (*self, locale) {
            (Self::Title, Ko) => "핸드오프 큐",
            (Self::Title, En) => "Handoff queue",
            (Self::MyLeads, Ko) => "내 리드",
            (Self::MyLeads, En) => "My leads",
            (Self::Team, Ko) => "팀 현황",
            (Self::Team, En) => "Team queue",
            (Self::NotARep, Ko) => {
                "내 이메일로 등록된 영업 담당자가 없어 배정받은 리드가 없습니다. 설정의 담당자 목록에 추가하세요."
            }
            (Self::NotARep, En) => {
                "No rep is set up with your e-mail, so no leads come to you. Add yourself to the reps in Settings."
            }
            (Self::OpenSettings, Ko) => "설정 열기",
            (Self::OpenSettings, En) => "Open settings",
            (Self::NoneAssigned, Ko) => "지금 배정된 리드가 없습니다.",
            (Self::NoneAssigned, En) => "No leads are assigned to you right now.",
            (Self::Score(n), Ko) => return format!("점수 {}", number(n)),
            (Self::Score(n), En) => return format!("Score {}", number(n)),
            (Self::Due, Ko) => "응답 기한",
            (Self::Due, En) => "Due",
            (Self::Countdown(seconds), locale) => return countdown(seconds, locale),
            (Self::Accept, Ko) => "수락",
            (Self::Accept, En) => "Accept",
            (Self::Reject, Ko) => "거절",
            (Self::Reject, En) => "Reject",
            (Self::Reason, Ko) => "거절 사유",
            (Self::Reason, En) => "Reason",
            (Self::Note, Ko) => "메모 (선택)",
            (Self::Note, En) => "Note (optional)",
            (Self::ConfirmReject, Ko) => "거절하기",
            (Self::ConfirmReject, En) => "Reject lead",
            (Self::Cancel, Ko) => "취소",
            (Self::Cancel, En) => "Cancel",
            (Self::SendsTo(stage), Ko) => {
                return format!("리드는 '{}' 단계로 이동합니다.", stage_name(stage, locale));
            }
            (Self::SendsTo(stage), En) => {
                return format!("The lead moves to {}.", stage_name(stage, locale));
            }
            (Self::AnsweredRecently, Ko) => "최근 응답",
            (Self::AnsweredRecently, En) => "Answered recently",
            (Self::NoneAnswered, Ko) => "아직 응답한 리드가 없습니다.",
            (Self::NoneAnswered, En) => "Nothing answered yet.",
            (Self::Accepted, Ko) => "수락함",
            (Self::Accepted, En) => "Accepted",
            (Self::Rejected, Ko) => "거절함",
            (Self::Rejected, En) => "Rejected",
            (Self::Depth(n), Ko) => return format!("대기 {}건", number(i64::from(n))),
            (Self::Depth(1), En) => "1 waiting",
            (Self::Depth(n), En) => return format!("{} waiting", number(i64::from(n))),
            (Self::OldestWaiting(seconds), Ko) => {
                return format!("가장 오래 기다린 리드: {}", ago(seconds, locale));
            }
            (Self::OldestWaiting(seconds), En) => {
                return format!("Oldest waiting since {}", ago(seconds, locale));
            }
            (Self::NobodyWaiting, Ko) => "담당자를 기다리는 리드가 없습니다.",
            (Self::NobodyWaiting, En) => "No lead is waiting for a rep.",
            (Self::Waiting, Ko) => "배정 대기",
            (Self::Waiting, En) => "Waiting for a rep",
            (Self::Wait(WaitReason::NotAWorkingDay), Ko) => "오늘은 근무일이 아닙니다",
            (Self::Wait(WaitReason::NotAWorkingDay), En) => "Not a working day",
            (Self::Wait(WaitReason::NoCapacity), Ko) => "담당자의 오늘 처리 한도가 찼습니다",
            (Self::Wait(WaitReason::NoCapacity), En) => "Reps are at today's capacity",
            (Self::Wait(WaitReason::NoEligibleRep), Ko) => {
                "지역·세그먼트를 맡은 활성 담당자가 없습니다"
            }
            (Self::Wait(WaitReason::NoEligibleRep), En) => {
                "No active rep covers its territory or segment"
            }
            (Self::RepLoads, Ko) => "담당자별 업무량",
            (Self::RepLoads, En) => "Load per rep",
            (Self::Load(day, day_cap, week, week_cap), Ko) => {
                return format!("오늘 {day}/{day_cap} · 이번 주 {week}/{week_cap}");
            }
            (Self::Load(day, day_cap, week, week_cap), En) => {
                return format!("today {day}/{day_cap} · week {week}/{week_cap}");
            }
            (Self::Breached(n), Ko) => return format!("SLA 초과 {n}건"),
            (Self::Breached(n), En) => return format!("{n} past SLA"),
            (Self::Overdue, Ko) => "SLA 초과",
            (Self::Overdue, En) => "Past SLA",
            (Self::OpenHandoffs, Ko) => "응답 대기 중인 배정",
            (Self::OpenHandoffs, En) => "Assigned, not yet answered",
            (Self::NoneOpen, Ko) => "응답을 기다리는 배정이 없습니다.",
            (Self::NoneOpen, En) => "No assigned lead is waiting for an answer.",
            (Self::NoReps, Ko) => {
                "아직 영업 담당자가 없습니다. 설정에서 추가하면 배정이 시작됩니다."
            }
            (Self::NoReps, En) => "No reps yet. Add them in Settings and assignment starts.",
            (Self::Inactive, Ko) => "비활성",
            (Self::Inactive, En) => "inactive",
            (Self::LoadChartTitle, Ko) => "담당자별 오늘 배정 건수와 처리 한도",
            (Self::LoadChartTitle, En) => "Leads assigned today against each rep's capacity",
            (Self::LoadFailed, Ko) => "큐를 불러오지 못했습니다",
            (Self::LoadFailed, En) => "The queue could not be loaded",
            (Self::ShowingKept, Ko) => {
                "오프라인: 이 기기에 보관된 지난 목록입니다. 응답은 이 기기에 저장했다가 연결되면 동기화합니다."
            }
            (Self::ShowingKept, En) => {
                "Offline: this is the queue kept on this device from the last visit. Answers are saved here and sync once online."
            }
            (Self::RejectReason(reason), locale) => reject_reason_name(reason, locale),
            (Self::ReasonNotOffered, Ko) => "이 워크스페이스에서 쓰지 않는 거절 사유입니다.",
            (Self::ReasonNotOffered, En) => "This workspace does not offer that reason.",
            (Self::NoteTooLong, Ko) => "메모는 2,000자까지 쓸 수 있습니다.",
            (Self::NoteTooLong, En) => "A note may be at most 2,000 characters.",
            (Self::AssignedTo, Ko) => "담당",
            (Self::AssignedTo, En) => "Rep",
        };
        text.to_owned()
    }
}

/// A reject reason as sales says it.
pub fn reject_reason_name(reason: RejectReason, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (reason, locale) {
        (RejectReason::BadFit, Ko) => "타깃 고객 아님",
        (RejectReason::BadFit, En) => "Not a fit",
        (RejectReason::NoBudget, Ko) => "예산 없음",
        (RejectReason::NoBudget, En) => "No budget",
        (RejectReason::NoAuthority, Ko) => "결정 권한 없음",
        (RejectReason::NoAuthority, En) => "No authority",
        (RejectReason::NoNeed, Ko) => "필요 없음",
        (RejectReason::NoNeed, En) => "No need",
        (RejectReason::BadTiming, Ko) => "시기 아님",
        (RejectReason::BadTiming, En) => "Bad timing",
        (RejectReason::BadContactData, Ko) => "연락처 오류",
        (RejectReason::BadContactData, En) => "Bad contact data",
        (RejectReason::Duplicate, Ko) => "중복",
        (RejectReason::Duplicate, En) => "Duplicate",
        (RejectReason::Competitor, Ko) => "경쟁사",
        (RejectReason::Competitor, En) => "Competitor",
        (RejectReason::AlreadyCustomer, Ko) => "이미 고객",
        (RejectReason::AlreadyCustomer, En) => "Already a customer",
        (RejectReason::Student, Ko) => "학생",
        (RejectReason::Student, En) => "Student",
        (RejectReason::Other, Ko) => "기타",
        (RejectReason::Other, En) => "Other",
    }
}

/// Every reject reason, in the order the settings list them by default.
pub const ALL_REJECT_REASONS: [RejectReason; 11] = [
    RejectReason::BadFit,
    RejectReason::NoBudget,
    RejectReason::NoAuthority,
    RejectReason::NoNeed,
    RejectReason::BadTiming,
    RejectReason::BadContactData,
    RejectReason::Duplicate,
    RejectReason::Competitor,
    RejectReason::AlreadyCustomer,
    RejectReason::Student,
    RejectReason::Other,
];
