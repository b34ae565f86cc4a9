//! `/api/forms`: the workspace's capture forms, managed through the authenticated API.
//! Everyone in the workspace may read them; marketing and admins may create or change
//! them. Definitions are checked by `FormDefinition::validate` before they are stored,
//! and a form id that belongs to another workspace answers 404 like an unknown one.

use leadkit_shared::api::SCHEMA_VERSION;
use leadkit_shared::auth::Permission;
use leadkit_shared::capture::{FieldError, FieldErrorCode};
use leadkit_shared::forms::FormDefinition;
use leadkit_shared::model::WorkspaceId;
use serde::Serialize;
use uuid::Uuid;
use worker::{Request, Response, RouteContext};

use crate::auth::{answer, authenticate, read_json};
use crate::capture::definition_of;
use crate::error::AppError;
use crate::{clock, store};

/// The answer of `GET /api/forms`.
#[derive(Serialize)]
struct FormList {
    schema_version: u32,
    forms: Vec<FormDefinition>,
}

/// `GET /api/forms`: every form of the caller's workspace with its definition.
pub async fn handle_get_forms(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(list(&req, &ctx).await)
}

/// `GET /api/forms/:id`: one form of the caller's workspace.
pub async fn handle_get_form(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(one(&req, &ctx).await)
}

/// `PUT /api/forms/:id`: creates or replaces a form's definition.
pub async fn handle_put_form(mut req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(put(&mut req, &ctx).await)
}

async fn list(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(Permission::ReadLeads, "read forms")?;
    let db = store::database(&ctx.env)?;
    let forms = store::forms_of(&db, &principal.workspace_id)
        .await?
        .iter()
        .map(definition_of)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Response::from_json(&FormList {
        schema_version: SCHEMA_VERSION,
        forms,
    })?)
}

fn not_found(_form_id: &str) -> AppError {
    AppError::NotFound { what: "form" }
}

async fn one(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(Permission::ReadLeads, "read forms")?;
    let form_id = ctx.param("id").cloned().unwrap_or_default();
    let db = store::database(&ctx.env)?;
    let row = store::find_form(&db, &form_id)
        .await?
        .filter(|row| row.workspace_id == principal.workspace_id)
        .ok_or_else(|| not_found(&form_id))?;
    Ok(Response::from_json(&definition_of(&row)?)?)
}

async fn put(req: &mut Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(Permission::ManageForms, "change forms")?;
    let form_id = ctx.param("id").cloned().unwrap_or_default();
    let mut form: FormDefinition = read_json(req).await?;
    // The path and the caller decide identity and ownership, not the body.
    form.id = form_id.clone();
    form.workspace_id =
        WorkspaceId(Uuid::parse_str(&principal.workspace_id).unwrap_or(Uuid::nil()));
    if let Err(problems) = form.validate() {
        return Err(AppError::Invalid {
            fields: problems
                .iter()
                .map(|p| FieldError {
                    field: "definition".into(),
                    code: FieldErrorCode::InvalidDefinition,
                    message: p.to_string(),
                })
                .collect(),
        });
    }
    let json = serde_json::to_string(&form).map_err(|e| AppError::Storage {
        detail: e.to_string(),
    })?;
    let db = store::database(&ctx.env)?;
    let now = store::timestamp(clock::now())?;
    if !store::upsert_form(
        &db,
        &principal.workspace_id,
        &form_id,
        &form.name,
        &json,
        &now,
    )
    .await?
    {
        return Err(not_found(&form_id));
    }
    Ok(Response::from_json(&form)?)
}
