//! Changing who is in a workspace and with which role, and the one rule every change
//! obeys: a workspace always keeps at least one admin, since only an admin can invite,
//! promote or issue tokens — a workspace without one could never be managed again.

use crate::api::UpdateMemberRequest;
use crate::capture::FieldError;

use super::role::Role;
use super::signup::{required, role};

/// A change an admin asks for to one membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberChange {
    /// Give the member this role.
    SetRole(Role),
    /// Remove the member from the workspace.
    Remove,
}

/// A change refused because it would leave the workspace without an admin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LastAdmin {
    /// The only admin would get another role.
    #[error(
        "this member is the workspace's only admin and must stay admin; make another member admin first"
    )]
    Demoted,
    /// The only admin would be removed.
    #[error(
        "this member is the workspace's only admin and cannot be removed; make another member admin first"
    )]
    Removed,
}

impl LastAdmin {
    /// The machine-readable code answered for it.
    pub const CODE: &'static str = "last_admin";
}

/// Whether `change` may be made to a member whose role is `current`, in a workspace
/// that has `admins` admins now (the member included).
pub fn check_member_change(
    current: Role,
    admins: usize,
    change: MemberChange,
) -> Result<(), LastAdmin> {
    let loses_an_admin = current == Role::Admin && change != MemberChange::SetRole(Role::Admin);
    if !loses_an_admin || admins > 1 {
        return Ok(());
    }
    Err(match change {
        MemberChange::SetRole(_) => LastAdmin::Demoted,
        MemberChange::Remove => LastAdmin::Removed,
    })
}

/// Checks a role change request: the role is required and must be one of the three.
pub fn validate_role_change(request: &UpdateMemberRequest) -> Result<Role, Vec<FieldError>> {
    let mut errors = Vec::new();
    let chosen = match request.role.as_deref() {
        None => {
            errors.push(required("role"));
            None
        }
        Some(text) => role(text, &mut errors),
    };
    chosen.ok_or(errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::capture::FieldErrorCode;
    use MemberChange::*;
    use Role::*;

    #[test]
    fn the_last_admin_can_be_neither_demoted_nor_removed() {
        // (member's role, admins now, change, expected)
        let cases = [
            (Admin, 1, SetRole(Admin), Ok(())),
            (Admin, 1, SetRole(Marketing), Err(LastAdmin::Demoted)),
            (Admin, 1, SetRole(Sales), Err(LastAdmin::Demoted)),
            (Admin, 1, Remove, Err(LastAdmin::Removed)),
            (Admin, 2, SetRole(Sales), Ok(())),
            (Admin, 2, Remove, Ok(())),
            (Sales, 1, Remove, Ok(())),
            (Sales, 1, SetRole(Admin), Ok(())),
            (Marketing, 1, SetRole(Sales), Ok(())),
            // A stale count of zero (the admin was demoted meanwhile) refuses nothing
            // but admin losses.
            (Admin, 0, Remove, Err(LastAdmin::Removed)),
            (Sales, 0, Remove, Ok(())),
        ];
        for (current, admins, change, expected) in cases {
            assert_eq!(
                check_member_change(current, admins, change),
                expected,
                "{current} with {admins} admins: {change:?}"
            );
        }
        assert_eq!(LastAdmin::CODE, "last_admin");
        assert!(
            LastAdmin::Removed
                .to_string()
                .contains("make another member admin")
        );
    }

    #[test]
    fn role_changes_name_a_known_role() {
        let change = |role: Option<&str>| {
            validate_role_change(&UpdateMemberRequest {
                role: role.map(str::to_owned),
            })
            .map_err(|errors| {
                errors
                    .into_iter()
                    .map(|e| (e.field, e.code))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(change(Some("marketing")), Ok(Marketing));
        assert_eq!(
            change(None),
            Err(vec![("role".into(), FieldErrorCode::Required)])
        );
        assert_eq!(
            change(Some("owner")),
            Err(vec![("role".into(), FieldErrorCode::UnknownValue)])
        );
    }

    fn any_role() -> impl proptest::strategy::Strategy<Value = Role> {
        proptest::sample::select(Role::ALL.to_vec())
    }

    fn any_change() -> impl proptest::strategy::Strategy<Value = MemberChange> {
        use proptest::prelude::*;
        prop_oneof![any_role().prop_map(SetRole), Just(Remove)]
    }

    proptest::proptest! {
        /// Whatever changes admins ask for, in whatever order, applying only those the
        /// rule allows never leaves a workspace that had an admin without one.
        #[test]
        fn a_workspace_always_keeps_an_admin(
            others in proptest::collection::vec(any_role(), 0..6),
            changes in proptest::collection::vec((0usize..8, any_change()), 0..40),
        ) {
            let mut members = vec![Admin];
            members.extend(others);
            for (pick, change) in changes {
                if members.is_empty() {
                    break;
                }
                let index = pick % members.len();
                let admins = members.iter().filter(|r| **r == Admin).count();
                if check_member_change(members[index], admins, change).is_ok() {
                    match change {
                        SetRole(role) => members[index] = role,
                        Remove => {
                            members.remove(index);
                        }
                    }
                }
                proptest::prop_assert!(members.contains(&Admin), "{members:?}");
            }
        }
    }
}
