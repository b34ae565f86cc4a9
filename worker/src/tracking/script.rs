//! `GET /f/{form_id}/t.js`: the tracking snippet, served beside the form embed. Loading
//! it also issues (or renews) the visitor id cookie, so the beacons it sends next — and
//! the embed's requests, when the page loads t.js first — carry one visitor id.

use worker::{Request, Response, RouteContext};

use crate::{clock, visitor};

/// The snippet, a plain JS file beside the worker so it can be read and size-checked on
/// its own.
pub const TRACK_JS: &str = include_str!("../../embed/t.js");

/// The snippet, with the visitor's id cookie. Cached by the browser only (`private`):
/// the response carries the cookie, which no shared cache may hand to someone else.
pub async fn handle_get_tracking_script(
    req: Request,
    _ctx: RouteContext<()>,
) -> worker::Result<Response> {
    let id = visitor::visitor_id(&req)?.unwrap_or_else(clock::random_uuid);
    let mut response = Response::ok(TRACK_JS)?;
    let headers = response.headers_mut();
    headers.set("content-type", "text/javascript; charset=utf-8")?;
    headers.set("cache-control", "private, max-age=300")?;
    visitor::set_cookie(&mut response, id, visitor::is_secure(&req))?;
    Ok(response)
}
