//! The funnel view's texts in both languages, with the names of funnel levels, reject
//! reasons and weeks that the attribution & predictive view shares.

use leadkit_shared::handoff::{FeedbackGrouping, UNKNOWN_GROUP};
use leadkit_shared::insights::TIME_BUCKETS;
use leadkit_shared::lifecycle::{FunnelLevel, IsoWeek};
use leadkit_shared::model::RejectReason;
use time::{Date, Weekday};

use crate::i18n::{Locale, Translate};

/// Every text of the funnel view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunnelText {
    Title,
    Period,
    LastWeeks(u8),
    LoadingHistory,
    NoHistory,
    HistoryFailed,
    ReachedTitle,
    ReachedDesc,
    Level(FunnelLevel),
    LevelHeader,
    ReachedHeader,
    ConvertedHeader,
    RateHeader,
    MedianHeader,
    P90Header,
    ConversionNote,
    TimesTitle,
    TimesDesc,
    Step,
    StepName(FunnelLevel),
    Bucket(usize),
    BucketHeader,
    LeadsHeader,
    NowTitle,
    StageHeader,
    FlowTitle,
    FlowDesc,
    WeekHeader,
    TotalHeader,
    CohortTitle,
    CohortDesc,
    FeedbackTitle,
    FeedbackDesc,
    GroupBy,
    Grouping(FeedbackGrouping),
    GroupHeader,
    HandedOff,
    Accepted,
    Rejected,
    Pending,
    AcceptRate,
    TopReasons,
    Reason(RejectReason),
    FeedbackLoading,
    FeedbackNone,
    FeedbackCached,
    FeedbackUnavailable,
    FeedbackScope,
    AcceptRateChart,
    AcceptRateDesc,
}

/// A funnel level's name.
pub fn level_name(level: FunnelLevel, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (level, locale) {
        (FunnelLevel::Subscriber, Ko) => "구독자",
        (FunnelLevel::Subscriber, En) => "Subscriber",
        (FunnelLevel::Lead, Ko) => "리드",
        (FunnelLevel::Lead, En) => "Lead",
        (FunnelLevel::MqlOrPql, _) => "MQL/PQL",
        (FunnelLevel::Sql, _) => "SQL",
        (FunnelLevel::Opportunity, Ko) => "영업 기회",
        (FunnelLevel::Opportunity, En) => "Opportunity",
        (FunnelLevel::Customer, Ko) => "고객",
        (FunnelLevel::Customer, En) => "Customer",
        (FunnelLevel::Evangelist, Ko) => "옹호 고객",
        (FunnelLevel::Evangelist, En) => "Evangelist",
    }
}

/// A level's stable key, for test ids.
pub fn level_key(level: FunnelLevel) -> &'static str {
    match level {
        FunnelLevel::Subscriber => "subscriber",
        FunnelLevel::Lead => "lead",
        FunnelLevel::MqlOrPql => "mql_or_pql",
        FunnelLevel::Sql => "sql",
        FunnelLevel::Opportunity => "opportunity",
        FunnelLevel::Customer => "customer",
        FunnelLevel::Evangelist => "evangelist",
    }
}

/// A reject reason as sales says it.
pub fn reason_name(reason: RejectReason, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (reason, locale) {
        (RejectReason::BadFit, Ko) => "타깃 아님",
        (RejectReason::BadFit, En) => "Bad fit",
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
        (RejectReason::AlreadyCustomer, Ko) => "기존 고객",
        (RejectReason::AlreadyCustomer, En) => "Already a customer",
        (RejectReason::Student, Ko) => "학생",
        (RejectReason::Student, En) => "Student",
        (RejectReason::Other, Ko) => "기타",
        (RejectReason::Other, En) => "Other",
    }
}

/// A report group's name: the value itself, or "unknown" in the locale's words.
pub fn group_name(group: &str, locale: Locale) -> String {
    match (group, locale) {
        (UNKNOWN_GROUP, Locale::Ko) => "(알 수 없음)".to_owned(),
        (UNKNOWN_GROUP, Locale::En) => "(unknown)".to_owned(),
        _ => group.to_owned(),
    }
}

/// The Monday a week starts on.
pub fn week_start(week: IsoWeek) -> Option<Date> {
    Date::from_iso_week_date(week.year, week.week, Weekday::Monday).ok()
}

/// A week as a chart labels it: its Monday as `11/23`.
pub fn week_short(week: IsoWeek) -> String {
    week_start(week).map_or_else(
        || format!("W{}", week.week),
        |d| format!("{}/{}", u8::from(d.month()), d.day()),
    )
}

/// A week as a table names it: `2026. 11. 23. 주` / `Week of Nov 23, 2026`.
pub fn week_long(week: IsoWeek, locale: Locale) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match (week_start(week), locale) {
        (Some(d), Locale::Ko) => format!("{}. {}. {}. 주", d.year(), u8::from(d.month()), d.day()),
        (Some(d), Locale::En) => format!(
            "Week of {} {}, {}",
            MONTHS[usize::from(u8::from(d.month())) - 1],
            d.day(),
            d.year()
        ),
        (None, Locale::Ko) => format!("{}년 {}주차", week.year, week.week),
        (None, Locale::En) => format!("{} week {}", week.year, week.week),
    }
}

fn bucket(index: usize, locale: Locale) -> &'static str {
    const KO: [&str; TIME_BUCKETS] = [
        "1시간 미만",
        "1시간–1일",
        "1–3일",
        "3–7일",
        "1–2주",
        "2주–30일",
        "30일 이상",
    ];
    const EN: [&str; TIME_BUCKETS] = [
        "<1 h",
        "1 h–1 d",
        "1–3 d",
        "3–7 d",
        "1–2 wk",
        "2 wk–30 d",
        "30 d+",
    ];
    let labels = match locale {
        Locale::Ko => KO,
        Locale::En => EN,
    };
    labels.get(index).copied().unwrap_or("")
}

impl Translate for FunnelText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (*self, locale) {
            (Self::Title, Ko) => "퍼널".into(),
            (Self::Title, En) => "Funnel".into(),
            (Self::Period, Ko) => "기간".into(),
            (Self::Period, En) => "Period".into(),
            (Self::LastWeeks(n), Ko) => format!("최근 {n}주"),
            (Self::LastWeeks(n), En) => format!("Last {n} weeks"),
            (Self::LoadingHistory, Ko) => "이 기기의 단계 이력을 불러오는 중…".into(),
            (Self::LoadingHistory, En) => "Loading the stage history kept on this device…".into(),
            (Self::NoHistory, Ko) => {
                "이 기기에 단계 이력이 아직 없습니다. 리드가 수집되고 동기화되면 퍼널이 나타납니다.".into()
            }
            (Self::NoHistory, En) => {
                "No stage history on this device yet. The funnel appears once leads are captured and synced.".into()
            }
            (Self::HistoryFailed, Ko) => "이 기기의 단계 이력을 읽지 못했습니다".into(),
            (Self::HistoryFailed, En) => "The stage history on this device could not be read".into(),
            (Self::ReachedTitle, Ko) => "기간 중 단계별 도달".into(),
            (Self::ReachedTitle, En) => "Reached in the period".into(),
            (Self::ReachedDesc, Ko) => {
                "기간 안에 각 단계에 처음 도달한 리드 수. 건너뛴 단계는 도달한 것으로 셉니다.".into()
            }
            (Self::ReachedDesc, En) => {
                "Leads that first reached each level in the period; a skipped level counts as reached.".into()
            }
            (Self::Level(level), locale) => level_name(level, locale).into(),
            (Self::LevelHeader, Ko) => "단계".into(),
            (Self::LevelHeader, En) => "Level".into(),
            (Self::ReachedHeader, Ko) => "도달".into(),
            (Self::ReachedHeader, En) => "Reached".into(),
            (Self::ConvertedHeader, Ko) => "다음 단계로".into(),
            (Self::ConvertedHeader, En) => "Moved on".into(),
            (Self::RateHeader, Ko) => "전환율".into(),
            (Self::RateHeader, En) => "Rate".into(),
            (Self::MedianHeader, Ko) => "소요 시간 중앙값".into(),
            (Self::MedianHeader, En) => "Median time".into(),
            (Self::P90Header, Ko) => "90% 이내".into(),
            (Self::P90Header, En) => "90th percentile".into(),
            (Self::ConversionNote, Ko) => {
                "전환율과 소요 시간은 기간 안에 그 단계에 도달한 리드가 다음 단계로 간 비율과 시간입니다(다음 단계는 기간 뒤여도 셉니다).".into()
            }
            (Self::ConversionNote, En) => {
                "Rates and times follow the leads that reached a level in the period to the next one, whenever they got there.".into()
            }
            (Self::TimesTitle, Ko) => "단계 간 소요 시간 분포".into(),
            (Self::TimesTitle, En) => "Time taken between levels".into(),
            (Self::TimesDesc, Ko) => "선택한 구간을 통과한 리드가 걸린 시간별 리드 수".into(),
            (Self::TimesDesc, En) => "How many of the leads that took the chosen step took how long".into(),
            (Self::Step, Ko) => "구간".into(),
            (Self::Step, En) => "Step".into(),
            (Self::StepName(from), locale) => {
                let to = FunnelLevel::ALL
                    .get(from.index() + 1)
                    .map_or("", |to| level_name(*to, locale));
                format!("{} → {to}", level_name(from, locale))
            }
            (Self::Bucket(i), locale) => bucket(i, locale).into(),
            (Self::BucketHeader, Ko) => "소요 시간".into(),
            (Self::BucketHeader, En) => "Time taken".into(),
            (Self::LeadsHeader, Ko) => "리드".into(),
            (Self::LeadsHeader, En) => "Leads".into(),
            (Self::NowTitle, Ko) => "지금 단계별 리드 (전체)".into(),
            (Self::NowTitle, En) => "Where every lead stands now".into(),
            (Self::StageHeader, Ko) => "단계".into(),
            (Self::StageHeader, En) => "Stage".into(),
            (Self::FlowTitle, Ko) => "주별 단계 진입".into(),
            (Self::FlowTitle, En) => "Stage entries per week".into(),
            (Self::FlowDesc, Ko) => {
                "주마다 각 단계로 들어간 건수(생성 포함)를 단계별로 쌓은 막대".into()
            }
            (Self::FlowDesc, En) => {
                "Moves into each stage per week (creation included), stacked by stage".into()
            }
            (Self::WeekHeader, Ko) => "주".into(),
            (Self::WeekHeader, En) => "Week".into(),
            (Self::TotalHeader, Ko) => "합계".into(),
            (Self::TotalHeader, En) => "Total".into(),
            (Self::CohortTitle, Ko) => "수집 주별 코호트".into(),
            (Self::CohortTitle, En) => "Cohorts by capture week".into(),
            (Self::CohortDesc, Ko) => {
                "그 주에 수집된 리드 중 지금까지 각 단계에 도달한 비율(건수)".into()
            }
            (Self::CohortDesc, En) => {
                "Of the leads captured in a week, the share (count) that has reached each level so far".into()
            }
            (Self::FeedbackTitle, Ko) => "영업 수락·거절".into(),
            (Self::FeedbackTitle, En) => "Sales accepts and rejects".into(),
            (Self::FeedbackDesc, Ko) => "기간 안에 영업에 전달된 리드에 대한 영업의 답변".into(),
            (Self::FeedbackDesc, En) => "Sales' answers on the leads handed over in the period".into(),
            (Self::GroupBy, Ko) => "기준".into(),
            (Self::GroupBy, En) => "Group by".into(),
            (Self::Grouping(FeedbackGrouping::Source), Ko) => "유입 경로".into(),
            (Self::Grouping(FeedbackGrouping::Source), En) => "Source".into(),
            (Self::Grouping(FeedbackGrouping::Campaign), Ko) => "캠페인".into(),
            (Self::Grouping(FeedbackGrouping::Campaign), En) => "Campaign".into(),
            (Self::Grouping(FeedbackGrouping::Persona), Ko) => "페르소나".into(),
            (Self::Grouping(FeedbackGrouping::Persona), En) => "Persona".into(),
            (Self::GroupHeader, Ko) => "그룹".into(),
            (Self::GroupHeader, En) => "Group".into(),
            (Self::HandedOff, Ko) => "전달".into(),
            (Self::HandedOff, En) => "Handed off".into(),
            (Self::Accepted, Ko) => "수락".into(),
            (Self::Accepted, En) => "Accepted".into(),
            (Self::Rejected, Ko) => "거절".into(),
            (Self::Rejected, En) => "Rejected".into(),
            (Self::Pending, Ko) => "답변 대기".into(),
            (Self::Pending, En) => "Pending".into(),
            (Self::AcceptRate, Ko) => "수락률".into(),
            (Self::AcceptRate, En) => "Accept rate".into(),
            (Self::TopReasons, Ko) => "주요 거절 사유".into(),
            (Self::TopReasons, En) => "Top reject reasons".into(),
            (Self::Reason(reason), locale) => reason_name(reason, locale).into(),
            (Self::FeedbackLoading, Ko) => "영업 답변을 불러오는 중…".into(),
            (Self::FeedbackLoading, En) => "Loading sales' answers…".into(),
            (Self::FeedbackNone, Ko) => "이 기간에 영업에 전달된 리드가 없습니다.".into(),
            (Self::FeedbackNone, En) => "No lead was handed to sales in this period.".into(),
            (Self::FeedbackCached, Ko) => {
                "서버에 연결할 수 없어 이 기기에 저장해 둔 영업 답변을 보여 줍니다.".into()
            }
            (Self::FeedbackCached, En) => {
                "The server cannot be reached: showing the answers saved on this device.".into()
            }
            (Self::FeedbackUnavailable, Ko) => {
                "영업 답변을 불러올 수 없습니다. 서버에 연결되지 않고 이 기기에 저장된 사본도 없습니다.".into()
            }
            (Self::FeedbackUnavailable, En) => {
                "Sales' answers cannot be shown: the server cannot be reached and none are saved on this device.".into()
            }
            (Self::FeedbackScope, Ko) => "최근 답변 50건과 답변 대기 중인 전달 기준입니다.".into(),
            (Self::FeedbackScope, En) => "Counts the last 50 answers and the handoffs still open.".into(),
            (Self::AcceptRateChart, Ko) => "그룹별 수락률".into(),
            (Self::AcceptRateChart, En) => "Accept rate by group".into(),
            (Self::AcceptRateDesc, Ko) => "답변된 전달 중 수락된 비율. 막대 옆은 수락/답변 건수".into(),
            (Self::AcceptRateDesc, En) => "Accepted share of the answered handoffs, with accepted / answered".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn weeks_read_as_their_monday() {
        let week = IsoWeek {
            year: 2026,
            week: 48,
        };
        assert_eq!(week_short(week), "11/23");
        assert_eq!(week_long(week, Locale::Ko), "2026. 11. 23. 주");
        assert_eq!(week_long(week, Locale::En), "Week of Nov 23, 2026");
        assert_eq!(
            FunnelText::StepName(FunnelLevel::Lead).translate(Locale::En),
            "Lead → MQL/PQL"
        );
        assert_eq!(group_name(UNKNOWN_GROUP, Locale::Ko), "(알 수 없음)");
    }
}
