//! `GET /api/leads`: the app pulls leads changed after its cursor, a page at a time,
//! with their touches and stage history, from the caller's own workspace only. With
//! `delta=true` (a device that has every lead as of its cursor) leads it knows come as
//! only their fields changed since. `GET /api/leads/:id`: one lead as it stands (a
//! device takes it back after the server refused its change to it).

use std::collections::BTreeSet;

use leadkit_shared::api::{LeadDelta, LeadRecord, LeadsPage, LeadsQuery, SCHEMA_VERSION};
use leadkit_shared::auth::Permission;
use leadkit_shared::sync::delta_fields;
use uuid::Uuid;
use worker::{Request, Response, RouteContext};

use crate::auth::{answer, authenticate};
use crate::error::AppError;
use crate::store;

/// Answers one lead of the caller's workspace, whole, with its field stamps.
pub async fn handle_get_lead(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(match one_lead(&req, &ctx).await {
        Ok(lead) => Response::from_json(&lead).map_err(AppError::from),
        Err(e) => Err(e),
    })
}

async fn one_lead(req: &Request, ctx: &RouteContext<()>) -> Result<LeadRecord, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(Permission::ReadLeads, "read leads")?;
    // Another workspace's lead, or no lead at all: the same answer.
    let not_found = || AppError::NotFound { what: "lead" };
    let id = ctx
        .param("id")
        .and_then(|id| Uuid::parse_str(id).ok())
        .ok_or_else(not_found)?;
    let db = store::database(&ctx.env)?;
    store::lead_record(&db, &principal.workspace_id, &id.to_string())
        .await?
        .ok_or_else(not_found)
}

/// Answers one page of leads after `?after=<seq>`, at most `?limit=` of them.
pub async fn handle_get_leads(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    answer(match leads_page(&req, &ctx).await {
        Ok(page) => Response::from_json(&page).map_err(AppError::from),
        Err(e) => Err(e),
    })
}

async fn leads_page(req: &Request, ctx: &RouteContext<()>) -> Result<LeadsPage, AppError> {
    let principal = authenticate(req, &ctx.env).await?;
    principal.require(Permission::ReadLeads, "read leads")?;
    let url = req.url()?;
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let query = LeadsQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let db = store::database(&ctx.env)?;
    let ws = &principal.workspace_id;
    // One row more than asked tells whether another page follows.
    let mut changed = store::leads_after(&db, ws, query.after, query.limit + 1).await?;
    let has_more = changed.len() > query.limit as usize;
    changed.truncate(query.limit as usize);
    let cursor = changed.last().map_or(query.after, |c| c.record.seq);
    let mut leads = Vec::new();
    let mut deltas = Vec::new();
    for lead in changed {
        match (query.delta, lead.fields) {
            // A row kept from before whole records has nothing to take a delta of.
            (true, Some(fields)) if lead.record.record.is_some() => {
                deltas.push(delta_of(lead.record, &fields));
            }
            _ => leads.push(lead.record),
        }
    }
    // Whole leads come with every touch and stage change, known ones with those added
    // after the cursor.
    let whole_ids: Vec<String> = leads.iter().map(|lead| lead.id.to_string()).collect();
    let delta_ids: Vec<String> = deltas.iter().map(|d| d.id.to_string()).collect();
    let mut touches = Vec::new();
    let mut stage_changes = Vec::new();
    for (ids, since) in [(&whole_ids, 0), (&delta_ids, query.after)] {
        if !ids.is_empty() {
            touches.extend(store::touches_of_leads(&db, ws, ids, since).await?);
            stage_changes.extend(store::stage_changes_of_leads(&db, ws, ids, since).await?);
        }
    }
    let total = if query.after == 0 {
        Some(store::leads::count(&db, ws).await?)
    } else {
        None
    };
    Ok(LeadsPage {
        schema_version: SCHEMA_VERSION,
        leads,
        cursor,
        has_more,
        touches,
        stage_changes,
        deltas,
        total,
    })
}

/// A known lead as the fields `fields` changed since the cursor (with their stamps, and
/// its numbers when they were recomputed).
fn delta_of(record: LeadRecord, fields: &BTreeSet<String>) -> LeadDelta {
    let names = fields.iter().map(String::as_str).filter(|f| *f != "scores");
    let values = match &record.record {
        Some(lead) => delta_fields(lead, names),
        None => Default::default(),
    };
    let stamps = record
        .stamps
        .into_iter()
        .filter(|(name, _)| fields.contains(name))
        .collect();
    LeadDelta {
        id: record.id,
        seq: record.seq,
        fields: values,
        stamps,
        scores: if fields.contains("scores") {
            record.scores
        } else {
            None
        },
    }
}
