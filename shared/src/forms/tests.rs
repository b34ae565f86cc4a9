//! Submissions checked against forms end to end: Korean forms, Web-to-Lead posts,
//! consents, retURL, and every spam verdict.

use std::collections::BTreeMap;

use proptest::prelude::*;
use time::macros::datetime;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::*;
use crate::capture::{BodyKind, FieldErrorCode, FieldMap, decode_body};
use crate::model::{ConsentPurpose, LeadId, WorkspaceId};

const SECRET: &[u8] = b"render-secret-for-tests-only-32b";
const NOW: OffsetDateTime = datetime!(2026-11-24 10:00 UTC);

fn contact_form() -> FormDefinition {
    let mut form = FormDefinition::default_contact("contact", WorkspaceId(Uuid::from_u128(1)));
    form.allowed_origins = vec!["https://acme.co.kr".into(), "http://localhost:3000".into()];
    form
}

/// A form as it would be set up for a repointed Salesforce Web-to-Lead form: no
/// render token, so no minimum time.
fn web_to_lead_form() -> FormDefinition {
    let mut form = contact_form();
    form.min_fill_seconds = 0;
    form
}

fn token(seconds_ago: i64) -> String {
    sign_render_token(SECRET, "contact", NOW - Duration::seconds(seconds_ago))
}

fn url_encoded(body: &str) -> FieldMap {
    decode_body(BodyKind::UrlEncoded, body.as_bytes()).unwrap()
}

fn with_token(pairs: &[(&str, &str)]) -> FieldMap {
    let token = token(30);
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .chain([(RENDER_TOKEN_FIELD.to_owned(), token)])
        .collect()
}

fn check(
    form: &FormDefinition,
    fields: &FieldMap,
) -> Result<AcceptedSubmission, SubmissionRejected> {
    let consents = consents_from_fields(form, fields);
    check_submission(
        form,
        &SubmissionInput {
            fields,
            consents: &consents,
            now: NOW,
        },
        SECRET,
    )
}

fn error_codes(
    result: Result<AcceptedSubmission, SubmissionRejected>,
) -> Vec<(String, FieldErrorCode)> {
    match result {
        Err(SubmissionRejected::Invalid { errors }) => {
            errors.into_iter().map(|e| (e.field, e.code)).collect()
        }
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn a_korean_contact_submission_is_accepted_with_consent_records() {
    let fields = with_token(&[
        ("email", " Minsu.Kim@Acme.co.kr "),
        ("name", "김민수"),
        ("company", "에이크미 주식회사"),
        ("title", "마케팅 팀장"),
        ("utm_source", "naver"),
        ("utm_campaign", "2026-webinar"),
        ("page_url", "https://acme.co.kr/webinar"),
        ("consent_personal_info_collection", "on"),
        ("homepage", ""),
    ]);
    let accepted = check(&contact_form(), &fields).unwrap();
    let lead = &accepted.lead;
    assert_eq!(lead.email.as_deref(), Some("minsu.kim@acme.co.kr"));
    assert_eq!(lead.name.as_deref(), Some("김민수"));
    assert_eq!(lead.company.as_deref(), Some("에이크미 주식회사"));
    assert_eq!(lead.title.as_deref(), Some("마케팅 팀장"));
    assert_eq!(lead.utm.source.as_deref(), Some("naver"));
    assert_eq!(lead.utm.campaign.as_deref(), Some("2026-webinar"));
    assert_eq!(
        lead.landing_page.as_deref(),
        Some("https://acme.co.kr/webinar")
    );
    assert!(lead.custom.is_empty(), "{:?}", lead.custom);
    let consents: Vec<(ConsentPurpose, bool, &str)> = accepted
        .consents
        .iter()
        .map(|c| (c.purpose, c.granted, c.text_version.as_str()))
        .collect();
    assert_eq!(
        consents,
        vec![
            (
                ConsentPurpose::PersonalInfoCollection,
                true,
                "privacy-2026-01"
            ),
            (
                ConsentPurpose::MarketingMessages,
                false,
                "marketing-2026-01"
            ),
        ]
    );
    assert!(accepted.consents.iter().all(|c| c.at == NOW));
    assert_eq!(accepted.thank_you, contact_form().thank_you);

    let stored = accepted.lead.clone().into_lead(
        LeadId(Uuid::from_u128(5)),
        WorkspaceId(Uuid::from_u128(1)),
        accepted.consents.clone(),
        NOW,
    );
    assert_eq!(stored.name, "김민수");
    assert_eq!(stored.company_name.as_deref(), Some("에이크미 주식회사"));
    assert_eq!(
        stored
            .consent(ConsentPurpose::MarketingMessages)
            .map(|c| c.granted),
        Some(false)
    );
}

/// A body as a typical Salesforce Web-to-Lead form posts it (field names, order and the
/// `oid`/`retURL` control fields as Salesforce generates them), plus the consent box.
const WEB_TO_LEAD_BODY: &str = "oid=00D5g000004Abcd&retURL=https%3A%2F%2Facme.co.kr%2Fthanks%3Ffrom%3Dw2l\
&first_name=%EB%AF%BC%EC%88%98&last_name=%EA%B9%80&email=minsu%40acme.co.kr\
&company=%EC%97%90%EC%9D%B4%ED%81%AC%EB%AF%B8&title=CTO&phone=02-123-4567&mobile=010-1234-5678\
&city=%EC%84%9C%EC%9A%B8&state=%EC%84%9C%EC%9A%B8%ED%8A%B9%EB%B3%84%EC%8B%9C&country=KR&zip=06236\
&employees=1%2C200&industry=Software&lead_source=Web&description=%EB%8F%84%EC%9E%85+%EB%AC%B8%EC%9D%98\
&00N5g00000ABCde=Enterprise&Campaign_ID=7015g000000XyZ1&member_status=Responded\
&consent_personal_info_collection=1&submit=Submit";

#[test]
fn a_web_to_lead_post_maps_by_alias() {
    let accepted = check(&web_to_lead_form(), &url_encoded(WEB_TO_LEAD_BODY)).unwrap();
    let lead = &accepted.lead;
    assert_eq!(lead.given_name.as_deref(), Some("민수"));
    assert_eq!(lead.family_name.as_deref(), Some("김"));
    assert_eq!(lead.name.as_deref(), Some("김민수"));
    assert_eq!(lead.email.as_deref(), Some("minsu@acme.co.kr"));
    assert_eq!(lead.company.as_deref(), Some("에이크미"));
    assert_eq!(lead.title.as_deref(), Some("CTO"));
    // Typed as 02-123-4567: stored in E.164.
    assert_eq!(lead.phone.as_deref(), Some("+8221234567"));
    assert_eq!(lead.city.as_deref(), Some("서울"));
    assert_eq!(lead.region.as_deref(), Some("서울특별시"));
    assert_eq!(lead.country.as_deref(), Some("KR"));
    assert_eq!(lead.postal_code.as_deref(), Some("06236"));
    assert_eq!(lead.employee_count, Some(1200));
    assert_eq!(lead.industry.as_deref(), Some("Software"));
    assert_eq!(lead.source.as_deref(), Some("Web"));
    assert_eq!(lead.description.as_deref(), Some("도입 문의"));
    let custom: BTreeMap<&str, &str> = lead
        .custom
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        custom,
        BTreeMap::from([
            ("00N5g00000ABCde", "Enterprise"),
            ("Campaign_ID", "7015g000000XyZ1"),
            ("member_status", "Responded"),
            ("mobile", "+821012345678"),
        ])
    );
    assert_eq!(
        accepted.thank_you,
        ThankYou::Url {
            url: "https://acme.co.kr/thanks?from=w2l".into()
        }
    );
}

#[test]
fn western_names_keep_given_family_order() {
    let body = "first_name=Jane&last_name=Doe&email=jane%40example.com&company=Example&consent_personal_info_collection=on";
    let accepted = check(&web_to_lead_form(), &url_encoded(body)).unwrap();
    assert_eq!(accepted.lead.name.as_deref(), Some("Jane Doe"));
}

#[test]
fn ret_url_is_honoured_only_for_allowed_origins() {
    let base = "email=a%40acme.co.kr&name=Kim&company=Acme&consent_personal_info_collection=on";
    let message = web_to_lead_form().thank_you;
    let cases = [
        (
            "https://acme.co.kr/thanks",
            Some("https://acme.co.kr/thanks"),
        ),
        ("HTTPS://ACME.CO.KR:443/x", Some("HTTPS://ACME.CO.KR:443/x")),
        (
            "http://localhost:3000/done",
            Some("http://localhost:3000/done"),
        ),
        ("https://evil.example/phish", None),
        ("https://acme.co.kr@evil.example/", None),
        ("https://acme.co.kr.evil.example/", None),
        ("http://acme.co.kr/thanks", None),
        ("javascript:alert(1)", None),
        ("/relative", None),
    ];
    for (ret_url, expected) in cases {
        let encoded: String = form_urlencoded::byte_serialize(ret_url.as_bytes()).collect();
        let accepted = check(
            &web_to_lead_form(),
            &url_encoded(&format!("{base}&retURL={encoded}")),
        )
        .unwrap();
        let expected = expected.map_or(message.clone(), |url| ThankYou::Url { url: url.into() });
        assert_eq!(accepted.thank_you, expected, "{ret_url}");
    }
}

#[test]
fn field_and_consent_problems_name_their_field() {
    let mut form = contact_form();
    form.fields.push(FormField {
        name: "size".into(),
        kind: FieldKind::Select {
            options: vec![SelectOption {
                value: "1-50".into(),
                label: Localized::new("1-50명", "1-50"),
            }],
        },
        required: false,
        label: Localized::new("회사 규모", "Company size"),
        placeholder: None,
        max_len: None,
        maps_to: MapsTo::Custom { key: "size".into() },
    });
    form.fields.push(FormField {
        name: "seats".into(),
        kind: FieldKind::Number,
        required: false,
        label: Localized::new("사용 인원", "Seats"),
        placeholder: None,
        max_len: None,
        maps_to: MapsTo::Custom {
            key: "seats".into(),
        },
    });
    form.fields.push(FormField {
        name: "agree_terms".into(),
        kind: FieldKind::Checkbox,
        required: true,
        label: Localized::new("약관 동의", "I accept the terms"),
        placeholder: None,
        max_len: None,
        maps_to: MapsTo::Custom {
            key: "terms".into(),
        },
    });
    let ok = [
        ("email", "a@acme.co.kr"),
        ("name", "김민수"),
        ("company", "Acme"),
        ("agree_terms", "on"),
        ("consent_personal_info_collection", "on"),
    ];
    let with = |extra: &[(&'static str, &str)], drop: &[&str]| -> FieldMap {
        let mut pairs: Vec<(&str, String)> = ok
            .iter()
            .filter(|(k, _)| !drop.contains(k))
            .map(|(k, v)| (*k, v.to_string()))
            .collect();
        pairs.retain(|(k, _)| !extra.iter().any(|(e, _)| e == k));
        pairs.extend(extra.iter().map(|(k, v)| (*k, v.to_string())));
        pairs.push((RENDER_TOKEN_FIELD, token(30)));
        pairs.into_iter().collect()
    };
    let long_note = "가".repeat(2001);
    // (what, submitted fields, expected errors by field)
    type Case<'a> = (&'a str, FieldMap, Vec<(&'a str, FieldErrorCode)>);
    let cases: Vec<Case> = vec![
        (
            "phone that is not a number",
            with(&[("phone", "010-12")], &[]),
            vec![("phone", FieldErrorCode::InvalidPhone)],
        ),
        (
            "collection consent missing",
            with(&[], &["consent_personal_info_collection"]),
            vec![(
                "consent_personal_info_collection",
                FieldErrorCode::ConsentRequired,
            )],
        ),
        (
            "collection consent declined",
            with(&[("consent_personal_info_collection", "off")], &[]),
            vec![(
                "consent_personal_info_collection",
                FieldErrorCode::ConsentRequired,
            )],
        ),
        (
            "required fields blank",
            with(&[("name", " ")], &["email", "company"]),
            vec![
                ("email", FieldErrorCode::Required),
                ("name", FieldErrorCode::Required),
                ("company", FieldErrorCode::Required),
            ],
        ),
        (
            "bad email",
            with(&[("email", "kim@acme")], &[]),
            vec![("email", FieldErrorCode::InvalidEmail)],
        ),
        (
            "not an option",
            with(&[("size", "51-200")], &[]),
            vec![("size", FieldErrorCode::NotAnOption)],
        ),
        (
            "not a number",
            with(&[("seats", "열")], &[]),
            vec![("seats", FieldErrorCode::NotANumber)],
        ),
        (
            "required checkbox unchecked",
            with(&[("agree_terms", "off")], &[]),
            vec![("agree_terms", FieldErrorCode::Required)],
        ),
        (
            "checkbox gibberish",
            with(&[("agree_terms", "maybe")], &[]),
            vec![("agree_terms", FieldErrorCode::NotABoolean)],
        ),
        (
            "too long",
            with(&[("name", &"김".repeat(201))], &[]),
            vec![("name", FieldErrorCode::TooLong)],
        ),
        (
            "custom value too long",
            with(&[("note", &long_note)], &[]),
            vec![("note", FieldErrorCode::TooLong)],
        ),
        (
            "employees by alias",
            with(&[("employees", "many")], &[]),
            vec![("employees", FieldErrorCode::NotANumber)],
        ),
    ];
    for (what, fields, expected) in cases {
        let expected: Vec<(String, FieldErrorCode)> = expected
            .into_iter()
            .map(|(f, c)| (f.to_owned(), c))
            .collect();
        assert_eq!(error_codes(check(&form, &fields)), expected, "{what}");
    }
    let accepted = check(&form, &with(&[("size", "1-50"), ("seats", "1,000")], &[])).unwrap();
    assert_eq!(
        accepted.lead.custom.get("size").map(String::as_str),
        Some("1-50")
    );
    assert_eq!(
        accepted.lead.custom.get("terms").map(String::as_str),
        Some("true")
    );
    let errors = match check(&form, &with(&[], &["consent_personal_info_collection"])) {
        Err(SubmissionRejected::Invalid { errors }) => errors,
        other => panic!("{other:?}"),
    };
    assert!(
        errors[0]
            .message
            .starts_with("consent_personal_info_collection must be checked: \"(Required)"),
        "{}",
        errors[0].message
    );
}

#[test]
fn spam_is_judged_before_anything_else() {
    let form = contact_form();
    let valid = [
        ("email", "a@acme.co.kr"),
        ("name", "김민수"),
        ("company", "Acme"),
        ("consent_personal_info_collection", "on"),
    ];
    let fields = |token: Option<String>, extra: &[(&str, &str)]| -> FieldMap {
        valid
            .iter()
            .chain(extra)
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .chain(token.map(|t| (RENDER_TOKEN_FIELD.to_owned(), t)))
            .collect()
    };
    let forged = format!(
        "{}.{}",
        (NOW - Duration::minutes(1)).unix_timestamp(),
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    );
    let other_form = sign_render_token(SECRET, "webinar", NOW - Duration::minutes(1));
    let cases: Vec<(&str, FieldMap, SpamVerdict)> = vec![
        (
            "honeypot, even with bad fields",
            fields(
                Some(token(30)),
                &[("homepage", "http://spam.example"), ("email", "x")],
            ),
            SpamVerdict::HoneypotFilled {
                field: "homepage".into(),
            },
        ),
        (
            "too fast",
            fields(Some(token(1)), &[]),
            SpamVerdict::TooFast {
                elapsed_secs: 1,
                min_secs: 3,
            },
        ),
        (
            "no token",
            fields(None, &[]),
            SpamVerdict::MissingRenderToken,
        ),
        (
            "forged token",
            fields(Some(forged), &[]),
            SpamVerdict::BadRenderToken {
                problem: RenderTokenError::BadSignature,
            },
        ),
        (
            "token of another form",
            fields(Some(other_form), &[]),
            SpamVerdict::BadRenderToken {
                problem: RenderTokenError::BadSignature,
            },
        ),
        (
            "garbage token",
            fields(Some("hello".into()), &[]),
            SpamVerdict::BadRenderToken {
                problem: RenderTokenError::Malformed,
            },
        ),
    ];
    for (what, fields, verdict) in cases {
        assert_eq!(
            check(&form, &fields),
            Err(SubmissionRejected::Spam { verdict }),
            "{what}"
        );
    }
    assert!(check(&form, &fields(Some(token(3)), &[])).is_ok());
}

#[test]
fn unknown_fields_are_kept_up_to_the_limit() {
    let mut pairs: Vec<(String, String)> = vec![
        ("email".into(), "a@acme.co.kr".into()),
        ("name".into(), "Kim".into()),
        ("company".into(), "Acme".into()),
        ("consent_personal_info_collection".into(), "on".into()),
    ];
    pairs.extend((0..MAX_CUSTOM_FIELDS + 3).map(|i| (format!("extra_{i:02}"), "x".to_owned())));
    pairs.push(("00N5g00000ABCde".into(), "kept beyond the limit".into()));
    pairs.push(("k".repeat(65), "name too long".into()));
    let fields: FieldMap = pairs.into_iter().collect();
    let accepted = check(&web_to_lead_form(), &fields).unwrap();
    assert_eq!(accepted.lead.custom.len(), MAX_CUSTOM_FIELDS + 1);
    assert!(accepted.lead.custom.contains_key("00N5g00000ABCde"));
    assert_eq!(
        accepted.dropped_fields,
        vec![
            "extra_20".to_owned(),
            "extra_21".into(),
            "extra_22".into(),
            "k".repeat(64)
        ]
    );
}

proptest! {
    #[test]
    fn arbitrary_field_maps_never_panic(
        pairs in proptest::collection::vec(
            (
                prop_oneof![
                    Just("first_name".to_owned()), Just("last_name".to_owned()), Just("email".to_owned()),
                    Just("employees".to_owned()), Just("mobile".to_owned()), Just("phone".to_owned()),
                    Just("retURL".to_owned()), Just("name".to_owned()), Just(RENDER_TOKEN_FIELD.to_owned()),
                    Just("consent_personal_info_collection".to_owned()), Just("homepage".to_owned()),
                    "\\PC{0,70}",
                ],
                "\\PC{0,60}",
            ),
            0..40,
        ),
        web_to_lead in any::<bool>(),
    ) {
        let form = if web_to_lead { web_to_lead_form() } else { contact_form() };
        let fields: FieldMap = pairs.into_iter().collect();
        if let Ok(accepted) = check(&form, &fields) {
            // Whatever got in, the required collection consent was granted.
            prop_assert!(accepted.consents.iter().any(|c| c.purpose == ConsentPurpose::PersonalInfoCollection && c.granted));
            prop_assert!(accepted.lead.custom.len() <= MAX_CUSTOM_FIELDS + fields.iter().count());
        }
    }
}
