//! A settings save, one way for both doors it comes through: its HTTP route
//! (`PUT /api/handoff/settings`, `PUT /api/engine-config`, `PUT/DELETE /api/segments/:id`)
//! and a `SaveSettings` operation in a sync push (the app, online or back from offline).
//! Both check who may save, validate by `SettingsWrite::validate`, refuse a stale base
//! version and write the same statements; each door only says how a refusal is answered
//! and adds its own bookkeeping to the batch.

use leadkit_shared::auth::Permission;
use leadkit_shared::engine::{Engine, config_diff};
use leadkit_shared::sync::{Rejection, SettingsProblem, SettingsWrite};
use time::OffsetDateTime;
use worker::{D1Database, D1PreparedStatement};

use crate::auth::Principal;
use crate::error::AppError;
use crate::store;
use crate::store::engine::NewVersion;

/// Why a save is refused before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The saver's role may not change this document (`action` says what).
    NotAllowed { role: String, action: &'static str },
    /// The route's rules refuse it: the field at fault and why.
    Invalid(SettingsProblem),
    /// Someone saved a newer version since the edit began from `base`.
    Stale {
        what: &'static str,
        base: u32,
        current: u32,
    },
}

impl Refusal {
    /// The stable code both doors report.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotAllowed { .. } => "not_allowed",
            Self::Invalid(_) => "invalid",
            Self::Stale { .. } => "stale_version",
        }
    }

    fn message(&self) -> String {
        match self {
            Self::NotAllowed { role, action } => format!("your role ({role}) may not {action}"),
            Self::Invalid(problem) => problem.message.clone(),
            Self::Stale {
                what,
                base,
                current,
            } => format!(
                "someone saved a newer version of the {what} (version {current}, edited from \
                 {base}); reload and edit again"
            ),
        }
    }

    /// How a route answers it.
    pub fn into_app_error(self) -> AppError {
        match self {
            Self::NotAllowed { role, action } => AppError::Forbidden {
                role,
                action: action.to_owned(),
            },
            Self::Invalid(problem) => AppError::breaks_rule(&problem.field, problem.message),
            stale @ Self::Stale { .. } => AppError::Conflict {
                code: "version_conflict",
                message: stale.message(),
            },
        }
    }

    /// How a sync push answers it.
    pub fn into_rejection(self) -> Rejection {
        Rejection::Settings {
            refusal: self.code().to_owned(),
            field: match &self {
                Self::Invalid(problem) => Some(problem.field.clone()),
                _ => None,
            },
            detail: self.message(),
        }
    }
}

/// The writes of one save, for the caller's batch.
pub struct Planned {
    /// Version guard (where the write has a base), then the save itself.
    pub statements: Vec<D1PreparedStatement>,
    /// A segment delete that found nothing to delete (the route answers 404; a push
    /// counts the goal as met).
    pub gone: bool,
    /// New handoff settings: the desk should assign by them.
    pub nudge_handoff: bool,
}

/// Who may save each kind of document, as the routes have always required.
fn permission(write: &SettingsWrite) -> (Permission, &'static str) {
    match write {
        SettingsWrite::HandoffSettings { .. } => {
            (Permission::HandOffLeads, "change handoff settings")
        }
        SettingsWrite::EngineConfig { .. } => {
            (Permission::ManageScoring, "change the scoring rules")
        }
        SettingsWrite::PutSegment { .. } | SettingsWrite::DeleteSegment { .. } => {
            (Permission::ManageSegments, "change segments")
        }
    }
}

/// Decides `write` by `principal` as of `now`: the statements to store it, or why it is
/// refused.
pub async fn plan(
    db: &D1Database,
    principal: &Principal,
    write: &SettingsWrite,
    now: OffsetDateTime,
) -> Result<Result<Planned, Refusal>, AppError> {
    let (needed, action) = permission(write);
    if !principal.role.allows(needed) {
        return Ok(Err(Refusal::NotAllowed {
            role: principal.role.to_string(),
            action,
        }));
    }
    let ws = principal.workspace_id.as_str();
    let by = principal.user_id.as_deref();
    let current = store::engine::current(db, ws).await?;
    let engine = Engine::new(current.config.clone()).map_err(|e| AppError::Storage {
        detail: format!("workspace {ws} has an engine config that does not run: {e}"),
    })?;
    if let Err(problem) = write.validate(&engine) {
        return Ok(Err(Refusal::Invalid(problem)));
    }
    let mut planned = Planned {
        statements: Vec::new(),
        gone: false,
        nudge_handoff: false,
    };
    match write {
        SettingsWrite::HandoffSettings {
            settings,
            base_version,
        } => {
            if let Some(base) = *base_version {
                let saved = store::handoff::settings(db, ws).await?.version;
                if saved != base {
                    return Ok(Err(Refusal::Stale {
                        what: "handoff settings",
                        base,
                        current: saved,
                    }));
                }
                planned
                    .statements
                    .push(store::handoff::settings_guard(db, ws, base)?);
            }
            planned
                .statements
                .push(store::handoff::save_settings_statement(
                    db, ws, settings, by, now,
                )?);
            planned.nudge_handoff = true;
        }
        SettingsWrite::EngineConfig {
            config,
            base_version,
            ..
        } => {
            if current.version != *base_version {
                return Ok(Err(Refusal::Stale {
                    what: "scoring rules",
                    base: *base_version,
                    current: current.version,
                }));
            }
            let to_value = |config| {
                serde_json::to_value(config).map_err(|e| AppError::Storage {
                    detail: e.to_string(),
                })
            };
            let changes = config_diff(&to_value(&current.config)?, &to_value(config)?);
            let user = match by {
                Some(id) => store::auth::user(db, id).await?,
                None => None,
            };
            planned.statements = store::engine::save_statements(
                db,
                &NewVersion {
                    workspace_id: ws,
                    config,
                    base_version: *base_version,
                    saved_by: by,
                    saved_by_name: user.as_ref().map(|u| u.display_name.as_str()),
                    note: write.note(),
                    changes: &changes,
                    at: now,
                },
            )?;
        }
        SettingsWrite::PutSegment { id, segment } => {
            planned.statements.push(store::segments::put_statement(
                db, ws, *id, segment, now, by,
            )?);
        }
        SettingsWrite::DeleteSegment { id } => {
            planned.gone = !store::segments::exists(db, ws, *id).await?;
            if !planned.gone {
                planned
                    .statements
                    .push(store::segments::delete_statement(db, ws, *id)?);
            }
        }
    }
    Ok(Ok(planned))
}

/// Runs a route's save: plans it and stores it in one batch. A batch that fails while
/// the base version moved is the stale refusal (another save got there first).
pub async fn save_by_route(
    db: &D1Database,
    principal: &Principal,
    write: &SettingsWrite,
    now: OffsetDateTime,
) -> Result<Planned, AppError> {
    let planned = plan(db, principal, write, now)
        .await?
        .map_err(Refusal::into_app_error)?;
    if planned.statements.is_empty() {
        return Ok(planned);
    }
    let Planned {
        statements,
        gone,
        nudge_handoff,
    } = planned;
    if let Err(error) = db.batch(statements).await {
        // Planning again names the stale version if that was why; otherwise the batch
        // failed for another reason and is reported as such.
        if let Err(refusal) = plan(db, principal, write, now).await? {
            return Err(refusal.into_app_error());
        }
        return Err(error.into());
    }
    Ok(Planned {
        statements: Vec::new(),
        gone,
        nudge_handoff,
    })
}
