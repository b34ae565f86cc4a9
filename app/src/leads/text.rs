//! The leads view's texts in both languages.

use leadkit_shared::model::{Stage, Tier};
use leadkit_shared::table::Column;

use crate::i18n::{Locale, Translate};

/// Every text of the leads view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadsText {
    Title,
    /// `{shown} / {total}` leads.
    Showing(usize, usize),
    Search,
    SearchHint,
    NoLeadsYet,
    /// Shown beside the count while the rest of a large base is read from the device.
    StillReading,
    NoMatch,
    ClearFilters,
    Filters,
    StageFilter,
    TierFilter,
    PersonaFilter,
    OwnerFilter,
    SourceFilter,
    Unassigned,
    NoValue,
    Selected(usize),
    SelectAll,
    SelectRow,
    ClearSelection,
    ExportCsv,
    ExportHint,
    Column(Column),
    Stage(Stage),
    Tier(Tier),
    SortAscending,
    SortDescending,
    TableLabel,
    FillDemo,
    BulkActions,
    MoveTo,
    Reason,
    AssignTo,
    Apply,
    /// How many leads a bulk change was applied to.
    Changed(usize),
    FillingDemo,
    DemoHint,
}

/// A stage's name as Korean B2B teams say it.
pub fn stage_name(stage: Stage, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (stage, locale) {
        (Stage::Subscriber, Ko) => "구독자",
        (Stage::Subscriber, En) => "Subscriber",
        (Stage::Lead, Ko) => "리드",
        (Stage::Lead, En) => "Lead",
        (Stage::Mql, _) => "MQL",
        (Stage::Pql, _) => "PQL",
        (Stage::Sql, _) => "SQL",
        (Stage::Opportunity, Ko) => "영업 기회",
        (Stage::Opportunity, En) => "Opportunity",
        (Stage::Customer, Ko) => "고객",
        (Stage::Customer, En) => "Customer",
        (Stage::Evangelist, Ko) => "옹호 고객",
        (Stage::Evangelist, En) => "Evangelist",
        (Stage::Nurture, Ko) => "육성",
        (Stage::Nurture, En) => "Nurture",
        (Stage::Recycled, Ko) => "재활용",
        (Stage::Recycled, En) => "Recycled",
        (Stage::Disqualified, Ko) => "부적격",
        (Stage::Disqualified, En) => "Disqualified",
    }
}

impl Translate for LeadsText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (*self, locale) {
            (Self::Title, Ko) => "리드".into(),
            (Self::Title, En) => "Leads".into(),
            (Self::Showing(shown, total), Ko) if shown == total => format!("리드 {}건", count(total)),
            (Self::Showing(shown, total), Ko) => {
                format!("리드 {}건 중 {}건", count(total), count(shown))
            }
            (Self::Showing(1, 1), En) => "1 lead".into(),
            (Self::Showing(shown, total), En) if shown == total => {
                format!("{} leads", count(total))
            }
            (Self::Showing(shown, total), En) => {
                format!("{} of {} leads", count(shown), count(total))
            }
            (Self::Search, Ko) => "검색".into(),
            (Self::Search, En) => "Search".into(),
            (Self::SearchHint, Ko) => "이름, 이메일, 회사, 직함".into(),
            (Self::SearchHint, En) => "Name, e-mail, company, title".into(),
            (Self::StillReading, Ko) => "· 나머지를 이 기기에서 읽는 중…".into(),
            (Self::StillReading, En) => "· reading the rest on this device…".into(),
            (Self::NoLeadsYet, Ko) => "아직 리드가 없습니다. 폼으로 첫 리드를 받아 보세요.".into(),
            (Self::NoLeadsYet, En) => "No leads yet. Capture your first one with a form.".into(),
            (Self::NoMatch, Ko) => "조건에 맞는 리드가 없습니다.".into(),
            (Self::NoMatch, En) => "No lead matches these filters.".into(),
            (Self::ClearFilters, Ko) => "필터 지우기".into(),
            (Self::ClearFilters, En) => "Clear filters".into(),
            (Self::Filters, Ko) => "필터".into(),
            (Self::Filters, En) => "Filters".into(),
            (Self::StageFilter, Ko) => "단계".into(),
            (Self::StageFilter, En) => "Stage".into(),
            (Self::TierFilter, Ko) => "등급".into(),
            (Self::TierFilter, En) => "Tier".into(),
            (Self::PersonaFilter, Ko) => "페르소나".into(),
            (Self::PersonaFilter, En) => "Persona".into(),
            (Self::OwnerFilter, Ko) => "담당자".into(),
            (Self::OwnerFilter, En) => "Owner".into(),
            (Self::SourceFilter, Ko) => "유입 경로".into(),
            (Self::SourceFilter, En) => "Source".into(),
            (Self::Unassigned, Ko) => "미배정".into(),
            (Self::Unassigned, En) => "Unassigned".into(),
            (Self::NoValue, Ko) => "(없음)".into(),
            (Self::NoValue, En) => "(none)".into(),
            (Self::Selected(n), Ko) => format!("{n}건 선택"),
            (Self::Selected(n), En) => format!("{n} selected"),
            (Self::SelectAll, Ko) => "보이는 리드 모두 선택".into(),
            (Self::SelectAll, En) => "Select all shown leads".into(),
            (Self::SelectRow, Ko) => "선택".into(),
            (Self::SelectRow, En) => "Select".into(),
            (Self::ClearSelection, Ko) => "선택 해제".into(),
            (Self::ClearSelection, En) => "Clear selection".into(),
            (Self::ExportCsv, Ko) => "CSV 내보내기".into(),
            (Self::ExportCsv, En) => "Export CSV".into(),
            (Self::ExportHint, Ko) => "선택한 리드, 없으면 보이는 리드 전체".into(),
            (Self::ExportHint, En) => "The selected leads, or every shown lead".into(),
            (Self::Column(column), locale) => column_name(column, locale).into(),
            (Self::Stage(stage), locale) => stage_name(stage, locale).into(),
            (Self::Tier(tier), Ko) => format!("{} 등급", tier.as_str()),
            (Self::Tier(tier), En) => format!("Tier {}", tier.as_str()),
            (Self::SortAscending, Ko) => "오름차순 정렬됨".into(),
            (Self::SortAscending, En) => "sorted ascending".into(),
            (Self::SortDescending, Ko) => "내림차순 정렬됨".into(),
            (Self::SortDescending, En) => "sorted descending".into(),
            (Self::BulkActions, Ko) => "선택한 리드 일괄 변경".into(),
            (Self::BulkActions, En) => "Change the selected leads".into(),
            (Self::MoveTo, Ko) => "단계 변경".into(),
            (Self::MoveTo, En) => "Move to stage".into(),
            (Self::Reason, Ko) => "사유".into(),
            (Self::Reason, En) => "Reason".into(),
            (Self::AssignTo, Ko) => "담당자 지정".into(),
            (Self::AssignTo, En) => "Assign to".into(),
            (Self::Apply, Ko) => "적용".into(),
            (Self::Apply, En) => "Apply".into(),
            (Self::Changed(n), Ko) => format!("리드 {n}건을 변경했습니다. 동기화되면 팀에도 보입니다."),
            (Self::Changed(n), En) => format!("Changed {n} leads; the team sees it once synced."),
            (Self::FillDemo, Ko) => "데모 데이터로 채우기".into(),
            (Self::FillDemo, En) => "Fill with demo data".into(),
            (Self::FillingDemo, Ko) => "데모 리드를 만드는 중…".into(),
            (Self::FillingDemo, En) => "Making demo leads…".into(),
            (Self::DemoHint, Ko) => {
                "가상의 한국·해외 B2B 리드 400건과 6개월의 활동 이력, 영업 결과로 모든 화면을 살펴볼 수 있습니다.".into()
            }
            (Self::DemoHint, En) => {
                "400 made-up Korean and international B2B leads with six months of activity and sales outcomes, to try every view.".into()
            }
            (Self::TableLabel, Ko) => {
                "리드 목록. 화살표 키로 이동, Enter로 열기, 스페이스로 선택".into()
            }
            (Self::TableLabel, En) => {
                "Lead list. Arrow keys move, Enter opens, Space selects".into()
            }
        }
    }
}

fn column_name(column: Column, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (column, locale) {
        (Column::Name, Ko) => "이름",
        (Column::Name, En) => "Name",
        (Column::Company, Ko) => "회사",
        (Column::Company, En) => "Company",
        (Column::Email, Ko) => "이메일",
        (Column::Email, En) => "E-mail",
        (Column::Title, Ko) => "직함",
        (Column::Title, En) => "Title",
        (Column::Stage, Ko) => "단계",
        (Column::Stage, En) => "Stage",
        (Column::Tier, Ko) => "등급",
        (Column::Tier, En) => "Tier",
        (Column::Persona, Ko) => "페르소나",
        (Column::Persona, En) => "Persona",
        (Column::Owner, Ko) => "담당자",
        (Column::Owner, En) => "Owner",
        (Column::Source, Ko) => "유입 경로",
        (Column::Source, En) => "Source",
        (Column::Score, Ko) => "점수",
        (Column::Score, En) => "Score",
        (Column::Captured, Ko) => "수집 시각",
        (Column::Captured, En) => "Captured",
    }
}

/// A lead count with thousands separators (`100,000`).
fn count(n: usize) -> String {
    crate::i18n::format::number(i64::try_from(n).unwrap_or(i64::MAX))
}
