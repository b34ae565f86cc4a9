//! `POST /f/{form_id}`: a form submission becomes a lead, checked against the form's
//! definition by `leadkit_shared::forms::check_submission`. Plain HTML form posts
//! (URL-encoded or multipart) are answered with a redirect to the thank-you page (or
//! an HTML list of errors), fetch calls with JSON. An accepted submission is stored
//! with its raw body, its `form_submit` touch, the workspace engine's scores and stage
//! and its stage history in one batch; a rejected one writes nothing.

mod cors;
mod embed;
mod multipart;
mod pages;

use futures_util::StreamExt;
use leadkit_shared::api::{CaptureAccepted, SCHEMA_VERSION};
use leadkit_shared::capture::{BodyKind, DecodeError, MAX_BODY_BYTES, SubmissionId, decode_body};
use leadkit_shared::engine::{Engine, EngineScratch, Intake};
use leadkit_shared::forms::{
    AcceptedSubmission, FormDefinition, SUBMISSION_ID_FIELD, SubmissionInput, SubmissionRejected,
    ThankYou, check_submission, consents_from_fields,
};
use leadkit_shared::model::{LeadId, Stage, Touch, TouchId, WorkspaceId};
use uuid::Uuid;
use worker::{Headers, Request, Response, RouteContext};

use crate::error::AppError;
use crate::store::{FormRow, NewSubmission, StoreOutcome};
use crate::{clock, rate_limit, store, turnstile};

pub use embed::{handle_get_embed_script, handle_get_form_schema};

/// The env var (a `wrangler secret` in production) holding the render-token key.
const FORM_TOKEN_SECRET: &str = "FORM_TOKEN_SECRET";

/// How a capture body is encoded. Multipart is parsed by the runtime; the others by
/// `leadkit_shared::capture::decode_body`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    /// URL-encoded or JSON.
    Text(BodyKind),
    /// `multipart/form-data`, from a form with `enctype="multipart/form-data"`.
    Multipart,
}

impl Encoding {
    fn from_content_type(content_type: Option<&str>) -> Result<Self, DecodeError> {
        let media_type = content_type
            .unwrap_or("")
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        if media_type == "multipart/form-data" {
            return Ok(Self::Multipart);
        }
        BodyKind::from_content_type(content_type).map(Self::Text)
    }

    /// Whether a plain HTML form can send this (so the answer is a page or redirect).
    fn is_browser_form(self) -> bool {
        matches!(self, Self::Text(BodyKind::UrlEncoded) | Self::Multipart)
    }
}

/// What the request carried besides its body.
struct RequestFacts {
    form_id: String,
    content_type: Option<String>,
    encoding: Result<Encoding, DecodeError>,
    /// The `Origin` header, when a browser sent one.
    origin: Option<String>,
    /// A top-level form navigation (`Sec-Fetch-Mode: navigate`), to which CORS does not
    /// apply: plain HTML posts work from any page.
    navigation: bool,
    idempotency_key: Option<String>,
    /// The `lk_vid` visitor id cookie, when the embed's fetch carried it.
    visitor_id: Option<String>,
    /// The client's address, for the per-address rate limit.
    client_address: String,
}

/// How a capture ended, when it did not fail.
enum Answer {
    /// A lead exists for this submission (just stored, or by an earlier retry).
    Stored { lead_id: Uuid, thank_you: ThankYou },
    /// A spam check failed: nothing stored, answered like success.
    Spam { thank_you: ThankYou },
}

/// Stores a submission and answers in the caller's kind: redirect or JSON.
pub async fn handle_post_capture(
    mut req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    let headers = req.headers();
    let content_type = headers.get("content-type")?;
    let facts = RequestFacts {
        form_id: ctx.param("form_id").cloned().unwrap_or_default(),
        encoding: Encoding::from_content_type(content_type.as_deref()),
        content_type,
        origin: headers.get("origin")?,
        navigation: headers.get("sec-fetch-mode")?.as_deref() == Some("navigate"),
        idempotency_key: headers.get("idempotency-key")?,
        visitor_id: embed::visitor_id(&req)?,
        client_address: rate_limit::client_address(&req)?,
    };
    let wants_html = accepts_html(headers)?;
    let browser_form = facts.encoding.as_ref().is_ok_and(|e| e.is_browser_form());
    let mut allowed_origin = None;
    let result = capture(&mut req, &ctx, &facts, &mut allowed_origin).await;
    let response = match result {
        Ok(answer) if browser_form => {
            let thank_you = match &answer {
                Answer::Stored { thank_you, .. } | Answer::Spam { thank_you } => thank_you,
            };
            let location = match thank_you {
                ThankYou::Url { url } => url.clone(),
                ThankYou::Message { .. } => format!("/f/{}/thanks", facts.form_id),
            };
            let headers = Headers::new();
            headers.set("location", &location)?;
            Response::empty()?.with_status(303).with_headers(headers)
        }
        Ok(answer) => {
            let (lead_id, thank_you) = match answer {
                Answer::Stored { lead_id, thank_you } => (Some(lead_id), thank_you),
                Answer::Spam { thank_you } => (None, thank_you),
            };
            Response::from_json(&CaptureAccepted {
                schema_version: SCHEMA_VERSION,
                lead_id,
                thank_you,
            })?
            .with_status(201)
        }
        Err(e) if wants_html && browser_form => {
            let status = e.status();
            Response::from_html(pages::errors_page(&e.body()))?.with_status(status)
        }
        Err(e) => e.into_json_response()?,
    };
    cors::allow(response, allowed_origin.as_deref())
}

/// `OPTIONS /f/{form_id}`: the CORS preflight of a fetch post from an embedding page.
pub async fn handle_options_capture(
    req: Request,
    ctx: RouteContext<()>,
) -> worker::Result<Response> {
    let form_id = ctx.param("form_id").cloned().unwrap_or_default();
    let origin = req.headers().get("origin")?;
    let result = async {
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

/// `GET /f/{form_id}/thanks`: where a plain form post lands when its form shows a
/// thank-you message rather than redirecting to a page of its own.
pub async fn handle_get_thanks(_req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    let form_id = ctx.param("form_id").cloned().unwrap_or_default();
    let form = async {
        let db = store::database(&ctx.env)?;
        load_form(&db, &form_id).await.map(|(_, form)| form)
    }
    .await;
    match form {
        Ok(form) => {
            let message = match &form.thank_you {
                ThankYou::Message { message } => Some(message),
                ThankYou::Url { .. } => None,
            };
            Response::from_html(pages::thanks_page(message))
        }
        Err(e) => e.into_json_response(),
    }
}

async fn capture(
    req: &mut Request,
    ctx: &RouteContext<()>,
    facts: &RequestFacts,
    allowed_origin: &mut Option<String>,
) -> Result<Answer, AppError> {
    let encoding = facts.encoding.clone()?;
    // Counted before the body is read: a flood costs one small request each.
    rate_limit::check(
        &ctx.env,
        rate_limit::Counted::FormPost {
            form_id: &facts.form_id,
        },
        &facts.client_address,
    )
    .await?;
    let body = read_body_capped(req).await?;
    let db = store::database(&ctx.env)?;
    let (row, form) = load_form(&db, &facts.form_id).await?;
    if let Some(origin) = &facts.origin {
        if form.allows_origin(origin) {
            *allowed_origin = Some(origin.clone());
        } else if !facts.navigation && !is_same_origin(req, origin) {
            return Err(AppError::OriginNotAllowed {
                origin: origin.clone(),
            });
        }
    }
    let fields = match encoding {
        Encoding::Text(kind) => decode_body(kind, &body)?,
        Encoding::Multipart => {
            multipart::decode(facts.content_type.as_deref().unwrap_or(""), &body).await?
        }
    };
    let submission_key = SubmissionId::from_request(
        facts.idempotency_key.as_deref(),
        fields.get(SUBMISSION_ID_FIELD),
    )?;
    let now = clock::now();
    let secret = ctx.env.var(FORM_TOKEN_SECRET)?.to_string();
    let consents = consents_from_fields(&form, &fields);
    let input = SubmissionInput {
        fields: &fields,
        consents: &consents,
        now,
    };
    let accepted = match check_submission(&form, &input, secret.as_bytes()) {
        Ok(accepted) => {
            // Only a submission good in every other way costs a call to Turnstile.
            turnstile::check(&ctx.env, &fields, &facts.client_address).await?;
            accepted
        }
        Err(SubmissionRejected::Spam { verdict }) => {
            worker::console_log!("form {}: spam refused: {verdict}", form.id);
            return Ok(Answer::Spam {
                thank_you: form.thank_you.clone(),
            });
        }
        Err(SubmissionRejected::Invalid { errors }) => {
            return Err(AppError::Invalid { fields: errors });
        }
    };
    if !accepted.dropped_fields.is_empty() {
        worker::console_log!(
            "form {}: extra fields not kept: {:?}",
            form.id,
            accepted.dropped_fields
        );
    }
    let thank_you = accepted.thank_you.clone();
    // A retry of a stored submission answers as the first one did.
    if let Some(key) = &submission_key
        && let Some(lead_id) = store::find_submission(&db, &row, key.as_str()).await?
    {
        return Ok(Answer::Stored { lead_id, thank_you });
    }
    let lead_id = clock::random_uuid();
    let (touch, stage, intake) = assess_new_lead(&db, &row, &accepted, lead_id, now).await?;
    let new = NewSubmission {
        lead_id,
        submission_id: clock::random_uuid(),
        submission_key: submission_key.as_ref().map(SubmissionId::as_str),
        content_type: facts.content_type.as_deref().unwrap_or(""),
        raw_body: &body,
        accepted: &accepted,
        received_at: now,
        visitor_id: facts.visitor_id.as_deref(),
        touch: &touch,
        stage,
        intake: &intake,
    };
    let lead_id = match store::insert_submission(&db, &row, &new).await? {
        StoreOutcome::Stored => {
            crate::webhooks::dispatch_capture(&ctx.env, &row, &new).await;
            new.lead_id
        }
        StoreOutcome::Duplicate { lead_id } => lead_id,
    };
    Ok(Answer::Stored { lead_id, thank_you })
}

/// Scores and stages a lead about to be created from `accepted` with the workspace's
/// engine: its `form_submit` touch, the stage the rules leave it in, and what to record.
/// The engine sees every touch D1 holds for the lead plus the new one, so the same path
/// serves a lead that already has history.
async fn assess_new_lead(
    db: &worker::D1Database,
    form: &FormRow,
    accepted: &AcceptedSubmission,
    lead_id: Uuid,
    now: time::OffsetDateTime,
) -> Result<(Touch, Stage, Intake), AppError> {
    let config = store::engine_config(db, &form.workspace_id).await?;
    let engine = Engine::new(config).map_err(|e| AppError::Storage {
        detail: format!(
            "workspace {} has an unusable engine config: {e}",
            form.workspace_id
        ),
    })?;
    // Workspace ids in D1 predate typed ids ('default'): the model lead's id is only
    // read by the engine, never stored.
    let workspace = WorkspaceId(Uuid::parse_str(&form.workspace_id).unwrap_or(Uuid::nil()));
    let mut lead =
        accepted
            .lead
            .clone()
            .into_lead(LeadId(lead_id), workspace, accepted.consents.clone(), now);
    let touch = Touch::form_submit(
        TouchId(clock::random_uuid()),
        lead.id,
        &form.id,
        lead.utm.clone(),
        now,
    );
    let mut touches = store::touches_of(db, &form.workspace_id, &lead_id.to_string()).await?;
    touches.push(touch.clone());
    let intake = engine.intake(
        &mut lead,
        None,
        &touches,
        now,
        &mut EngineScratch::default(),
    );
    Ok((touch, lead.stage, intake))
}

/// The form row and its definition: the stored one, or the default contact form for a
/// form stored without one.
async fn load_form(
    db: &worker::D1Database,
    form_id: &str,
) -> Result<(FormRow, FormDefinition), AppError> {
    let row = store::find_form(db, form_id)
        .await?
        .ok_or_else(|| AppError::UnknownForm {
            form_id: form_id.to_owned(),
        })?;
    let form = definition_of(&row)?;
    Ok((row, form))
}

/// A stored form's definition: its own, or the default contact form for rows that
/// predate definitions.
pub fn definition_of(row: &FormRow) -> Result<FormDefinition, AppError> {
    Ok(match &row.definition_json {
        Some(json) => {
            serde_json::from_str::<FormDefinition>(json).map_err(|e| AppError::Storage {
                detail: format!("form {} has an unreadable definition: {e}", row.id),
            })?
        }
        None => {
            // Workspace ids in D1 predate typed ids ('default'); the definition's id is
            // not used to store anything, the row's text id is.
            let workspace = Uuid::parse_str(&row.workspace_id).unwrap_or(Uuid::nil());
            let mut form = FormDefinition::default_contact(&row.id, WorkspaceId(workspace));
            if let Some(url) = &row.thank_you_url {
                form.thank_you = ThankYou::Url { url: url.clone() };
            }
            form
        }
    })
}

/// Whether `origin` is the worker's own (the app posting to itself).
fn is_same_origin(req: &Request, origin: &str) -> bool {
    req.url()
        .is_ok_and(|url| url.origin().ascii_serialization() == origin)
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
