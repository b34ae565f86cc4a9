//! Settings as a device shows them while its saves wait in the outbox: the server's
//! last document with the device's pending `SaveSettings` writes laid over it, oldest
//! first. A fetched document that does not have them yet (the push has not run, or ran
//! after the fetch) therefore never hides an edit the user was told is saved on this
//! device. Laying the same writes over a document twice gives the same document.

use time::OffsetDateTime;

use super::op::{OpBody, Operation};
use super::settings::SettingsWrite;
use crate::api::{EngineConfigView, HandoffSettingsView, SegmentList, SegmentRecord};

/// The settings writes among `pending`, in the order they were made.
fn pending_writes(pending: &[Operation]) -> impl Iterator<Item = (&Operation, &SettingsWrite)> {
    let mut ops: Vec<&Operation> = pending.iter().collect();
    ops.sort_by_key(|op| op.seq);
    ops.into_iter().filter_map(|op| match &op.body {
        OpBody::SaveSettings { write } => Some((op, write)),
        _ => None,
    })
}

/// When the operation was made, as the document's "saved at".
fn made_at(op: &Operation) -> Option<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(op.hlc.wall_ms) * 1_000_000).ok()
}

/// Whether a write of `kind` (see [`SettingsWrite::kind`]) waits among `pending`.
pub fn settings_pending(pending: &[Operation], kind: &str) -> bool {
    pending_writes(pending).any(|(_, write)| write.kind() == kind)
}

/// The handoff settings with the pending saves applied: the last one wins, as it will
/// on the server (each save replaces the whole document).
pub fn show_pending_handoff_settings(
    mut view: HandoffSettingsView,
    pending: &[Operation],
) -> HandoffSettingsView {
    for (op, write) in pending_writes(pending) {
        if let SettingsWrite::HandoffSettings { settings, .. } = write {
            view.settings = settings.clone();
            view.updated_at = made_at(op);
        }
    }
    view
}

/// The engine configuration with the pending saves applied. Each names the version it
/// was edited from; the server makes it the next one, so the shown version is that
/// base plus one, and a further save made before the sync is based on it (the server
/// then takes both in order, or refuses the later ones if someone else saved first).
pub fn show_pending_engine_config(
    mut view: EngineConfigView,
    pending: &[Operation],
) -> EngineConfigView {
    for (op, write) in pending_writes(pending) {
        if let SettingsWrite::EngineConfig {
            config,
            base_version,
            ..
        } = write
        {
            view.config = config.clone();
            view.version = base_version.saturating_add(1);
            view.saved_at = made_at(op);
        }
    }
    view
}

/// The segment list with the pending creations, edits and deletions applied, by name as
/// the worker lists them. `me` is the saving user, shown as the last editor.
pub fn show_pending_segments(
    mut list: SegmentList,
    pending: &[Operation],
    me: Option<&str>,
) -> SegmentList {
    let mut changed = false;
    for (op, write) in pending_writes(pending) {
        match write {
            SettingsWrite::PutSegment { id, segment } => {
                list.segments.retain(|s| s.id != *id);
                list.segments.push(SegmentRecord {
                    id: *id,
                    segment: segment.clone(),
                    updated_at: made_at(op).unwrap_or(OffsetDateTime::UNIX_EPOCH),
                    updated_by: me.map(str::to_owned),
                });
                changed = true;
            }
            SettingsWrite::DeleteSegment { id } => {
                list.segments.retain(|s| s.id != *id);
            }
            _ => {}
        }
    }
    if changed {
        list.segments.sort_by(|a, b| {
            a.segment
                .name
                .cmp(&b.segment.name)
                .then_with(|| a.id.cmp(&b.id))
        });
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::SCHEMA_VERSION;
    use crate::engine::EngineConfig;
    use crate::handoff::HandoffSettings;
    use crate::segments::Segment;
    use crate::sync::{Clock, OpId, ReplicaId};
    use uuid::Uuid;

    fn op(seq: u64, write: SettingsWrite) -> Operation {
        let replica = ReplicaId(Uuid::from_u128(7));
        let mut clock = Clock::new(replica);
        Operation {
            id: OpId(Uuid::from_u128(u128::from(seq))),
            replica,
            seq,
            hlc: clock.tick(1_764_000_000_000 + seq),
            body: OpBody::SaveSettings { write },
        }
    }

    fn segment(name: &str) -> Segment {
        serde_json::from_value(serde_json::json!({
            "name": name,
            "filter": {"condition": {"kind": "stage", "stages": ["mql"]}}
        }))
        .unwrap_or_else(|e| panic!("a segment named {name}: {e}"))
    }

    fn record(id: u128, name: &str) -> SegmentRecord {
        SegmentRecord {
            id: Uuid::from_u128(id),
            segment: segment(name),
            updated_at: OffsetDateTime::UNIX_EPOCH,
            updated_by: Some("someone".into()),
        }
    }

    fn engine_view(version: u32) -> EngineConfigView {
        EngineConfigView {
            schema_version: SCHEMA_VERSION,
            config: EngineConfig::korean_b2b_default(),
            version,
            saved_at: None,
            saved_by: None,
        }
    }

    #[test]
    fn the_last_pending_handoff_save_wins_and_others_are_ignored() {
        let view = HandoffSettingsView {
            schema_version: SCHEMA_VERSION,
            settings: HandoffSettings::default(),
            version: 4,
            updated_at: None,
            updated_by: None,
        };
        let first = HandoffSettings {
            sla_working_hours: 2,
            ..HandoffSettings::default()
        };
        let second = HandoffSettings {
            sla_working_hours: 6,
            ..HandoffSettings::default()
        };
        let pending = vec![
            op(
                3,
                SettingsWrite::HandoffSettings {
                    settings: second.clone(),
                    base_version: None,
                },
            ),
            op(
                1,
                SettingsWrite::HandoffSettings {
                    settings: first,
                    base_version: None,
                },
            ),
            op(
                2,
                SettingsWrite::DeleteSegment {
                    id: Uuid::from_u128(1),
                },
            ),
        ];
        let shown = show_pending_handoff_settings(view.clone(), &pending);
        assert_eq!(shown.settings, second, "the save made last (seq 3) wins");
        assert_eq!(
            shown.version, 4,
            "the version stays the server's until it answers"
        );
        assert!(shown.updated_at.is_some());
        assert_eq!(show_pending_handoff_settings(view.clone(), &[]), view);
        assert!(settings_pending(&pending, "handoff_settings"));
        assert!(!settings_pending(&pending, "engine_config"));
    }

    #[test]
    fn pending_engine_saves_chain_their_versions() {
        let mut edited = EngineConfig::korean_b2b_default();
        edited.scoring.half_life_days = Some(45.0);
        let pending = vec![op(
            1,
            SettingsWrite::EngineConfig {
                config: edited.clone(),
                base_version: 3,
                note: None,
            },
        )];
        let shown = show_pending_engine_config(engine_view(3), &pending);
        assert_eq!(shown.config, edited);
        assert_eq!(
            shown.version, 4,
            "the next save is based on the version this one makes"
        );
        // Laid over the document it already produced, nothing moves.
        assert_eq!(show_pending_engine_config(shown.clone(), &pending), shown);
    }

    #[test]
    fn pending_segment_writes_add_replace_and_delete_by_name() {
        let list = SegmentList {
            schema_version: SCHEMA_VERSION,
            segments: vec![record(1, "가 hot"), record(2, "나 webinar")],
        };
        let pending = vec![
            op(
                1,
                SettingsWrite::PutSegment {
                    id: Uuid::from_u128(3),
                    segment: segment("A fair"),
                },
            ),
            op(
                2,
                SettingsWrite::PutSegment {
                    id: Uuid::from_u128(1),
                    segment: segment("다 renamed"),
                },
            ),
            op(
                3,
                SettingsWrite::DeleteSegment {
                    id: Uuid::from_u128(2),
                },
            ),
        ];
        let shown = show_pending_segments(list, &pending, Some("me"));
        let names: Vec<&str> = shown
            .segments
            .iter()
            .map(|s| s.segment.name.as_str())
            .collect();
        assert_eq!(names, vec!["A fair", "다 renamed"]);
        assert!(
            shown
                .segments
                .iter()
                .all(|s| s.updated_by.as_deref() == Some("me"))
        );
        assert_eq!(
            show_pending_segments(shown.clone(), &pending, Some("me")),
            shown
        );
    }
}
