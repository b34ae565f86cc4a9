//! Lead forms: their stored definitions, and everything decided about a submission
//! before it becomes a lead — Web-to-Lead aliases, field and consent checks, spam
//! verdicts, the render token behind the time-to-fill check, and which questions a
//! returning visitor is asked next.

mod aliases;
mod defaults;
mod definition;
mod origin;
mod progressive;
mod render_token;
mod snippet;
mod submission;
mod validate;

pub use definition::{
    ConsentItem, FieldKind, FormDefinition, FormField, Localized, MapsTo, ProgressiveProfiling,
    SelectOption, ThankYou, consent_field_name,
};
pub use progressive::{QUESTIONS_PER_RETURN, answered_fields, next_questions, questions_for_visit};
pub use render_token::{RenderTokenError, sign_render_token, verify_render_token};
pub use snippet::{EMBED_TARGET_ID, embed_snippet};
pub use submission::{
    AcceptedSubmission, CapturedLead, ConsentGiven, MAX_CUSTOM_FIELDS, RENDER_TOKEN_FIELD,
    SUBMISSION_ID_FIELD, SpamVerdict, SubmissionInput, SubmissionRejected, check_submission,
    consents_from_fields,
};
pub use validate::FormDefinitionError;

// Shared with the CSV import, which fills the same `CapturedLead` column by column.
pub(crate) use aliases::display_name;
pub(crate) use submission::{MAX_CUSTOM_NAME_CHARS, MAX_CUSTOM_VALUE_CHARS, Placed, natural_kind};

#[cfg(test)]
mod tests;
