//! `GET /api/leads`: the app pulls leads changed after its cursor, a page at a time,
//! with their touches and stage history, from the caller's own workspace only.

use leadkit_shared::api::{LeadsPage, LeadsQuery, SCHEMA_VERSION};
use leadkit_shared::auth::Permission;
use worker::{Request, Response, RouteContext};

use crate::auth::{answer, authenticate};
use crate::error::AppError;
use crate::store;

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
    // One row more than asked tells whether another page follows.
    let mut leads =
        store::leads_after(&db, &principal.workspace_id, query.after, query.limit + 1).await?;
    let has_more = leads.len() > query.limit as usize;
    leads.truncate(query.limit as usize);
    let cursor = leads.last().map_or(query.after, |lead| lead.seq);
    let ids: Vec<String> = leads.iter().map(|lead| lead.id.to_string()).collect();
    let (touches, stage_changes) = if ids.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        (
            store::touches_of_leads(&db, &principal.workspace_id, &ids).await?,
            store::stage_changes_of_leads(&db, &principal.workspace_id, &ids).await?,
        )
    };
    Ok(LeadsPage {
        schema_version: SCHEMA_VERSION,
        leads,
        cursor,
        has_more,
        touches,
        stage_changes,
    })
}
