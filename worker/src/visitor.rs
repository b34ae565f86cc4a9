//! The first-party visitor id: an `lk_vid` cookie on the worker's own domain that the
//! form embed, the tracking snippet and `POST /t` all read, so a visitor's page views
//! and form posts carry the same id and can be joined when the visitor identifies.

use leadkit_shared::auth::cookie_value;
use uuid::Uuid;
use worker::{Request, Response};

/// The visitor id cookie's name.
pub const VISITOR_COOKIE: &str = "lk_vid";

/// How long a visitor id lives: a year, the usual B2B buying cycle and then some.
/// Every snippet load renews it.
const VISITOR_MAX_AGE_SECS: u32 = 365 * 24 * 60 * 60;

/// The visitor id the browser sent, when it is one the worker could have issued. With
/// two `lk_vid` cookies (one kept from before the path was `/`), the more specific path
/// comes first, as browsers order them.
pub fn visitor_id(req: &Request) -> worker::Result<Option<Uuid>> {
    Ok(req.headers().get("cookie")?.and_then(|cookies| {
        cookie_value(&cookies, VISITOR_COOKIE).and_then(|value| Uuid::parse_str(value).ok())
    }))
}

/// Sets the visitor id cookie on `response`: `id`, kept for another year. The snippets
/// run on other sites, so in production the cookie must be `SameSite=None; Secure` to
/// be sent with their requests; HttpOnly, since no script needs to read it. Plain-http
/// development gets `SameSite=Lax`, which browsers accept without `Secure`. `Path=/` so
/// that `/t` receives it as well as `/f/…`.
pub fn set_cookie(response: &mut Response, id: Uuid, secure: bool) -> worker::Result<()> {
    let same_site = if secure {
        "SameSite=None; Secure"
    } else {
        "SameSite=Lax"
    };
    response.headers_mut().append(
        "set-cookie",
        &format!(
            "{VISITOR_COOKIE}={id}; Path=/; Max-Age={VISITOR_MAX_AGE_SECS}; HttpOnly; {same_site}"
        ),
    )
}

/// Whether `req` came over https (so the cookie must be `Secure`).
pub fn is_secure(req: &Request) -> bool {
    req.url().is_ok_and(|url| url.scheme() == "https")
}
