//! What an embedding page loads: `GET /f/{form_id}/embed.js`, the snippet, and
//! `GET /f/{form_id}/schema`, the form it renders — fields (with progressive profiling
//! for a returning visitor), CTA, consents and a fresh render token — and the
//! first-party visitor id cookie (`crate::visitor`) that recognises the visitor next
//! time.

use std::collections::BTreeSet;

use leadkit_shared::api::{FormSchema, SCHEMA_VERSION};
use leadkit_shared::capture::normalise_email;
use leadkit_shared::forms::{answered_fields, questions_for_visit, sign_render_token};
use leadkit_shared::model::{LeadId, WorkspaceId};
use uuid::Uuid;
use worker::{Headers, Request, Response, RouteContext};

use super::{FORM_TOKEN_SECRET, cors, load_form};
use crate::error::AppError;
use crate::{clock, store, visitor};

/// The snippet, kept as a plain JS file beside the worker so it can be read and
/// size-checked on its own.
pub const EMBED_JS: &str = include_str!("../../embed/embed.js");

/// `GET /f/{form_id}/embed.js`: the snippet. Public and cacheable for a short while,
/// so a fix reaches pages within minutes.
pub async fn handle_get_embed_script(
    _req: Request,
    _ctx: RouteContext<()>,
) -> worker::Result<Response> {
    let headers = Headers::new();
    headers.set("content-type", "text/javascript; charset=utf-8")?;
    headers.set("cache-control", "public, max-age=300")?;
    Ok(Response::ok(EMBED_JS)?.with_headers(headers))
}

/// `GET /f/{form_id}/schema[?email=…]`: the form to render now, for this visitor.
pub async fn handle_get_form_schema(
    req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    let form_id = ctx.param("form_id").cloned().unwrap_or_default();
    let origin = req.headers().get("origin")?;
    let known_visitor = visitor::visitor_id(&req)?;
    let visitor_text = known_visitor.map(|id| id.to_string());
    let url = req.url()?;
    let email = url
        .query_pairs()
        .find(|(k, _)| k == "email")
        .and_then(|(_, v)| normalise_email(&v).ok());
    let result = async {
        let db = store::database(&ctx.env)?;
        let (row, form) = load_form(&db, &form_id).await?;
        let leads =
            store::known_leads(&db, &row, visitor_text.as_deref(), email.as_deref()).await?;
        let answered: BTreeSet<&str> = leads
            .into_iter()
            .map(|captured| {
                // `answered_fields` reads a Lead; the ids and time do not matter to it.
                captured.into_lead(
                    LeadId(Uuid::nil()),
                    WorkspaceId(Uuid::nil()),
                    Vec::new(),
                    clock::now(),
                )
            })
            .flat_map(|lead| answered_fields(&form, &lead))
            .collect();
        let returning = !answered.is_empty();
        let mut fields: Vec<_> = questions_for_visit(&form, &answered)
            .into_iter()
            .cloned()
            .collect();
        fields.extend(form.hidden_fields().cloned());
        let secret = ctx.env.var(FORM_TOKEN_SECRET)?.to_string();
        let schema = FormSchema {
            schema_version: SCHEMA_VERSION,
            render_token: sign_render_token(secret.as_bytes(), &form.id, clock::now()),
            form_id: form.id.clone(),
            fields,
            cta: form.cta.clone(),
            consents: form.consents.clone(),
            honeypot_field: form.honeypot_field.clone(),
            returning,
        };
        let allowed = origin.filter(|o| form.allows_origin(o));
        Ok::<_, AppError>((schema, allowed))
    }
    .await;
    let (schema, allowed) = match result {
        Ok(ok) => ok,
        Err(e) => return e.into_json_response(),
    };
    let mut response = Response::from_json(&schema)?;
    // The render token is fresh per response: never cache it.
    response.headers_mut().set("cache-control", "no-store")?;
    // A new visitor gets an id; a known one has theirs renewed (and a cookie kept from
    // before tracking, on `Path=/f/`, is re-issued on `Path=/` with the same id).
    visitor::set_cookie(
        &mut response,
        known_visitor.unwrap_or_else(clock::random_uuid),
        url.scheme() == "https",
    )?;
    cors::allow(response, allowed.as_deref())
}
