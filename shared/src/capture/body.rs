//! Decoding a form post's body — URL-encoded (plain HTML forms) or JSON (fetch) — into
//! a flat map of text fields, before any validation.

use std::collections::BTreeMap;

use serde_json::Value;
use thiserror::Error;

/// Largest body the capture endpoint reads; a lead form is a few hundred bytes, so
/// anything near this is abuse or a mistake.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Most distinct fields one submission may carry.
pub const MAX_FIELDS: usize = 100;

/// The encodings a capture body may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// `application/x-www-form-urlencoded`: a plain HTML form post; answered with a
    /// redirect rather than JSON.
    UrlEncoded,
    /// `application/json`: a script posting with fetch; answered with JSON.
    Json,
}

impl BodyKind {
    /// Reads the media type of a `Content-Type` header, ignoring parameters such as
    /// `charset`.
    pub fn from_content_type(content_type: Option<&str>) -> Result<Self, DecodeError> {
        let raw = content_type.unwrap_or("").trim();
        match media_type(content_type).as_str() {
            "application/x-www-form-urlencoded" => Ok(Self::UrlEncoded),
            "application/json" => Ok(Self::Json),
            "" => Err(DecodeError::MissingContentType),
            _ => Err(DecodeError::UnsupportedMediaType {
                content_type: raw.chars().take(100).collect(),
            }),
        }
    }
}

/// The media type of a `Content-Type` header: lower-cased, without parameters such as
/// `charset`, and empty when there is no header.
pub fn media_type(content_type: Option<&str>) -> String {
    content_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Why a body could not be read as form fields.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DecodeError {
    /// The request named no `Content-Type`.
    #[error(
        "missing content-type: send application/x-www-form-urlencoded, multipart/form-data or application/json"
    )]
    MissingContentType,
    /// The `Content-Type` is one capture does not read.
    #[error(
        "unsupported content-type {content_type:?}: send application/x-www-form-urlencoded, multipart/form-data or application/json"
    )]
    UnsupportedMediaType { content_type: String },
    /// The body is longer than [`MAX_BODY_BYTES`].
    #[error("body of {len} bytes is over the limit of {MAX_BODY_BYTES} bytes")]
    TooLarge { len: usize },
    /// The body is not UTF-8 text.
    #[error("body is not valid UTF-8")]
    InvalidUtf8,
    /// A JSON body that does not parse.
    #[error("body is not valid JSON: {detail}")]
    MalformedJson { detail: String },
    /// A JSON body whose top level is not an object of fields.
    #[error("JSON body must be an object of fields")]
    JsonNotObject,
    /// A JSON field whose value is an object or array rather than text.
    #[error("field {field:?} must be text, a number or a boolean")]
    FieldNotText { field: String },
    /// A `multipart/form-data` body the runtime could not parse (the worker parses
    /// multipart with the runtime's `FormData`, then applies the same limits).
    #[error("body is not valid multipart/form-data: {detail}")]
    MalformedMultipart { detail: String },
    /// A multipart part carried a file; forms take text only.
    #[error("{field} is a file; this form takes text fields only")]
    FileField { field: String },
    /// More than [`MAX_FIELDS`] distinct fields.
    #[error("more than {MAX_FIELDS} fields")]
    TooManyFields,
}

/// A submission's fields by name. When a name repeats, the first value wins: the form's
/// own field comes before anything a script appended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap(BTreeMap<String, String>);

impl FieldMap {
    /// The value of `name`, trimmed; `None` when absent or blank.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(|v| v.trim()).filter(|v| !v.is_empty())
    }

    /// Every field, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub(super) fn insert_first(&mut self, name: String, value: String) -> Result<(), DecodeError> {
        if self.0.contains_key(&name) {
            return Ok(());
        }
        if self.0.len() >= MAX_FIELDS {
            return Err(DecodeError::TooManyFields);
        }
        self.0.insert(name, value);
        Ok(())
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for FieldMap {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = BTreeMap::new();
        for (k, v) in iter {
            map.entry(k.into()).or_insert_with(|| v.into());
        }
        Self(map)
    }
}

/// Decodes a capture body of the given kind into its fields.
pub fn decode_body(kind: BodyKind, body: &[u8]) -> Result<FieldMap, DecodeError> {
    if body.len() > MAX_BODY_BYTES {
        return Err(DecodeError::TooLarge { len: body.len() });
    }
    let text = std::str::from_utf8(body).map_err(|_| DecodeError::InvalidUtf8)?;
    match kind {
        BodyKind::UrlEncoded => decode_url_encoded(text),
        BodyKind::Json => decode_json(text),
    }
}

fn decode_url_encoded(text: &str) -> Result<FieldMap, DecodeError> {
    let mut fields = FieldMap::default();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        fields.insert_first(decode_component(name)?, decode_component(value)?)?;
    }
    Ok(fields)
}

/// Decodes one `application/x-www-form-urlencoded` name or value strictly: escapes that
/// decode to invalid UTF-8 are refused rather than stored as replacement characters.
pub(crate) fn decode_component(raw: &str) -> Result<String, DecodeError> {
    let spaced = raw.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| DecodeError::InvalidUtf8)
}

fn decode_json(text: &str) -> Result<FieldMap, DecodeError> {
    let value: Value = serde_json::from_str(text).map_err(|e| DecodeError::MalformedJson {
        detail: e.to_string(),
    })?;
    let Value::Object(object) = value else {
        return Err(DecodeError::JsonNotObject);
    };
    let mut fields = FieldMap::default();
    for (name, value) in object {
        let text = match value {
            Value::Null => continue,
            Value::String(s) => s,
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Array(_) | Value::Object(_) => {
                return Err(DecodeError::FieldNotText { field: name });
            }
        };
        fields.insert_first(name, text)?;
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn content_types_are_read_by_media_type_only() {
        let cases: &[(Option<&str>, Result<BodyKind, DecodeError>)] = &[
            (
                Some("application/x-www-form-urlencoded"),
                Ok(BodyKind::UrlEncoded),
            ),
            (Some("Application/JSON; charset=utf-8"), Ok(BodyKind::Json)),
            (None, Err(DecodeError::MissingContentType)),
            (
                Some("text/plain"),
                Err(DecodeError::UnsupportedMediaType {
                    content_type: "text/plain".into(),
                }),
            ),
        ];
        for (header, expected) in cases {
            assert_eq!(
                &BodyKind::from_content_type(*header),
                expected,
                "{header:?}"
            );
        }
    }

    #[test]
    fn url_encoded_korean_and_plus_signs_decode() {
        let body = "name=%EA%B9%80%EB%AF%BC%EC%88%98&company=Acme+Korea&email=a%2Bb%40acme.kr";
        let fields = decode_body(BodyKind::UrlEncoded, body.as_bytes()).unwrap();
        assert_eq!(fields.get("name"), Some("김민수"));
        assert_eq!(fields.get("company"), Some("Acme Korea"));
        assert_eq!(fields.get("email"), Some("a+b@acme.kr"));
    }

    #[test]
    fn first_value_of_a_repeated_field_wins() {
        let fields = decode_body(BodyKind::UrlEncoded, b"name=first&name=second").unwrap();
        assert_eq!(fields.get("name"), Some("first"));
    }

    #[test]
    fn json_scalars_become_text_and_nesting_is_refused() {
        let fields = decode_body(
            BodyKind::Json,
            br#"{"name":"Kim","employees":250,"consent":true,"phone":null}"#,
        )
        .unwrap();
        assert_eq!(fields.get("employees"), Some("250"));
        assert_eq!(fields.get("consent"), Some("true"));
        assert_eq!(fields.get("phone"), None);
        assert_eq!(
            decode_body(BodyKind::Json, br#"{"name":{"first":"Kim"}}"#),
            Err(DecodeError::FieldNotText {
                field: "name".into()
            })
        );
    }

    #[test]
    fn broken_bodies_get_named_errors() {
        assert_eq!(
            decode_body(BodyKind::Json, b"[1,2]"),
            Err(DecodeError::JsonNotObject)
        );
        assert!(matches!(
            decode_body(BodyKind::Json, b"{\"name\":"),
            Err(DecodeError::MalformedJson { .. })
        ));
        assert_eq!(
            decode_body(BodyKind::UrlEncoded, b"name=\xff\xfe"),
            Err(DecodeError::InvalidUtf8)
        );
        assert_eq!(
            decode_body(BodyKind::UrlEncoded, b"name=%FF%FE"),
            Err(DecodeError::InvalidUtf8)
        );
        let big = vec![b'a'; MAX_BODY_BYTES + 1];
        assert_eq!(
            decode_body(BodyKind::UrlEncoded, &big),
            Err(DecodeError::TooLarge {
                len: MAX_BODY_BYTES + 1
            })
        );
        let many: String = (0..=MAX_FIELDS).map(|i| format!("f{i}=x&")).collect();
        assert_eq!(
            decode_body(BodyKind::UrlEncoded, many.as_bytes()),
            Err(DecodeError::TooManyFields)
        );
    }

    proptest! {
        #[test]
        fn decoding_never_panics(body in proptest::collection::vec(any::<u8>(), 0..512), json in any::<bool>()) {
            let kind = if json { BodyKind::Json } else { BodyKind::UrlEncoded };
            let _ = decode_body(kind, &body);
        }

        #[test]
        fn url_encoding_round_trips(name in "[a-z_]{1,12}", value in "\\PC{0,40}") {
            let body: String = form_urlencoded::Serializer::new(String::new())
                .append_pair(&name, &value)
                .finish();
            let fields = decode_body(BodyKind::UrlEncoded, body.as_bytes()).unwrap();
            let trimmed = value.trim();
            prop_assert_eq!(fields.get(&name), if trimmed.is_empty() { None } else { Some(trimmed) });
        }
    }
}
