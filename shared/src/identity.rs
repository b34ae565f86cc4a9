//! Identity: who a record is. E-mail normal forms and provider-aware dedupe keys, the
//! registrable domain of a company, company-name matching, lead→account matching,
//! duplicate detection that every entry path shares, and merges that can be undone.

mod account_match;
mod company;
mod dedupe;
mod domain;
mod email;
mod keys;
mod merge;
mod provider;

pub use account_match::{AccountIndex, AccountMatch, MatchedBy, match_account};
pub use company::{COMPANY_MATCH_THRESHOLD, company_similarity, normalise_company};
pub use dedupe::{
    DedupeIndex, DuplicateGroup, DuplicateMatch, DuplicateReason, duplicate_groups_of,
    find_duplicate_groups, find_duplicates, person_name_key,
};
pub use domain::registrable_domain;
pub use email::{EmailAddress, EmailError};
pub use merge::{
    Merge, MergeDecision, MergeError, MergeField, MergeLog, Restored, Survivorship,
    SurvivorshipRules, TouchMove, merge, undo,
};
pub use provider::{DISPOSABLE_EMAIL_DOMAINS, EmailKind, PERSONAL_EMAIL_DOMAINS, email_kind};
