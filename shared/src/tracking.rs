//! Visitor tracking: what the tracking snippet (and any other sender) posts to `POST /t`
//! — a page view, a content download or a custom event of one visitor — read from the
//! body a browser sends (`sendBeacon` with a string is `text/plain`), checked field by
//! field, and turned into the [`Touch`](crate::model::Touch) the engine scores. Until
//! the visitor identifies through a form the touch waits unattached; then
//! `lead_update::on_submission_with_history` stitches it onto the lead.

mod decode;
mod event;
mod touch;
mod url;

pub use decode::{EventEncoding, TrackError, decode_event};
pub use event::{TrackEvent, TrackKind};
pub use touch::PROP_KEY_PREFIX;

/// Largest event body read: an event is a few hundred bytes, so anything near this is a
/// mistake or abuse.
pub const MAX_EVENT_BYTES: usize = 8 * 1024;
/// Longest URL kept (page, referrer, asset), in bytes: browsers send longer ones only
/// for tracking junk in the query string.
pub const MAX_URL_BYTES: usize = 2 * 1024;
/// Most custom properties one event may carry.
pub const MAX_PROPS: usize = 20;
/// Longest property name, in characters.
pub const MAX_PROP_NAME_CHARS: usize = 64;
/// Longest property value, in characters.
pub const MAX_PROP_VALUE_CHARS: usize = 500;
/// Longest page title, in characters.
pub const MAX_TITLE_CHARS: usize = 300;
/// Longest custom event name, in characters.
pub const MAX_EVENT_NAME_CHARS: usize = 100;
/// Longest UTM value, in characters.
pub const MAX_UTM_CHARS: usize = 200;
/// Longest form id, in characters (form ids are short slugs).
pub const MAX_FORM_ID_CHARS: usize = 100;
