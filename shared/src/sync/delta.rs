//! Pull deltas: after its first download a device asks only for what changed since its
//! cursor. The server names the fields each write changed ([`changed_fields`]) and sends
//! their current values ([`delta_fields`]); the device folds them into its copy by the
//! same last-writer-wins rule as every other merge ([`merge_delta`]), so a local edit not
//! yet pushed survives an older value arriving.

use std::collections::BTreeMap;

use super::hlc::Hlc;
use super::server::FLOOR;
use super::state::MaterializeError;
use crate::api::{LeadDelta, LeadRecord};
use crate::model::{Lead, LeadId};

/// The top-level fields (serde names) whose values differ between `before` and `after`.
pub fn changed_fields(before: &Lead, after: &Lead) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    let mut names: Vec<String> = b
        .iter()
        .filter(|(k, v)| a.get(k.as_str()) != Some(v))
        .map(|(k, _)| k.clone())
        .collect();
    // A field serialisation skips when empty disappears rather than changing.
    names.extend(a.keys().filter(|k| !b.contains_key(k.as_str())).cloned());
    names.sort();
    names.dedup();
    names
}

/// The values of `names` in `lead` (a name the lead no longer serialises, being empty,
/// is sent as null).
pub fn delta_fields<'a>(
    lead: &Lead,
    names: impl IntoIterator<Item = &'a str>,
) -> serde_json::Map<String, serde_json::Value> {
    let object = match serde_json::to_value(lead) {
        Ok(serde_json::Value::Object(object)) => object,
        _ => serde_json::Map::new(),
    };
    names
        .into_iter()
        .map(|name| {
            let value = object.get(name).cloned().unwrap_or(serde_json::Value::Null);
            (name.to_owned(), value)
        })
        .collect()
}

/// `record` with `delta` folded in: each field takes the pulled value unless this device
/// holds a later write of it (its stamp is later than the pulled one's), and the lead's
/// list columns follow its record. Fails when the record has no whole lead to merge into
/// or the result is not a valid lead (the device then pulls whole records again).
pub fn merge_delta(record: &LeadRecord, delta: &LeadDelta) -> Result<LeadRecord, MaterializeError> {
    let invalid = |detail: String| MaterializeError::Invalid {
        lead_id: LeadId(record.id),
        detail,
    };
    let lead = record
        .record
        .as_deref()
        .ok_or_else(|| invalid("no whole record to merge a delta into".into()))?;
    let mut object = match serde_json::to_value(lead) {
        Ok(serde_json::Value::Object(object)) => object,
        Ok(_) => return Err(invalid("a lead is not an object".into())),
        Err(e) => return Err(invalid(e.to_string())),
    };
    let mut stamps: BTreeMap<String, Hlc> = record.stamps.clone();
    for (name, value) in &delta.fields {
        let incoming = delta.stamps.get(name).copied().unwrap_or(FLOOR);
        let local = stamps.get(name).copied().unwrap_or(FLOOR);
        if incoming < local {
            continue;
        }
        if value.is_null() {
            // Absent and null both read back as the field's empty value.
            object.remove(name);
        } else {
            object.insert(name.clone(), value.clone());
        }
        if incoming == FLOOR {
            stamps.remove(name);
        } else {
            stamps.insert(name.clone(), incoming);
        }
    }
    let lead: Lead = serde_json::from_value(serde_json::Value::Object(object))
        .map_err(|e| invalid(e.to_string()))?;
    let mut next = record.clone();
    next.seq = next.seq.max(delta.seq);
    if let Some(scores) = &delta.scores {
        next.scores = Some(scores.clone());
    }
    next.stamps = stamps;
    follow_record(&mut next, lead);
    Ok(next)
}

/// Sets the list columns of `record` from `lead` and keeps the lead as its record.
pub(crate) fn follow_record(record: &mut LeadRecord, lead: Lead) {
    record.email = lead.email.clone().unwrap_or_default();
    record.name = lead.name.clone();
    record.company = lead.company_name.clone().unwrap_or_default();
    record.stage = Some(lead.stage);
    record.record = Some(Box::new(lead));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::LeadScores;
    use crate::model::{EntryPath, RepId, Stage, WorkspaceId};
    use crate::sync::ReplicaId;
    use proptest::prelude::*;
    use serde_json::json;
    use time::macros::datetime;
    use uuid::Uuid;

    fn lead() -> Lead {
        let mut lead = Lead::new(
            LeadId(Uuid::from_u128(1)),
            WorkspaceId(Uuid::nil()),
            "김민수",
            EntryPath::Form,
            datetime!(2026-11-20 09:00 UTC),
        );
        lead.title = Some("대리".into());
        lead.company_name = Some("에이크미".into());
        lead
    }

    fn record(lead: Lead) -> LeadRecord {
        let mut record = LeadRecord {
            id: lead.id.0,
            seq: 4,
            form_id: "contact".into(),
            email: String::new(),
            name: String::new(),
            company: String::new(),
            captured_at: lead.created_at,
            stage: None,
            scores: None,
            record: None,
            stamps: BTreeMap::new(),
        };
        follow_record(&mut record, lead);
        record
    }

    fn hlc(wall_ms: u64, replica: u128) -> Hlc {
        Hlc {
            wall_ms,
            counter: 0,
            replica: ReplicaId(Uuid::from_u128(replica)),
        }
    }

    #[test]
    fn changed_fields_name_exactly_what_differs() {
        let before = lead();
        let mut after = before.clone();
        after.title = Some("팀장".into());
        after.owner = Some(RepId(Uuid::from_u128(3)));
        after.stage = Stage::Mql;
        assert_eq!(changed_fields(&before, &after), ["owner", "stage", "title"]);
        assert!(changed_fields(&before, &before).is_empty());
    }

    #[test]
    fn a_delta_sets_its_fields_and_list_columns_and_keeps_the_rest() {
        let mut after = lead();
        after.company_name = Some("새회사".into());
        after.stage = Stage::Sql;
        let delta = LeadDelta {
            id: after.id.0,
            seq: 9,
            fields: delta_fields(&after, ["company_name", "stage"]),
            stamps: BTreeMap::new(),
            scores: Some(LeadScores {
                fit: 10,
                engagement: 5,
                total: 15,
                tier: None,
                persona: None,
                scored_at: datetime!(2026-11-24 09:00 UTC),
            }),
        };
        let merged = merge_delta(&record(lead()), &delta).unwrap();
        assert_eq!(merged.company, "새회사");
        assert_eq!(merged.stage, Some(Stage::Sql));
        assert_eq!(merged.seq, 9);
        assert_eq!(merged.scores.as_ref().map(|s| s.total), Some(15));
        let lead = merged.record.unwrap();
        assert_eq!(lead.title.as_deref(), Some("대리"));
        assert_eq!(*lead, after);
    }

    #[test]
    fn a_later_local_edit_survives_an_older_pulled_value() {
        let mut mine = record(lead());
        mine.record.as_mut().unwrap().title = Some("부장".into());
        mine.stamps.insert("title".into(), hlc(2_000, 1));
        let older = LeadDelta {
            id: mine.id,
            seq: 5,
            fields: [("title".to_owned(), json!("사원"))].into_iter().collect(),
            stamps: [("title".to_owned(), hlc(1_000, 2))].into_iter().collect(),
            scores: None,
        };
        let kept = merge_delta(&mine, &older).unwrap();
        assert_eq!(kept.record.as_ref().unwrap().title.as_deref(), Some("부장"));
        assert_eq!(kept.stamps["title"], hlc(2_000, 1));
        let newer = LeadDelta {
            stamps: [("title".to_owned(), hlc(3_000, 2))].into_iter().collect(),
            ..older.clone()
        };
        let taken = merge_delta(&mine, &newer).unwrap();
        assert_eq!(
            taken.record.as_ref().unwrap().title.as_deref(),
            Some("사원")
        );
        assert_eq!(taken.stamps["title"], hlc(3_000, 2));
        // A bad value is refused, not half-merged.
        let broken = LeadDelta {
            fields: [("email_verified".to_owned(), json!("yes"))]
                .into_iter()
                .collect(),
            ..older
        };
        assert!(merge_delta(&mine, &broken).is_err());
        let mut bare = mine.clone();
        bare.record = None;
        assert!(merge_delta(&bare, &newer).is_err());
    }

    proptest! {
        /// Folding the changed fields of each successive version into the first gives
        /// the last, whatever changed in between.
        #[test]
        fn deltas_of_successive_versions_rebuild_the_last(
            edits in proptest::collection::vec((0u8..5, any::<u16>()), 1..12),
        ) {
            let mut versions = vec![lead()];
            for (what, n) in edits {
                let mut next = versions.last().unwrap().clone();
                match what {
                    0 => next.title = Some(format!("직함 {n}")),
                    1 => next.company_name = (n % 3 != 0).then(|| format!("회사 {n}")),
                    2 => next.owner = Some(RepId(Uuid::from_u128(u128::from(n)))),
                    3 => {
                        next.custom.insert(format!("k{}", n % 4), crate::model::CustomValue::Text(format!("v{n}")));
                    }
                    _ => next.stage = [Stage::Lead, Stage::Mql, Stage::Sql][usize::from(n % 3)],
                }
                versions.push(next);
            }
            let mut local = record(versions[0].clone());
            for pair in versions.windows(2) {
                let names = changed_fields(&pair[0], &pair[1]);
                let delta = LeadDelta {
                    id: local.id,
                    seq: local.seq + 1,
                    fields: delta_fields(&pair[1], names.iter().map(String::as_str)),
                    stamps: BTreeMap::new(),
                    scores: None,
                };
                local = merge_delta(&local, &delta).unwrap();
            }
            prop_assert_eq!(local.record.as_deref(), versions.last());
        }
    }
}
