//! The segments view's texts in both languages.

use leadkit_shared::segments::Token;

use crate::i18n::{Locale, Translate};

/// Every text of the segments view (and of the segment controls on the leads view).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentsText {
    Title,
    Intro,
    LoadingSegments,
    NoSegments,
    /// How many local leads a segment holds.
    Members(usize),
    NewSegment,
    Edit,
    OpenInLeads,
    Name,
    Editor,
    Matches(usize),
    FixToCount,
    All,
    Any,
    GroupLabel,
    AddCondition,
    AddGroup,
    Remove,
    FieldPicker,
    OperatorPicker,
    Value,
    Contains,
    Equals,
    AtLeast,
    StageCondition,
    TierCondition,
    ScoreCondition,
    LeadsCondition(usize),
    OtherCondition,
    TooDeep,
    Template,
    TemplateHint,
    InsertToken(Token),
    Preview,
    PreviewLead,
    NoLeadToPreview,
    /// A token with no value and no fallback, at a character position.
    MissingValue(&'static str, usize),
    TemplateProblem(usize),
    Save,
    Saved,
    Delete,
    ConfirmDelete,
    Cancel,
    SegmentFilter,
    AllLeads,
    AddToSegment,
    Added(usize),
    Offline,
}

/// A token's name as a button shows it.
fn token_label(token: Token, locale: Locale) -> &'static str {
    use Locale::{En, Ko};
    match (token, locale) {
        (Token::FirstName, Ko) => "이름",
        (Token::FirstName, En) => "First name",
        (Token::LastName, Ko) => "성",
        (Token::LastName, En) => "Last name",
        (Token::Name, Ko) => "성명",
        (Token::Name, En) => "Full name",
        (Token::Company, Ko) => "회사",
        (Token::Company, En) => "Company",
        (Token::Title, Ko) => "직함",
        (Token::Title, En) => "Title",
        (Token::Owner, Ko) => "담당자",
        (Token::Owner, En) => "Owner",
        (Token::Email, Ko) => "이메일",
        (Token::Email, En) => "E-mail",
    }
}

impl Translate for SegmentsText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        let n = crate::i18n::format::number;
        match (*self, locale) {
            (Self::Members(c), Ko) => return format!("리드 {}명", n(c as i64)),
            (Self::Members(c), En) => return format!("{} leads", n(c as i64)),
            (Self::Matches(c), Ko) => return format!("조건에 맞는 리드 {}명", n(c as i64)),
            (Self::Matches(c), En) => return format!("{} leads match", n(c as i64)),
            (Self::LeadsCondition(c), Ko) => return format!("직접 추가한 리드 {}명", n(c as i64)),
            (Self::LeadsCondition(c), En) => return format!("{} leads added by hand", n(c as i64)),
            (Self::InsertToken(t), Ko) => return format!("{} 넣기", token_label(t, locale)),
            (Self::InsertToken(t), En) => return format!("Insert {}", token_label(t, locale)),
            (Self::MissingValue(t, at), Ko) => {
                return format!("{}번째 글자: 이 리드에는 {t} 값이 없습니다. {{{{{t}|대체어}}}}처럼 대체어를 적으세요.", at + 1);
            }
            (Self::MissingValue(t, at), En) => {
                return format!("Character {}: this lead has no {t}; add a fallback like {{{{{t}|there}}}}.", at + 1);
            }
            (Self::TemplateProblem(at), Ko) => {
                return format!("{}번째 글자의 토큰을 읽을 수 없습니다 (알 수 없는 토큰이거나 }}}}가 없음).", at + 1);
            }
            (Self::TemplateProblem(at), En) => {
                return format!("The token at character {} cannot be read (unknown, or not closed with }}}}).", at + 1);
            }
            (Self::Added(c), Ko) => return format!("리드 {}명을 세그먼트에 추가했습니다.", n(c as i64)),
            (Self::Added(c), En) => return format!("Added {} leads to the segment.", n(c as i64)),
            (Self::Title, Ko) => "세그먼트",
            (Self::Title, En) => "Segments",
            (Self::Intro, Ko) => "조건을 AND/OR로 묶어 리드 그룹을 만들고, 그룹별 메시지 템플릿을 관리합니다. 인원은 이 기기의 리드로 셉니다.",
            (Self::Intro, En) => "Group leads by nested AND/OR conditions and keep a message template per group. Counts come from the leads on this device.",
            (Self::LoadingSegments, Ko) => "저장된 세그먼트를 불러오는 중…",
            (Self::LoadingSegments, En) => "Loading saved segments…",
            (Self::NoSegments, Ko) => "아직 저장된 세그먼트가 없습니다. 새 세그먼트를 만들어 보세요.",
            (Self::NoSegments, En) => "No segments saved yet. Build a new one.",
            (Self::NewSegment, Ko) => "새 세그먼트",
            (Self::NewSegment, En) => "New segment",
            (Self::Edit, Ko) => "편집",
            (Self::Edit, En) => "Edit",
            (Self::OpenInLeads, Ko) => "리드 목록에서 보기",
            (Self::OpenInLeads, En) => "Open in leads",
            (Self::Name, Ko) => "세그먼트 이름",
            (Self::Name, En) => "Segment name",
            (Self::Editor, Ko) => "세그먼트 편집",
            (Self::Editor, En) => "Segment editor",
            (Self::FixToCount, Ko) => "표시된 조건을 고치면 인원을 셉니다.",
            (Self::FixToCount, En) => "Fix the marked conditions to see the count.",
            (Self::All, Ko) => "모두 만족 (AND)",
            (Self::All, En) => "All of (AND)",
            (Self::Any, Ko) => "하나 이상 만족 (OR)",
            (Self::Any, En) => "Any of (OR)",
            (Self::GroupLabel, Ko) => "조건 그룹 결합 방식",
            (Self::GroupLabel, En) => "How the group combines",
            (Self::AddCondition, Ko) => "+ 조건",
            (Self::AddCondition, En) => "+ Condition",
            (Self::AddGroup, Ko) => "+ 그룹",
            (Self::AddGroup, En) => "+ Group",
            (Self::Remove, Ko) => "삭제",
            (Self::Remove, En) => "Remove",
            (Self::FieldPicker, Ko) => "항목",
            (Self::FieldPicker, En) => "Field",
            (Self::OperatorPicker, Ko) => "비교",
            (Self::OperatorPicker, En) => "Operator",
            (Self::Value, Ko) => "값",
            (Self::Value, En) => "Value",
            (Self::Contains, Ko) => "포함",
            (Self::Contains, En) => "contains",
            (Self::Equals, Ko) => "일치",
            (Self::Equals, En) => "equals",
            (Self::AtLeast, Ko) => "이상",
            (Self::AtLeast, En) => "at least",
            (Self::StageCondition, Ko) => "단계",
            (Self::StageCondition, En) => "Stage",
            (Self::TierCondition, Ko) => "등급",
            (Self::TierCondition, En) => "Tier",
            (Self::ScoreCondition, Ko) => "총점",
            (Self::ScoreCondition, En) => "Total score",
            (Self::OtherCondition, Ko) => "이 조건은 여기서 편집할 수 없습니다",
            (Self::OtherCondition, En) => "This condition cannot be edited here",
            (Self::TooDeep, Ko) => "더 깊이 중첩할 수 없습니다.",
            (Self::TooDeep, En) => "Groups cannot nest deeper.",
            (Self::Template, Ko) => "메시지 템플릿",
            (Self::Template, En) => "Message template",
            (Self::TemplateHint, Ko) => "{{first_name|고객}}처럼 | 뒤에 값이 없을 때 쓸 말을 적을 수 있습니다. {{을/를}}은 앞 글자에 맞춰 바뀝니다.",
            (Self::TemplateHint, En) => "Write a fallback after | for leads without the value, e.g. {{first_name|there}}. Korean particles like {{을/를}} fit the word before them.",
            (Self::Preview, Ko) => "미리보기",
            (Self::Preview, En) => "Preview",
            (Self::PreviewLead, Ko) => "미리 볼 리드",
            (Self::PreviewLead, En) => "Lead to preview",
            (Self::NoLeadToPreview, Ko) => "세그먼트에 맞는 리드가 없어 미리 볼 수 없습니다.",
            (Self::NoLeadToPreview, En) => "No lead matches the segment, so there is nothing to preview.",
            (Self::Save, Ko) => "저장",
            (Self::Save, En) => "Save",
            (Self::Saved, Ko) => "저장했습니다.",
            (Self::Saved, En) => "Saved.",
            (Self::Delete, Ko) => "삭제",
            (Self::Delete, En) => "Delete",
            (Self::ConfirmDelete, Ko) => "정말 삭제",
            (Self::ConfirmDelete, En) => "Really delete",
            (Self::Cancel, Ko) => "닫기",
            (Self::Cancel, En) => "Close",
            (Self::SegmentFilter, Ko) => "세그먼트",
            (Self::SegmentFilter, En) => "Segment",
            (Self::AllLeads, Ko) => "전체 리드",
            (Self::AllLeads, En) => "All leads",
            (Self::AddToSegment, Ko) => "세그먼트에 추가",
            (Self::AddToSegment, En) => "Add to segment",
            (Self::Offline, Ko) => "오프라인: 마지막으로 받은 세그먼트를 보여 줍니다.",
            (Self::Offline, En) => "Offline: showing the segments last fetched.",
        }
        .to_owned()
    }
}
