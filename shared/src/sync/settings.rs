//! Settings edits as operations: handoff settings, the engine configuration and saved
//! segments travel through the outbox like lead edits, so a save made offline is kept
//! and synced later. Each write is checked by the same rules its HTTP route runs
//! ([`SettingsWrite::validate`]); the server adds what needs its rows (who may save, a
//! stale base version).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::api::MAX_CONFIG_NOTE_CHARS;
use crate::engine::{Engine, EngineConfig, EngineError};
use crate::handoff::HandoffSettings;
use crate::segments::Segment;

/// One settings document written whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SettingsWrite {
    /// Replaces the handoff settings (reps, capacities, holidays, SLA, reject reasons);
    /// with `base_version`, only if the saved ones are still that version.
    HandoffSettings {
        settings: HandoffSettings,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        base_version: Option<u32>,
    },
    /// Saves a new engine configuration if the workspace's is still `base_version`.
    EngineConfig {
        config: EngineConfig,
        base_version: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Creates or replaces the segment `id`.
    PutSegment { id: Uuid, segment: Segment },
    /// Deletes the segment `id` (nothing to do when it is gone already).
    DeleteSegment { id: Uuid },
}

/// A write its route would answer with a 422: the part at fault and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsProblem {
    /// The request's field at fault (`sla_working_hours`, `config.scoring`, `name` …).
    pub field: String,
    pub message: String,
}

impl SettingsWrite {
    /// The write's stable name, as the sync line and the server's log name it.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::HandoffSettings { .. } => "handoff_settings",
            Self::EngineConfig { .. } => "engine_config",
            Self::PutSegment { .. } => "put_segment",
            Self::DeleteSegment { .. } => "delete_segment",
        }
    }

    /// The note of an engine configuration save, trimmed; `None` when blank.
    pub fn note(&self) -> Option<&str> {
        match self {
            Self::EngineConfig { note, .. } => {
                note.as_deref().map(str::trim).filter(|n| !n.is_empty())
            }
            _ => None,
        }
    }

    /// Checks the write by its route's rules; `current` is the workspace's engine now (a
    /// segment's personas must be ones its ICP set has).
    pub fn validate(&self, current: &Engine) -> Result<(), SettingsProblem> {
        match self {
            Self::HandoffSettings { settings, .. } => {
                settings.validate().map_err(|problem| SettingsProblem {
                    field: problem.field(),
                    message: problem.to_string(),
                })
            }
            Self::EngineConfig { config, .. } => {
                if self
                    .note()
                    .is_some_and(|n| n.chars().count() > MAX_CONFIG_NOTE_CHARS)
                {
                    return Err(SettingsProblem {
                        field: "note".into(),
                        message: format!("note must be at most {MAX_CONFIG_NOTE_CHARS} characters"),
                    });
                }
                Engine::new(config.clone()).map(|_| ()).map_err(|error| {
                    let part = match error {
                        EngineError::Icp(_) => "config.icp",
                        EngineError::Scoring(_) => "config.scoring",
                        EngineError::Lifecycle(_) => "config.lifecycle",
                    };
                    SettingsProblem {
                        field: part.into(),
                        message: error.to_string(),
                    }
                })
            }
            Self::PutSegment { segment, .. } => {
                segment
                    .compile(current.icp())
                    .map(|_| ())
                    .map_err(|error| SettingsProblem {
                        field: error.field_path(),
                        message: error.to_string(),
                    })
            }
            Self::DeleteSegment { .. } => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::LifecycleConfig;
    use crate::sync::Clock;
    use crate::sync::{OpBody, OpId, Operation, ReplicaId, SyncState, check};

    fn engine() -> Engine {
        Engine::new(EngineConfig::korean_b2b_default()).expect("the default engine runs")
    }

    fn segment(name: &str) -> Segment {
        serde_json::from_value(serde_json::json!({
            "name": name,
            "filter": {"condition": {"kind": "stage", "stages": ["mql"]}}
        }))
        .unwrap_or_else(|e| panic!("a segment named {name}: {e}"))
    }

    #[test]
    fn serde_names_are_stable_snake_case() {
        let body = OpBody::SaveSettings {
            write: SettingsWrite::DeleteSegment {
                id: Uuid::from_u128(7),
            },
        };
        assert_eq!(
            serde_json::to_value(&body).expect("serializes"),
            serde_json::json!({
                "op": "save_settings",
                "write": {"kind": "delete_segment", "id": "00000000-0000-0000-0000-000000000007"}
            })
        );
        let handoff = SettingsWrite::HandoffSettings {
            settings: HandoffSettings::default(),
            base_version: None,
        };
        let value = serde_json::to_value(&handoff).expect("serializes");
        assert_eq!(value["kind"], "handoff_settings");
        assert!(value.get("base_version").is_none());
        let back: SettingsWrite = serde_json::from_value(value).expect("reads back");
        assert_eq!(back, handoff);
        assert!(body.leads().is_empty());
    }

    #[test]
    fn validation_names_the_field_the_route_names() {
        let current = engine();
        let settings = HandoffSettings {
            sla_working_hours: 0,
            ..HandoffSettings::default()
        };
        let cases: Vec<(SettingsWrite, Option<&str>)> = vec![
            (
                SettingsWrite::HandoffSettings {
                    settings: HandoffSettings::default(),
                    base_version: Some(3),
                },
                None,
            ),
            (
                SettingsWrite::HandoffSettings {
                    settings,
                    base_version: None,
                },
                Some("sla_working_hours"),
            ),
            (
                SettingsWrite::EngineConfig {
                    config: EngineConfig::korean_b2b_default(),
                    base_version: 0,
                    note: Some("   ".into()),
                },
                None,
            ),
            (
                SettingsWrite::EngineConfig {
                    config: EngineConfig::korean_b2b_default(),
                    base_version: 0,
                    note: Some("가".repeat(MAX_CONFIG_NOTE_CHARS + 1)),
                },
                Some("note"),
            ),
            (
                SettingsWrite::PutSegment {
                    id: Uuid::from_u128(1),
                    segment: segment("서울 제조업"),
                },
                None,
            ),
            (
                SettingsWrite::PutSegment {
                    id: Uuid::from_u128(1),
                    segment: segment("  "),
                },
                Some("name"),
            ),
            (
                SettingsWrite::DeleteSegment {
                    id: Uuid::from_u128(1),
                },
                None,
            ),
        ];
        for (write, field) in cases {
            let got = write.validate(&current).err().map(|p| p.field);
            assert_eq!(got.as_deref(), field, "{write:?}");
        }
    }

    #[test]
    fn a_settings_write_changes_no_lead() {
        let mut clock = Clock::new(ReplicaId(Uuid::from_u128(1)));
        let op = Operation {
            id: OpId(Uuid::from_u128(2)),
            replica: clock.last().replica,
            seq: 1,
            hlc: clock.tick(1_000),
            body: OpBody::SaveSettings {
                write: SettingsWrite::DeleteSegment {
                    id: Uuid::from_u128(3),
                },
            },
        };
        let mut state = SyncState::default();
        assert_eq!(
            check(&op, &state, &LifecycleConfig::korean_b2b_default()),
            Ok(())
        );
        state.apply(&op);
        assert!(state.leads.is_empty() && state.touches.is_empty());
        assert!(state.stage_history.is_empty());
    }
}
