//! CORS for the capture endpoint: a form answers scripts only on the origins its
//! definition allows, each named exactly (never `*`), so a page elsewhere cannot read
//! answers or post with fetch.

use worker::{Headers, Response};

/// Headers a script may send with a capture post.
const ALLOWED_HEADERS: &str = "content-type, idempotency-key";

/// How long a browser may cache a preflight answer, in seconds.
const PREFLIGHT_MAX_AGE: &str = "600";

/// Adds the CORS headers for `origin` (already checked against the form) to a
/// response; without an allowed origin only `Vary` is added, so caches keep answers
/// per origin.
pub fn allow(response: Response, origin: Option<&str>) -> worker::Result<Response> {
    let mut response = response;
    let headers = response.headers_mut();
    headers.set("vary", "Origin")?;
    if let Some(origin) = origin {
        headers.set("access-control-allow-origin", origin)?;
        // The embed sends the first-party visitor cookie, so credentials are allowed;
        // that is only safe because the origin is named, never `*`.
        headers.set("access-control-allow-credentials", "true")?;
    }
    Ok(response)
}

/// The answer to a preflight from an allowed `origin`.
pub fn preflight(origin: &str) -> worker::Result<Response> {
    let headers = Headers::new();
    headers.set("access-control-allow-methods", "POST, OPTIONS")?;
    headers.set("access-control-allow-headers", ALLOWED_HEADERS)?;
    headers.set("access-control-max-age", PREFLIGHT_MAX_AGE)?;
    allow(
        Response::empty()?.with_status(204).with_headers(headers),
        Some(origin),
    )
}
