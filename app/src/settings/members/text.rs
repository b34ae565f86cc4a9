//! The members section's texts in both languages.

use crate::i18n::{Locale, Translate};

/// Every text of the members and invitations section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembersText {
    Members,
    NoMembers,
    /// Marks the signed-in person's own row.
    You,
    Joined,
    /// The label of a member's role control.
    RoleOf,
    Remove,
    ConfirmRemove,
    /// Says non-admins see the team read-only.
    ReadOnly,
    Invitations,
    NoInvitations,
    Expires,
    Revoke,
    ConfirmRevoke,
    Invite,
    InviteEmail,
    InviteRole,
    SendInvite,
    /// The accept link is shown once.
    LinkOnce,
    /// The role was changed.
    RoleSaved,
}

impl Translate for MembersText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (*self, locale) {
            (Self::Members, Ko) => "멤버",
            (Self::Members, En) => "Members",
            (Self::NoMembers, Ko) => "아직 멤버가 없습니다.",
            (Self::NoMembers, En) => "No members yet.",
            (Self::You, Ko) => "나",
            (Self::You, En) => "You",
            (Self::Joined, Ko) => "참여일",
            (Self::Joined, En) => "Joined",
            (Self::RoleOf, Ko) => "역할",
            (Self::RoleOf, En) => "Role",
            (Self::Remove, Ko) => "내보내기",
            (Self::Remove, En) => "Remove",
            (Self::ConfirmRemove, Ko) => "정말 내보낼까요? 한 번 더 누르세요",
            (Self::ConfirmRemove, En) => "Remove for sure? Press again",
            (Self::ReadOnly, Ko) => "멤버와 역할은 관리자만 바꿀 수 있습니다.",
            (Self::ReadOnly, En) => "Only admins change members and roles.",
            (Self::Invitations, Ko) => "대기 중인 초대",
            (Self::Invitations, En) => "Pending invitations",
            (Self::NoInvitations, Ko) => "대기 중인 초대가 없습니다.",
            (Self::NoInvitations, En) => "No pending invitations.",
            (Self::Expires, Ko) => "만료",
            (Self::Expires, En) => "Expires",
            (Self::Revoke, Ko) => "초대 취소",
            (Self::Revoke, En) => "Revoke",
            (Self::ConfirmRevoke, Ko) => "정말 취소할까요? 한 번 더 누르세요",
            (Self::ConfirmRevoke, En) => "Revoke for sure? Press again",
            (Self::Invite, Ko) => "멤버 초대",
            (Self::Invite, En) => "Invite a member",
            (Self::InviteEmail, Ko) => "초대할 이메일",
            (Self::InviteEmail, En) => "E-mail to invite",
            (Self::InviteRole, Ko) => "역할",
            (Self::InviteRole, En) => "Role",
            (Self::SendInvite, Ko) => "초대 링크 만들기",
            (Self::SendInvite, En) => "Create invitation link",
            (Self::LinkOnce, Ko) => "초대 링크는 지금 한 번만 표시됩니다. 복사해 초대받는 분께 직접 전달하세요 (7일간 유효).",
            (Self::LinkOnce, En) => "The invitation link is shown only this once. Copy it and send it to the invitee yourself (valid 7 days).",
            (Self::RoleSaved, Ko) => "역할을 바꿨습니다",
            (Self::RoleSaved, En) => "Role changed",
        }
        .to_owned()
    }
}
