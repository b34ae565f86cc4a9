//! The invitation screen's texts in both languages.

use crate::i18n::{Locale, Translate};

/// Every text of the accept-invitation screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteText {
    Title,
    /// For a person without an account yet.
    NewIntro,
    /// For a person joining with the account they have.
    ExistingIntro,
    /// Switches to joining with an existing account.
    HaveAccount,
    /// Switches to making a new account.
    NeedAccount,
    Join,
    /// The link's token is malformed or unknown.
    Unknown,
    Expired,
    Revoked,
    Used,
    /// The person is in the workspace already.
    AlreadyMember,
    SignInInstead,
}

impl Translate for InviteText {
    fn translate(&self, locale: Locale) -> String {
        use Locale::{En, Ko};
        match (*self, locale) {
            (Self::Title, Ko) => "워크스페이스 초대",
            (Self::Title, En) => "Workspace invitation",
            (Self::NewIntro, Ko) => "이름과 비밀번호를 정하면 계정이 만들어지고 초대받은 워크스페이스가 열립니다.",
            (Self::NewIntro, En) => "Choose your name and a password: your account is made and the workspace you were invited to opens.",
            (Self::ExistingIntro, Ko) => "초대받은 이메일의 계정 비밀번호를 입력하면 워크스페이스에 참여합니다.",
            (Self::ExistingIntro, En) => "Enter the password of the account with the invited e-mail address to join.",
            (Self::HaveAccount, Ko) => "이미 계정이 있습니다",
            (Self::HaveAccount, En) => "I already have an account",
            (Self::NeedAccount, Ko) => "계정이 없습니다 (새로 만들기)",
            (Self::NeedAccount, En) => "I have no account yet (create one)",
            (Self::Join, Ko) => "참여하기",
            (Self::Join, En) => "Join",
            (Self::Unknown, Ko) => "올바른 초대 링크가 아닙니다. 받은 링크 전체를 열었는지 확인하세요.",
            (Self::Unknown, En) => "This is not a valid invitation link. Check that you opened the whole link.",
            (Self::Expired, Ko) => "초대 링크가 만료되었습니다(7일). 관리자에게 새 초대를 요청하세요.",
            (Self::Expired, En) => "This invitation expired (links last 7 days). Ask an admin for a new one.",
            (Self::Revoked, Ko) => "관리자가 이 초대를 취소했습니다. 새 초대가 필요하면 관리자에게 요청하세요.",
            (Self::Revoked, En) => "An admin withdrew this invitation. Ask them for a new one if you still need it.",
            (Self::Used, Ko) => "이미 사용된 초대 링크입니다. 계정이 있다면 로그인하세요.",
            (Self::Used, En) => "This invitation was already used. If it was you, sign in.",
            (Self::AlreadyMember, Ko) => "이미 이 워크스페이스의 멤버입니다. 로그인하세요.",
            (Self::AlreadyMember, En) => "You are already a member of this workspace. Sign in instead.",
            (Self::SignInInstead, Ko) => "로그인 화면으로",
            (Self::SignInInstead, En) => "Sign in instead",
        }
        .to_owned()
    }
}
