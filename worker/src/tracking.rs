//! `POST /t`: a tracking event — page view, content download or custom event — from a
//! visitor on a page that carries the tracking snippet (`GET /f/{form_id}/t.js`). The
//! event is read and checked by `leadkit_shared::tracking`, and becomes a touch of the
//! visitor's lead when the visitor has identified through a form (re-scoring it), or
//! waits in `visitor_events` until they do. Answers 204 with no body: beacons read
//! nothing. `OPTIONS /t?form_id=…` answers the CORS preflight of a JSON fetch.

mod record;
mod script;

use leadkit_shared::capture::{FieldError, FieldErrorCode};
use leadkit_shared::tracking::{EventEncoding, MAX_EVENT_BYTES, TrackError, decode_event};
use uuid::Uuid;
use worker::{Request, Response, RouteContext};

use crate::capture::{cors, is_same_origin, load_form, read_body_capped};
use crate::error::AppError;
use crate::{clock, rate_limit, store, visitor};

pub use script::handle_get_tracking_script;

/// What the request carried besides its body.
struct TrackFacts {
    content_type: Option<String>,
    /// The `Origin` header, when a browser sent one.
    origin: Option<String>,
    /// `?form_id=`: needed only for a preflight, but when sent it must match the body.
    query_form_id: Option<String>,
    /// The `lk_vid` cookie, when the browser sent one.
    cookie_visitor: Option<Uuid>,
    client_address: String,
    secure: bool,
}

/// A stored event's answer: whether the visitor got a new id to keep.
struct Tracked {
    new_visitor: Option<Uuid>,
}

/// Stores one event; answers 204, or the JSON error naming what is wrong.
pub async fn handle_post_track(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    let headers = req.headers();
    let facts = TrackFacts {
        content_type: headers.get("content-type")?,
        origin: headers.get("origin")?,
        query_form_id: query_form_id(&req)?,
        cookie_visitor: visitor::visitor_id(&req)?,
        client_address: rate_limit::client_address(&req)?,
        secure: visitor::is_secure(&req),
    };
    let mut allowed_origin = None;
    let response = match track(&mut req, &ctx, &facts, &mut allowed_origin).await {
        Ok(tracked) => {
            let mut response = Response::empty()?.with_status(204);
            if let Some(id) = tracked.new_visitor {
                visitor::set_cookie(&mut response, id, facts.secure)?;
            }
            response
        }
        Err(e) => e.into_json_response()?,
    };
    cors::allow(response, allowed_origin.as_deref())
}

/// `OPTIONS /t?form_id=…`: the preflight of a fetch that posts JSON. A preflight has no
/// body, so the form — whose allowed origins decide — comes in the query.
pub async fn handle_options_track(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    let origin = req.headers().get("origin")?;
    let form_id = query_form_id(&req)?;
    let result = async {
        let Some(form_id) = form_id else {
            return Err(AppError::Track(TrackError::Invalid {
                fields: vec![FieldError::new(
                    "form_id",
                    FieldErrorCode::Required,
                    "form_id is required in the query of a preflight (OPTIONS /t?form_id=…)",
                )],
            }));
        };
        let db = store::database(&ctx.env)?;
        let (_, form) = load_form(&db, &form_id).await?;
        match origin {
            Some(origin) if form.allows_origin(&origin) => Ok(origin),
            other => Err(AppError::OriginNotAllowed {
                origin: other.unwrap_or_default(),
            }),
        }
    }
    .await;
    match result {
        Ok(origin) => cors::preflight(&origin),
        Err(e) => e.into_json_response(),
    }
}

async fn track(
    req: &mut Request,
    ctx: &RouteContext<()>,
    facts: &TrackFacts,
    allowed_origin: &mut Option<String>,
) -> Result<Tracked, AppError> {
    let encoding = EventEncoding::from_content_type(facts.content_type.as_deref())?;
    // Counted before the body is read: a flood costs one small request each.
    rate_limit::check(&ctx.env, rate_limit::Counted::Track, &facts.client_address).await?;
    let body = read_body_capped(req, MAX_EVENT_BYTES).await?;
    let event = decode_event(encoding, &body)?;
    if let Some(query) = &facts.query_form_id
        && *query != event.form_id
    {
        return Err(AppError::Track(TrackError::Invalid {
            fields: vec![FieldError::new(
                "form_id",
                FieldErrorCode::UnknownValue,
                format!(
                    "form_id {:?} differs from the query's {query:?}",
                    event.form_id
                ),
            )],
        }));
    }
    let db = store::database(&ctx.env)?;
    let (row, form) = load_form(&db, &event.form_id).await?;
    if let Some(origin) = &facts.origin {
        if form.allows_origin(origin) {
            *allowed_origin = Some(origin.clone());
        } else if !is_same_origin(req, origin) {
            return Err(AppError::OriginNotAllowed {
                origin: origin.clone(),
            });
        }
    }
    // The browser's cookie wins over an id in the body: it is what the form post will
    // carry. A visitor with neither gets a new id to keep.
    let (visitor, new_visitor) = match facts.cookie_visitor.or(event.visitor_id) {
        Some(id) => (id, None),
        None => {
            let id = clock::random_uuid();
            (id, Some(id))
        }
    };
    let now = clock::now();
    let touch = event.to_touch(now);
    let recorded = record::record(&ctx.env, &db, &row, &visitor.to_string(), &touch, now).await?;
    if recorded == record::Recorded::Duplicate {
        worker::console_log!("tracking event {} stored before", event.event_id);
    }
    Ok(Tracked { new_visitor })
}

/// `?form_id=` of the request URL, if any.
fn query_form_id(req: &Request) -> worker::Result<Option<String>> {
    Ok(req
        .url()?
        .query_pairs()
        .find(|(name, _)| name == "form_id")
        .map(|(_, value)| value.into_owned()))
}
