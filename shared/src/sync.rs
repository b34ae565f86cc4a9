//! Offline-first sync: hybrid logical clocks, the operations replicas exchange, the merge
//! every replica runs (per-field last-writer-wins, grow-only touches and stage history),
//! and the exactly-once admission rule of the push endpoint.

mod answer;
mod backoff;
mod delta;
mod hlc;
mod local;
mod op;
mod pending_settings;
mod sequence;
mod server;
mod settings;
mod state;
mod validate;

pub use answer::{answer_body, handoff_of, show_pending_answers};
pub use backoff::{FIRST_RETRY, MAX_RETRY, next_delay};
pub use delta::{changed_fields, delta_fields, merge_delta};
pub use hlc::{Clock, Hlc, ReplicaId};
pub use local::{apply_locally, create_locally, replay_pending};
pub use op::{OpBody, OpId, Operation};
pub use pending_settings::{
    settings_pending, show_pending_engine_config, show_pending_handoff_settings,
    show_pending_segments,
};
pub use sequence::{Admission, admit};
pub use server::{Applied, Effect, FLOOR, StoredRegisters, apply_to_lead, apply_to_leads, lead_of};
pub use settings::{SettingsProblem, SettingsWrite};
pub use state::{LeadRegisters, MaterializeError, Register, SyncState};
pub use validate::{Rejection, check};

#[cfg(test)]
mod tests;
