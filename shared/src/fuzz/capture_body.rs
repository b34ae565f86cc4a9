//! Fuzz target: capture bodies in every content type `POST /f/{form_id}` and `POST /t`
//! accept — URL-encoded, JSON, multipart (the parts, after the runtime splits them) and
//! `text/plain` beacons — then the submission check the worker runs on the fields.
//! Properties: nothing panics; a body is either a typed error of its encoding or fields
//! within the limits; valid bodies decode to exactly what was encoded.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde_json::Value;
use time::OffsetDateTime;
use time::macros::datetime;
use uuid::Uuid;

use super::mutate::mutated;
use crate::capture::{
    BodyKind, DecodeError, FieldMap, MAX_BODY_BYTES, MAX_FIELDS, Part, decode_body,
    fields_from_parts, media_type,
};
use crate::forms::{
    FormDefinition, MAX_CUSTOM_FIELDS, SubmissionInput, SubmissionRejected, check_submission,
    consents_from_fields,
};
use crate::model::WorkspaceId;
use crate::tracking::{EventEncoding, MAX_EVENT_BYTES, TrackError, decode_event};

const NOW: OffsetDateTime = datetime!(2026-11-25 1:00 UTC);
const SECRET: &[u8] = b"render-secret-for-fuzzing-only-32";

/// Names a lead form uses (and its Web-to-Lead aliases), so generated bodies reach the
/// field checks, plus junk.
fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "name", "email", "company", "title", "phone", "country", "employees",
            "first_name", "last_name", "retURL", "utm_source", "submission_id",
            "consent_privacy", "consent_marketing", "_lk_rendered", "website", "00N1",
        ]).prop_map(str::to_owned),
        1 => "\\PC{0,12}",
        1 => "[a-z_]{1,40}",
    ]
}

/// Values: plausible ones, Korean, control characters, and long runs.
fn field_value() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "\\PC{0,40}",
        2 => prop::sample::select(vec![
            "김민수", "kim@acme.co.kr", "KIM@ACME.CO.KR", "010-1234-5678", "+82 2 555 0100",
            "on", "true", "1", "https://evil.example/", "javascript:alert(1)", "250", "-1",
            "1e309", " ", "\u{0}", "<script>alert(1)</script>",
        ]).prop_map(str::to_owned),
        1 => (prop::sample::select(vec!['a', '가', '%', '&']), 0usize..5000)
            .prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
    ]
}

fn pairs() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((field_name(), field_value()), 0..24)
}

/// What `pairs` should decode to: the first value of each name.
fn first_values(pairs: &[(String, String)]) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.entry(k.clone()).or_insert_with(|| v.clone());
    }
    map
}

fn url_encoded(pairs: &[(String, String)]) -> Vec<u8> {
    let mut serializer = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        serializer.append_pair(k, v);
    }
    serializer.finish().into_bytes()
}

/// A JSON field value: mostly scalars, sometimes what the decoder must refuse.
fn json_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => field_value().prop_map(Value::String),
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<f64>().prop_map(Value::from),
        1 => prop::collection::vec(any::<u8>().prop_map(Value::from), 0..3).prop_map(Value::Array),
    ]
}

fn json_object() -> impl Strategy<Value = serde_json::Map<String, Value>> {
    prop::collection::vec((field_name(), json_value()), 0..24)
        .prop_map(|pairs| pairs.into_iter().collect())
}

/// The checks every decoded field map must pass, whatever the body was.
fn check_fields(fields: &FieldMap) -> Result<(), TestCaseError> {
    prop_assert!(fields.iter().count() <= MAX_FIELDS);
    Ok(())
}

/// Runs the submission check the worker runs on decoded fields, against the default
/// contact form without a fill-time check (a Web-to-Lead form), so generated bodies
/// reach the field checks instead of stopping at the missing render token.
fn check_as_submission(fields: &FieldMap) -> Result<(), TestCaseError> {
    let mut form = FormDefinition::default_contact("contact", WorkspaceId(Uuid::from_u128(1)));
    form.min_fill_seconds = 0;
    let consents = consents_from_fields(&form, fields);
    let input = SubmissionInput {
        fields,
        consents: &consents,
        now: NOW,
    };
    match check_submission(&form, &input, SECRET) {
        Ok(accepted) => {
            if let Some(email) = &accepted.lead.email {
                prop_assert!(email.contains('@'), "accepted e-mail {email:?}");
                prop_assert_eq!(email, &email.to_lowercase());
            }
            prop_assert!(accepted.lead.custom.len() <= MAX_CUSTOM_FIELDS);
        }
        Err(SubmissionRejected::Invalid { errors }) => prop_assert!(!errors.is_empty()),
        Err(SubmissionRejected::Spam { .. }) => {}
    }
    Ok(())
}

proptest! {
    #![proptest_config(super::config())]

    #[test]
    fn url_encoded_bodies_decode_or_fail_typed((seed, body) in mutated(pairs().prop_map(|p| url_encoded(&p)))) {
        match decode_body(BodyKind::UrlEncoded, &body) {
            Ok(fields) => {
                check_fields(&fields)?;
                check_as_submission(&fields)?;
            }
            Err(DecodeError::InvalidUtf8 | DecodeError::TooManyFields | DecodeError::TooLarge { .. }) => {}
            Err(other) => prop_assert!(false, "url-encoded body failed as {other:?}"),
        }
        // The seed is a browser's encoding of real pairs: it always decodes.
        if seed.len() <= MAX_BODY_BYTES {
            let decoded = decode_body(BodyKind::UrlEncoded, &seed);
            prop_assert!(decoded.is_ok() || decoded == Err(DecodeError::TooManyFields), "{decoded:?}");
        }
    }

    #[test]
    fn url_encoding_round_trips_first_values(pairs in pairs()) {
        let body = url_encoded(&pairs);
        let expected = first_values(&pairs);
        match decode_body(BodyKind::UrlEncoded, &body) {
            Ok(fields) => {
                let got: BTreeMap<String, String> =
                    fields.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
                prop_assert_eq!(got, expected);
            }
            Err(DecodeError::TooLarge { .. }) => prop_assert!(body.len() > MAX_BODY_BYTES),
            Err(DecodeError::TooManyFields) => prop_assert!(expected.len() > MAX_FIELDS),
            Err(other) => prop_assert!(false, "valid body failed as {other:?}"),
        }
    }

    #[test]
    fn json_bodies_decode_or_fail_typed((seed, body) in mutated(json_object().prop_map(|o| serde_json::to_vec(&o).unwrap_or_default()))) {
        match decode_body(BodyKind::Json, &body) {
            Ok(fields) => {
                check_fields(&fields)?;
                check_as_submission(&fields)?;
            }
            Err(DecodeError::InvalidUtf8
                | DecodeError::MalformedJson { .. }
                | DecodeError::JsonNotObject
                | DecodeError::FieldNotText { .. }
                | DecodeError::TooManyFields
                | DecodeError::TooLarge { .. }) => {}
            Err(other) => prop_assert!(false, "JSON body failed as {other:?}"),
        }
        let _ = decode_body(BodyKind::Json, &seed);
    }

    #[test]
    fn json_scalars_round_trip_as_text(object in json_object()) {
        let body = serde_json::to_vec(&object).unwrap_or_default();
        let nested = object.iter().find(|(_, v)| v.is_array() || v.is_object());
        match (decode_body(BodyKind::Json, &body), nested) {
            (Ok(fields), None) => {
                let expected: BTreeMap<String, String> = object
                    .iter()
                    .filter_map(|(k, v)| match v {
                        Value::String(s) => Some((k.clone(), s.clone())),
                        Value::Bool(b) => Some((k.clone(), b.to_string())),
                        Value::Number(n) => Some((k.clone(), n.to_string())),
                        _ => None,
                    })
                    .collect();
                let got: BTreeMap<String, String> =
                    fields.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
                prop_assert_eq!(got, expected);
            }
            (Err(DecodeError::FieldNotText { field }), Some(_)) => {
                prop_assert!(object.get(&field).is_some_and(|v| v.is_array() || v.is_object()));
            }
            (Err(DecodeError::TooLarge { .. }), _) => prop_assert!(body.len() > MAX_BODY_BYTES),
            (other, nested) => prop_assert!(false, "{other:?} for nested {nested:?}"),
        }
    }

    #[test]
    fn body_size_limit_is_exact(len in (MAX_BODY_BYTES - 64)..(MAX_BODY_BYTES + 64), json in any::<bool>()) {
        // One field holding the whole body: the limit is on bytes, not on fields.
        let body: Vec<u8> = if json {
            let mut b = b"{\"description\":\"".to_vec();
            b.resize(len.saturating_sub(2), b'a');
            b.extend_from_slice(b"\"}");
            b
        } else {
            let mut b = b"description=".to_vec();
            b.resize(len, b'a');
            b
        };
        let kind = if json { BodyKind::Json } else { BodyKind::UrlEncoded };
        let result = decode_body(kind, &body);
        if body.len() > MAX_BODY_BYTES {
            prop_assert_eq!(result, Err(DecodeError::TooLarge { len: body.len() }));
        } else {
            prop_assert!(result.is_ok(), "{result:?}");
        }
    }

    #[test]
    fn multipart_parts_keep_first_values_and_refuse_files(
        parts in prop::collection::vec((field_name(), field_value(), prop::bool::weighted(0.05)), 0..120),
    ) {
        let expected = first_values(
            &parts.iter().take_while(|(_, _, file)| !file).map(|(k, v, _)| (k.clone(), v.clone())).collect::<Vec<_>>(),
        );
        let first_file = parts.iter().position(|(_, _, file)| *file);
        let input: Vec<Part> = parts
            .iter()
            .map(|(name, value, file)| if *file {
                Part::File { name: name.clone() }
            } else {
                Part::Text { name: name.clone(), value: value.clone() }
            })
            .collect();
        match fields_from_parts(input) {
            Ok(fields) => {
                prop_assert!(first_file.is_none());
                let got: BTreeMap<String, String> =
                    fields.iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
                prop_assert_eq!(got, expected);
                check_as_submission(&fields)?;
            }
            Err(DecodeError::FileField { field }) => {
                let at = first_file.map(|i| &parts[i].0);
                prop_assert_eq!(Some(&field), at);
            }
            Err(DecodeError::TooManyFields) => prop_assert!(expected.len() >= MAX_FIELDS),
            Err(other) => prop_assert!(false, "parts failed as {other:?}"),
        }
    }

    #[test]
    fn content_type_headers_never_panic(header in "\\PC{0,80}|[a-zA-Z/;= +-]{0,60}") {
        let media = media_type(Some(&header));
        prop_assert_eq!(media_type(Some(&media)), media.clone());
        match BodyKind::from_content_type(Some(&header)) {
            Ok(BodyKind::Json) => prop_assert_eq!(media.as_str(), "application/json"),
            Ok(BodyKind::UrlEncoded) => prop_assert_eq!(media.as_str(), "application/x-www-form-urlencoded"),
            Err(DecodeError::MissingContentType) => prop_assert!(media.is_empty()),
            Err(DecodeError::UnsupportedMediaType { content_type }) => prop_assert!(content_type.chars().count() <= 100),
            Err(other) => prop_assert!(false, "{other:?}"),
        }
        let _ = EventEncoding::from_content_type(Some(&header));
    }

    #[test]
    fn tracking_beacons_decode_or_fail_typed(
        (_, body) in mutated(prop_oneof![
            json_object().prop_map(|mut o| {
                o.insert("kind".into(), Value::from("page_view"));
                o.insert("form_id".into(), Value::from("contact"));
                o.insert("event_id".into(), Value::from(Uuid::from_u128(9).to_string()));
                o.insert("url".into(), Value::from("https://acme.co.kr/pricing"));
                serde_json::to_vec(&o).unwrap_or_default()
            }),
            pairs().prop_map(|p| url_encoded(&p)),
        ]),
        url_encoded_kind in any::<bool>(),
    ) {
        // `text/plain` beacons carry JSON, so they take the JSON path.
        let encoding = if url_encoded_kind { EventEncoding::UrlEncoded } else { EventEncoding::Json };
        match decode_event(encoding, &body) {
            Ok(event) => {
                prop_assert!(body.len() <= MAX_EVENT_BYTES);
                prop_assert!(event.props.len() <= crate::tracking::MAX_PROPS);
            }
            Err(TrackError::Invalid { fields }) => prop_assert!(!fields.is_empty()),
            Err(_) => {}
        }
    }
}

/// Regression seeds worth keeping whatever the generators do: each was a way decoders
/// commonly break (lone surrogates, overlong NUL, truncated escapes, huge exponents).
#[test]
fn known_nasty_bodies_fail_typed() {
    let cases: &[(BodyKind, &[u8])] = &[
        (BodyKind::Json, br#"{"name":"\ud800"}"#),
        (BodyKind::Json, br#"{"employees":1e999}"#),
        (BodyKind::Json, br#"{"employees":18446744073709551616}"#),
        (BodyKind::Json, b"{\"name\":\"\xC0\x80\"}"),
        (BodyKind::UrlEncoded, b"name=%"),
        (BodyKind::UrlEncoded, b"name=%E2%82"),
        (BodyKind::UrlEncoded, b"%ED%A0%80=1"),
        (BodyKind::UrlEncoded, b"&&&===&&&"),
    ];
    for (kind, body) in cases {
        match decode_body(*kind, body) {
            Ok(fields) => assert!(fields.iter().count() <= MAX_FIELDS),
            Err(e) => assert!(!e.to_string().is_empty(), "{body:?}"),
        }
    }
    // 100,000 nested arrays: serde_json's depth limit refuses it as malformed, never a
    // stack overflow.
    let bomb = format!(
        "{{\"name\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(matches!(
        decode_body(BodyKind::Json, bomb.as_bytes()),
        Err(DecodeError::TooLarge { .. } | DecodeError::MalformedJson { .. })
    ));
    let bomb = format!("{{\"name\":{}{}}}", "[".repeat(30_000), "]".repeat(30_000));
    assert!(matches!(
        decode_body(BodyKind::Json, bomb.as_bytes()),
        Err(DecodeError::MalformedJson { .. })
    ));
}
