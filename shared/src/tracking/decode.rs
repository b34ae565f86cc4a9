//! Reading a tracking event from the body a browser sends — JSON (fetch), JSON text as
//! `text/plain` (what `navigator.sendBeacon` sends for a string) or URL-encoded — and
//! checking it field by field. Every problem is reported at once, each with the field it
//! belongs to (`props.plan`, `utm.source` for nested ones), so a sender can fix its
//! snippet from the answer alone.

use std::collections::BTreeMap;

use serde_json::Value;
use thiserror::Error;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::event::{TrackEvent, TrackKind};
use super::{
    MAX_EVENT_BYTES, MAX_EVENT_NAME_CHARS, MAX_FORM_ID_CHARS, MAX_PROP_NAME_CHARS,
    MAX_PROP_VALUE_CHARS, MAX_PROPS, MAX_TITLE_CHARS, MAX_URL_BYTES, MAX_UTM_CHARS, url,
};
use crate::capture::{FieldError, FieldErrorCode, decode_component, media_type};
use crate::model::Utm;

/// The prefix of a custom property's flat name (`props.plan`).
const PROPS_PREFIX: &str = "props.";
/// The prefix of a UTM part's flat name (`utm.source`).
const UTM_PREFIX: &str = "utm.";
/// The UTM parts an event may carry, in wire order.
const UTM_PARTS: [&str; 5] = ["source", "medium", "campaign", "term", "content"];

/// How an event body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventEncoding {
    /// `application/json`, or `text/plain` holding JSON: `sendBeacon` with a string sends
    /// `text/plain`, which needs no CORS preflight.
    Json,
    /// `application/x-www-form-urlencoded`: flat names, `props.NAME` and `utm_source` …
    UrlEncoded,
}

impl EventEncoding {
    /// Reads the media type of a `Content-Type` header, ignoring parameters such as
    /// `charset`.
    pub fn from_content_type(content_type: Option<&str>) -> Result<Self, TrackError> {
        let raw = content_type.unwrap_or("").trim();
        match media_type(content_type).as_str() {
            "application/json" | "text/plain" => Ok(Self::Json),
            "application/x-www-form-urlencoded" => Ok(Self::UrlEncoded),
            "" => Err(TrackError::MissingContentType),
            _ => Err(TrackError::UnsupportedMediaType {
                content_type: raw.chars().take(100).collect(),
            }),
        }
    }
}

/// Why a body is not a usable event.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TrackError {
    /// The request named no `Content-Type`.
    #[error(
        "missing content-type: send application/json, text/plain (JSON text) or application/x-www-form-urlencoded"
    )]
    MissingContentType,
    /// A `Content-Type` tracking does not read.
    #[error(
        "unsupported content-type {content_type:?}: send application/json, text/plain (JSON text) or application/x-www-form-urlencoded"
    )]
    UnsupportedMediaType { content_type: String },
    /// The body is longer than [`MAX_EVENT_BYTES`].
    #[error("body of {len} bytes is over the limit of {MAX_EVENT_BYTES} bytes")]
    TooLarge { len: usize },
    /// The body is not UTF-8 text (or URL-encoding decodes to invalid UTF-8).
    #[error("body is not valid UTF-8")]
    InvalidUtf8,
    /// A JSON (or `text/plain`) body that does not parse.
    #[error("body is not valid JSON: {detail}")]
    MalformedJson { detail: String },
    /// A JSON body whose top level is not an object.
    #[error("body must be a JSON object of event fields")]
    NotObject,
    /// The body was read but fields are missing or wrong.
    #[error("the event has invalid fields: {}", field_list(.fields))]
    Invalid { fields: Vec<FieldError> },
}

fn field_list(fields: &[FieldError]) -> String {
    fields
        .iter()
        .map(|f| f.field.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads and checks one event.
pub fn decode_event(encoding: EventEncoding, body: &[u8]) -> Result<TrackEvent, TrackError> {
    if body.len() > MAX_EVENT_BYTES {
        return Err(TrackError::TooLarge { len: body.len() });
    }
    let text = std::str::from_utf8(body).map_err(|_| TrackError::InvalidUtf8)?;
    let flat = match encoding {
        EventEncoding::Json => flatten_json(text)?,
        EventEncoding::UrlEncoded => flatten_url_encoded(text)?,
    };
    check(flat).map_err(|fields| TrackError::Invalid { fields })
}

/// An event's fields by flat name (`kind`, `props.plan`, `utm.source`), with the
/// problems found while flattening (a nested value where text belongs).
#[derive(Debug, Default)]
struct Flat {
    fields: BTreeMap<String, String>,
    errors: Vec<FieldError>,
}

impl Flat {
    /// Keeps the first value of a name, as capture does: the snippet's own field comes
    /// before anything appended.
    fn insert(&mut self, name: String, value: String) {
        self.fields.entry(name).or_insert(value);
    }

    /// A scalar JSON value as text (`None` for null); a nested one is a field error.
    fn scalar(&mut self, name: &str, value: Value) -> Option<String> {
        match value {
            Value::Null => None,
            Value::String(s) => Some(s),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Array(_) | Value::Object(_) => {
                self.errors.push(FieldError::new(
                    name,
                    FieldErrorCode::NotText,
                    format!("{name} must be text, a number or a boolean"),
                ));
                None
            }
        }
    }

    /// `props` or `utm`: an object whose scalar values become `{prefix}{key}` fields.
    fn object(&mut self, name: &str, prefix: &str, value: Value) {
        match value {
            Value::Null => {}
            Value::Object(entries) => {
                for (key, value) in entries {
                    let flat = format!("{prefix}{key}");
                    if let Some(text) = self.scalar(&flat, value) {
                        self.insert(flat, text);
                    }
                }
            }
            _ => self.errors.push(FieldError::new(
                name,
                FieldErrorCode::NotText,
                format!("{name} must be an object of text values"),
            )),
        }
    }
}

fn flatten_json(text: &str) -> Result<Flat, TrackError> {
    let value: Value = serde_json::from_str(text).map_err(|e| TrackError::MalformedJson {
        detail: e.to_string(),
    })?;
    let Value::Object(object) = value else {
        return Err(TrackError::NotObject);
    };
    let mut flat = Flat::default();
    for (name, value) in object {
        match name.as_str() {
            "props" => flat.object("props", PROPS_PREFIX, value),
            "utm" => flat.object("utm", UTM_PREFIX, value),
            _ => {
                if let Some(text) = flat.scalar(&name, value) {
                    flat.insert(name, text);
                }
            }
        }
    }
    Ok(flat)
}

fn flatten_url_encoded(text: &str) -> Result<Flat, TrackError> {
    let mut flat = Flat::default();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = decode_component(name).map_err(|_| TrackError::InvalidUtf8)?;
        let value = decode_component(value).map_err(|_| TrackError::InvalidUtf8)?;
        // `utm_source` is how pages and forms spell it; the event's own name is nested.
        let name = match name.strip_prefix("utm_") {
            Some(part) => format!("{UTM_PREFIX}{part}"),
            None => name,
        };
        flat.insert(name, value);
    }
    Ok(flat)
}

/// The checks, over flat fields; every problem at once.
fn check(flat: Flat) -> Result<TrackEvent, Vec<FieldError>> {
    let Flat { fields, mut errors } = flat;
    let mut c = Checker {
        fields: &fields,
        errors: &mut errors,
    };
    let kind = c.required("kind").and_then(|name| {
        let kind = TrackKind::from_name(name);
        if kind.is_none() {
            c.fail(
                "kind",
                FieldErrorCode::UnknownValue,
                "kind must be page_view, content_download or custom",
            );
        }
        kind
    });
    let form_id = c
        .required("form_id")
        .and_then(|v| c.chars("form_id", v, MAX_FORM_ID_CHARS));
    let event_id = c.required("event_id").and_then(|v| c.uuid("event_id", v));
    let visitor_id = c
        .optional("visitor_id")
        .and_then(|v| c.uuid("visitor_id", v));
    let url = match kind {
        Some(TrackKind::PageView) => c.required("url"),
        _ => c.optional("url"),
    }
    .and_then(|v| c.page_url("url", v));
    let title = c
        .optional("title")
        .and_then(|v| c.chars("title", v, MAX_TITLE_CHARS));
    let referrer = c
        .optional("referrer")
        .and_then(|v| c.bytes("referrer", v, MAX_URL_BYTES));
    let asset = match kind {
        Some(TrackKind::ContentDownload) => c.required("asset"),
        _ => c.optional("asset"),
    }
    .and_then(|v| c.bytes("asset", v, MAX_URL_BYTES));
    let name = match kind {
        Some(TrackKind::Custom) => c.required("name"),
        _ => c.optional("name"),
    }
    .and_then(|v| c.chars("name", v, MAX_EVENT_NAME_CHARS));
    let props = c.props();
    let mut utm = Utm::default();
    for part in UTM_PARTS {
        let field = format!("{UTM_PREFIX}{part}");
        let value = c
            .optional(&field)
            .and_then(|v| c.chars(&field, v, MAX_UTM_CHARS));
        let slot = match part {
            "source" => &mut utm.source,
            "medium" => &mut utm.medium,
            "campaign" => &mut utm.campaign,
            "term" => &mut utm.term,
            _ => &mut utm.content,
        };
        *slot = value;
    }
    let at_client = c.optional("at_client").and_then(|v| {
        let at = OffsetDateTime::parse(v, &Rfc3339).ok();
        if at.is_none() {
            c.fail(
                "at_client",
                FieldErrorCode::InvalidTime,
                "at_client must be an RFC 3339 time such as 2026-11-24T09:30:00Z",
            );
        }
        at
    });
    match (kind, form_id, event_id) {
        (Some(kind), Some(form_id), Some(event_id)) if errors.is_empty() => Ok(TrackEvent {
            kind,
            form_id,
            event_id,
            visitor_id,
            url,
            title,
            referrer,
            asset,
            name,
            props,
            utm,
            at_client,
        }),
        _ => Err(errors),
    }
}

/// Reads fields and records what is wrong with them.
struct Checker<'a> {
    fields: &'a BTreeMap<String, String>,
    errors: &'a mut Vec<FieldError>,
}

impl<'a> Checker<'a> {
    fn fail(&mut self, field: &str, code: FieldErrorCode, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, code, message));
    }

    /// The trimmed value; `None` when absent or blank.
    fn optional(&self, field: &str) -> Option<&'a str> {
        self.fields
            .get(field)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    fn required(&mut self, field: &str) -> Option<&'a str> {
        let value = self.optional(field);
        if value.is_none() {
            self.fail(
                field,
                FieldErrorCode::Required,
                format!("{field} is required"),
            );
        }
        value
    }

    fn chars(&mut self, field: &str, value: &str, max: usize) -> Option<String> {
        if value.chars().count() > max {
            self.fail(
                field,
                FieldErrorCode::TooLong,
                format!("{field} is longer than {max} characters"),
            );
            return None;
        }
        Some(value.to_owned())
    }

    fn bytes(&mut self, field: &str, value: &str, max: usize) -> Option<String> {
        if value.len() > max {
            self.fail(
                field,
                FieldErrorCode::TooLong,
                format!("{field} is longer than {max} bytes"),
            );
            return None;
        }
        Some(value.to_owned())
    }

    fn uuid(&mut self, field: &str, value: &str) -> Option<Uuid> {
        let id = Uuid::parse_str(value).ok();
        if id.is_none() {
            self.fail(
                field,
                FieldErrorCode::InvalidUuid,
                format!("{field} must be a UUID"),
            );
        }
        id
    }

    fn page_url(&mut self, field: &str, value: &str) -> Option<String> {
        let value = self.bytes(field, value, MAX_URL_BYTES)?;
        if url::parse(&value).is_none() {
            self.fail(
                field,
                FieldErrorCode::InvalidUrl,
                format!("{field} must be an absolute http(s) URL"),
            );
            return None;
        }
        Some(value)
    }

    /// Every `props.NAME` field, within the limits on count, names and values.
    fn props(&mut self) -> BTreeMap<String, String> {
        let fields = self.fields;
        let entries: Vec<(&str, &str)> = fields
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(PROPS_PREFIX)?, v.as_str())))
            .collect();
        if entries.len() > MAX_PROPS {
            self.fail(
                "props",
                FieldErrorCode::TooMany,
                format!("props has {} entries, more than {MAX_PROPS}", entries.len()),
            );
            return BTreeMap::new();
        }
        let mut props = BTreeMap::new();
        for (name, value) in entries {
            let field = format!("{PROPS_PREFIX}{name}");
            let name = name.trim();
            if name.is_empty() || name.chars().count() > MAX_PROP_NAME_CHARS {
                self.fail(
                    &field,
                    FieldErrorCode::InvalidName,
                    format!("property names must be 1 to {MAX_PROP_NAME_CHARS} characters"),
                );
            } else if let Some(value) = self.chars(&field, value.trim(), MAX_PROP_VALUE_CHARS)
                && !value.is_empty()
            {
                props.insert(name.to_owned(), value);
            }
        }
        props
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EVENT_ID: &str = "6f1c2d3e-4b5a-4c6d-8e7f-101112131415";
    const VISITOR_ID: &str = "0a0b0c0d-0e0f-4a1b-9c2d-3e4f50617283";

    fn json(body: &str) -> Result<TrackEvent, TrackError> {
        decode_event(EventEncoding::Json, body.as_bytes())
    }

    /// The fields at fault, with their codes.
    fn faults(result: Result<TrackEvent, TrackError>) -> Vec<(String, FieldErrorCode)> {
        match result {
            Err(TrackError::Invalid { fields }) => {
                fields.into_iter().map(|f| (f.field, f.code)).collect()
            }
            other => panic!("expected field errors, got {other:?}"),
        }
    }

    #[test]
    fn content_types_are_read_by_media_type() {
        let cases: &[(Option<&str>, Result<EventEncoding, TrackError>)] = &[
            (Some("application/json"), Ok(EventEncoding::Json)),
            (Some("text/plain;charset=UTF-8"), Ok(EventEncoding::Json)),
            (
                Some("application/x-www-form-urlencoded"),
                Ok(EventEncoding::UrlEncoded),
            ),
            (None, Err(TrackError::MissingContentType)),
            (
                Some("text/html"),
                Err(TrackError::UnsupportedMediaType {
                    content_type: "text/html".into(),
                }),
            ),
        ];
        for (header, expected) in cases {
            assert_eq!(
                &EventEncoding::from_content_type(*header),
                expected,
                "{header:?}"
            );
        }
    }

    #[test]
    fn a_beacon_page_view_decodes_whole() {
        let body = format!(
            r#"{{"kind":"page_view","form_id":"contact","event_id":"{EVENT_ID}",
               "visitor_id":"{VISITOR_ID}","url":"https://acme.co.kr/pricing?plan=pro",
               "title":" 요금제 ","referrer":"","utm":{{"source":"newsletter","medium":null}},
               "at_client":"2026-11-24T09:30:00+09:00","extra":"ignored"}}"#
        );
        let event = json(&body).unwrap();
        assert_eq!(event.kind, TrackKind::PageView);
        assert_eq!(event.form_id, "contact");
        assert_eq!(event.event_id.to_string(), EVENT_ID);
        assert_eq!(
            event.visitor_id.map(|v| v.to_string()).as_deref(),
            Some(VISITOR_ID)
        );
        assert_eq!(
            event.url.as_deref(),
            Some("https://acme.co.kr/pricing?plan=pro")
        );
        assert_eq!(event.title.as_deref(), Some("요금제"), "trimmed");
        assert_eq!(event.referrer, None, "blank is absent");
        assert_eq!(event.utm.source.as_deref(), Some("newsletter"));
        assert_eq!(event.utm.medium, None);
        assert!(event.at_client.is_some());
    }

    #[test]
    fn url_encoded_events_use_flat_names() {
        let body = format!(
            "kind=custom&form_id=contact&event_id={EVENT_ID}&name=limit_hit\
             &props.plan=pro&props.seats=12&utm_source=ads&utm_source=second"
        );
        let event = decode_event(EventEncoding::UrlEncoded, body.as_bytes()).unwrap();
        assert_eq!(event.kind, TrackKind::Custom);
        assert_eq!(event.name.as_deref(), Some("limit_hit"));
        assert_eq!(
            event.props,
            BTreeMap::from([
                ("plan".to_owned(), "pro".to_owned()),
                ("seats".to_owned(), "12".to_owned())
            ])
        );
        assert_eq!(event.utm.source.as_deref(), Some("ads"), "first value wins");
    }

    #[test]
    fn json_props_take_scalars_as_text() {
        let body = format!(
            r#"{{"kind":"custom","form_id":"f","event_id":"{EVENT_ID}","name":"video",
               "props":{{"seconds":42,"finished":true,"none":null}}}}"#
        );
        let event = json(&body).unwrap();
        assert_eq!(event.props.get("seconds").map(String::as_str), Some("42"));
        assert_eq!(
            event.props.get("finished").map(String::as_str),
            Some("true")
        );
        assert!(!event.props.contains_key("none"));
    }

    #[test]
    fn every_fault_is_named_with_its_field() {
        use FieldErrorCode::*;
        let long_url = format!("https://acme.co.kr/{}", "a".repeat(MAX_URL_BYTES));
        let many_props: String = (0..=MAX_PROPS)
            .map(|i| format!(r#""p{i}":"x""#))
            .collect::<Vec<_>>()
            .join(",");
        let cases: Vec<(String, Vec<(&str, FieldErrorCode)>)> = vec![
            (
                "{}".into(),
                vec![
                    ("kind", Required),
                    ("form_id", Required),
                    ("event_id", Required),
                ],
            ),
            (
                format!(r#"{{"kind":"click","form_id":"f","event_id":"{EVENT_ID}"}}"#),
                vec![("kind", UnknownValue)],
            ),
            (
                r#"{"kind":"page_view","form_id":"f","event_id":"nope","visitor_id":"x"}"#.into(),
                vec![
                    ("event_id", InvalidUuid),
                    ("visitor_id", InvalidUuid),
                    ("url", Required),
                ],
            ),
            (
                format!(
                    r#"{{"kind":"page_view","form_id":"f","event_id":"{EVENT_ID}","url":"/pricing"}}"#
                ),
                vec![("url", InvalidUrl)],
            ),
            (
                format!(
                    r#"{{"kind":"page_view","form_id":"f","event_id":"{EVENT_ID}","url":"{long_url}"}}"#
                ),
                vec![("url", TooLong)],
            ),
            (
                format!(r#"{{"kind":"content_download","form_id":"f","event_id":"{EVENT_ID}"}}"#),
                vec![("asset", Required)],
            ),
            (
                format!(
                    r#"{{"kind":"custom","form_id":"f","event_id":"{EVENT_ID}","name":"x","props":{{{many_props}}}}}"#
                ),
                vec![("props", TooMany)],
            ),
            (
                format!(
                    r#"{{"kind":"custom","form_id":"f","event_id":"{EVENT_ID}","name":"x","props":{{"a":{{"b":1}},"":"v"}},"utm":"ads"}}"#
                ),
                vec![
                    ("props.a", NotText),
                    ("utm", NotText),
                    ("props.", InvalidName),
                ],
            ),
            (
                format!(
                    r#"{{"kind":"custom","form_id":"f","event_id":"{EVENT_ID}","at_client":"yesterday"}}"#
                ),
                vec![("name", Required), ("at_client", InvalidTime)],
            ),
            (
                format!(
                    r#"{{"kind":"page_view","form_id":"f","event_id":"{EVENT_ID}","url":"https://a.kr/","title":{{}}}}"#
                ),
                vec![("title", NotText)],
            ),
        ];
        for (body, expected) in cases {
            let expected: Vec<(String, FieldErrorCode)> = expected
                .into_iter()
                .map(|(f, c)| (f.to_owned(), c))
                .collect();
            assert_eq!(faults(json(&body)), expected, "{body}");
        }
    }

    #[test]
    fn broken_bodies_are_refused_before_any_field() {
        assert_eq!(json("[1]"), Err(TrackError::NotObject));
        assert!(matches!(
            json("{\"kind\":"),
            Err(TrackError::MalformedJson { .. })
        ));
        assert_eq!(
            decode_event(EventEncoding::UrlEncoded, b"kind=%FF"),
            Err(TrackError::InvalidUtf8)
        );
        let big = vec![b' '; MAX_EVENT_BYTES + 1];
        assert_eq!(
            decode_event(EventEncoding::Json, &big),
            Err(TrackError::TooLarge {
                len: MAX_EVENT_BYTES + 1
            })
        );
    }

    fn any_event() -> impl Strategy<Value = TrackEvent> {
        let text = "[a-zA-Z0-9가-힣 /._-]{0,30}";
        (
            prop::sample::select(TrackKind::ALL.to_vec()),
            "[a-z0-9-]{1,20}",
            any::<u128>(),
            prop::option::of(any::<u128>()),
            "[a-z0-9/?=&._-]{0,60}",
            prop::option::of(text),
            prop::collection::btree_map("[a-z_]{1,10}", "[a-z0-9 ]{1,20}", 0..=MAX_PROPS),
            prop::option::of("[a-z]{1,12}"),
        )
            .prop_map(
                |(kind, form_id, event, visitor, path, title, props, source)| TrackEvent {
                    kind,
                    form_id,
                    event_id: Uuid::from_u128(event),
                    visitor_id: visitor.map(Uuid::from_u128),
                    url: Some(format!("https://acme.co.kr/{path}")),
                    title: title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
                    referrer: None,
                    asset: Some("guide.pdf".into()),
                    name: Some("signal".into()),
                    props: props
                        .into_iter()
                        .map(|(k, v)| (k, v.trim().to_owned()))
                        .filter(|(_, v)| !v.is_empty())
                        .collect(),
                    utm: Utm {
                        source,
                        ..Utm::default()
                    },
                    at_client: None,
                },
            )
    }

    proptest! {
        #[test]
        fn arbitrary_bodies_never_panic(body in prop::collection::vec(any::<u8>(), 0..1024), url_encoded in any::<bool>()) {
            let encoding = if url_encoded { EventEncoding::UrlEncoded } else { EventEncoding::Json };
            let _ = decode_event(encoding, &body);
        }

        #[test]
        fn arbitrary_json_objects_never_panic(fields in prop::collection::btree_map(
            prop::sample::select(vec!["kind", "form_id", "event_id", "visitor_id", "url", "title",
                "referrer", "asset", "name", "props", "utm", "at_client", "other"]),
            prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                any::<i64>().prop_map(Value::from),
                "\\PC{0,40}".prop_map(Value::String),
                prop::collection::btree_map("\\PC{0,8}", "\\PC{0,8}", 0..30)
                    .prop_map(|m| serde_json::to_value(m).unwrap_or(Value::Null)),
            ],
            0..14,
        )) {
            let body = serde_json::to_vec(&fields).unwrap_or_default();
            let _ = decode_event(EventEncoding::Json, &body);
        }

        #[test]
        fn what_the_wire_type_writes_decodes_to_itself(event in any_event()) {
            let body = serde_json::to_vec(&event).unwrap();
            prop_assert_eq!(decode_event(EventEncoding::Json, &body), Ok(event));
        }
    }
}
