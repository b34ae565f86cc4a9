//! leadkit's edge: a Cloudflare Worker that captures leads from forms into D1 and serves
//! them to the app. It adapts HTTP and D1 to `leadkit_shared`, which makes every decision.

mod capture;
mod clock;
mod error;
mod leads;
mod store;

use worker::{Context, Env, Request, Response, Result, Router, event};

/// The one route table. Paths here must also be listed in `run_worker_first` in
/// wrangler.toml, or the static app would answer them.
#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    Router::new()
        .post_async("/f/:form_id", capture::handle_post_capture)
        .options_async("/f/:form_id", capture::handle_options_capture)
        .get_async("/f/:form_id/thanks", capture::handle_get_thanks)
        .get_async("/f/:form_id/schema", capture::handle_get_form_schema)
        .get_async("/f/:form_id/embed.js", capture::handle_get_embed_script)
        .get_async("/api/leads", leads::handle_get_leads)
        .get("/api/health", |_, _| Response::ok("ok"))
        .run(req, env)
        .await
}
