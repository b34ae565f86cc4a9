//! Roles in a workspace and the one table of what each may do. Routes ask
//! `role.allows(permission)`; no handler compares role names itself.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A member's (or an API token's) role in one workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the workspace: members, tokens, and everything marketing and sales do.
    Admin,
    /// Builds forms, campaigns and scoring rules, and hands leads to sales.
    Marketing,
    /// Works the leads handed over: accepts or rejects them with a reason.
    Sales,
}

/// Something a route may need the caller to be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    /// Read the workspace's leads.
    ReadLeads,
    /// Create and change capture forms.
    ManageForms,
    /// Change the scoring rules both teams agreed on.
    ManageScoring,
    /// Hand qualified leads over to sales.
    HandOffLeads,
    /// Accept or reject a handed-over lead.
    WorkHandoffs,
    /// Create, list and revoke API tokens.
    ManageTokens,
    /// Invite members, change their roles, remove them.
    ManageMembers,
    /// See the webhook endpoints (without secrets) and the delivery log.
    ViewWebhooks,
    /// Create and delete webhook endpoints, which receive lead data and hold secrets.
    ManageWebhooks,
    /// Create, change and delete the team's saved segments and their message templates.
    ManageSegments,
}

impl Permission {
    /// Every permission, for tables and tests that must cover them all.
    pub const ALL: [Permission; 10] = [
        Self::ReadLeads,
        Self::ManageForms,
        Self::ManageScoring,
        Self::HandOffLeads,
        Self::WorkHandoffs,
        Self::ManageTokens,
        Self::ManageMembers,
        Self::ViewWebhooks,
        Self::ManageWebhooks,
        Self::ManageSegments,
    ];
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Self::Admin, Self::Marketing, Self::Sales];

    /// Whether this role may do `permission`. Both teams read every lead — the articles'
    /// complaint is that they disagree about leads, not that they cannot see them — but
    /// only marketing shapes the funnel and only sales judges handed-over leads.
    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Self::Admin => true,
            // Marketing watches the integrations that carry its leads onward; adding one
            // sends lead data out of leadkit, which only an admin may decide.
            Self::Marketing => matches!(
                permission,
                ReadLeads
                    | ManageForms
                    | ManageScoring
                    | HandOffLeads
                    | ViewWebhooks
                    | ManageSegments
            ),
            Self::Sales => matches!(permission, ReadLeads | WorkHandoffs),
        }
    }

    /// The name stored in D1 and sent over the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Marketing => "marketing",
            Self::Sales => "sales",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role name that is none of `admin`, `marketing`, `sales`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("role {name:?} is not one of admin, marketing, sales")]
pub struct UnknownRole {
    /// The name that was given.
    pub name: String,
}

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == name)
            .ok_or_else(|| UnknownRole {
                name: name.to_owned(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    #[test]
    fn the_permission_table() {
        // Each row: a permission and whether (admin, marketing, sales) may do it.
        let table: &[(Permission, [bool; 3])] = &[
            (ReadLeads, [true, true, true]),
            (ManageForms, [true, true, false]),
            (ManageScoring, [true, true, false]),
            (HandOffLeads, [true, true, false]),
            (WorkHandoffs, [true, false, true]),
            (ManageTokens, [true, false, false]),
            (ManageMembers, [true, false, false]),
            (ViewWebhooks, [true, true, false]),
            (ManageWebhooks, [true, false, false]),
            (ManageSegments, [true, true, false]),
        ];
        assert_eq!(
            table.len(),
            Permission::ALL.len(),
            "a permission has no row"
        );
        for (permission, expected) in table {
            for (role, allowed) in Role::ALL.into_iter().zip(expected) {
                assert_eq!(role.allows(*permission), *allowed, "{role} {permission:?}");
            }
        }
    }

    #[test]
    fn role_names_round_trip_and_unknown_names_are_refused() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(
                serde_json::to_string(&role).ok(),
                Some(format!("\"{role}\""))
            );
        }
        for bad in ["", "Admin", "owner", "sales_rep", " admin"] {
            assert_eq!(
                bad.parse::<Role>(),
                Err(UnknownRole { name: bad.into() }),
                "{bad:?}"
            );
        }
    }
}
