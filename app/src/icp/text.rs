//! The ICP editor's texts in both languages.

use leadkit_shared::model::Field;
use leadkit_shared::predicate::field_name;

use super::draft::OpKind;
use crate::i18n::{Locale, Translate};

/// Every text of the ICP editor.
#[derive(Debug, Clone, PartialEq)]
pub enum IcpText {
    Title,
    Intro,
    NoPersonas,
    AddPersona,
    /// The name a new persona starts with.
    NewPersona(usize),
    RemovePersona(String),
    PersonaName,
    Cutoffs,
    CutoffsHint,
    Cutoff(&'static str),
    Criteria,
    AddCriterion,
    RemoveCriterion(usize),
    Criterion(usize),
    Field,
    Test,
    Value,
    Values,
    ValuesHint,
    Min,
    Max,
    Weight,
    Label,
    Yes,
    No,
    Op(OpKind),
    FieldName(Field),
    CountsTitle,
    Counting,
    CountsStale,
    Tier(&'static str),
    NoMatch,
    AllPersonas,
    Persona,
    Leads(usize),
    Skipped(usize),
    NoLeads,
    /// The counts read out: A, B, C, D, no match.
    Summary([u32; 4], u32),
    TotalWeight(u64),
}

impl Translate for IcpText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (self, locale) {
            (Self::Title, Ko) => "ICP와 페르소나".into(),
            (Self::Title, En) => "ICP & personas".into(),
            (Self::Intro, Ko) => {
                "리드가 가장 잘 맞는 페르소나의 기준 가중치 합이 적합도 점수가 되고, 그 비율로 등급(A–D)이 정해집니다."
                    .into()
            }
            (Self::Intro, En) => {
                "A lead's fit is the weight of the criteria it meets in its best persona; the share of that persona's weight sets its tier (A–D)."
                    .into()
            }
            (Self::NoPersonas, Ko) => {
                "페르소나가 없으면 모든 리드의 적합도는 0이고 등급이 없습니다. 페르소나를 추가하세요."
                    .into()
            }
            (Self::NoPersonas, En) => {
                "Without personas every lead's fit is 0 and has no tier. Add a persona.".into()
            }
            (Self::AddPersona, Ko) => "페르소나 추가".into(),
            (Self::AddPersona, En) => "Add persona".into(),
            (Self::NewPersona(n), Ko) => format!("새 페르소나 {n}"),
            (Self::NewPersona(n), En) => format!("New persona {n}"),
            (Self::RemovePersona(name), Ko) => format!("페르소나 \"{name}\" 삭제"),
            (Self::RemovePersona(name), En) => format!("Remove persona \"{name}\""),
            (Self::PersonaName, Ko) => "페르소나 이름".into(),
            (Self::PersonaName, En) => "Persona name".into(),
            (Self::Cutoffs, Ko) => "등급 기준 (가중치 합 대비 %)".into(),
            (Self::Cutoffs, En) => "Tier cut-offs (% of the total weight)".into(),
            (Self::CutoffsHint, Ko) => "A ≥ B ≥ C, 그 아래는 D".into(),
            (Self::CutoffsHint, En) => "A ≥ B ≥ C; anything less is D".into(),
            (Self::Cutoff(tier), Ko) => format!("{tier} 등급 최소 %"),
            (Self::Cutoff(tier), En) => format!("Least % for tier {tier}"),
            (Self::Criteria, Ko) => "기준".into(),
            (Self::Criteria, En) => "Criteria".into(),
            (Self::AddCriterion, Ko) => "기준 추가".into(),
            (Self::AddCriterion, En) => "Add criterion".into(),
            (Self::RemoveCriterion(n), Ko) => format!("기준 {n} 삭제"),
            (Self::RemoveCriterion(n), En) => format!("Remove criterion {n}"),
            (Self::Criterion(n), Ko) => format!("기준 {n}"),
            (Self::Criterion(n), En) => format!("Criterion {n}"),
            (Self::Field, Ko) => "필드".into(),
            (Self::Field, En) => "Field".into(),
            (Self::Test, Ko) => "조건".into(),
            (Self::Test, En) => "Test".into(),
            (Self::Value, Ko) => "값".into(),
            (Self::Value, En) => "Value".into(),
            (Self::Values, Ko) => "값 (쉼표로 구분)".into(),
            (Self::Values, En) => "Values (comma-separated)".into(),
            (Self::ValuesHint, Ko) => "예: 서울, 경기".into(),
            (Self::ValuesHint, En) => "e.g. Seoul, Gyeonggi".into(),
            (Self::Min, Ko) => "최소 (비우면 제한 없음)".into(),
            (Self::Min, En) => "Minimum (blank: none)".into(),
            (Self::Max, Ko) => "최대 (비우면 제한 없음)".into(),
            (Self::Max, En) => "Maximum (blank: none)".into(),
            (Self::Weight, Ko) => "가중치".into(),
            (Self::Weight, En) => "Weight".into(),
            (Self::Label, Ko) => "설명에 보일 이름 (선택)".into(),
            (Self::Label, En) => "Name in explanations (optional)".into(),
            (Self::Yes, Ko) => "예".into(),
            (Self::Yes, En) => "Yes".into(),
            (Self::No, Ko) => "아니요".into(),
            (Self::No, En) => "No".into(),
            (Self::Op(op), locale) => op_name(*op, locale).into(),
            (Self::FieldName(field), locale) => field_label(field, locale),
            (Self::CountsTitle, Ko) => "등급별 리드 수 (이 기기의 리드)".into(),
            (Self::CountsTitle, En) => "Leads per tier (leads on this device)".into(),
            (Self::Counting, Ko) => "다시 세는 중…".into(),
            (Self::Counting, En) => "Recounting…".into(),
            (Self::CountsStale, Ko) => "표시된 문제를 고치면 다시 셉니다. 아래는 직전 결과입니다.".into(),
            (Self::CountsStale, En) => {
                "Fix the marked problem to recount; these are the last counts.".into()
            }
            (Self::Tier(t), Ko) => format!("{t} 등급"),
            (Self::Tier(t), En) => format!("Tier {t}"),
            (Self::NoMatch, Ko) => "해당 없음".into(),
            (Self::NoMatch, En) => "No match".into(),
            (Self::AllPersonas, Ko) => "전체".into(),
            (Self::AllPersonas, En) => "All personas".into(),
            (Self::Persona, Ko) => "페르소나".into(),
            (Self::Persona, En) => "Persona".into(),
            (Self::Leads(n), Ko) => format!("리드 {n}건 기준"),
            (Self::Leads(1), En) => "Over 1 lead".into(),
            (Self::Leads(n), En) => format!("Over {n} leads"),
            (Self::Skipped(n), Ko) => {
                format!("{n}건은 전체 기록 없이 저장되어 세지 않았습니다 (다음 동기화 후 포함).")
            }
            (Self::Skipped(n), En) => {
                format!("{n} stored without their full record are not counted (until the next sync).")
            }
            (Self::NoLeads, Ko) => "이 기기에 아직 리드가 없어 셀 것이 없습니다.".into(),
            (Self::NoLeads, En) => "No leads on this device yet, so nothing to count.".into(),
            (Self::Summary([a, b, c, d], none), Ko) => {
                format!("A {a}건, B {b}건, C {c}건, D {d}건, 해당 없음 {none}건")
            }
            (Self::Summary([a, b, c, d], none), En) => {
                format!("A {a}, B {b}, C {c}, D {d}, no match {none}")
            }
            (Self::TotalWeight(w), Ko) => format!("가중치 합 {w}"),
            (Self::TotalWeight(w), En) => format!("Total weight {w}"),
        }
    }
}

fn op_name(op: OpKind, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (op, locale) {
        (OpKind::Equals, Ko) => "같음",
        (OpKind::Equals, En) => "equals",
        (OpKind::OneOf, Ko) => "다음 중 하나",
        (OpKind::OneOf, En) => "is one of",
        (OpKind::Range, Ko) => "범위",
        (OpKind::Range, En) => "is between",
        (OpKind::Contains, Ko) => "포함",
        (OpKind::Contains, En) => "contains",
        (OpKind::Exists, Ko) => "값 있음",
        (OpKind::Exists, En) => "is present",
        (OpKind::Missing, Ko) => "값 없음",
        (OpKind::Missing, En) => "is missing",
    }
}

/// A field's name as a team says it.
pub fn field_label(field: &Field, locale: Locale) -> String {
    use Locale::{En, Ko};
    let name = match (field, locale) {
        (Field::Email, Ko) => "이메일",
        (Field::Email, En) => "E-mail",
        (Field::EmailDomain, Ko) => "이메일 도메인",
        (Field::EmailDomain, En) => "E-mail domain",
        (Field::EmailVerified, Ko) => "이메일 인증됨",
        (Field::EmailVerified, En) => "E-mail verified",
        (Field::Name, Ko) => "이름",
        (Field::Name, En) => "Name",
        (Field::Title, Ko) => "직함",
        (Field::Title, En) => "Title",
        (Field::Seniority, Ko) => "직급",
        (Field::Seniority, En) => "Seniority",
        (Field::Department, Ko) => "부서",
        (Field::Department, En) => "Department",
        (Field::Phone, Ko) => "전화번호",
        (Field::Phone, En) => "Phone",
        (Field::PhoneVerified, Ko) => "전화 인증됨",
        (Field::PhoneVerified, En) => "Phone verified",
        (Field::EntryPath, Ko) => "유입 방식",
        (Field::EntryPath, En) => "Entry path",
        (Field::Source, Ko) => "유입 경로",
        (Field::Source, En) => "Source",
        (Field::UtmSource, Ko) => "UTM 소스",
        (Field::UtmSource, En) => "UTM source",
        (Field::UtmMedium, Ko) => "UTM 매체",
        (Field::UtmMedium, En) => "UTM medium",
        (Field::UtmCampaign, Ko) => "UTM 캠페인",
        (Field::UtmCampaign, En) => "UTM campaign",
        (Field::Referrer, Ko) => "리퍼러",
        (Field::Referrer, En) => "Referrer",
        (Field::Owner, Ko) => "담당자 배정",
        (Field::Owner, En) => "Owner assigned",
        (Field::Stage, Ko) => "단계",
        (Field::Stage, En) => "Stage",
        (Field::BuyingRole, Ko) => "구매 역할",
        (Field::BuyingRole, En) => "Buying role",
        (Field::Champion, Ko) => "챔피언",
        (Field::Champion, En) => "Champion",
        (Field::CompanyName, Ko) => "회사명",
        (Field::CompanyName, En) => "Company name",
        (Field::Domain, Ko) => "회사 도메인",
        (Field::Domain, En) => "Company domain",
        (Field::Industry, Ko) => "업종",
        (Field::Industry, En) => "Industry",
        (Field::EmployeeCount, Ko) => "직원 수",
        (Field::EmployeeCount, En) => "Employees",
        (Field::RevenueBand, Ko) => "매출 규모",
        (Field::RevenueBand, En) => "Revenue band",
        (Field::Country, Ko) => "국가",
        (Field::Country, En) => "Country",
        (Field::Region, Ko) => "지역",
        (Field::Region, En) => "Region",
        (Field::TechTags, Ko) => "기술 스택",
        (Field::TechTags, En) => "Tech stack",
        (Field::Custom(_) | Field::AccountCustom(_), _) => return field_name(field),
    };
    name.to_owned()
}
