//! What an embedding page loads: `GET /f/{form_id}/embed.js`, the snippet, and
//! `GET /f/{form_id}/schema`, the form it renders — fields (with progressive profiling
//! for a returning visitor), CTA, consents and a fresh render token — and the
//! first-party visitor id cookie that recognises the visitor next time.

use std::collections::BTreeSet;

use leadkit_shared::api::{FormSchema, SCHEMA_VERSION};
use leadkit_shared::capture::normalise_email;
use leadkit_shared::forms::{answered_fields, questions_for_visit, sign_render_token};
use leadkit_shared::model::{LeadId, WorkspaceId};
use uuid::Uuid;
use worker::{Headers, Request, Response, RouteContext};

use super::{FORM_TOKEN_SECRET, cors, load_form};
use crate::error::AppError;
use crate::{clock, store};

/// The snippet, kept as a plain JS file beside the worker so it can be read and
/// size-checked on its own.
pub const EMBED_JS: &str = include_str!("../../embed/embed.js");

/// The visitor id cookie's name.
pub const VISITOR_COOKIE: &str = "lk_vid";

/// How long a visitor id lives: a year, the usual B2B buying cycle and then some.
const VISITOR_MAX_AGE_SECS: u32 = 365 * 24 * 60 * 60;

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
    let known_visitor = visitor_id(&req)?;
    let url = req.url()?;
    let email = url
        .query_pairs()
        .find(|(k, _)| k == "email")
        .and_then(|(_, v)| normalise_email(&v).ok());
    let result = async {
        let db = store::database(&ctx.env)?;
        let (row, form) = load_form(&db, &form_id).await?;
        let leads =
            store::known_leads(&db, &row, known_visitor.as_deref(), email.as_deref()).await?;
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
    if known_visitor.is_none() {
        let secure = url.scheme() == "https";
        response
            .headers_mut()
            .set("set-cookie", &visitor_cookie(clock::random_uuid(), secure))?;
    }
    cors::allow(response, allowed.as_deref())
}

/// The visitor id the browser sent, when it is one the worker could have issued.
pub fn visitor_id(req: &Request) -> worker::Result<Option<String>> {
    Ok(req.headers().get("cookie")?.and_then(|cookies| {
        cookies
            .split(';')
            .filter_map(|c| c.trim().split_once('='))
            .find(|(name, _)| *name == VISITOR_COOKIE)
            .and_then(|(_, value)| Uuid::parse_str(value.trim()).ok())
            .map(|id| id.to_string())
    }))
}

/// A new visitor id cookie. The embed runs on another site, so in production the
/// cookie must be `SameSite=None; Secure` to be sent with its fetches; HttpOnly, since
/// no script ever needs to read it. Plain-http development gets `SameSite=Lax`, which
/// browsers accept without `Secure`.
fn visitor_cookie(id: Uuid, secure: bool) -> String {
    let same_site = if secure {
        "SameSite=None; Secure"
    } else {
        "SameSite=Lax"
    };
    format!(
        "{VISITOR_COOKIE}={id}; Path=/f/; Max-Age={VISITOR_MAX_AGE_SECS}; HttpOnly; {same_site}"
    )
}
