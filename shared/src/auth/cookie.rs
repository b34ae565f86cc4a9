//! Where a request's credential comes from: the `lk_session` cookie the app's sign-in
//! sets, or an `Authorization: Bearer lk_live_…` header an integration sends. Also the
//! attributes of that cookie, decided once here.

use super::session::SESSION_LIFETIME;
use super::token::{Secret, TokenFormatError};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "lk_session";

/// A credential a request presents, checked for shape but not yet looked up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// A browser session, from the cookie.
    Session(Secret),
    /// An integration's API token, from the `Authorization` header.
    ApiToken(Secret),
}

/// A credential that is present but unusable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CredentialError {
    /// `Authorization` is not `Bearer <token>`.
    #[error("the authorization header must be \"Bearer lk_live_…\"")]
    NotBearer,
    /// The bearer token is not an API token as issued.
    #[error("the bearer token is malformed: {0}")]
    BadToken(TokenFormatError),
    /// The session cookie does not hold a session token as issued.
    #[error("the session cookie is malformed")]
    BadSessionCookie,
}

/// The credential in a request's `Authorization` and `Cookie` headers, if any. A bearer
/// token wins over a cookie: a call that names a token means that token, whatever
/// cookies a browser-based tool attaches.
pub fn credential_from_headers(
    authorization: Option<&str>,
    cookie: Option<&str>,
) -> Result<Option<Credential>, CredentialError> {
    if let Some(header) = authorization {
        let (scheme, token) = header
            .trim()
            .split_once(' ')
            .ok_or(CredentialError::NotBearer)?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return Err(CredentialError::NotBearer);
        }
        return Secret::parse_api_token(token.trim())
            .map(|secret| Some(Credential::ApiToken(secret)))
            .map_err(CredentialError::BadToken);
    }
    let Some(value) = cookie.and_then(session_cookie_value) else {
        return Ok(None);
    };
    Secret::parse_session_token(value)
        .map(|secret| Some(Credential::Session(secret)))
        .map_err(|_| CredentialError::BadSessionCookie)
}

/// The value of the session cookie in a `Cookie` header.
fn session_cookie_value(header: &str) -> Option<&str> {
    cookie_value(header, SESSION_COOKIE)
}

/// The value of the first cookie called `name` in a `Cookie` header (browsers list the
/// one with the most specific path first).
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value.trim())
    })
}

/// Whether the session cookie must carry `Secure`: always, except over plain HTTP to
/// this machine, where `wrangler dev` and the tests run and where browsers would drop a
/// `Secure` cookie set over `http://`.
pub fn cookie_is_secure(scheme: &str, host: &str) -> bool {
    let local = matches!(host, "127.0.0.1" | "localhost" | "[::1]" | "::1");
    !(scheme == "http" && local)
}

/// The `Set-Cookie` value that signs a browser in. `HttpOnly` keeps page scripts (and
/// anything injected into them) from reading it; `SameSite=Lax` keeps other sites'
/// forms and scripts from sending it along with their requests.
pub fn session_cookie(token: &Secret, secure: bool) -> String {
    cookie_with(token.expose(), SESSION_LIFETIME.whole_seconds(), secure)
}

/// The `Set-Cookie` value that signs a browser out: the same cookie, empty and expired.
pub fn clear_session_cookie(secure: bool) -> String {
    cookie_with("", 0, secure)
}

fn cookie_with(value: &str, max_age: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={value}; HttpOnly; SameSite=Lax; Path=/; Max-Age={max_age}{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::SECRET_BYTES;

    /// What reading one pair of headers must give.
    type Expected = Result<Option<Credential>, CredentialError>;

    #[test]
    fn credentials_are_read_from_bearer_header_or_cookie() {
        let token = Secret::new_api_token([3; SECRET_BYTES]);
        let session = Secret::new_session_token([4; SECRET_BYTES]);
        let bearer = format!("Bearer {}", token.expose());
        let cookie = format!("theme=dark; lk_session={}; other=1", session.expose());
        let session_as_bearer = format!("Bearer {}", session.expose());
        let cases: Vec<(Option<&str>, Option<&str>, Expected)> = vec![
            (None, None, Ok(None)),
            (None, Some("theme=dark"), Ok(None)),
            (
                Some(&bearer),
                None,
                Ok(Some(Credential::ApiToken(token.clone()))),
            ),
            (
                Some(&bearer),
                Some(&cookie),
                Ok(Some(Credential::ApiToken(token.clone()))),
            ),
            (
                None,
                Some(&cookie),
                Ok(Some(Credential::Session(session.clone()))),
            ),
            (
                Some("Basic a2ltOnB3"),
                None,
                Err(CredentialError::NotBearer),
            ),
            (Some("Bearer"), None, Err(CredentialError::NotBearer)),
            (
                Some("Bearer lk_live_short"),
                None,
                Err(CredentialError::BadToken(TokenFormatError::WrongLength)),
            ),
            (
                Some(&session_as_bearer),
                None,
                Err(CredentialError::BadToken(TokenFormatError::MissingPrefix)),
            ),
            (
                None,
                Some("lk_session=nope"),
                Err(CredentialError::BadSessionCookie),
            ),
        ];
        for (authorization, cookie, expected) in cases {
            assert_eq!(
                credential_from_headers(authorization, cookie),
                expected,
                "{authorization:?} {cookie:?}"
            );
        }
    }

    #[test]
    fn the_cookie_is_http_only_lax_and_secure_off_localhost() {
        let session = Secret::new_session_token([5; SECRET_BYTES]);
        let set = session_cookie(&session, true);
        assert_eq!(
            set,
            format!(
                "lk_session={}; HttpOnly; SameSite=Lax; Path=/; Max-Age=1209600; Secure",
                session.expose()
            )
        );
        assert!(!session_cookie(&session, false).contains("Secure"));
        assert_eq!(
            clear_session_cookie(false),
            "lk_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0"
        );
        let cases = [
            ("https", "leadkit.example", true),
            ("http", "leadkit.example", true),
            ("https", "127.0.0.1", true),
            ("http", "127.0.0.1", false),
            ("http", "localhost", false),
            ("http", "[::1]", false),
        ];
        for (scheme, host, secure) in cases {
            assert_eq!(cookie_is_secure(scheme, host), secure, "{scheme}://{host}");
        }
    }
}
