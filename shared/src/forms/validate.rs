//! Checking a form definition before it is stored: every problem at once, each naming
//! the field, consent item or setting at fault.

use std::collections::BTreeSet;

use thiserror::Error;

use crate::model::ConsentPurpose;
use crate::text::fold;

use super::aliases::is_control_field;
use super::definition::{
    FieldKind, FormDefinition, Localized, MapsTo, ThankYou, consent_field_name,
};
use super::origin::{is_exact_origin, origin_of};
use super::submission::{RENDER_TOKEN_FIELD, SUBMISSION_ID_FIELD};

/// Longest form id, field name or custom key.
const MAX_NAME_CHARS: usize = 64;
/// Largest `max_len` a field may set.
const MAX_FIELD_LEN: u32 = 10_000;
/// Longest `min_fill_seconds`: beyond ten minutes real people would be called bots.
const MAX_MIN_FILL_SECONDS: u32 = 600;

/// Call-to-action texts that say nothing about what the visitor gets, folded.
const GENERIC_CTAS: &[&str] = &[
    "submit",
    "send",
    "ok",
    "okay",
    "go",
    "continue",
    "next",
    "click here",
    "enter",
    "confirm",
    "done",
    "submit form",
    "send message",
    "제출",
    "제출하기",
    "보내기",
    "전송",
    "전송하기",
    "확인",
    "등록",
    "등록하기",
    "완료",
    "다음",
    "클릭",
];

/// One problem with a form definition.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormDefinitionError {
    /// The id is empty, too long or has characters other than `a-z 0-9 - _`.
    #[error("form id {id:?} must be 1 to 64 of a-z, 0-9, - and _")]
    InvalidId {
        /// The id given.
        id: String,
    },
    /// The form has no name for the team.
    #[error("form name is empty")]
    EmptyName,
    /// No field maps to the lead's e-mail: leads are matched and contacted by it.
    #[error("the form needs a field that maps to email")]
    NoEmailField,
    /// A field name is empty, too long or has characters other than `A-Z a-z 0-9 _ - .`.
    #[error("field name {field:?} must be 1 to 64 of A-Z, a-z, 0-9, _, - and .")]
    InvalidFieldName {
        /// The name given.
        field: String,
    },
    /// A field name capture uses for itself (render token, consents, retURL …).
    #[error("field name {field:?} is reserved")]
    ReservedFieldName {
        /// The name given.
        field: String,
    },
    /// Two fields share a name.
    #[error("field {field:?} appears more than once")]
    DuplicateField {
        /// The repeated name.
        field: String,
    },
    /// Two fields write the same place on the lead.
    #[error("fields {first:?} and {second:?} both map to {target}")]
    DuplicateTarget {
        /// The earlier field.
        first: String,
        /// The later field.
        second: String,
        /// The shared target, as its wire name.
        target: String,
    },
    /// A custom key is empty or too long.
    #[error("field {field:?} maps to a custom key that must be 1 to 64 characters")]
    InvalidCustomKey {
        /// The field.
        field: String,
    },
    /// A label, placeholder, option, CTA, message or consent text lacks a language.
    #[error("{at} has no {lang} text")]
    MissingText {
        /// Where, e.g. `fields[email].label`.
        at: String,
        /// `ko` or `en`.
        lang: &'static str,
    },
    /// A select field with no options.
    #[error("select field {field:?} has no options")]
    NoOptions {
        /// The field.
        field: String,
    },
    /// A select option value repeated or empty.
    #[error("select field {field:?} has an empty or repeated option {option:?}")]
    BadOption {
        /// The field.
        field: String,
        /// The option value.
        option: String,
    },
    /// `max_len` of 0 or above 10 000.
    #[error("field {field:?} has max_len {max_len}; use 1 to 10000")]
    MaxLenOutOfRange {
        /// The field.
        field: String,
        /// The value given.
        max_len: u32,
    },
    /// A hidden field marked required: visitors cannot fill it, so it would refuse them.
    #[error("hidden field {field:?} cannot be required")]
    HiddenRequired {
        /// The field.
        field: String,
    },
    /// A CTA that says nothing about what the visitor gets.
    #[error(
        "cta {text:?} is generic: say what the visitor gets, for example \"무료로 수강하기\" or \"Get the free guide\""
    )]
    GenericCta {
        /// The CTA as given.
        text: String,
    },
    /// A thank-you URL that is not an absolute http(s) URL.
    #[error("thank-you url {url:?} must be an absolute http or https url")]
    InvalidThankYouUrl {
        /// The URL given.
        url: String,
    },
    /// An allowed origin that is not exactly `scheme://host[:port]`.
    #[error(
        "allowed origin {origin:?} must be exactly scheme://host[:port], like https://acme.co.kr"
    )]
    InvalidOrigin {
        /// The entry given.
        origin: String,
    },
    /// No required 개인정보 수집·이용 consent item.
    #[error("the form needs a required personal_info_collection consent item (개인정보 수집·이용)")]
    MissingCollectionConsent,
    /// A consent item other than collection marked required: bundling marketing or
    /// sharing consent into the form is not allowed.
    #[error(
        "consent item {purpose:?} must be optional; only personal_info_collection may be required"
    )]
    ConsentMustBeOptional {
        /// The item's purpose.
        purpose: ConsentPurpose,
    },
    /// Two consent items for one purpose.
    #[error("consent item {purpose:?} appears more than once")]
    DuplicateConsent {
        /// The repeated purpose.
        purpose: ConsentPurpose,
    },
    /// A consent item without a text version, so records could not say what was shown.
    #[error("consent item {purpose:?} has no text_version")]
    MissingConsentVersion {
        /// The item's purpose.
        purpose: ConsentPurpose,
    },
    /// A queued question that is not a field of the form.
    #[error("progressive queue names {field:?}, which is not a field of the form")]
    QueueUnknownField {
        /// The name in the queue.
        field: String,
    },
    /// A queued question that is hidden, required or repeated: the queue holds optional
    /// visible questions, each once.
    #[error("progressive queue field {field:?} must be visible, optional and listed once")]
    QueueBadField {
        /// The name in the queue.
        field: String,
    },
    /// The always-asked fields alone exceed the budget.
    #[error("field_budget {budget} is below the {always} fields asked every time")]
    BudgetTooSmall {
        /// The budget.
        budget: u8,
        /// Visible fields outside the queue.
        always: usize,
    },
    /// The honeypot name is invalid or the name of a real field.
    #[error("honeypot field {field:?} must be a valid name that no other field uses")]
    BadHoneypot {
        /// The name given.
        field: String,
    },
    /// `min_fill_seconds` over ten minutes.
    #[error("min_fill_seconds {seconds} is over 600")]
    MinFillTooLong {
        /// The value given.
        seconds: u32,
    },
}

impl FormDefinitionError {
    /// Where the problem sits in the definition, as a path an editor can show it beside:
    /// `name`, `cta`, `thank_you.url`, `allowed_origins`, `fields[email].label`,
    /// `consents[consent_marketing_messages].text_version`, `progressive.field_budget` …
    /// Fields and consent items are named by their posted name, not their position, so a
    /// path stays right while the editor reorders rows.
    pub fn at(&self) -> String {
        let consent =
            |purpose: &ConsentPurpose| format!("consents[{}]", consent_field_name(*purpose));
        match self {
            Self::InvalidId { .. } => "id".into(),
            Self::EmptyName => "name".into(),
            Self::NoEmailField => "fields".into(),
            Self::InvalidFieldName { field }
            | Self::ReservedFieldName { field }
            | Self::DuplicateField { field } => format!("fields[{field}].name"),
            Self::DuplicateTarget { second, .. } => format!("fields[{second}].maps_to"),
            Self::InvalidCustomKey { field } => format!("fields[{field}].maps_to"),
            Self::MissingText { at, .. } => at.clone(),
            Self::NoOptions { field } | Self::BadOption { field, .. } => {
                format!("fields[{field}].options")
            }
            Self::MaxLenOutOfRange { field, .. } => format!("fields[{field}].max_len"),
            Self::HiddenRequired { field } => format!("fields[{field}].required"),
            Self::GenericCta { .. } => "cta".into(),
            Self::InvalidThankYouUrl { .. } => "thank_you.url".into(),
            Self::InvalidOrigin { .. } => "allowed_origins".into(),
            Self::MissingCollectionConsent => "consents".into(),
            Self::ConsentMustBeOptional { purpose } => format!("{}.required", consent(purpose)),
            Self::DuplicateConsent { purpose } => consent(purpose),
            Self::MissingConsentVersion { purpose } => format!("{}.text_version", consent(purpose)),
            Self::QueueUnknownField { .. } | Self::QueueBadField { .. } => {
                "progressive.queue".into()
            }
            Self::BudgetTooSmall { .. } => "progressive.field_budget".into(),
            Self::BadHoneypot { .. } => "honeypot_field".into(),
            Self::MinFillTooLong { .. } => "min_fill_seconds".into(),
        }
    }
}

impl FormDefinition {
    /// Checks the definition; returns every problem found.
    pub fn validate(&self) -> Result<(), Vec<FormDefinitionError>> {
        let mut errors = Vec::new();
        self.check_identity(&mut errors);
        self.check_fields(&mut errors);
        self.check_presentation(&mut errors);
        self.check_consents(&mut errors);
        self.check_progressive(&mut errors);
        self.check_abuse_settings(&mut errors);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    fn check_identity(&self, errors: &mut Vec<FormDefinitionError>) {
        let id_ok = (1..=MAX_NAME_CHARS).contains(&self.id.len())
            && self
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !id_ok {
            errors.push(FormDefinitionError::InvalidId {
                id: self.id.clone(),
            });
        }
        if self.name.trim().is_empty() {
            errors.push(FormDefinitionError::EmptyName);
        }
    }

    fn check_fields(&self, errors: &mut Vec<FormDefinitionError>) {
        let mut names = BTreeSet::new();
        let mut targets: Vec<(&MapsTo, &str)> = Vec::new();
        for field in &self.fields {
            let name = field.name.as_str();
            if !valid_field_name(name) {
                errors.push(FormDefinitionError::InvalidFieldName { field: name.into() });
            } else if is_reserved(name) {
                errors.push(FormDefinitionError::ReservedFieldName { field: name.into() });
            }
            if !names.insert(name) {
                errors.push(FormDefinitionError::DuplicateField { field: name.into() });
            }
            if let Some((_, first)) = targets.iter().find(|(t, _)| **t == field.maps_to) {
                errors.push(FormDefinitionError::DuplicateTarget {
                    first: (*first).into(),
                    second: name.into(),
                    target: target_name(&field.maps_to),
                });
            } else {
                targets.push((&field.maps_to, name));
            }
            if let MapsTo::Custom { key } = &field.maps_to
                && (key.trim().is_empty() || key.chars().count() > MAX_NAME_CHARS)
            {
                errors.push(FormDefinitionError::InvalidCustomKey { field: name.into() });
            }
            check_text(&field.label, &format!("fields[{name}].label"), errors);
            if let Some(placeholder) = &field.placeholder {
                check_text(placeholder, &format!("fields[{name}].placeholder"), errors);
            }
            if let Some(max_len) = field.max_len.filter(|l| !(1..=MAX_FIELD_LEN).contains(l)) {
                errors.push(FormDefinitionError::MaxLenOutOfRange {
                    field: name.into(),
                    max_len,
                });
            }
            match &field.kind {
                FieldKind::Hidden if field.required => {
                    errors.push(FormDefinitionError::HiddenRequired { field: name.into() });
                }
                FieldKind::Select { options } => {
                    if options.is_empty() {
                        errors.push(FormDefinitionError::NoOptions { field: name.into() });
                    }
                    let mut seen = BTreeSet::new();
                    for option in options {
                        if option.value.trim().is_empty() || !seen.insert(option.value.as_str()) {
                            errors.push(FormDefinitionError::BadOption {
                                field: name.into(),
                                option: option.value.clone(),
                            });
                        }
                        check_text(
                            &option.label,
                            &format!("fields[{name}].options[{}]", option.value),
                            errors,
                        );
                    }
                }
                _ => {}
            }
        }
        if !self.fields.iter().any(|f| f.maps_to == MapsTo::Email) {
            errors.push(FormDefinitionError::NoEmailField);
        }
    }

    fn check_presentation(&self, errors: &mut Vec<FormDefinitionError>) {
        check_text(&self.cta, "cta", errors);
        for text in [&self.cta.ko, &self.cta.en] {
            if GENERIC_CTAS.contains(&fold(text).as_str()) {
                errors.push(FormDefinitionError::GenericCta { text: text.clone() });
            }
        }
        match &self.thank_you {
            ThankYou::Url { url } => {
                if origin_of(url).is_none() {
                    errors.push(FormDefinitionError::InvalidThankYouUrl { url: url.clone() });
                }
            }
            ThankYou::Message { message } => check_text(message, "thank_you.message", errors),
        }
        for origin in &self.allowed_origins {
            if !is_exact_origin(origin) {
                errors.push(FormDefinitionError::InvalidOrigin {
                    origin: origin.clone(),
                });
            }
        }
    }

    fn check_consents(&self, errors: &mut Vec<FormDefinitionError>) {
        let mut seen = BTreeSet::new();
        for item in &self.consents {
            if !seen.insert(item.purpose) {
                errors.push(FormDefinitionError::DuplicateConsent {
                    purpose: item.purpose,
                });
            }
            if item.required && item.purpose != ConsentPurpose::PersonalInfoCollection {
                errors.push(FormDefinitionError::ConsentMustBeOptional {
                    purpose: item.purpose,
                });
            }
            if item.text_version.trim().is_empty() {
                errors.push(FormDefinitionError::MissingConsentVersion {
                    purpose: item.purpose,
                });
            }
            check_text(
                &item.text,
                &format!("consents[{}].text", item.field_name()),
                errors,
            );
        }
        let has_collection = self
            .consents
            .iter()
            .any(|c| c.purpose == ConsentPurpose::PersonalInfoCollection && c.required);
        if !has_collection {
            errors.push(FormDefinitionError::MissingCollectionConsent);
        }
    }

    fn check_progressive(&self, errors: &mut Vec<FormDefinitionError>) {
        let Some(progressive) = &self.progressive else {
            return;
        };
        let mut seen = BTreeSet::new();
        for name in &progressive.queue {
            match self.field(name) {
                None => errors.push(FormDefinitionError::QueueUnknownField {
                    field: name.clone(),
                }),
                Some(field) if field.required || !field.is_visible() || !seen.insert(name) => {
                    errors.push(FormDefinitionError::QueueBadField {
                        field: name.clone(),
                    });
                }
                Some(_) => {}
            }
        }
        let always = self
            .fields
            .iter()
            .filter(|f| f.is_visible() && !progressive.queue.contains(&f.name))
            .count();
        if always > usize::from(progressive.field_budget) || progressive.field_budget == 0 {
            errors.push(FormDefinitionError::BudgetTooSmall {
                budget: progressive.field_budget,
                always,
            });
        }
    }

    fn check_abuse_settings(&self, errors: &mut Vec<FormDefinitionError>) {
        if let Some(honeypot) = &self.honeypot_field
            && (!valid_field_name(honeypot)
                || is_reserved(honeypot)
                || self.field(honeypot).is_some())
        {
            errors.push(FormDefinitionError::BadHoneypot {
                field: honeypot.clone(),
            });
        }
        if self.min_fill_seconds > MAX_MIN_FILL_SECONDS {
            errors.push(FormDefinitionError::MinFillTooLong {
                seconds: self.min_fill_seconds,
            });
        }
    }
}

fn valid_field_name(name: &str) -> bool {
    (1..=MAX_NAME_CHARS).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}

/// Names capture reads for itself; a form field under one would never be stored.
fn is_reserved(name: &str) -> bool {
    name == RENDER_TOKEN_FIELD
        || name == SUBMISSION_ID_FIELD
        || is_control_field(name)
        || [
            ConsentPurpose::PersonalInfoCollection,
            ConsentPurpose::MarketingMessages,
            ConsentPurpose::ThirdPartySharing,
        ]
        .into_iter()
        .any(|p| consent_field_name(p) == name)
}

fn check_text(text: &Localized, at: &str, errors: &mut Vec<FormDefinitionError>) {
    for (value, lang) in [(&text.ko, "ko"), (&text.en, "en")] {
        if value.trim().is_empty() {
            errors.push(FormDefinitionError::MissingText {
                at: at.into(),
                lang,
            });
        }
    }
}

/// The wire name of a target, for messages (`email`, `custom:budget`).
fn target_name(target: &MapsTo) -> String {
    match target {
        MapsTo::Custom { key } => format!("custom:{key}"),
        other => serde_json::to_value(other)
            .ok()
            .and_then(|v| v.get("to").and_then(|t| t.as_str()).map(str::to_owned))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::{ConsentItem, FormField, ProgressiveProfiling, SelectOption};
    use crate::model::WorkspaceId;
    use uuid::Uuid;

    fn form() -> FormDefinition {
        FormDefinition::default_contact("contact", WorkspaceId(Uuid::from_u128(1)))
    }

    fn text_field(name: &str, maps_to: MapsTo) -> FormField {
        FormField {
            name: name.into(),
            kind: FieldKind::Text,
            required: false,
            label: Localized::new("라벨", "Label"),
            placeholder: None,
            max_len: None,
            maps_to,
        }
    }

    #[test]
    fn the_default_contact_form_is_valid_and_round_trips() {
        let form = form();
        assert_eq!(form.validate(), Ok(()));
        let json = serde_json::to_string(&form).unwrap();
        assert!(json.contains(r#""maps_to":{"to":"utm_source"}"#), "{json}");
        assert!(
            json.contains(r#""purpose":"personal_info_collection""#),
            "{json}"
        );
        let back: FormDefinition = serde_json::from_str(&json).unwrap();
        assert_eq!(back, form);
    }

    #[test]
    fn each_problem_is_named() {
        type Edit = fn(&mut FormDefinition);
        let cases: Vec<(&str, Edit, Vec<FormDefinitionError>)> = vec![
            (
                "bad id",
                |f| f.id = "Contact Form".into(),
                vec![FormDefinitionError::InvalidId {
                    id: "Contact Form".into(),
                }],
            ),
            (
                "blank name",
                |f| f.name = " ".into(),
                vec![FormDefinitionError::EmptyName],
            ),
            (
                "generic cta ko",
                |f| f.cta = Localized::new("제출", "Get the guide"),
                vec![FormDefinitionError::GenericCta {
                    text: "제출".into(),
                }],
            ),
            (
                "generic cta en, any case and width",
                |f| f.cta = Localized::new("무료로 수강하기", " ＳＵＢＭＩＴ "),
                vec![FormDefinitionError::GenericCta {
                    text: " ＳＵＢＭＩＴ ".into(),
                }],
            ),
            (
                "보내기 and missing english",
                |f| f.cta = Localized::new("보내기", ""),
                vec![
                    FormDefinitionError::MissingText {
                        at: "cta".into(),
                        lang: "en",
                    },
                    FormDefinitionError::GenericCta {
                        text: "보내기".into(),
                    },
                ],
            ),
            (
                "no collection consent",
                |f| {
                    f.consents
                        .retain(|c| c.purpose != ConsentPurpose::PersonalInfoCollection)
                },
                vec![FormDefinitionError::MissingCollectionConsent],
            ),
            (
                "collection consent optional",
                |f| f.consents[0].required = false,
                vec![FormDefinitionError::MissingCollectionConsent],
            ),
            (
                "marketing bundled as required",
                |f| f.consents[1].required = true,
                vec![FormDefinitionError::ConsentMustBeOptional {
                    purpose: ConsentPurpose::MarketingMessages,
                }],
            ),
            (
                "consent repeated without version",
                |f| {
                    let mut again: ConsentItem = f.consents[1].clone();
                    again.text_version = String::new();
                    f.consents.push(again);
                },
                vec![
                    FormDefinitionError::DuplicateConsent {
                        purpose: ConsentPurpose::MarketingMessages,
                    },
                    FormDefinitionError::MissingConsentVersion {
                        purpose: ConsentPurpose::MarketingMessages,
                    },
                ],
            ),
            (
                "origins",
                |f| {
                    f.allowed_origins = vec![
                        "https://acme.co.kr".into(),
                        "https://acme.co.kr/contact".into(),
                        "acme.co.kr".into(),
                    ]
                },
                vec![
                    FormDefinitionError::InvalidOrigin {
                        origin: "https://acme.co.kr/contact".into(),
                    },
                    FormDefinitionError::InvalidOrigin {
                        origin: "acme.co.kr".into(),
                    },
                ],
            ),
            (
                "thank-you url",
                |f| {
                    f.thank_you = ThankYou::Url {
                        url: "/thanks".into(),
                    }
                },
                vec![FormDefinitionError::InvalidThankYouUrl {
                    url: "/thanks".into(),
                }],
            ),
            (
                "duplicate field and target",
                |f| f.fields.push(text_field("email", MapsTo::Email)),
                vec![
                    FormDefinitionError::DuplicateField {
                        field: "email".into(),
                    },
                    FormDefinitionError::DuplicateTarget {
                        first: "email".into(),
                        second: "email".into(),
                        target: "email".into(),
                    },
                ],
            ),
            (
                "reserved and invalid names",
                |f| {
                    f.fields
                        .push(text_field("retURL", MapsTo::Custom { key: "a".into() }));
                    f.fields
                        .push(text_field("회사", MapsTo::Custom { key: String::new() }));
                },
                vec![
                    FormDefinitionError::ReservedFieldName {
                        field: "retURL".into(),
                    },
                    FormDefinitionError::InvalidFieldName {
                        field: "회사".into(),
                    },
                    FormDefinitionError::InvalidCustomKey {
                        field: "회사".into(),
                    },
                ],
            ),
            (
                "no email field",
                |f| f.fields.retain(|x| x.maps_to != MapsTo::Email),
                vec![FormDefinitionError::NoEmailField],
            ),
            (
                "select problems and label",
                |f| {
                    let mut size = text_field("size", MapsTo::EmployeeCount);
                    size.kind = FieldKind::Select {
                        options: vec![
                            SelectOption {
                                value: "1-50".into(),
                                label: Localized::new("1-50명", "1-50"),
                            },
                            SelectOption {
                                value: "1-50".into(),
                                label: Localized::new("1-50명", ""),
                            },
                        ],
                    };
                    f.fields.push(size);
                    let mut empty = text_field("plan", MapsTo::Custom { key: "plan".into() });
                    empty.kind = FieldKind::Select { options: vec![] };
                    f.fields.push(empty);
                },
                vec![
                    FormDefinitionError::BadOption {
                        field: "size".into(),
                        option: "1-50".into(),
                    },
                    FormDefinitionError::MissingText {
                        at: "fields[size].options[1-50]".into(),
                        lang: "en",
                    },
                    FormDefinitionError::NoOptions {
                        field: "plan".into(),
                    },
                ],
            ),
            (
                "hidden required, max_len",
                |f| {
                    f.fields[6].required = true;
                    f.fields[1].max_len = Some(0);
                },
                vec![
                    FormDefinitionError::MaxLenOutOfRange {
                        field: "name".into(),
                        max_len: 0,
                    },
                    FormDefinitionError::HiddenRequired {
                        field: "utm_source".into(),
                    },
                ],
            ),
            (
                "progressive queue problems",
                |f| {
                    f.progressive = Some(ProgressiveProfiling {
                        queue: vec![
                            "fax".into(),
                            "email".into(),
                            "utm_source".into(),
                            "title".into(),
                            "title".into(),
                        ],
                        field_budget: 2,
                    })
                },
                vec![
                    FormDefinitionError::QueueUnknownField {
                        field: "fax".into(),
                    },
                    FormDefinitionError::QueueBadField {
                        field: "email".into(),
                    },
                    FormDefinitionError::QueueBadField {
                        field: "utm_source".into(),
                    },
                    FormDefinitionError::QueueBadField {
                        field: "title".into(),
                    },
                    FormDefinitionError::BudgetTooSmall {
                        budget: 2,
                        always: 4,
                    },
                ],
            ),
            (
                "honeypot clashes, fill time",
                |f| {
                    f.honeypot_field = Some("company".into());
                    f.min_fill_seconds = 601;
                },
                vec![
                    FormDefinitionError::BadHoneypot {
                        field: "company".into(),
                    },
                    FormDefinitionError::MinFillTooLong { seconds: 601 },
                ],
            ),
        ];
        for (what, edit, expected) in cases {
            let mut form = form();
            edit(&mut form);
            assert_eq!(form.validate(), Err(expected), "{what}");
        }
    }

    #[test]
    fn messages_name_the_field_and_suggest_a_fix() {
        let mut form = form();
        form.cta = Localized::new("제출하기", "Submit");
        let errors = form.validate().unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "cta \"제출하기\" is generic: say what the visitor gets, for example \"무료로 수강하기\" or \"Get the free guide\""
        );
        assert_eq!(
            FormDefinitionError::MissingCollectionConsent.to_string(),
            "the form needs a required personal_info_collection consent item (개인정보 수집·이용)"
        );
    }

    #[test]
    fn each_problem_says_where_an_editor_shows_it() {
        type Edit = fn(&mut FormDefinition);
        let cases: [(Edit, &[&str]); 10] = [
            (|f| f.name = " ".into(), &["name"]),
            (|f| f.cta = Localized::new("제출", ""), &["cta", "cta"]),
            (
                |f| {
                    f.thank_you = ThankYou::Url {
                        url: "/thanks".into(),
                    }
                },
                &["thank_you.url"],
            ),
            (
                |f| f.allowed_origins = vec!["https://acme.co.kr/path".into()],
                &["allowed_origins"],
            ),
            (|f| f.fields[1].label.en.clear(), &["fields[name].label"]),
            (
                |f| f.fields[1].name = "email".into(),
                &["fields[email].name"],
            ),
            (
                |f| f.fields[2].maps_to = MapsTo::Name,
                &["fields[company].maps_to"],
            ),
            (
                |f| f.consents[1].required = true,
                &["consents[consent_marketing_messages].required"],
            ),
            (
                |f| f.consents[0].text_version = " ".into(),
                &["consents[consent_personal_info_collection].text_version"],
            ),
            (
                |f| {
                    f.progressive = Some(ProgressiveProfiling {
                        queue: vec!["nope".into()],
                        field_budget: 1,
                    })
                },
                &["progressive.queue", "progressive.field_budget"],
            ),
        ];
        for (edit, paths) in cases {
            let mut form = form();
            edit(&mut form);
            let found: Vec<String> = form
                .validate()
                .unwrap_err()
                .iter()
                .map(FormDefinitionError::at)
                .collect();
            assert_eq!(found, paths.to_vec());
        }
    }
}
