//! `/api/webhooks`: a workspace's endpoints (admins create and delete them; the secret
//! is in the creation answer once) and the delivery log (admins and marketing read it).
//! Every statement is scoped to the caller's workspace, so another workspace's endpoint
//! id answers 404 exactly as an unknown one does.

use leadkit_shared::api::{
    CreateWebhookRequest, DeliveriesPage, DeliveriesQuery, SCHEMA_VERSION, WebhookCreated,
    WebhookEndpointSummary, WebhookList,
};
use leadkit_shared::auth::Permission;
use leadkit_shared::webhooks::{WebhookSecret, validate_new_endpoint};
use uuid::Uuid;
use worker::{Request, Response, RouteContext};

use super::retry_schedule;
use super::store::{self, NewEndpoint};
use crate::auth::{Principal, answer, authenticate, read_json};
use crate::clock;
use crate::error::AppError;

/// Random bytes in a new endpoint's secret (Standard Webhooks allows 24 to 64).
const SECRET_BYTES: usize = 32;

/// `GET /api/webhooks`: the workspace's active endpoints, without secrets.
pub async fn handle_get_webhooks(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(list(&req, &ctx).await)
}

/// `POST /api/webhooks`: creates an endpoint and shows its secret, once.
pub async fn handle_post_webhook(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(create(&mut req, &ctx).await)
}

/// `DELETE /api/webhooks/:id`: deactivates an endpoint; its log stays readable.
pub async fn handle_delete_webhook(
    req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(delete(&req, &ctx).await)
}

/// `GET /api/webhooks/deliveries`: the delivery log, newest first.
pub async fn handle_get_webhook_deliveries(
    req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    answer(deliveries(&req, &ctx).await)
}

async fn caller(
    req: &Request,
    ctx: &RouteContext<()>,
    permission: Permission,
    action: &str,
) -> Result<Principal, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(permission, action)?;
    Ok(principal)
}

async fn list(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = caller(req, ctx, Permission::ViewWebhooks, "view webhooks").await?;
    let db = crate::store::database(&ctx.env)?;
    let endpoints = store::active_endpoints(&db, &principal.workspace_id)
        .await?
        .into_iter()
        .map(store::EndpointRow::into_summary)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Response::from_json(&WebhookList {
        schema_version: SCHEMA_VERSION,
        endpoints,
    })?)
}

async fn create(req: &mut Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = caller(req, ctx, Permission::ManageWebhooks, "manage webhooks").await?;
    let request: CreateWebhookRequest = read_json(req).await?;
    let valid = validate_new_endpoint(&request).map_err(|fields| AppError::Invalid { fields })?;
    // An endpoint is no use if deliveries cannot run: surface a bad WEBHOOK_RETRY now,
    // not at the first event.
    retry_schedule(&ctx.env)?;
    let secret = WebhookSecret::from_bytes(&clock::random_bytes::<SECRET_BYTES>()?)
        .map_err(|e| AppError::Crypto {
            detail: e.to_string(),
        })?
        .to_text();
    let id = clock::random_uuid();
    let now = clock::now();
    store::insert_endpoint(
        &crate::store::database(&ctx.env)?,
        &NewEndpoint {
            id: &id.to_string(),
            workspace_id: &principal.workspace_id,
            url: &valid.url,
            description: &valid.description,
            events: &valid.events,
            secret: &secret,
            now,
        },
    )
    .await?;
    let created = WebhookCreated {
        schema_version: SCHEMA_VERSION,
        endpoint: WebhookEndpointSummary {
            id,
            url: valid.url,
            description: valid.description,
            event_types: valid.events.types(),
            created_at: now,
        },
        secret,
    };
    Ok(Response::from_json(&created)?.with_status(201))
}

async fn delete(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = caller(req, ctx, Permission::ManageWebhooks, "manage webhooks").await?;
    let not_found = AppError::NotFound {
        what: "webhook endpoint",
    };
    // A malformed id cannot name an endpoint: the same 404 as an unknown one.
    let Some(id) = ctx.param("id").and_then(|id| Uuid::parse_str(id).ok()) else {
        return Err(not_found);
    };
    let db = crate::store::database(&ctx.env)?;
    if store::delete_endpoint(&db, &principal.workspace_id, &id.to_string(), clock::now()).await? {
        Ok(Response::empty()?.with_status(204))
    } else {
        Err(not_found)
    }
}

async fn deliveries(req: &Request, ctx: &RouteContext<()>) -> Result<Response, AppError> {
    let principal = caller(req, ctx, Permission::ViewWebhooks, "view webhooks").await?;
    let url = req.url()?;
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let query = DeliveriesQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let db = crate::store::database(&ctx.env)?;
    if let Some(endpoint) = query.endpoint_id
        && !store::endpoint_exists(&db, &principal.workspace_id, &endpoint.to_string()).await?
    {
        return Err(AppError::NotFound {
            what: "webhook endpoint",
        });
    }
    // The store reads one row more than the limit: it tells whether a next page exists.
    let mut rows = store::deliveries(&db, &principal.workspace_id, &query).await?;
    let has_more = rows.len() > query.limit as usize;
    rows.truncate(query.limit as usize);
    let deliveries = rows
        .into_iter()
        .map(store::DeliveryRow::into_record)
        .collect::<Result<Vec<_>, _>>()?;
    let next_before = if has_more {
        deliveries.last().map(|d| d.id)
    } else {
        None
    };
    Ok(Response::from_json(&DeliveriesPage {
        schema_version: SCHEMA_VERSION,
        deliveries,
        next_before,
    })?)
}
