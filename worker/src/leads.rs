//! `GET /api/leads`: the app pulls leads captured after its cursor, a page at a time.

use leadkit_shared::api::{LeadsPage, LeadsQuery, SCHEMA_VERSION};
use worker::{Request, Response, RouteContext};

use crate::error::AppError;
use crate::store;

/// Until sign-in lands every lead belongs to the workspace the first migration creates.
const DEFAULT_WORKSPACE: &str = "default";

/// Answers one page of leads after `?after=<seq>`, at most `?limit=` of them.
pub async fn handle_get_leads(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    match leads_page(&req, &ctx).await {
        Ok(page) => Response::from_json(&page),
        Err(e) => e.into_json_response(),
    }
}

async fn leads_page(req: &Request, ctx: &RouteContext<()>) -> Result<LeadsPage, AppError> {
    let url = req.url()?;
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let query = LeadsQuery::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
    let db = store::database(&ctx.env)?;
    // One row more than asked tells whether another page follows.
    let mut leads =
        store::leads_after(&db, DEFAULT_WORKSPACE, query.after, query.limit + 1).await?;
    let has_more = leads.len() > query.limit as usize;
    leads.truncate(query.limit as usize);
    let cursor = leads.last().map_or(query.after, |lead| lead.seq);
    Ok(LeadsPage {
        schema_version: SCHEMA_VERSION,
        leads,
        cursor,
        has_more,
    })
}
