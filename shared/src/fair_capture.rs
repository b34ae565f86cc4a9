//! A lead typed in by hand at a fair or exhibition, on a phone with no network: the entry
//! checked by the shared rules (e-mail, phone to E.164, the separate consents Korean law
//! asks for) and turned into the new lead and the visit touch that sync operations carry.

use std::collections::BTreeMap;

use time::OffsetDateTime;

use crate::api::LeadRecord;
use crate::capture::{FieldError, FieldErrorCode, normalise_email};
use crate::model::{
    ConsentPurpose, ConsentRecord, EntryPath, Lead, LeadId, Touch, TouchId, TouchKind, WorkspaceId,
};
use crate::sync::OpBody;
use crate::validation::{Country, normalise_phone};

/// Version of the collection consent text the capture form shows; stored with each
/// consent so a later reader knows what the person agreed to.
pub const COLLECTION_CONSENT_VERSION: &str = "fair-collection-2026-11";

/// Version of the marketing consent text the capture form shows.
pub const MARKETING_CONSENT_VERSION: &str = "fair-marketing-2026-11";

/// The longest name, company, title or event name accepted (as capture's forms do).
const MAX_TEXT_CHARS: usize = 200;

/// The longest note accepted.
const MAX_NOTE_CHARS: usize = 2000;

/// What the form had when "save" was pressed, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FairEntry {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub company: String,
    pub title: String,
    /// What the visitor asked about, in the team member's words.
    pub note: String,
    /// The fair or booth (`KES 2026 부스`); becomes the lead's source.
    pub event: String,
    /// 개인정보 수집·이용: without it nothing may be stored.
    pub collection_consent: bool,
    /// 마케팅 정보 수신: optional, recorded either way.
    pub marketing_consent: bool,
}

/// A checked entry: the lead to create and the fair visit to log on it.
#[derive(Debug, Clone, PartialEq)]
pub struct FairCapture {
    pub lead: Lead,
    pub touch: Touch,
}

impl FairEntry {
    /// The capture this entry describes, or every field at fault. The person must be
    /// reachable (an e-mail or a phone) and must have agreed to the collection of their
    /// data; the marketing consent is a separate, optional choice.
    pub fn check(
        &self,
        ids: (LeadId, TouchId),
        workspace: WorkspaceId,
        at: OffsetDateTime,
    ) -> Result<FairCapture, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            errors.push(FieldError::new(
                "name",
                FieldErrorCode::Required,
                "name is required",
            ));
        }
        for (field, value, max) in [
            ("name", name, MAX_TEXT_CHARS),
            ("company", self.company.trim(), MAX_TEXT_CHARS),
            ("title", self.title.trim(), MAX_TEXT_CHARS),
            ("event", self.event.trim(), MAX_TEXT_CHARS),
            ("note", self.note.trim(), MAX_NOTE_CHARS),
        ] {
            if value.chars().count() > max {
                errors.push(FieldError::new(
                    field,
                    FieldErrorCode::TooLong,
                    format!("{field} is longer than {max} characters"),
                ));
            }
        }
        let email = optional(&self.email).and_then(|raw| {
            normalise_email(raw)
                .map_err(|problem| {
                    errors.push(FieldError::new(
                        "email",
                        FieldErrorCode::InvalidEmail,
                        format!("email {problem}"),
                    ));
                })
                .ok()
        });
        let phone = optional(&self.phone).and_then(|raw| {
            normalise_phone(raw, Country::Kr)
                .map_err(|problem| {
                    errors.push(FieldError::new(
                        "phone",
                        FieldErrorCode::InvalidPhone,
                        format!("phone {problem}"),
                    ));
                })
                .ok()
        });
        if optional(&self.email).is_none() && optional(&self.phone).is_none() {
            errors.push(FieldError::new(
                "email",
                FieldErrorCode::Required,
                "an e-mail address or a phone number is required",
            ));
        }
        if !self.collection_consent {
            errors.push(FieldError::new(
                "consent_collection",
                FieldErrorCode::ConsentRequired,
                "consent to the collection and use of personal data is required",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }

        let (lead_id, touch_id) = ids;
        let event = optional(&self.event).map(str::to_owned);
        let mut lead = Lead::new(lead_id, workspace, name, EntryPath::OfflineCapture, at);
        lead.email = email;
        lead.phone = phone.map(|p| p.into_string());
        lead.company_name = optional(&self.company).map(str::to_owned);
        lead.title = optional(&self.title).map(str::to_owned);
        lead.source.clone_from(&event);
        lead.consents = vec![
            ConsentRecord {
                purpose: ConsentPurpose::PersonalInfoCollection,
                granted: true,
                text_version: COLLECTION_CONSENT_VERSION.to_owned(),
                at,
            },
            ConsentRecord {
                purpose: ConsentPurpose::MarketingMessages,
                granted: self.marketing_consent,
                text_version: MARKETING_CONSENT_VERSION.to_owned(),
                at,
            },
        ];
        let mut metadata = BTreeMap::new();
        if let Some(event) = event {
            metadata.insert("event".to_owned(), event);
        }
        if let Some(note) = optional(&self.note) {
            metadata.insert("note".to_owned(), note.to_owned());
        }
        let touch = Touch {
            id: touch_id,
            lead_id,
            account_id: None,
            kind: TouchKind::EventAttended,
            at,
            metadata,
            utm: Default::default(),
        };
        Ok(FairCapture { lead, touch })
    }
}

impl FairCapture {
    /// The lead as the local store lists it until the worker has scored it.
    pub fn record(&self) -> LeadRecord {
        LeadRecord {
            id: self.lead.id.0,
            seq: 0,
            form_id: EntryPath::OfflineCapture.as_str().to_owned(),
            email: self.lead.email.clone().unwrap_or_default(),
            name: self.lead.name.clone(),
            company: self.lead.company_name.clone().unwrap_or_default(),
            captured_at: self.lead.created_at,
            stage: Some(self.lead.stage),
            scores: None,
            record: Some(Box::new(self.lead.clone())),
            stamps: Default::default(),
        }
    }

    /// The operations that carry the capture to the worker, in order: every field of
    /// the new lead (which creates it there), then the fair visit.
    pub fn operations(&self) -> Result<[OpBody; 2], serde_json::Error> {
        let fields = serde_json::from_value(serde_json::to_value(&self.lead)?)?;
        Ok([
            OpBody::SetLeadFields {
                lead_id: self.lead.id,
                fields,
            },
            OpBody::AddTouch {
                touch: self.touch.clone(),
            },
        ])
    }
}

/// The trimmed value, or `None` when nothing was typed.
fn optional(raw: &str) -> Option<&str> {
    Some(raw.trim()).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::LifecycleConfig;
    use crate::sync::{Clock, OpId, Operation, ReplicaId, apply_to_lead};
    use time::macros::datetime;
    use uuid::Uuid;

    const AT: OffsetDateTime = datetime!(2026-11-24 10:30 UTC);

    fn ids() -> (LeadId, TouchId) {
        (LeadId(Uuid::from_u128(1)), TouchId(Uuid::from_u128(2)))
    }

    fn entry() -> FairEntry {
        FairEntry {
            name: " 김민수 ".into(),
            email: "MinSu.Kim@Acme.co.kr".into(),
            phone: "010-1234-5678".into(),
            company: "에이크미".into(),
            title: "팀장".into(),
            note: "데모 요청".into(),
            event: "KES 2026 부스".into(),
            collection_consent: true,
            marketing_consent: false,
        }
    }

    fn problems(entry: FairEntry) -> Vec<(String, FieldErrorCode)> {
        entry
            .check(ids(), WorkspaceId(Uuid::nil()), AT)
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_good_entry_becomes_a_normalised_lead_with_both_consents_and_a_fair_visit() {
        let capture = entry().check(ids(), WorkspaceId(Uuid::nil()), AT).unwrap();
        let lead = &capture.lead;
        assert_eq!(lead.name, "김민수");
        assert_eq!(lead.email.as_deref(), Some("minsu.kim@acme.co.kr"));
        assert_eq!(lead.phone.as_deref(), Some("+821012345678"));
        assert_eq!(lead.source.as_deref(), Some("KES 2026 부스"));
        assert_eq!(lead.entry_path, EntryPath::OfflineCapture);
        let collection = lead
            .consent(ConsentPurpose::PersonalInfoCollection)
            .unwrap();
        assert!(collection.granted);
        assert!(
            !lead
                .consent(ConsentPurpose::MarketingMessages)
                .unwrap()
                .granted
        );
        assert_eq!(capture.touch.kind, TouchKind::EventAttended);
        assert_eq!(capture.touch.metadata["event"], "KES 2026 부스");
        assert_eq!(capture.touch.metadata["note"], "데모 요청");
        assert_eq!(capture.record().email, "minsu.kim@acme.co.kr");
    }

    #[test]
    fn each_problem_is_named_by_its_field_and_nothing_is_built() {
        let cases: Vec<(FairEntry, Vec<(&str, FieldErrorCode)>)> = vec![
            (
                FairEntry {
                    collection_consent: false,
                    ..entry()
                },
                vec![("consent_collection", FieldErrorCode::ConsentRequired)],
            ),
            (
                FairEntry {
                    name: "  ".into(),
                    email: "kim@acme".into(),
                    phone: "1234".into(),
                    ..entry()
                },
                vec![
                    ("name", FieldErrorCode::Required),
                    ("email", FieldErrorCode::InvalidEmail),
                    ("phone", FieldErrorCode::InvalidPhone),
                ],
            ),
            (
                FairEntry {
                    email: String::new(),
                    phone: " ".into(),
                    note: "가".repeat(MAX_NOTE_CHARS + 1),
                    ..entry()
                },
                vec![
                    ("note", FieldErrorCode::TooLong),
                    ("email", FieldErrorCode::Required),
                ],
            ),
        ];
        for (entry, expected) in cases {
            let expected: Vec<_> = expected
                .into_iter()
                .map(|(f, c)| (f.to_owned(), c))
                .collect();
            assert_eq!(problems(entry), expected);
        }
        let phone_only = FairEntry {
            email: String::new(),
            ..entry()
        };
        assert!(
            phone_only
                .check(ids(), WorkspaceId(Uuid::nil()), AT)
                .is_ok()
        );
    }

    #[test]
    fn the_operations_create_the_same_lead_on_the_server_and_log_the_visit() {
        let capture = entry().check(ids(), WorkspaceId(Uuid::nil()), AT).unwrap();
        let lifecycle = LifecycleConfig::korean_b2b_default();
        let replica = ReplicaId(Uuid::from_u128(9));
        let mut clock = Clock::new(replica);
        let [create, visit] = capture.operations().unwrap();
        let op = |seq, hlc, body| Operation {
            id: OpId(Uuid::from_u128(100 + u128::from(seq))),
            replica,
            seq,
            hlc,
            body,
        };
        let create = op(1, clock.tick(1_000), create);
        // The device lists the new lead as the server will store it.
        // (with every field it set stamped by the creation, which the record made
        // before any operation cannot know).
        let local = crate::sync::create_locally(&create, &lifecycle).unwrap();
        assert!(local.stamps.values().all(|stamp| *stamp == create.hlc));
        assert!(local.stamps.contains_key("email"));
        let unstamped = LeadRecord {
            stamps: Default::default(),
            ..local
        };
        assert_eq!(unstamped, capture.record());
        let created = apply_to_lead(&create, None, &lifecycle).unwrap();
        assert!(created.created);
        assert_eq!(created.lead, capture.lead);
        let stored = crate::sync::StoredRegisters {
            lead: created.lead,
            stamps: created.stamps,
        };
        let visited =
            apply_to_lead(&op(2, clock.tick(2_000), visit), Some(&stored), &lifecycle).unwrap();
        assert_eq!(
            visited.effect,
            crate::sync::Effect::Touch(capture.touch.clone())
        );
    }
}
