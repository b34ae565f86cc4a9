//! A tracking event as the touch the engine scores: the kind it maps to, and metadata
//! under the keys scoring rules read (`url` is the page's path and query, so a rule on
//! `/pricing` matches any host's pricing page; `asset` a file's name; `signal` a custom
//! event's name).

use std::collections::BTreeMap;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::event::{TrackEvent, TrackKind};
use super::url;
use crate::model::{LeadId, Touch, TouchId};

/// The prefix of a custom property's metadata key (`prop.plan`), apart from the keys
/// leadkit sets itself.
pub const PROP_KEY_PREFIX: &str = "prop.";

impl TrackEvent {
    /// The touch this event records, dated `received_at` (the server's clock: a client's
    /// can be anything). Its id is the event's, so a retried beacon is one touch; its
    /// lead is nil until the visitor is known and the touch is stitched to a lead.
    pub fn to_touch(&self, received_at: OffsetDateTime) -> Touch {
        let mut metadata = BTreeMap::new();
        let mut put = |key: &str, value: &str| {
            metadata.insert(key.to_owned(), value.to_owned());
        };
        if let Some(page) = &self.url {
            put("page_url", page);
            if let Some(parsed) = url::parse(page) {
                put("url", &parsed.path);
                put("host", &parsed.host);
            }
        }
        if let Some(title) = &self.title {
            put("title", title);
        }
        if let Some(referrer) = &self.referrer {
            put("referrer", referrer);
        }
        if let Some(asset) = &self.asset {
            match url::parse(asset) {
                Some(parsed) => {
                    put("asset_url", asset);
                    put(
                        "asset",
                        url::file_name(&parsed.path).unwrap_or(&parsed.host),
                    );
                }
                None => put("asset", url::file_name(asset).unwrap_or(asset)),
            }
        }
        if let (TrackKind::Custom, Some(name)) = (self.kind, &self.name) {
            put("signal", name);
        }
        if let Some(at) = self.at_client.and_then(|at| at.format(&Rfc3339).ok()) {
            put("at_client", &at);
        }
        for (name, value) in &self.props {
            metadata.insert(format!("{PROP_KEY_PREFIX}{name}"), value.clone());
        }
        Touch {
            id: TouchId(self.event_id),
            lead_id: LeadId(Uuid::nil()),
            account_id: None,
            kind: self.kind.touch_kind(),
            at: received_at,
            metadata,
            utm: self.utm.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Engine, EngineConfig};
    use crate::model::{EntryPath, Lead, TouchKind, Utm, WorkspaceId};
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-24 10:00 +9);

    fn event(kind: TrackKind) -> TrackEvent {
        TrackEvent {
            kind,
            form_id: "contact".into(),
            event_id: Uuid::from_u128(7),
            visitor_id: None,
            url: Some("https://www.acme.co.kr/pricing?plan=pro#faq".into()),
            title: Some("요금제".into()),
            referrer: Some("https://search.naver.com/".into()),
            asset: None,
            name: None,
            props: BTreeMap::new(),
            utm: Utm {
                source: Some("naver".into()),
                ..Utm::default()
            },
            at_client: Some(datetime!(2026-11-24 09:59:58 +9)),
        }
    }

    fn meta<'a>(touch: &'a Touch, key: &str) -> Option<&'a str> {
        touch.metadata.get(key).map(String::as_str)
    }

    #[test]
    fn a_page_view_keeps_the_path_rules_match_and_the_whole_page() {
        let touch = event(TrackKind::PageView).to_touch(NOW);
        assert_eq!(touch.id, TouchId(Uuid::from_u128(7)));
        assert_eq!(touch.lead_id, LeadId(Uuid::nil()));
        assert_eq!(touch.kind, TouchKind::PageView);
        assert_eq!(touch.at, NOW, "dated by the server");
        assert_eq!(meta(&touch, "url"), Some("/pricing?plan=pro"));
        assert_eq!(meta(&touch, "host"), Some("www.acme.co.kr"));
        assert_eq!(
            meta(&touch, "page_url"),
            Some("https://www.acme.co.kr/pricing?plan=pro#faq")
        );
        assert_eq!(meta(&touch, "title"), Some("요금제"));
        assert_eq!(meta(&touch, "at_client"), Some("2026-11-24T09:59:58+09:00"));
        assert_eq!(touch.utm.source.as_deref(), Some("naver"));
    }

    #[test]
    fn downloads_name_the_file_and_custom_events_are_signals() {
        let mut download = event(TrackKind::ContentDownload);
        download.asset = Some("https://cdn.acme.co.kr/files/pricing-sheet.pdf?v=3".into());
        let touch = download.to_touch(NOW);
        assert_eq!(touch.kind, TouchKind::ContentDownload);
        assert_eq!(meta(&touch, "asset"), Some("pricing-sheet.pdf"));
        assert_eq!(
            meta(&touch, "asset_url"),
            Some("https://cdn.acme.co.kr/files/pricing-sheet.pdf?v=3")
        );
        download.asset = Some("guide.pdf".into());
        assert_eq!(meta(&download.to_touch(NOW), "asset"), Some("guide.pdf"));

        let mut custom = event(TrackKind::Custom);
        custom.name = Some("limit_hit".into());
        custom.props = BTreeMap::from([("plan".to_owned(), "pro".to_owned())]);
        let touch = custom.to_touch(NOW);
        assert_eq!(touch.kind, TouchKind::ProductUsage);
        assert_eq!(meta(&touch, "signal"), Some("limit_hit"));
        assert_eq!(meta(&touch, "prop.plan"), Some("pro"));
    }

    #[test]
    fn the_default_model_scores_tracked_touches() {
        let engine = Engine::new(EngineConfig::korean_b2b_default()).unwrap();
        let lead = Lead::new(
            LeadId(Uuid::nil()),
            WorkspaceId(Uuid::nil()),
            "Jane Park",
            EntryPath::Form,
            NOW,
        );
        let engagement = |touches: &[Touch]| {
            engine
                .assess(&lead, None, touches, NOW, &mut Default::default())
                .scores
                .engagement
        };
        let pricing = event(TrackKind::PageView).to_touch(NOW);
        let mut careers_event = event(TrackKind::PageView);
        careers_event.url = Some("https://careers.acme.co.kr/jobs".into());
        let off_path = careers_event.to_touch(NOW);
        let mut sheet = event(TrackKind::ContentDownload);
        sheet.asset = Some("https://acme.co.kr/files/pricing-sheet.pdf".into());
        let sheet = sheet.to_touch(NOW);
        let mut limit = event(TrackKind::Custom);
        limit.name = Some("limit_hit".into());
        let limit = limit.to_touch(NOW);
        assert!(
            engagement(std::slice::from_ref(&pricing)) > 0,
            "pricing page"
        );
        assert_eq!(
            engagement(std::slice::from_ref(&off_path)),
            0,
            "a host named careers is not the careers page"
        );
        assert!(engagement(std::slice::from_ref(&sheet)) > engagement(&[]));
        assert!(engagement(std::slice::from_ref(&limit)) > 0, "usage signal");
    }
}
