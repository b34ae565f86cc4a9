//! Checking a submission against its form: spam verdicts first (honeypot, time to
//! fill, forged render token), then Web-to-Lead aliases, each field by its kind,
//! required fields and consents, and where to send the visitor after.

use crate::validation::{Country, normalise_phone};
use std::collections::BTreeMap;

use thiserror::Error;
use time::OffsetDateTime;

use crate::capture::{FieldError, FieldErrorCode, FieldMap, normalise_email};
use crate::model::{
    ConsentPurpose, ConsentRecord, CustomValue, EntryPath, Lead, LeadId, Utm, WorkspaceId,
};

use super::aliases::{
    ALIASES, RET_URL_FIELD, alias_target, display_name, is_control_field, is_salesforce_custom_id,
};
use super::definition::{FieldKind, FormDefinition, MapsTo, ThankYou, consent_field_name};
use super::render_token::{RenderTokenError, verify_render_token};

/// The hidden field carrying the render token (see [`super::sign_render_token`]).
pub const RENDER_TOKEN_FIELD: &str = "_lk_rendered";
/// The field carrying a client submission id, when no `Idempotency-Key` header is sent.
pub const SUBMISSION_ID_FIELD: &str = "submission_id";
/// Most fields outside the form's definition (and not Salesforce `00N…` ids) kept as
/// custom fields; the rest are listed in [`AcceptedSubmission::dropped_fields`].
pub const MAX_CUSTOM_FIELDS: usize = 20;
/// Longest name of a field kept as custom.
pub(crate) const MAX_CUSTOM_NAME_CHARS: usize = 64;
/// Longest value of a field kept as custom.
pub(crate) const MAX_CUSTOM_VALUE_CHARS: usize = 2000;

/// A consent box's answer, as the worker read it (see [`consents_from_fields`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsentGiven {
    /// Which item.
    pub purpose: ConsentPurpose,
    /// Whether the box was checked.
    pub granted: bool,
}

/// Reads the form's consent boxes from the posted fields (`consent_<purpose>`); an
/// unchecked HTML checkbox is not sent at all, so absence means not granted.
pub fn consents_from_fields(form: &FormDefinition, fields: &FieldMap) -> Vec<ConsentGiven> {
    form.consents
        .iter()
        .map(|item| ConsentGiven {
            purpose: item.purpose,
            granted: fields
                .get(item.field_name())
                .is_some_and(|v| parse_checkbox(v) == Some(true)),
        })
        .collect()
}

/// What the worker passes in for one submission.
#[derive(Debug, Clone, Copy)]
pub struct SubmissionInput<'a> {
    /// The decoded body.
    pub fields: &'a FieldMap,
    /// The consent answers.
    pub consents: &'a [ConsentGiven],
    /// When the submission arrived.
    pub now: OffsetDateTime,
}

/// The lead a submission describes, every value checked and normalised.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapturedLead {
    /// Lower-cased e-mail.
    pub email: Option<String>,
    /// Display name: as typed, or made from given and family names.
    pub name: Option<String>,
    /// Given name.
    pub given_name: Option<String>,
    /// Family name.
    pub family_name: Option<String>,
    /// Company as typed.
    pub company: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Phone, trimmed; not yet E.164.
    pub phone: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// State, province or 시·도.
    pub region: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Postal code.
    pub postal_code: Option<String>,
    /// Company website.
    pub website: Option<String>,
    /// Company industry.
    pub industry: Option<String>,
    /// Company size.
    pub employee_count: Option<u32>,
    /// Marketing source label.
    pub source: Option<String>,
    /// Free text from the visitor.
    pub description: Option<String>,
    /// UTM parameters.
    pub utm: Utm,
    /// Referring page.
    pub referrer: Option<String>,
    /// Page the form was on.
    pub landing_page: Option<String>,
    /// Custom fields by key.
    pub custom: BTreeMap<String, String>,
}

impl CapturedLead {
    /// A new [`Lead`] from the captured values. Values the lead has no field for
    /// (address, website, industry, size, description) go to custom fields under their
    /// target names, for account matching to pick up.
    pub fn into_lead(
        self,
        id: LeadId,
        workspace_id: WorkspaceId,
        consents: Vec<ConsentRecord>,
        now: OffsetDateTime,
    ) -> Lead {
        self.into_lead_via(EntryPath::Form, id, workspace_id, consents, now)
    }

    /// [`Self::into_lead`] for another entry path (a CSV import fills the same values).
    pub fn into_lead_via(
        self,
        entry_path: EntryPath,
        id: LeadId,
        workspace_id: WorkspaceId,
        consents: Vec<ConsentRecord>,
        now: OffsetDateTime,
    ) -> Lead {
        let name = self
            .name
            .clone()
            .or_else(|| self.email.clone())
            .unwrap_or_default();
        let mut lead = Lead::new(id, workspace_id, name, entry_path, now);
        let mut custom: BTreeMap<String, CustomValue> = self
            .custom
            .into_iter()
            .map(|(k, v)| (k, CustomValue::Text(v)))
            .collect();
        for (key, value) in [
            ("country", self.country),
            ("region", self.region),
            ("city", self.city),
            ("postal_code", self.postal_code),
            ("website", self.website),
            ("industry", self.industry),
            ("description", self.description),
        ] {
            if let Some(value) = value {
                custom.insert(key.to_owned(), CustomValue::Text(value));
            }
        }
        if let Some(count) = self.employee_count {
            custom.insert(
                "employee_count".to_owned(),
                CustomValue::Number(f64::from(count)),
            );
        }
        lead.email = self.email;
        lead.given_name = self.given_name;
        lead.family_name = self.family_name;
        lead.company_name = self.company;
        lead.title = self.title;
        lead.phone = self.phone;
        lead.source = self.source;
        lead.utm = self.utm;
        lead.referrer = self.referrer;
        lead.landing_page = self.landing_page;
        lead.consents = consents;
        lead.custom = custom;
        lead
    }

    /// The text slot for `target`, or `None` for targets that are not plain text.
    fn text_slot(&mut self, target: &MapsTo) -> Option<&mut Option<String>> {
        Some(match target {
            MapsTo::Email => &mut self.email,
            MapsTo::Name => &mut self.name,
            MapsTo::GivenName => &mut self.given_name,
            MapsTo::FamilyName => &mut self.family_name,
            MapsTo::Company => &mut self.company,
            MapsTo::Title => &mut self.title,
            MapsTo::Phone => &mut self.phone,
            MapsTo::Country => &mut self.country,
            MapsTo::Region => &mut self.region,
            MapsTo::City => &mut self.city,
            MapsTo::PostalCode => &mut self.postal_code,
            MapsTo::Website => &mut self.website,
            MapsTo::Industry => &mut self.industry,
            MapsTo::Source => &mut self.source,
            MapsTo::Description => &mut self.description,
            MapsTo::UtmSource => &mut self.utm.source,
            MapsTo::UtmMedium => &mut self.utm.medium,
            MapsTo::UtmCampaign => &mut self.utm.campaign,
            MapsTo::UtmTerm => &mut self.utm.term,
            MapsTo::UtmContent => &mut self.utm.content,
            MapsTo::Referrer => &mut self.referrer,
            MapsTo::LandingPage => &mut self.landing_page,
            MapsTo::EmployeeCount | MapsTo::Custom { .. } => return None,
        })
    }

    /// Puts a checked value at `target` unless the place is taken already.
    pub(crate) fn put(&mut self, target: &MapsTo, value: &str) -> Placed {
        match target {
            MapsTo::EmployeeCount => {
                if self.employee_count.is_some() {
                    return Placed::Taken;
                }
                let digits: String = value.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
                match digits.parse() {
                    Ok(count) => {
                        self.employee_count = Some(count);
                        Placed::Stored
                    }
                    Err(_) => Placed::NotAWholeNumber,
                }
            }
            MapsTo::Custom { key } => {
                if self.custom.contains_key(key) {
                    return Placed::Taken;
                }
                self.custom.insert(key.clone(), value.to_owned());
                Placed::Stored
            }
            text => match self.text_slot(text) {
                Some(slot @ None) => {
                    *slot = Some(value.to_owned());
                    Placed::Stored
                }
                _ => Placed::Taken,
            },
        }
    }
}

/// What happened to a value put on the lead.
pub(crate) enum Placed {
    /// It is there now.
    Stored,
    /// Another value got there first.
    Taken,
    /// The place holds a whole number and the value is not one.
    NotAWholeNumber,
}

/// A submission that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct AcceptedSubmission {
    /// The lead to store (or merge).
    pub lead: CapturedLead,
    /// One record per consent item of the form, granted or not, with its text version.
    pub consents: Vec<ConsentRecord>,
    /// Where to send the visitor: an allowed `retURL`, else the form's thank-you.
    pub thank_you: ThankYou,
    /// Extra fields not kept because [`MAX_CUSTOM_FIELDS`] was reached or their name
    /// was too long; for the log, not the visitor.
    pub dropped_fields: Vec<String>,
}

/// Why a submission was judged to come from a bot. The worker stores nothing and may
/// answer as if it succeeded, so bots learn nothing.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SpamVerdict {
    /// The honeypot field, invisible to people, was filled.
    #[error("honeypot field {field:?} was filled")]
    HoneypotFilled {
        /// The honeypot's name.
        field: String,
    },
    /// Sent sooner after the form was served than a person could fill it.
    #[error("filled in {elapsed_secs} s; at least {min_secs} s expected")]
    TooFast {
        /// Seconds between serving and submitting.
        elapsed_secs: i64,
        /// The form's `min_fill_seconds`.
        min_secs: u32,
    },
    /// The form checks time to fill but the submission carries no render token.
    #[error("render token is missing")]
    MissingRenderToken,
    /// The render token is forged, altered or for another form.
    #[error("render token refused: {problem}")]
    BadRenderToken {
        /// What was wrong with it.
        problem: RenderTokenError,
    },
}

/// Why a submission was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SubmissionRejected {
    /// A spam check failed; answer without detail and store nothing.
    #[error("submission looks automated: {verdict}")]
    Spam {
        /// Which check.
        verdict: SpamVerdict,
    },
    /// Fields or consents at fault; show these to the visitor.
    #[error("submission has {} field errors", errors.len())]
    Invalid {
        /// Every problem, each naming its field or consent item.
        errors: Vec<FieldError>,
    },
}

/// Checks one submission against its form. Spam checks run first and alone, so a bot
/// gets no field-by-field feedback; `render_secret` is the worker's key for render
/// tokens.
pub fn check_submission(
    form: &FormDefinition,
    input: &SubmissionInput<'_>,
    render_secret: &[u8],
) -> Result<AcceptedSubmission, SubmissionRejected> {
    spam_check(form, input, render_secret)
        .map_err(|verdict| SubmissionRejected::Spam { verdict })?;

    let fields = input.fields;
    let mut errors = Vec::new();
    let mut lead = CapturedLead::default();
    let mut dropped_fields = Vec::new();
    // Alias names already used to fill one of the form's own fields.
    let mut consumed: Vec<&str> = Vec::new();

    for field in &form.fields {
        let posted = fields
            .get(&field.name)
            .map(|v| (field.name.as_str(), v))
            .or_else(|| {
                ALIASES
                    .iter()
                    .filter(|(alias, target)| {
                        *target == field.maps_to && form.field(alias).is_none()
                    })
                    .find_map(|(alias, _)| fields.get(alias).map(|v| (*alias, v)))
            });
        let Some((source, raw)) = posted else {
            // A Web-to-Lead form sends first_name/last_name; they make the name below.
            let name_from_parts = field.maps_to == MapsTo::Name
                && (fields.get("first_name").is_some() || fields.get("last_name").is_some());
            if field.required && !name_from_parts {
                errors.push(required(&field.name));
            }
            continue;
        };
        if source != field.name {
            consumed.push(source);
        }
        match check_value(&field.kind, field.effective_max_len(), source, raw) {
            Ok(value)
                if field.required && field.kind == FieldKind::Checkbox && value == "false" =>
            {
                errors.push(required(source));
            }
            Ok(value) => place(&mut lead, &field.maps_to, source, value, &mut errors),
            Err(error) => errors.push(error),
        }
    }

    // Aliases with no form field of their own go straight to their place on the lead.
    for (alias, target) in ALIASES {
        if form.field(alias).is_some() || consumed.contains(alias) {
            continue;
        }
        let Some(raw) = fields.get(alias) else {
            continue;
        };
        let kind = natural_kind(target);
        match check_value(&kind, kind.default_max_len(), alias, raw) {
            Ok(value) => place(&mut lead, target, alias, value, &mut errors),
            Err(error) => errors.push(error),
        }
    }

    let mut unknown_kept = 0;
    for (name, raw) in fields.iter() {
        let value = raw.trim();
        if value.is_empty() || is_handled(form, name) {
            continue;
        }
        let key_ok = name.chars().count() <= MAX_CUSTOM_NAME_CHARS && !name.trim().is_empty();
        // Salesforce custom ids (00N…) are exempt from the limit: a repointed form may
        // carry many, and the body is capped at `MAX_FIELDS` anyway.
        let salesforce = is_salesforce_custom_id(name);
        let over_limit = !salesforce && unknown_kept >= MAX_CUSTOM_FIELDS;
        if over_limit || !key_ok || lead.custom.contains_key(name) {
            dropped_fields.push(name.chars().take(MAX_CUSTOM_NAME_CHARS).collect());
        } else if value.chars().count() > MAX_CUSTOM_VALUE_CHARS {
            errors.push(too_long(name, MAX_CUSTOM_VALUE_CHARS));
        } else {
            // Salesforce custom ids (00N…) land here too and keep their id as key, so
            // mappings made in Salesforce carry over.
            lead.custom.insert(name.to_owned(), value.to_owned());
            if !salesforce {
                unknown_kept += 1;
            }
        }
    }

    if lead.name.is_none() {
        lead.name = display_name(lead.given_name.as_deref(), lead.family_name.as_deref());
    }

    let consents = consent_records(form, input, &mut errors);
    if !errors.is_empty() {
        return Err(SubmissionRejected::Invalid { errors });
    }
    Ok(AcceptedSubmission {
        lead,
        consents,
        thank_you: thank_you(form, fields),
        dropped_fields,
    })
}

fn spam_check(
    form: &FormDefinition,
    input: &SubmissionInput<'_>,
    render_secret: &[u8],
) -> Result<(), SpamVerdict> {
    if let Some(honeypot) = &form.honeypot_field
        && input.fields.get(honeypot).is_some()
    {
        return Err(SpamVerdict::HoneypotFilled {
            field: honeypot.clone(),
        });
    }
    let Some(token) = input.fields.get(RENDER_TOKEN_FIELD) else {
        return if form.min_fill_seconds == 0 {
            Ok(())
        } else {
            Err(SpamVerdict::MissingRenderToken)
        };
    };
    // A token that is present is always checked: a forged one is a bot even when the
    // form does not ask for a minimum time.
    let issued_at = verify_render_token(render_secret, &form.id, token, input.now)
        .map_err(|problem| SpamVerdict::BadRenderToken { problem })?;
    let elapsed_secs = (input.now - issued_at).whole_seconds();
    if elapsed_secs < i64::from(form.min_fill_seconds) {
        return Err(SpamVerdict::TooFast {
            elapsed_secs,
            min_secs: form.min_fill_seconds,
        });
    }
    Ok(())
}

/// Checks one value by its kind and returns it normalised.
fn check_value(
    kind: &FieldKind,
    max_len: u32,
    field: &str,
    raw: &str,
) -> Result<String, FieldError> {
    let value = raw.trim();
    let max = usize::try_from(max_len).unwrap_or(usize::MAX);
    if value.chars().count() > max {
        return Err(too_long(field, max));
    }
    match kind {
        FieldKind::Email => normalise_email(value).map_err(|problem| {
            FieldError::new(
                field,
                FieldErrorCode::InvalidEmail,
                format!("{field} {problem}"),
            )
        }),
        // Forms are Korean-first: a number without a country code is read as Korean.
        FieldKind::Phone => normalise_phone(value, Country::Kr)
            .map(|e164| e164.as_str().to_owned())
            .map_err(|problem| {
                FieldError::new(
                    field,
                    FieldErrorCode::InvalidPhone,
                    format!("{field} {problem}"),
                )
            }),
        FieldKind::Number => match value.replace(',', "").parse::<f64>() {
            Ok(n) if n.is_finite() => Ok(value.to_owned()),
            _ => Err(FieldError::new(
                field,
                FieldErrorCode::NotANumber,
                format!("{field} must be a number"),
            )),
        },
        FieldKind::Select { options } => {
            if options.iter().any(|o| o.value == value) {
                Ok(value.to_owned())
            } else {
                Err(FieldError::new(
                    field,
                    FieldErrorCode::NotAnOption,
                    format!("{field} must be one of the listed options"),
                ))
            }
        }
        FieldKind::Checkbox => match parse_checkbox(value) {
            Some(checked) => Ok(checked.to_string()),
            None => Err(FieldError::new(
                field,
                FieldErrorCode::NotABoolean,
                format!("{field} must be checked or unchecked"),
            )),
        },
        FieldKind::Text | FieldKind::Textarea | FieldKind::Hidden => Ok(value.to_owned()),
    }
}

/// Puts a checked value on the lead; a second value for a taken place is kept as a
/// custom field under the name it was posted with, so nothing typed is lost.
fn place(
    lead: &mut CapturedLead,
    target: &MapsTo,
    source: &str,
    value: String,
    errors: &mut Vec<FieldError>,
) {
    match lead.put(target, &value) {
        Placed::Stored => {}
        Placed::Taken => {
            lead.custom.entry(source.to_owned()).or_insert(value);
        }
        Placed::NotAWholeNumber => errors.push(FieldError::new(
            source,
            FieldErrorCode::NotANumber,
            format!("{source} must be a whole number"),
        )),
    }
}

/// How a value aimed straight at `target` (by a Web-to-Lead alias) is checked.
pub(crate) fn natural_kind(target: &MapsTo) -> FieldKind {
    match target {
        MapsTo::Email => FieldKind::Email,
        MapsTo::Phone => FieldKind::Phone,
        MapsTo::EmployeeCount => FieldKind::Number,
        MapsTo::Description => FieldKind::Textarea,
        MapsTo::Referrer | MapsTo::LandingPage | MapsTo::Website => FieldKind::Hidden,
        _ => FieldKind::Text,
    }
}

/// Whether a posted name is already accounted for, so not a custom field.
fn is_handled(form: &FormDefinition, name: &str) -> bool {
    form.field(name).is_some()
        || alias_target(name).is_some()
        || is_control_field(name)
        || name == RENDER_TOKEN_FIELD
        || name == SUBMISSION_ID_FIELD
        || form.honeypot_field.as_deref() == Some(name)
        || [
            ConsentPurpose::PersonalInfoCollection,
            ConsentPurpose::MarketingMessages,
            ConsentPurpose::ThirdPartySharing,
        ]
        .into_iter()
        .any(|p| consent_field_name(p) == name)
}

fn consent_records(
    form: &FormDefinition,
    input: &SubmissionInput<'_>,
    errors: &mut Vec<FieldError>,
) -> Vec<ConsentRecord> {
    form.consents
        .iter()
        .map(|item| {
            let granted = input
                .consents
                .iter()
                .any(|given| given.purpose == item.purpose && given.granted);
            if item.required && !granted {
                errors.push(FieldError::new(
                    item.field_name(),
                    FieldErrorCode::ConsentRequired,
                    format!(
                        "{} must be checked: \"{}\" is required",
                        item.field_name(),
                        item.text.en
                    ),
                ));
            }
            ConsentRecord {
                purpose: item.purpose,
                granted,
                text_version: item.text_version.clone(),
                at: input.now,
            }
        })
        .collect()
}

/// An allowed `retURL` wins over the form's thank-you; any other is ignored, so the
/// endpoint cannot be used to redirect visitors to someone else's site.
fn thank_you(form: &FormDefinition, fields: &FieldMap) -> ThankYou {
    match fields.get(RET_URL_FIELD) {
        Some(url) if form.allows_origin(url) => ThankYou::Url {
            url: url.to_owned(),
        },
        _ => form.thank_you.clone(),
    }
}

/// Checkbox values browsers and scripts send.
fn parse_checkbox(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "on" | "true" | "1" | "yes" | "y" | "checked" => Some(true),
        "off" | "false" | "0" | "no" | "n" | "" => Some(false),
        _ => None,
    }
}

fn required(field: &str) -> FieldError {
    FieldError::new(
        field,
        FieldErrorCode::Required,
        format!("{field} is required"),
    )
}

fn too_long(field: &str, max: usize) -> FieldError {
    FieldError::new(
        field,
        FieldErrorCode::TooLong,
        format!("{field} is longer than {max} characters"),
    )
}
