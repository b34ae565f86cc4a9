//! Builders shared by the lifecycle tests: Korean-style leads, touches and histories.

use std::collections::BTreeMap;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::model::{
    Actor, ConsentPurpose, ConsentRecord, EntryPath, Lead, LeadId, Stage, StageChange, Touch,
    TouchId, TouchKind, Utm, WorkspaceId,
};

/// A lead `n` named `name`, created at `at`, with 개인정보 수집·이용 consent and a company.
pub fn lead(n: u128, name: &str, at: OffsetDateTime) -> Lead {
    let mut lead = Lead::new(
        LeadId(Uuid::from_u128(n)),
        WorkspaceId(Uuid::nil()),
        name,
        EntryPath::Form,
        at,
    );
    lead.company_name = Some("한빛소프트".into());
    lead.consents.push(ConsentRecord {
        purpose: ConsentPurpose::PersonalInfoCollection,
        granted: true,
        text_version: "privacy-2026-01".into(),
        at,
    });
    lead
}

/// A touch of `kind` by `lead` at `at`, with `metadata` entries.
pub fn touch(lead: &Lead, kind: TouchKind, at: OffsetDateTime, metadata: &[(&str, &str)]) -> Touch {
    Touch {
        id: TouchId(Uuid::from_u128(at.unix_timestamp_nanos().unsigned_abs())),
        lead_id: lead.id,
        account_id: None,
        kind,
        at,
        metadata: metadata
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect::<BTreeMap<_, _>>(),
        utm: Utm::default(),
    }
}

/// A change of lead `n` into `to` at `at`, made by 김민수.
pub fn change(n: u128, from: Option<Stage>, to: Stage, at: OffsetDateTime) -> StageChange {
    StageChange {
        lead_id: LeadId(Uuid::from_u128(n)),
        from,
        to,
        at,
        actor: Actor::User {
            id: "u1".into(),
            name: "김민수".into(),
        },
        reason: None,
    }
}
