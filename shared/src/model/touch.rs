//! Touches: everything a person did (visited, downloaded, attended, used the product) or
//! had done with them (a call, a meeting). Scoring, attribution and the timeline read
//! them; they are append-only.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{AccountId, LeadId, TouchId, Utm};

/// What kind of touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TouchKind {
    FormSubmit,
    PageView,
    ContentDownload,
    EmailOpen,
    EmailClick,
    EmailReply,
    Unsubscribe,
    WebinarAttended,
    /// A fair, exhibition or conference (전시회, 박람회).
    EventAttended,
    Call,
    Meeting,
    DemoRequest,
    /// Free sign-up for the product; alone not a PQL.
    ProductSignup,
    /// A product-usage signal (metadata says which: `limit_hit`, `invited_team` …).
    ProductUsage,
    /// An e-mail a team member sent to the person (sales outreach, follow-up).
    EmailSent,
}

impl TouchKind {
    /// Every kind, in declaration order; `kind as usize` indexes this.
    pub const ALL: [TouchKind; 15] = [
        TouchKind::FormSubmit,
        TouchKind::PageView,
        TouchKind::ContentDownload,
        TouchKind::EmailOpen,
        TouchKind::EmailClick,
        TouchKind::EmailReply,
        TouchKind::Unsubscribe,
        TouchKind::WebinarAttended,
        TouchKind::EventAttended,
        TouchKind::Call,
        TouchKind::Meeting,
        TouchKind::DemoRequest,
        TouchKind::ProductSignup,
        TouchKind::ProductUsage,
        TouchKind::EmailSent,
    ];

    /// Whether the team made this touch (rather than the person): what follow-up
    /// cadences count.
    pub fn is_outreach(self) -> bool {
        matches!(self, Self::Call | Self::EmailSent | Self::Meeting)
    }

    /// The stable name used in rules, APIs and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FormSubmit => "form_submit",
            Self::PageView => "page_view",
            Self::ContentDownload => "content_download",
            Self::EmailOpen => "email_open",
            Self::EmailClick => "email_click",
            Self::EmailReply => "email_reply",
            Self::Unsubscribe => "unsubscribe",
            Self::WebinarAttended => "webinar_attended",
            Self::EventAttended => "event_attended",
            Self::Call => "call",
            Self::Meeting => "meeting",
            Self::DemoRequest => "demo_request",
            Self::ProductSignup => "product_signup",
            Self::ProductUsage => "product_usage",
            Self::EmailSent => "email_sent",
        }
    }
}

/// One touch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Touch {
    pub id: TouchId,
    pub lead_id: LeadId,
    #[serde(default)]
    pub account_id: Option<AccountId>,
    pub kind: TouchKind,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Kind-specific detail: `url` for page views, `asset` for downloads,
    /// `signal` for product usage, `form_id`, `outcome` for calls …
    #[serde(default)]
    pub metadata: BTreeMap<String, String>,
    /// Campaign and channel of the visit, for attribution.
    #[serde(default)]
    pub utm: Utm,
}

impl Touch {
    /// The touch a form submission records: kind `form_submit`, the form in its
    /// metadata (what rules and attribution match on), the visit's campaign from `utm`.
    pub fn form_submit(
        id: TouchId,
        lead_id: LeadId,
        form_id: &str,
        utm: Utm,
        at: OffsetDateTime,
    ) -> Self {
        Self {
            id,
            lead_id,
            account_id: None,
            kind: TouchKind::FormSubmit,
            at,
            metadata: BTreeMap::from([("form_id".to_owned(), form_id.to_owned())]),
            utm,
        }
    }
}
