//! A webhook endpoint as a workspace asks for it: checked field by field (URL, event
//! filter, description), every problem reported at once with its field, and the event
//! filter that decides which events the endpoint receives.

use std::collections::BTreeSet;

use crate::api::CreateWebhookRequest;
use crate::capture::{FieldError, FieldErrorCode};

use super::event::WebhookEventType;
use super::url::{EndpointUrlError, check_endpoint_url};

/// Longest description, in characters.
pub const MAX_DESCRIPTION_CHARS: usize = 200;

/// The event types an endpoint receives: never empty, each known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventFilter(BTreeSet<WebhookEventType>);

/// A stored event filter that cannot be read back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("stored event filter {text:?} is not a non-empty JSON array of event types")]
pub struct StoredFilterError {
    /// The stored text (cut to 200 characters).
    pub text: String,
}

impl EventFilter {
    /// A filter of `types`; `None` when there are none.
    pub fn new(types: impl IntoIterator<Item = WebhookEventType>) -> Option<Self> {
        let set: BTreeSet<_> = types.into_iter().collect();
        (!set.is_empty()).then_some(Self(set))
    }

    /// Whether an event of `event_type` goes to this endpoint.
    pub fn accepts(&self, event_type: WebhookEventType) -> bool {
        self.0.contains(&event_type)
    }

    /// The types, in a stable order.
    pub fn types(&self) -> Vec<WebhookEventType> {
        self.0.iter().copied().collect()
    }

    /// The stored form: a JSON array of wire names, e.g. `["lead.created"]`. D1 matches
    /// events against it with `json_each`, so the names must be exactly
    /// [`WebhookEventType::as_str`].
    pub fn to_json(&self) -> String {
        let names: Vec<&str> = self.0.iter().map(|t| t.as_str()).collect();
        serde_json::to_string(&names).unwrap_or_else(|_| "[]".into())
    }

    /// Reads the stored form back.
    pub fn from_json(text: &str) -> Result<Self, StoredFilterError> {
        serde_json::from_str::<Vec<String>>(text)
            .ok()
            .and_then(|names| {
                names
                    .iter()
                    .map(|name| WebhookEventType::from_name(name))
                    .collect::<Option<Vec<_>>>()
            })
            .and_then(Self::new)
            .ok_or_else(|| StoredFilterError {
                text: text.chars().take(200).collect(),
            })
    }
}

/// An endpoint request that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEndpoint {
    /// The URL with scheme and host lower-cased.
    pub url: String,
    /// Trimmed; may be empty.
    pub description: String,
    /// What it receives.
    pub events: EventFilter,
}

/// Checks an endpoint request.
pub fn validate_new_endpoint(
    request: &CreateWebhookRequest,
) -> Result<ValidEndpoint, Vec<FieldError>> {
    let mut errors = Vec::new();
    let url = match check_endpoint_url(&request.url) {
        Ok(url) => Some(url),
        Err(problem) => {
            let code = match problem {
                EndpointUrlError::Required => FieldErrorCode::Required,
                EndpointUrlError::TooLong => FieldErrorCode::TooLong,
                _ => FieldErrorCode::InvalidUrl,
            };
            errors.push(FieldError::new("url", code, problem.to_string()));
            None
        }
    };
    let description = request.description.trim();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        errors.push(FieldError::new(
            "description",
            FieldErrorCode::TooLong,
            format!("description is longer than {MAX_DESCRIPTION_CHARS} characters"),
        ));
    }
    let events = event_filter(&request.event_types, &mut errors);
    match (url, events) {
        (Some(url), Some(events)) if errors.is_empty() => Ok(ValidEndpoint {
            url,
            description: description.to_owned(),
            events,
        }),
        _ => Err(errors),
    }
}

fn event_filter(names: &[String], errors: &mut Vec<FieldError>) -> Option<EventFilter> {
    let known = || {
        WebhookEventType::ALL
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if names.is_empty() {
        errors.push(FieldError::new(
            "event_types",
            FieldErrorCode::Required,
            format!("event_types needs at least one of {}", known()),
        ));
        return None;
    }
    let mut types = Vec::with_capacity(names.len());
    let mut unknown = Vec::new();
    for name in names {
        match WebhookEventType::from_name(name.trim()) {
            Some(kind) => types.push(kind),
            None => unknown.push(format!("{name:?}")),
        }
    }
    if !unknown.is_empty() {
        errors.push(FieldError::new(
            "event_types",
            FieldErrorCode::UnknownValue,
            format!(
                "event_types has unknown type {}; known: {}",
                unknown.join(", "),
                known()
            ),
        ));
        return None;
    }
    EventFilter::new(types)
}

#[cfg(test)]
mod tests {
    use super::*;
    use FieldErrorCode::*;
    use WebhookEventType::*;

    fn request(url: &str, description: &str, types: &[&str]) -> CreateWebhookRequest {
        CreateWebhookRequest {
            url: url.into(),
            description: description.into(),
            event_types: types.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    #[test]
    fn endpoint_requests_are_checked_field_by_field() {
        let cases: Vec<(CreateWebhookRequest, Vec<(&str, FieldErrorCode)>)> = vec![
            (
                request("", "", &[]),
                vec![("url", Required), ("event_types", Required)],
            ),
            (
                request("http://crm.acme.co.kr/in", "CRM", &["lead.created"]),
                vec![("url", InvalidUrl)],
            ),
            (
                request(
                    "https://crm.acme.co.kr/in",
                    &"가".repeat(201),
                    &["lead.created"],
                ),
                vec![("description", TooLong)],
            ),
            (
                request(
                    "https://crm.acme.co.kr/in",
                    "",
                    &["lead.created", "lead.deleted"],
                ),
                vec![("event_types", UnknownValue)],
            ),
            (
                request("ftp://x", "", &["Lead.Created"]),
                vec![("url", InvalidUrl), ("event_types", UnknownValue)],
            ),
        ];
        for (input, expected) in cases {
            let errors = validate_new_endpoint(&input).unwrap_err();
            assert_eq!(
                errors
                    .iter()
                    .map(|e| (e.field.as_str(), e.code))
                    .collect::<Vec<_>>(),
                expected,
                "{input:?}"
            );
            for error in &errors {
                assert!(error.message.starts_with(&error.field), "{error:?}");
            }
        }
    }

    #[test]
    fn a_valid_request_is_normalised() {
        let valid = validate_new_endpoint(&request(
            " HTTPS://CRM.acme.co.kr/in ",
            "  CRM sync ",
            &["handoff.assigned", "lead.created", "handoff.assigned"],
        ))
        .unwrap();
        assert_eq!(valid.url, "https://crm.acme.co.kr/in");
        assert_eq!(valid.description, "CRM sync");
        assert_eq!(valid.events.types(), vec![LeadCreated, HandoffAssigned]);
        assert_eq!(
            valid.events.to_json(),
            r#"["lead.created","handoff.assigned"]"#
        );
    }

    #[test]
    fn the_filter_decides_which_events_an_endpoint_gets_and_round_trips() {
        let handoffs =
            EventFilter::new([HandoffAssigned, HandoffAccepted, HandoffRejected]).unwrap();
        let accepted: Vec<_> = WebhookEventType::ALL
            .into_iter()
            .filter(|t| handoffs.accepts(*t))
            .collect();
        assert_eq!(
            accepted,
            vec![HandoffAssigned, HandoffAccepted, HandoffRejected]
        );
        assert_eq!(EventFilter::from_json(&handoffs.to_json()), Ok(handoffs));
        assert_eq!(EventFilter::new([]), None);
        for bad in ["[]", "", "[\"lead.deleted\"]", "{}"] {
            assert!(EventFilter::from_json(bad).is_err(), "{bad}");
        }
    }
}
