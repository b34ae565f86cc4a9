//! Invitations into a workspace: what an invite request must hold, how long its link
//! works, whether a stored invitation may still be accepted, and what accepting it must
//! carry — a name and a new password for a new account, the password of the account the
//! invited address already has otherwise. `now` is always the caller's.

use time::{Duration, OffsetDateTime};

use crate::api::{AcceptInvitationRequest, CreateInvitationRequest};
use crate::capture::FieldError;

use super::password::validate_password;
use super::role::Role;
use super::signup::{email, name, required, role};
use super::token::Secret;

/// An invitation link works for a week: long enough to survive a holiday weekend,
/// short enough that a forwarded link does not open the workspace months later.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);

/// When an invitation made at `now` stops working.
pub fn invitation_expires_at(now: OffsetDateTime) -> OffsetDateTime {
    now + INVITATION_LIFETIME
}

/// An invite request that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidInvitation {
    /// The invitee's normalised address: the account they sign in with.
    pub email: String,
    /// The role they join with.
    pub role: Role,
}

/// Checks an invite request. The role has no default: whether someone joins as admin or
/// as a sales rep is the inviter's decision to make, not ours to guess.
pub fn validate_invitation(
    request: &CreateInvitationRequest,
) -> Result<ValidInvitation, Vec<FieldError>> {
    let mut errors = Vec::new();
    let email = email(&request.email, &mut errors);
    let role = match request.role.as_deref() {
        None => {
            errors.push(required("role"));
            None
        }
        Some(text) => role(text, &mut errors),
    };
    match (email, role) {
        (Some(email), Some(role)) if errors.is_empty() => Ok(ValidInvitation { email, role }),
        _ => Err(errors),
    }
}

/// Where a stored invitation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    /// Its link still works.
    Pending,
    /// Someone joined with it.
    Accepted,
    /// An admin took it back, or a newer invitation to the same address replaced it.
    Revoked,
    /// Past its expiry.
    Expired,
}

/// The state of a stored invitation at `now`. An accepted invitation stays accepted
/// whatever happens to its expiry; revocation wins over expiry so the answer names the
/// admin's decision rather than the clock.
pub fn invitation_state(
    expires_at: OffsetDateTime,
    accepted: bool,
    revoked: bool,
    now: OffsetDateTime,
) -> InvitationState {
    if accepted {
        InvitationState::Accepted
    } else if revoked {
        InvitationState::Revoked
    } else if now >= expires_at {
        InvitationState::Expired
    } else {
        InvitationState::Pending
    }
}

/// Why an accept link cannot be used. Each is told apart so the invitee knows whether
/// to ask for a new link or to sign in instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvitationProblem {
    /// The token is malformed or no invitation has it.
    #[error("this invitation link is not valid; check that it was copied whole")]
    Unknown,
    /// The invitation expired.
    #[error("this invitation expired; ask an admin of the workspace for a new one")]
    Expired,
    /// The invitation was revoked or replaced by a newer one.
    #[error("this invitation was withdrawn; ask an admin of the workspace for a new one")]
    Revoked,
    /// Someone already joined with it.
    #[error("this invitation was already used; sign in instead")]
    Used,
}

impl InvitationProblem {
    /// The machine-readable code answered for it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Unknown => "invitation_unknown",
            Self::Expired => "invitation_expired",
            Self::Revoked => "invitation_revoked",
            Self::Used => "invitation_used",
        }
    }
}

impl InvitationState {
    /// `Ok` while the invitation may be accepted, else why not.
    pub fn acceptable(self) -> Result<(), InvitationProblem> {
        match self {
            Self::Pending => Ok(()),
            Self::Accepted => Err(InvitationProblem::Used),
            Self::Revoked => Err(InvitationProblem::Revoked),
            Self::Expired => Err(InvitationProblem::Expired),
        }
    }
}

/// The invitation token an accept request carries, checked for shape. A malformed
/// token is answered exactly as an unknown one.
pub fn invitation_token(request: &AcceptInvitationRequest) -> Result<Secret, InvitationProblem> {
    Secret::parse_invitation_token(request.token.trim()).map_err(|_| InvitationProblem::Unknown)
}

/// An accept request that passed every check, for the account it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValidAcceptance {
    /// The invited address has no account: one is made.
    NewAccount {
        /// The person's name, trimmed.
        display_name: String,
        /// The new password as typed, to be hashed.
        password: String,
    },
    /// The invited address has an account: its password proves the invitee owns it.
    ExistingAccount {
        /// The password as typed, to be checked.
        password: String,
    },
}

/// Checks an accept request's fields for an invitation to `invited_email`, which
/// `has_account` tells whether an account already uses. A new account's password
/// meets the sign-up policy; an existing one's is only checked against its hash.
pub fn validate_acceptance(
    request: &AcceptInvitationRequest,
    invited_email: &str,
    has_account: bool,
) -> Result<ValidAcceptance, Vec<FieldError>> {
    let mut errors = Vec::new();
    if has_account {
        if request.password.is_empty() {
            errors.push(required("password"));
            return Err(errors);
        }
        return Ok(ValidAcceptance::ExistingAccount {
            password: request.password.clone(),
        });
    }
    let display_name = name("name", &request.name, &mut errors);
    if request.password.is_empty() {
        errors.push(required("password"));
    } else if let Err(problem) = validate_password(&request.password, invited_email) {
        errors.push(problem.to_field_error());
    }
    match display_name {
        Some(display_name) if errors.is_empty() => Ok(ValidAcceptance::NewAccount {
            display_name,
            password: request.password.clone(),
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::SECRET_BYTES;
    use crate::capture::FieldErrorCode::{self, *};
    use time::macros::datetime;

    fn fields(errors: Vec<FieldError>) -> Vec<(String, FieldErrorCode)> {
        errors.into_iter().map(|e| (e.field, e.code)).collect()
    }

    /// The field errors a case expects, as (field, code).
    type Expected<'a> = &'a [(&'a str, FieldErrorCode)];

    fn owned(expected: Expected<'_>) -> Vec<(String, FieldErrorCode)> {
        expected
            .iter()
            .map(|(f, c)| ((*f).to_owned(), *c))
            .collect()
    }

    #[test]
    fn invite_requests_need_a_valid_address_and_a_role() {
        let invite = |email: &str, role: Option<&str>| {
            validate_invitation(&CreateInvitationRequest {
                email: email.into(),
                role: role.map(str::to_owned),
            })
            .map_err(fields)
        };
        assert_eq!(
            invite(" Lee@Acme.KR ", Some("sales")),
            Ok(ValidInvitation {
                email: "lee@acme.kr".into(),
                role: Role::Sales
            })
        );
        assert_eq!(
            invite("박지민@회사.한국", Some("admin")).map(|v| v.role),
            Ok(Role::Admin)
        );
        let cases: &[(&str, Option<&str>, Expected<'_>)] = &[
            ("", None, &[("email", Required), ("role", Required)]),
            ("lee@acme", Some("sales"), &[("email", InvalidEmail)]),
            (
                "lee@@acme.kr",
                Some("owner"),
                &[("email", InvalidEmail), ("role", UnknownValue)],
            ),
            ("lee@acme.kr", Some("Sales"), &[("role", UnknownValue)]),
            ("lee@acme.kr", Some(""), &[("role", UnknownValue)]),
        ];
        for (email, role, expected) in cases {
            assert_eq!(
                invite(email, *role),
                Err(owned(expected)),
                "{email:?} {role:?}"
            );
        }
    }

    #[test]
    fn invitations_work_for_seven_days_unless_used_or_revoked() {
        let made = datetime!(2026-11-24 09:00 UTC);
        let expires = invitation_expires_at(made);
        assert_eq!(expires, datetime!(2026-12-01 09:00 UTC));
        use InvitationState::*;
        let cases = [
            (made, false, false, Pending),
            (expires - Duration::seconds(1), false, false, Pending),
            (expires, false, false, Expired),
            (made, false, true, Revoked),
            (expires + Duration::days(1), false, true, Revoked),
            (made, true, false, Accepted),
            (expires + Duration::days(30), true, false, Accepted),
        ];
        for (now, accepted, revoked, expected) in cases {
            assert_eq!(
                invitation_state(expires, accepted, revoked, now),
                expected,
                "{now} accepted={accepted} revoked={revoked}"
            );
        }
        assert_eq!(Pending.acceptable(), Ok(()));
        assert_eq!(Accepted.acceptable(), Err(InvitationProblem::Used));
        assert_eq!(Revoked.acceptable(), Err(InvitationProblem::Revoked));
        assert_eq!(Expired.acceptable(), Err(InvitationProblem::Expired));
    }

    #[test]
    fn every_problem_has_its_own_code_and_a_message_saying_what_to_do() {
        let problems = [
            InvitationProblem::Unknown,
            InvitationProblem::Expired,
            InvitationProblem::Revoked,
            InvitationProblem::Used,
        ];
        let codes: std::collections::BTreeSet<_> = problems.iter().map(|p| p.code()).collect();
        assert_eq!(codes.len(), problems.len());
        for problem in problems {
            assert!(problem.code().starts_with("invitation_"));
            let message = problem.to_string();
            assert!(message.starts_with("this invitation"), "{message}");
            assert!(!message.ends_with('.'), "{message}");
        }
    }

    #[test]
    fn the_token_must_be_an_invitation_token() {
        let issued = Secret::new_invitation_token([9; SECRET_BYTES]);
        let accept = |token: &str| AcceptInvitationRequest {
            token: token.into(),
            ..AcceptInvitationRequest::default()
        };
        assert_eq!(
            invitation_token(&accept(issued.expose())),
            Ok(issued.clone())
        );
        assert_eq!(
            invitation_token(&accept(&format!(" {} ", issued.expose()))),
            Ok(issued)
        );
        let api = Secret::new_api_token([9; SECRET_BYTES]);
        for bad in ["", "lk_inv_short", api.expose()] {
            assert_eq!(
                invitation_token(&accept(bad)),
                Err(InvitationProblem::Unknown),
                "{bad}"
            );
        }
    }

    #[test]
    fn accepting_asks_a_new_account_for_name_and_policy_password() {
        let accept = |name: &str, password: &str, has_account: bool| {
            validate_acceptance(
                &AcceptInvitationRequest {
                    token: String::new(),
                    name: name.into(),
                    password: password.into(),
                },
                "lee@acme.kr",
                has_account,
            )
            .map_err(fields)
        };
        assert_eq!(
            accept(" 이서연 ", "long pass phrase", false),
            Ok(ValidAcceptance::NewAccount {
                display_name: "이서연".into(),
                password: "long pass phrase".into()
            })
        );
        // An existing account's password is checked against its hash, not the policy,
        // and a name is not asked for.
        assert_eq!(
            accept("", "short", true),
            Ok(ValidAcceptance::ExistingAccount {
                password: "short".into()
            })
        );
        let cases: &[(&str, &str, bool, Expected<'_>)] = &[
            ("", "", false, &[("name", Required), ("password", Required)]),
            ("이서연", "short", false, &[("password", TooShort)]),
            ("이서연", "lee@acme.kr", false, &[("password", SameAsEmail)]),
            (
                "이서연",
                "zzzzzzzzzzzz",
                false,
                &[("password", RepeatedCharacter)],
            ),
            (
                &"가".repeat(101),
                "long pass phrase",
                false,
                &[("name", TooLong)],
            ),
            ("이서연", "", true, &[("password", Required)]),
        ];
        for (name, password, has_account, expected) in cases {
            assert_eq!(
                accept(name, password, *has_account),
                Err(owned(expected)),
                "{name:?} {password:?} {has_account}"
            );
        }
    }
}
