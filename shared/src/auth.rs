//! Who may do what in a workspace, and the pure half of signing in: roles and their
//! permissions, the formats and storage hashes of API, session and invitation tokens,
//! the password policy and hashing parameters, session lifetimes and the session cookie,
//! invitations and the rule that keeps every workspace an admin.
//! The worker supplies randomness, the clock and PBKDF2 (Web Crypto); nothing here
//! does I/O.

mod cookie;
mod encoding;
mod invitation;
mod membership;
mod password;
mod role;
mod session;
mod signup;
mod token;

pub use cookie::{
    Credential, CredentialError, SESSION_COOKIE, clear_session_cookie, cookie_is_secure,
    cookie_value, credential_from_headers, session_cookie,
};
pub use encoding::{base64url, from_hex, hex};
pub use invitation::{
    INVITATION_LIFETIME, InvitationProblem, InvitationState, ValidAcceptance, ValidInvitation,
    invitation_expires_at, invitation_state, invitation_token, validate_acceptance,
    validate_invitation,
};
pub use membership::{LastAdmin, MemberChange, check_member_change, validate_role_change};
pub use password::{
    MIN_PASSWORD_CHARS, PASSWORD_HASH_BYTES, PASSWORD_SALT_BYTES, PBKDF2_ITERATIONS, PasswordError,
    constant_time_eq, validate_password,
};
pub use role::{Permission, Role, UnknownRole};
pub use session::{SESSION_LIFETIME, SessionState, session_expires_at, session_state};
pub use signup::{
    ValidLogin, ValidSignup, ValidToken, validate_login, validate_new_token, validate_signup,
};
pub use token::{
    API_TOKEN_PREFIX, DISPLAY_PREFIX_CHARS, INVITATION_TOKEN_PREFIX, SECRET_BYTES, Secret,
    TokenFormatError, hash_secret,
};

/// The workspace the first migration seeds with the demo contact form. The first person
/// to sign up claims it (becomes its admin) while it has no members, so a fresh install
/// sees the leads its `contact` form already captured; everyone after gets a new
/// workspace of their own.
pub const DEMO_WORKSPACE_ID: &str = "default";
