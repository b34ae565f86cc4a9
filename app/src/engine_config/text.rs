//! The texts of saving, the version history and configuration problems, in both
//! languages.

use leadkit_shared::model::TouchKind;

use super::inputs::InputProblem;
use super::problems::ProblemText;
use crate::i18n::{Locale, Translate};

/// Every text of the configuration editor's shared parts.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigText {
    Input(InputProblem),
    Problem(ProblemText),
    Loading,
    LoadFailed(String),
    Cached,
    /// Editing from this saved version (0: the defaults).
    EditingVersion(u32),
    Unsaved,
    NoChanges,
    SavedAs(u32),
    Save,
    Saving,
    Discard,
    Note,
    NoteHint,
    Conflict,
    Reload,
    Forbidden,
    /// Stored on this device as version `n`, waiting for the network.
    SavedOnDevice(u32),
    RefusedPart(String),
    SaveFailed(String),
    FixProblems,
    HistoryTitle,
    HistoryIntro,
    HistoryEmpty,
    HistoryFailed(String),
    Version(u32),
    ByWhom(String),
    ByToken,
    NoChangeRecorded,
    /// A change, for screen readers: (what, before, after).
    ChangedFromTo(String, String, String),
}

impl Translate for ConfigText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (self, locale) {
            (Self::Input(p), locale) => input_problem(*p, locale),
            (Self::Problem(p), locale) => problem(p, locale),
            (Self::Loading, Ko) => "저장된 규칙을 불러오는 중…".into(),
            (Self::Loading, En) => "Loading the saved rules…".into(),
            (Self::LoadFailed(why), Ko) => format!("규칙을 불러오지 못했습니다: {why}"),
            (Self::LoadFailed(why), En) => format!("The rules could not be loaded: {why}"),
            (Self::Cached, Ko) => {
                "오프라인: 이 기기에 저장된 규칙을 보여 줍니다. 저장하면 이 기기에 보관했다가 연결되면 동기화합니다."
                    .into()
            }
            (Self::Cached, En) => {
                "Offline: showing the rules kept on this device. A save is kept here and syncs once online."
                    .into()
            }
            (Self::EditingVersion(0), Ko) => "기본 규칙을 편집 중 (아직 저장된 버전 없음)".into(),
            (Self::EditingVersion(0), En) => "Editing the defaults (no version saved yet)".into(),
            (Self::EditingVersion(v), Ko) => format!("버전 {v}을(를) 편집 중"),
            (Self::EditingVersion(v), En) => format!("Editing version {v}"),
            (Self::Unsaved, Ko) => "저장하지 않은 변경이 있습니다.".into(),
            (Self::Unsaved, En) => "You have unsaved changes.".into(),
            (Self::NoChanges, Ko) => "변경 사항 없음".into(),
            (Self::NoChanges, En) => "No changes".into(),
            (Self::SavedAs(v), Ko) => format!("버전 {v}(으)로 저장했습니다."),
            (Self::SavedAs(v), En) => format!("Saved as version {v}."),
            (Self::Save, Ko) => "저장".into(),
            (Self::Save, En) => "Save".into(),
            (Self::Saving, Ko) => "저장 중…".into(),
            (Self::Saving, En) => "Saving…".into(),
            (Self::Discard, Ko) => "변경 취소".into(),
            (Self::Discard, En) => "Discard changes".into(),
            (Self::Note, Ko) => "무엇을 왜 바꿨나요? (버전 기록에 남습니다)".into(),
            (Self::Note, En) => "What changed and why? (kept in the version history)".into(),
            (Self::NoteHint, Ko) => "예: Q4 리뷰에서 영업과 합의해 MQL 기준을 40점으로".into(),
            (Self::NoteHint, En) => "e.g. MQL bar lowered to 40 after the Q4 review with sales".into(),
            (Self::Conflict, Ko) => {
                "편집하는 동안 다른 사람이 새 버전을 저장했습니다. 다시 불러오면 그 버전을 보여 주고 여기서 한 변경은 사라집니다."
                    .into()
            }
            (Self::Conflict, En) => {
                "Someone saved a newer version while you were editing. Reloading shows it; the edits made here are then lost."
                    .into()
            }
            (Self::Reload, Ko) => "최신 버전 다시 불러오기".into(),
            (Self::Reload, En) => "Reload the latest version".into(),
            (Self::Forbidden, Ko) => "규칙은 마케팅 담당자와 관리자만 바꿀 수 있습니다.".into(),
            (Self::Forbidden, En) => "Only marketing members and admins may change the rules.".into(),
            (Self::SavedOnDevice(v), Ko) => {
                format!("이 기기에 버전 {v}(으)로 저장했습니다. 연결되면 팀과 동기화합니다.")
            }
            (Self::SavedOnDevice(v), En) => {
                format!("Saved on this device as version {v}; it syncs with the team once online.")
            }
            (Self::RefusedPart(why), Ko) => format!("서버가 이 부분을 거부했습니다: {why}"),
            (Self::RefusedPart(why), En) => format!("The server refused this part: {why}"),
            (Self::SaveFailed(why), Ko) => format!("저장하지 못했습니다: {why}"),
            (Self::SaveFailed(why), En) => format!("Not saved: {why}"),
            (Self::FixProblems, Ko) => "표시된 문제를 고쳐야 저장할 수 있습니다.".into(),
            (Self::FixProblems, En) => "Fix the marked problems to save.".into(),
            (Self::HistoryTitle, Ko) => "버전 기록".into(),
            (Self::HistoryTitle, En) => "Version history".into(),
            (Self::HistoryIntro, Ko) => "마케팅과 영업이 합의한 규칙: 누가, 언제, 무엇을 바꿨는지".into(),
            (Self::HistoryIntro, En) => {
                "What marketing and sales agreed on: who changed what, and when".into()
            }
            (Self::HistoryEmpty, Ko) => "아직 저장된 버전이 없습니다. 기본 규칙이 적용 중입니다.".into(),
            (Self::HistoryEmpty, En) => "No version saved yet: the defaults apply.".into(),
            (Self::HistoryFailed(why), Ko) => format!("버전 기록을 불러오지 못했습니다: {why}"),
            (Self::HistoryFailed(why), En) => format!("The history could not be loaded: {why}"),
            (Self::Version(v), Ko) => format!("버전 {v}"),
            (Self::Version(v), En) => format!("Version {v}"),
            (Self::ByWhom(name), _) => name.clone(),
            (Self::ByToken, Ko) => "API 토큰".into(),
            (Self::ByToken, En) => "an API token".into(),
            (Self::NoChangeRecorded, Ko) => "바뀐 값 없음".into(),
            (Self::NoChangeRecorded, En) => "No value changed".into(),
            (Self::ChangedFromTo(what, before, after), Ko) => {
                format!("{what}: {before}에서 {after}(으)로")
            }
            (Self::ChangedFromTo(what, before, after), En) => {
                format!("{what}: from {before} to {after}")
            }
        }
    }
}

fn input_problem(problem: InputProblem, locale: Locale) -> String {
    use Locale::{En, Ko};
    match (problem, locale) {
        (InputProblem::NotAWholeNumber, Ko) => "정수를 입력하세요.".into(),
        (InputProblem::NotAWholeNumber, En) => "Enter a whole number.".into(),
        (InputProblem::NotANumber, Ko) => "숫자를 입력하세요.".into(),
        (InputProblem::NotANumber, En) => "Enter a number.".into(),
        (InputProblem::OutOfRange { min, max }, Ko) => format!("{min}에서 {max} 사이여야 합니다."),
        (InputProblem::OutOfRange { min, max }, En) => format!("Must be from {min} to {max}."),
    }
}

fn kind(kind: TouchKind, locale: Locale) -> String {
    crate::scoring::text::touch_kind_name(kind, locale).to_owned()
}

fn problem(problem: &ProblemText, locale: Locale) -> String {
    use Locale::{En, Ko};
    use ProblemText as P;
    match (problem, locale) {
        (P::PersonaBlankName, Ko) => "페르소나 이름을 입력하세요.".into(),
        (P::PersonaBlankName, En) => "Give the persona a name.".into(),
        (P::PersonaDuplicate(name), Ko) => format!("페르소나 이름 \"{name}\"이(가) 이미 있습니다."),
        (P::PersonaDuplicate(name), En) => format!("A persona is already called \"{name}\"."),
        (P::PersonaNoCriteria, Ko) => "기준을 하나 이상 추가하세요.".into(),
        (P::PersonaNoCriteria, En) => "Add at least one criterion.".into(),
        (P::CriterionZeroWeight, Ko) => "가중치는 1 이상이어야 합니다.".into(),
        (P::CriterionZeroWeight, En) => "The weight must be at least 1.".into(),
        (P::BadCutoffs, Ko) => "등급 기준은 100 ≥ A ≥ B ≥ C 여야 합니다.".into(),
        (P::BadCutoffs, En) => "Tier cut-offs must satisfy 100 ≥ A ≥ B ≥ C.".into(),
        (P::EmptyOneOf, Ko) => "값을 하나 이상 입력하세요 (쉼표로 구분).".into(),
        (P::EmptyOneOf, En) => "Enter at least one value (separated by commas).".into(),
        (P::BlankText, Ko) => "비교할 글자를 입력하세요.".into(),
        (P::BlankText, En) => "Enter the text to compare with.".into(),
        (P::NonFiniteNumber, Ko) => "유한한 숫자여야 합니다.".into(),
        (P::NonFiniteNumber, En) => "Numbers must be finite.".into(),
        (P::UnboundedRange, Ko) => "최소나 최대 중 하나는 입력하세요.".into(),
        (P::UnboundedRange, En) => "Enter a minimum or a maximum.".into(),
        (P::InvertedRange, Ko) => "최소가 최대보다 큽니다.".into(),
        (P::InvertedRange, En) => "The minimum is above the maximum.".into(),
        (P::TypeMismatch, Ko) => "이 필드에는 쓸 수 없는 조건이나 값입니다.".into(),
        (P::TypeMismatch, En) => "This test or value does not fit the field.".into(),
        (P::RuleEmptyId, Ko) => "규칙에 ID가 없습니다.".into(),
        (P::RuleEmptyId, En) => "The rule has no id.".into(),
        (P::RuleDuplicateId(id), Ko) => format!("규칙 ID \"{id}\"가 두 번 쓰였습니다."),
        (P::RuleDuplicateId(id), En) => format!("The rule id \"{id}\" is used twice."),
        (P::RuleEmptyName, Ko) => "규칙 이름을 입력하세요.".into(),
        (P::RuleEmptyName, En) => "Give the rule a name.".into(),
        (P::RuleZeroPoints, Ko) => "점수는 0이 아니어야 합니다.".into(),
        (P::RuleZeroPoints, En) => "Points must not be 0.".into(),
        (P::RuleZeroMaxTimes, Ko) => "최대 횟수는 1 이상이어야 합니다.".into(),
        (P::RuleZeroMaxTimes, En) => "The most times must be at least 1.".into(),
        (P::RuleZeroCap, Ko) => "상한은 1점 이상이어야 합니다.".into(),
        (P::RuleZeroCap, En) => "The cap must be at least 1 point.".into(),
        (P::ConditionEmptyKey, Ko) => "조건의 메타데이터 키를 입력하세요.".into(),
        (P::ConditionEmptyKey, En) => "Enter the condition's metadata key.".into(),
        (P::ConditionEmptyValue(key), Ko) => format!("\"{key}\" 조건에 비교할 값을 입력하세요."),
        (P::ConditionEmptyValue(key), En) => format!("Enter a value for the \"{key}\" condition."),
        (P::ProfileEmptyValue, Ko) => "값 목록에 빈 항목 없이 하나 이상 입력하세요.".into(),
        (P::ProfileEmptyValue, En) => "Enter at least one value, none of them blank.".into(),
        (P::InvalidHalfLife, Ko) => "반감기는 0보다 큰 일 수여야 합니다.".into(),
        (P::InvalidHalfLife, En) => "The half-life must be a number of days above 0.".into(),
        (P::InvalidUtcOffset, Ko) => "시간대가 올바르지 않습니다.".into(),
        (P::InvalidUtcOffset, En) => "The time zone is not valid.".into(),
        (P::TooManyRules, Ko) => "규칙이 너무 많습니다.".into(),
        (P::TooManyRules, En) => "There are too many rules.".into(),
        (P::StageDuplicate, Ko) => "이 단계가 두 번 정의되었습니다.".into(),
        (P::StageDuplicate, En) => "This stage is defined twice.".into(),
        (P::StageNotEvaluable, Ko) => "이 단계에는 진입 기준을 둘 수 없습니다.".into(),
        (P::StageNotEvaluable, En) => "This stage cannot have entry criteria.".into(),
        (P::StageEmpty, Ko) => "기준이 없으면 모든 리드가 해당됩니다. 기준을 추가하세요.".into(),
        (P::StageEmpty, En) => "Without criteria every lead would qualify: add one.".into(),
        (P::StageEmptyAnyOf, Ko) => "'하나 이상' 조건이 비어 있습니다.".into(),
        (P::StageEmptyAnyOf, En) => "An \"any of\" group is empty.".into(),
        (P::PercentOutOfRange, Ko) => "비율은 100%를 넘을 수 없습니다.".into(),
        (P::PercentOutOfRange, En) => "A percentage cannot be above 100.".into(),
        (P::ZeroMinCount(k), Ko) => {
            format!("{} 최소 횟수는 1 이상이어야 합니다.", kind(*k, locale))
        }
        (P::ZeroMinCount(k), En) => {
            format!("{}: the least count must be at least 1.", kind(*k, locale))
        }
        (P::ZeroWindow(k), Ko) => format!("{} 기간은 1일 이상이어야 합니다.", kind(*k, locale)),
        (P::ZeroWindow(k), En) => {
            format!("{}: the window must be at least 1 day.", kind(*k, locale))
        }
        (P::BlankMetadataKey, Ko) => "메타데이터 키를 입력하세요.".into(),
        (P::BlankMetadataKey, En) => "Enter the metadata key.".into(),
        (P::SelfTransition, Ko) => "같은 단계로의 이동이 허용 목록에 있습니다.".into(),
        (P::SelfTransition, En) => "A move from a stage to itself is listed.".into(),
        (P::DuplicateTransition, Ko) => "같은 이동이 두 번 허용되어 있습니다.".into(),
        (P::DuplicateTransition, En) => "A move is listed twice.".into(),
        (P::AutomaticWithoutDefinition, Ko) => "자동 단계에는 기준이 필요합니다.".into(),
        (P::AutomaticWithoutDefinition, En) => "An automatic stage needs criteria.".into(),
    }
}
