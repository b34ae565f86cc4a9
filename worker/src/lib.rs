//! leadkit's edge: a Cloudflare Worker that captures leads from forms into D1 and serves
//! them to the app. It adapts HTTP and D1 to `leadkit_shared`, which makes every decision.

mod auth;
mod capture;
mod clock;
mod demo;
mod engine_config;
mod error;
mod forms;
mod handoff;
mod leads;
mod members;
mod rate_limit;
mod segments;
mod settings_write;
mod store;
mod sync;
mod tokens;
mod tracking;
mod turnstile;
mod visitor;
mod webhooks;

use worker::{
    Context, Env, MessageBatch, Request, Response, Result, Router, ScheduleContext, ScheduledEvent,
    event,
};

/// The API description, served as written (tests/openapi.test.mjs keeps it true).
const OPENAPI: &str = include_str!("../openapi.json");

/// The one route table. Paths here must also be listed in `run_worker_first` in
/// wrangler.toml, or the static app would answer them. Public routes: capture and the
/// snippets (`/f/…`), tracking (`/t`), health, sign-up, sign-in and accepting an
/// invitation. Every other handler
/// starts with `auth::authenticate`, and tests/auth.test.mjs reads this table to prove
/// it for each route.
#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    Router::new()
        .post_async("/f/:form_id", capture::handle_post_capture)
        .options_async("/f/:form_id", capture::handle_options_capture)
        .get_async("/f/:form_id/thanks", capture::handle_get_thanks)
        .post_async("/api/auth/signup", auth::handle_post_signup)
        .post_async("/api/auth/login", auth::handle_post_login)
        .post_async("/api/auth/logout", auth::handle_post_logout)
        .post_async("/api/auth/switch", auth::handle_post_switch)
        .get_async("/api/me", auth::handle_get_me)
        .get_async("/f/:form_id/schema", capture::handle_get_form_schema)
        .get_async("/f/:form_id/embed.js", capture::handle_get_embed_script)
        .get_async("/f/:form_id/t.js", tracking::handle_get_tracking_script)
        .post_async("/t", tracking::handle_post_track)
        .options_async("/t", tracking::handle_options_track)
        .get_async("/api/leads", leads::handle_get_leads)
        .get_async("/api/leads/:id", leads::handle_get_lead)
        .get_async("/api/forms", forms::handle_get_forms)
        .get_async("/api/forms/:id", forms::handle_get_form)
        .put_async("/api/forms/:id", forms::handle_put_form)
        .post_async("/api/tokens", tokens::handle_post_token)
        .get_async("/api/tokens", tokens::handle_get_tokens)
        .delete_async("/api/tokens/:id", tokens::handle_delete_token)
        .get_async(
            "/api/engine-config",
            engine_config::handle_get_engine_config,
        )
        .put_async(
            "/api/engine-config",
            engine_config::handle_put_engine_config,
        )
        .get_async(
            "/api/engine-config/versions",
            engine_config::handle_get_engine_config_versions,
        )
        .get_async(
            "/api/handoff/settings",
            handoff::handle_get_handoff_settings,
        )
        .put_async(
            "/api/handoff/settings",
            handoff::handle_put_handoff_settings,
        )
        .get_async("/api/handoff/queue", handoff::handle_get_handoff_queue)
        .post_async(
            "/api/handoffs/:id/answer",
            handoff::handle_post_handoff_answer,
        )
        .get_async("/api/webhooks", webhooks::handle_get_webhooks)
        .post_async("/api/webhooks", webhooks::handle_post_webhook)
        .delete_async("/api/webhooks/:id", webhooks::handle_delete_webhook)
        .get_async(
            "/api/webhooks/deliveries",
            webhooks::handle_get_webhook_deliveries,
        )
        .get_async("/api/members", members::handle_get_members)
        .put_async("/api/members/:user_id", members::handle_put_member)
        .delete_async("/api/members/:user_id", members::handle_delete_member)
        .post_async("/api/invitations", members::handle_post_invitation)
        .get_async("/api/invitations", members::handle_get_invitations)
        .delete_async("/api/invitations/:id", members::handle_delete_invitation)
        .post_async(
            "/api/invitations/accept",
            members::handle_post_invitation_accept,
        )
        .get_async("/api/segments", segments::handle_get_segments)
        .put_async("/api/segments/:id", segments::handle_put_segment)
        .delete_async("/api/segments/:id", segments::handle_delete_segment)
        .post_async("/api/demo", demo::handle_post_demo)
        .post_async("/api/sync/push", sync::handle_post_sync_push)
        .get("/api/health", |_, _| Response::ok("ok"))
        .get("/api/openapi.json", |_, _| {
            let mut res = Response::ok(OPENAPI)?;
            res.headers_mut()
                .set("content-type", "application/json; charset=utf-8")?;
            Ok(res)
        })
        .run(req, env)
        .await
}

/// The `WEBHOOK_QUEUE` consumer: one delivery attempt per message.
#[event(queue)]
async fn queue(batch: MessageBatch<webhooks::DeliveryTask>, env: Env, _ctx: Context) -> Result<()> {
    webhooks::consume(batch, env).await
}

/// The cron trigger (wrangler.toml `[triggers]`): queues overdue webhook deliveries.
#[event(scheduled)]
async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    webhooks::sweep(&env).await;
}
