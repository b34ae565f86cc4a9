//! The wire type of one tracking event, as the snippet sends it to `POST /t`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::model::{TouchKind, Utm};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackKind {
    /// A page was shown (`url` required).
    PageView,
    /// A downloadable asset was opened (`asset` required).
    ContentDownload,
    /// Anything the page reports with `leadkit.track(name, props)` (`name` required).
    Custom,
}

impl TrackKind {
    /// Every kind, in declaration order.
    pub const ALL: [TrackKind; 3] = [Self::PageView, Self::ContentDownload, Self::Custom];

    /// The stable name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PageView => "page_view",
            Self::ContentDownload => "content_download",
            Self::Custom => "custom",
        }
    }

    /// The kind named `name` on the wire.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// The touch kind the engine scores. A custom event is a signal the site or product
    /// reports, which is what `product_usage` touches are (rules match its `signal`).
    pub fn touch_kind(self) -> TouchKind {
        match self {
            Self::PageView => TouchKind::PageView,
            Self::ContentDownload => TouchKind::ContentDownload,
            Self::Custom => TouchKind::ProductUsage,
        }
    }
}

/// One event of one visitor. Checked by [`super::decode_event`]: every text is trimmed,
/// non-blank and within its limit, and the field its kind needs is present.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrackEvent {
    pub kind: TrackKind,
    /// The form whose snippet sent it: it names the workspace and the origins allowed.
    pub form_id: String,
    /// Made by the client, so a beacon the browser retries is stored once.
    pub event_id: Uuid,
    /// The visitor, for senders that keep their own id; a browser's `lk_vid` cookie
    /// takes precedence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visitor_id: Option<Uuid>,
    /// The page, an absolute http(s) URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referrer: Option<String>,
    /// The downloaded file: its URL or its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    /// A custom event's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A custom event's properties.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub props: BTreeMap<String, String>,
    /// The visit's campaign.
    #[serde(default)]
    pub utm: Utm,
    /// The client's clock when it happened; kept for reference only, since the touch is
    /// dated by the server (a client clock can be anything).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "time::serde::rfc3339::option"
    )]
    pub at_client: Option<OffsetDateTime>,
}
