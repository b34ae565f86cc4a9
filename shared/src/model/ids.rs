//! Typed identifiers: a lead's id cannot be passed where an account's is expected.

use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }
    };
}

id_type!(
    /// A team's workspace: the unit of tenancy.
    WorkspaceId
);
id_type!(
    /// A company.
    AccountId
);
id_type!(
    /// A person: lead, contact or customer.
    LeadId
);
id_type!(
    /// One thing a person did or was done with them.
    TouchId
);
id_type!(
    /// A deal.
    OpportunityId
);
id_type!(
    /// A salesperson who takes handed-off leads.
    RepId
);
id_type!(
    /// One lead handed to one rep.
    HandoffId
);
