//! `POST /f/{form_id}`: a form submission becomes a lead. Plain HTML form posts are
//! answered with a redirect to a thank-you page (or an HTML list of errors), fetch
//! calls with JSON. Shared code decodes and validates; nothing is written unless the
//! whole submission is valid.

mod pages;

use futures_util::StreamExt;
use leadkit_shared::api::{CaptureAccepted, SCHEMA_VERSION};
use leadkit_shared::capture::{
    BodyKind, DecodeError, MAX_BODY_BYTES, decode_body, validate_submission,
};
use uuid::Uuid;
use worker::{Headers, Request, Response, RouteContext};

use crate::error::AppError;
use crate::{clock, store};

/// Stores a submission and answers in the caller's kind: redirect or JSON.
pub async fn handle_post_capture(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    let form_id = ctx.param("form_id").cloned().unwrap_or_default();
    let content_type = req.headers().get("content-type")?;
    let wants_html = accepts_html(req.headers())?;
    let kind = BodyKind::from_content_type(content_type.as_deref());
    match capture(&mut req, &ctx, &form_id, kind.clone()).await {
        Ok(accepted) => match (kind, accepted.thank_you_url) {
            (Ok(BodyKind::UrlEncoded), thank_you) => {
                let location = thank_you.unwrap_or_else(|| format!("/f/{form_id}/thanks"));
                let headers = Headers::new();
                headers.set("location", &location)?;
                Ok(Response::empty()?.with_status(303).with_headers(headers))
            }
            _ => Ok(Response::from_json(&CaptureAccepted {
                schema_version: SCHEMA_VERSION,
                lead_id: accepted.lead_id,
            })?
            .with_status(201)),
        },
        Err(e) if wants_html && matches!(kind, Ok(BodyKind::UrlEncoded)) => {
            let status = e.status();
            Ok(Response::from_html(pages::errors_page(&e.body()))?.with_status(status))
        }
        Err(e) => e.into_json_response(),
    }
}

/// `GET /f/{form_id}/thanks`: where a plain form post lands when its form names no
/// thank-you URL of its own.
pub async fn handle_get_thanks(_req: Request, _ctx: RouteContext<()>) -> worker::Result<Response> {
    Response::from_html(pages::thanks_page())
}

/// What a stored submission leaves for the answer.
struct Accepted {
    lead_id: Uuid,
    thank_you_url: Option<String>,
}

async fn capture(
    req: &mut Request,
    ctx: &RouteContext<()>,
    form_id: &str,
    kind: Result<BodyKind, DecodeError>,
) -> Result<Accepted, AppError> {
    let kind = kind?;
    let body = read_body_capped(req).await?;
    let db = store::database(&ctx.env)?;
    let form = store::find_form(&db, form_id)
        .await?
        .ok_or_else(|| AppError::UnknownForm {
            form_id: form_id.to_owned(),
        })?;
    let fields = decode_body(kind, &body)?;
    let lead = validate_submission(&fields).map_err(|fields| AppError::Invalid { fields })?;
    let lead_id = clock::random_uuid();
    store::insert_lead(&db, &form, lead_id, &lead, clock::now()).await?;
    Ok(Accepted {
        lead_id,
        thank_you_url: form.thank_you_url,
    })
}

/// Reads the body, refusing it as soon as it passes [`MAX_BODY_BYTES`] — by its
/// declared length when it has one, else while streaming — so an oversized body is
/// never held in memory whole.
pub(crate) async fn read_body_capped(req: &mut Request) -> Result<Vec<u8>, AppError> {
    let declared = req
        .headers()
        .get("content-length")?
        .and_then(|len| len.trim().parse::<usize>().ok());
    if let Some(len) = declared.filter(|len| *len > MAX_BODY_BYTES) {
        return Err(DecodeError::TooLarge { len }.into());
    }
    if req.inner().body().is_none() {
        return Ok(Vec::new());
    }
    let mut stream = req.stream()?;
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        let len = body.len() + chunk.len();
        if len > MAX_BODY_BYTES {
            return Err(DecodeError::TooLarge { len }.into());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn accepts_html(headers: &Headers) -> worker::Result<bool> {
    Ok(headers
        .get("accept")?
        .is_some_and(|accept| accept.contains("text/html")))
}
