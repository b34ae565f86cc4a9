//! `POST /f/{form_id}`: a form submission becomes a lead, checked against the form's
//! definition by `leadkit_shared::forms::check_submission`. Plain HTML form posts
//! (URL-encoded or multipart) are answered with a redirect to the thank-you page (or
//! an HTML list of errors), fetch calls with JSON. An accepted submission is stored
//! with its raw body, its `form_submit` touch, the visitor's earlier tracked events
//! (stitched onto the lead), the workspace engine's scores and stage and its stage
//! history in one batch; a rejected one writes nothing.

pub(crate) mod cors;
mod embed;
mod multipart;
mod pages;

use futures_util::StreamExt;
use leadkit_shared::api::{CaptureAccepted, SCHEMA_VERSION};
use leadkit_shared::capture::{
    BodyKind, DecodeError, MAX_BODY_BYTES, SubmissionId, decode_body, media_type,
};
use leadkit_shared::forms::{
    AcceptedSubmission, FormDefinition, SUBMISSION_ID_FIELD, SubmissionInput, SubmissionRejected,
    ThankYou, check_submission, consents_from_fields,
};
use leadkit_shared::lead_update::{email_key, on_submission_with_history};
use leadkit_shared::model::{LeadId, Touch, TouchId, WorkspaceId};
use uuid::Uuid;
use worker::{Headers, Request, Response, RouteContext};

use crate::error::AppError;
use crate::store::leads::LeadWrite;
use crate::store::retry::{Attempt, with_retries};
use crate::store::{FormRow, NewSubmission};
use crate::{clock, handoff, rate_limit, store, turnstile, visitor, webhooks};

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
        if media_type(content_type) == "multipart/form-data" {
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
    visitor_id: Option<Uuid>,
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
        visitor_id: visitor::visitor_id(&req)?,
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
    let body = read_body_capped(req, MAX_BODY_BYTES).await?;
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
    let stored = store_submission(
        &ctx.env,
        &row,
        facts,
        &body,
        &accepted,
        submission_key.as_ref(),
        now,
    )
    .await?;
    if stored.queued_for_sales {
        handoff::nudge(&ctx.env, &row.workspace_id).await;
    }
    Ok(Answer::Stored {
        lead_id: stored.lead_id,
        thank_you,
    })
}

/// What storing a submission did.
struct Stored {
    /// The lead's id (the earlier submission's, when a concurrent retry with the same
    /// key won).
    lead_id: Uuid,
    /// Whether the lead entered the handoff stage and was queued for sales.
    queued_for_sales: bool,
}

/// Scores the submission with the workspace's engine — as a new lead, or folded into the
/// lead its e-mail already has, together with whatever the visitor did before
/// identifying (their waiting tracked events) — and stores the lead, its raw submission,
/// its touches and stage history, the stitched events' new lead, its webhook events and
/// (when it enters the handoff stage) its place in the sales queue, in one batch.
async fn store_submission(
    env: &worker::Env,
    form: &FormRow,
    facts: &RequestFacts,
    body: &[u8],
    accepted: &AcceptedSubmission,
    submission_key: Option<&SubmissionId>,
    now: time::OffsetDateTime,
) -> Result<Stored, AppError> {
    let db = &store::database(env)?;
    let engine = store::workspace_engine(db, &form.workspace_id).await?;
    let handoff_settings = store::handoff::settings(db, &form.workspace_id)
        .await?
        .settings;
    // Workspace ids in D1 predate typed ids ('default'): the model's workspace id is
    // only read by the engine, never stored.
    let workspace = WorkspaceId(Uuid::parse_str(&form.workspace_id).unwrap_or(Uuid::nil()));
    let captured = accepted.lead.clone().into_lead(
        LeadId(clock::random_uuid()),
        workspace,
        accepted.consents.clone(),
        now,
    );
    let touch = Touch::form_submit(
        TouchId(clock::random_uuid()),
        captured.id,
        &form.id,
        captured.utm.clone(),
        now,
    );
    let key = email_key(&captured);
    let extra_json = store::to_json(&store::extra_fields(&accepted.lead))?;
    let submission_id = clock::random_uuid();
    let visitor_id = facts.visitor_id.map(|id| id.to_string());
    let what = format!("form {} capture", form.id);
    with_retries(&what, async || {
        let stored = match &key {
            Some(key) => store::leads::lead_by_email_key(db, &form.workspace_id, key).await?,
            None => None,
        };
        let waiting = match &visitor_id {
            Some(visitor) => {
                Some(store::tracking::waiting_events(db, &form.workspace_id, visitor).await?)
            }
            None => None,
        };
        let read_version = stored.as_ref().map(|s| s.version);
        let before = stored.as_ref().map(|s| s.known.lead.clone());
        let update = on_submission_with_history(
            &engine,
            stored.map(|s| s.known),
            captured.clone(),
            touch.clone(),
            waiting
                .as_ref()
                .map(|w| w.touches.clone())
                .unwrap_or_default(),
            &form.id,
            now,
        );
        let lead_id = update.lead.id.0;
        let mut statements = store::leads::write_statements(
            db,
            &LeadWrite {
                workspace_id: &form.workspace_id,
                form_id: &form.id,
                update: &update,
                read_version,
                before: before.as_ref(),
                extra_json: &extra_json,
                at: now,
            },
        )?;
        statements.push(store::submission_statement(
            db,
            form,
            &NewSubmission {
                submission_id,
                lead_id,
                submission_key: submission_key.map(SubmissionId::as_str),
                content_type: facts.content_type.as_deref().unwrap_or(""),
                raw_body: body,
                accepted,
                received_at: now,
                visitor_id: visitor_id.as_deref(),
            },
        )?);
        let queued =
            handoff::enqueue_if_entered(db, &form.workspace_id, &handoff_settings, &update, now)?;
        let queued_for_sales = queued.is_some();
        statements.extend(queued);
        // Its webhook events too, so they exist exactly when the change does.
        statements.extend(webhooks::outbox_statements(
            db,
            &form.workspace_id,
            &update.events,
            now,
        )?);
        if let (Some(visitor), Some(waiting)) = (&visitor_id, &waiting) {
            statements.extend(store::tracking::stitch_statements(
                db,
                &form.workspace_id,
                visitor,
                &lead_id.to_string(),
                waiting.rows,
            )?);
        }
        match db.batch(statements).await {
            Ok(_) => {
                webhooks::dispatch_logged(env, &form.workspace_id, &update.events, now).await;
                Ok(Attempt::Done(Stored {
                    lead_id,
                    queued_for_sales,
                }))
            }
            Err(error) => {
                // A taken submission key: a concurrent retry of this submission won.
                if let Some(key) = submission_key
                    && let Some(lead_id) = store::find_submission(db, form, key.as_str()).await?
                {
                    return Ok(Attempt::Done(Stored {
                        lead_id,
                        queued_for_sales: false,
                    }));
                }
                // Otherwise another writer may have created or changed this person's
                // lead, or the visitor's events, since they were read: read again.
                Ok(Attempt::Retry {
                    reason: error.to_string(),
                })
            }
        }
    })
    .await
}

/// The form row and its definition: the stored one, or the default contact form for a
/// form stored without one.
pub(crate) async fn load_form(
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
pub(crate) fn is_same_origin(req: &Request, origin: &str) -> bool {
    req.url()
        .is_ok_and(|url| url.origin().ascii_serialization() == origin)
}

/// Reads the body, refusing it as soon as it passes `max` bytes — by its declared
/// length when it has one, else while streaming — so an oversized body is never held in
/// memory whole.
pub(crate) async fn read_body_capped(req: &mut Request, max: usize) -> Result<Vec<u8>, AppError> {
    let declared = req
        .headers()
        .get("content-length")?
        .and_then(|len| len.trim().parse::<usize>().ok());
    if let Some(len) = declared.filter(|len| *len > max) {
        return Err(AppError::BodyTooLarge { len, max });
    }
    if req.inner().body().is_none() {
        return Ok(Vec::new());
    }
    let mut stream = req.stream()?;
    let mut body = Vec::new();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk?;
        let len = body.len() + chunk.len();
        if len > max {
            return Err(AppError::BodyTooLarge { len, max });
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
