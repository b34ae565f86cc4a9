//! The shared pieces' texts, and the sentence for a refused action.

use leadkit_shared::capture::{FieldError, FieldErrorCode};

use crate::data::ApiError;
use crate::data::db::RejectedOp;
use crate::i18n::{Locale, Translate};

/// Every text of the shared pieces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiText {
    Copy,
    Copied,
    CopyFailed,
    Saving,
    /// The server could not be reached.
    Offline,
    /// 401: the session ended.
    SignedOut,
    /// 403: the caller's role may not do this.
    NotAllowed,
    /// 404: it is gone (deleted meanwhile).
    Gone,
    /// 409 `already_answered`.
    AlreadyAnswered,
    /// 409 `not_assigned`.
    NotAssigned,
    /// 409 `stage_not_allowed`.
    StageNotAllowed,
    /// 422: see the fields.
    FixFields,
    /// Anything else.
    Failed,
    /// 409 `last_admin`: the workspace would be left without an admin.
    LastAdmin,
    /// 409 `already_member`.
    AlreadyMember,
    /// A settings save stored on this device, waiting for the network.
    SavedOnDevice,
    /// A settings save refused because someone saved a newer version first.
    StaleVersion,
}

impl Translate for UiText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (*self, locale) {
            (Self::Copy, Ko) => "복사",
            (Self::Copy, En) => "Copy",
            (Self::Copied, Ko) => "복사했습니다",
            (Self::Copied, En) => "Copied",
            (Self::CopyFailed, Ko) => "복사하지 못했습니다. 직접 선택해 복사하세요.",
            (Self::CopyFailed, En) => "Could not copy; select the text and copy it yourself.",
            (Self::Saving, Ko) => "저장 중…",
            (Self::Saving, En) => "Saving…",
            (Self::Offline, Ko) => "서버에 연결할 수 없습니다. 연결되면 다시 시도하세요.",
            (Self::Offline, En) => "The server cannot be reached. Try again once online.",
            (Self::SignedOut, Ko) => "로그인이 만료되었습니다. 다시 로그인하세요.",
            (Self::SignedOut, En) => "Your session ended. Sign in again.",
            (Self::NotAllowed, Ko) => "내 역할로는 할 수 없는 작업입니다. 관리자에게 요청하세요.",
            (Self::NotAllowed, En) => "Your role may not do this. Ask an admin.",
            (Self::Gone, Ko) => "찾을 수 없습니다. 이미 삭제되었을 수 있습니다.",
            (Self::Gone, En) => "Not found; it may have been deleted meanwhile.",
            (Self::AlreadyAnswered, Ko) => "이미 응답한 리드입니다.",
            (Self::AlreadyAnswered, En) => "This lead was already answered.",
            (Self::NotAssigned, Ko) => "아직 담당자가 배정되지 않은 리드입니다.",
            (Self::NotAssigned, En) => "This lead is still waiting for a rep.",
            (Self::StageNotAllowed, Ko) => "단계 규칙상 이 리드를 그 단계로 옮길 수 없습니다.",
            (Self::StageNotAllowed, En) => "The stage rules do not let this lead move there.",
            (Self::FixFields, Ko) => "표시된 항목을 고친 뒤 다시 저장하세요.",
            (Self::FixFields, En) => "Fix the marked fields, then save again.",
            (Self::Failed, Ko) => "요청을 처리하지 못했습니다. 다시 시도하세요.",
            (Self::Failed, En) => "The request failed. Try again.",
            (Self::LastAdmin, Ko) => "워크스페이스에는 관리자가 한 명 이상 있어야 합니다. 먼저 다른 멤버를 관리자로 지정하세요.",
            (Self::LastAdmin, En) => "A workspace needs at least one admin. Make another member admin first.",
            (Self::AlreadyMember, Ko) => "이미 이 워크스페이스의 멤버입니다.",
            (Self::AlreadyMember, En) => "Already a member of this workspace.",
            (Self::SavedOnDevice, Ko) => "이 기기에 저장했습니다. 연결되면 팀과 동기화합니다.",
            (Self::SavedOnDevice, En) => "Saved on this device; it syncs with the team once online.",
            (Self::StaleVersion, Ko) => "그사이 다른 사람이 새 버전을 저장했습니다. 다시 불러와 편집하세요.",
            (Self::StaleVersion, En) => "Someone saved a newer version meanwhile. Reload and edit again.",
        }
        .to_owned()
    }
}

/// What to tell the person when the server refused a settings save pushed from this
/// device (its refusal code, see `Rejection::Settings`).
pub fn settings_refusal(refused: &RejectedOp) -> UiText {
    match refused.refusal.as_deref() {
        Some("not_allowed") => UiText::NotAllowed,
        Some("invalid") => UiText::FixFields,
        Some("stale_version") => UiText::StaleVersion,
        _ => UiText::Failed,
    }
}

/// The problem beside the field a refused settings save names, if it names one.
pub fn refused_fields(refused: &RejectedOp) -> Vec<FieldError> {
    refused
        .field
        .as_deref()
        .map(|field| {
            vec![FieldError::new(
                field,
                FieldErrorCode::InvalidDefinition,
                refused.reason.clone(),
            )]
        })
        .unwrap_or_default()
}

/// What to tell the person when the worker refused an action, shown beside it.
pub fn refusal(error: &ApiError) -> UiText {
    match error {
        ApiError::Network { .. } => UiText::Offline,
        ApiError::Unreadable { .. } => UiText::Failed,
        ApiError::Refused { status, body } => match (*status, body.error.as_str()) {
            (401, _) => UiText::SignedOut,
            (403, _) => UiText::NotAllowed,
            (404, _) => UiText::Gone,
            (409, "already_answered") => UiText::AlreadyAnswered,
            (409, "not_assigned") => UiText::NotAssigned,
            (409, "stage_not_allowed") => UiText::StageNotAllowed,
            (409, "last_admin") => UiText::LastAdmin,
            (409, "already_member") => UiText::AlreadyMember,
            (422 | 400, _) if !body.fields.is_empty() => UiText::FixFields,
            _ => UiText::Failed,
        },
    }
}
