//! The lead engine's data model: the records a workspace keeps about companies, people,
//! what they did, and how sales handled them. These are wire types — they cross HTTP,
//! IndexedDB and sync — so they are serde types with stable names, versioned by
//! [`crate::api::SCHEMA_VERSION`]. IDs are UUIDs the caller makes.

mod account;
mod field;
mod handoff;
mod ids;
mod lead;
mod opportunity;
mod qualification;
mod rep;
mod stage;
mod tier;
mod touch;
mod workspace;

pub use account::Account;
pub use field::{Field, FieldValue};
pub use handoff::{Handoff, HandoffOutcome, RejectReason};
pub use ids::{AccountId, HandoffId, LeadId, OpportunityId, RepId, TouchId, WorkspaceId};
pub use lead::{
    BuyingRole, ConsentPurpose, ConsentRecord, CustomValue, Department, EntryPath, Lead, Seniority,
    Utm,
};
pub use opportunity::{Currency, Money, Opportunity, OpportunityStage};
pub use qualification::{ChecklistEntry, Qualification, QualificationItem};
pub use rep::Rep;
pub use stage::{Actor, Stage, StageChange};
pub use tier::Tier;
pub use touch::{Touch, TouchKind};
pub use workspace::Workspace;
