//! What `lead.created` says about a lead. Which events an update raises is decided by
//! `lead_update` (a creation is a stage change in the history but not an event of its
//! own: receivers learn of it through `lead.created`).

use crate::model::Lead;

use super::event::LeadCreated;

impl LeadCreated {
    /// What `lead.created` says about `lead`, captured by `form_id` when a form did.
    pub fn from_lead(lead: &Lead, form_id: Option<&str>) -> Self {
        Self {
            lead_id: lead.id,
            workspace_id: lead.workspace_id,
            email: lead.email.clone(),
            name: lead.name.clone(),
            company: lead.company_name.clone(),
            source: lead.source.clone(),
            entry_path: lead.entry_path,
            form_id: form_id.map(str::to_owned),
        }
    }
}
