//! Which URLs a webhook endpoint may have: absolute `https://` URLs with a host name or
//! IPv4 address, or plain `http://` to this machine (`127.0.0.1`, `localhost`) for local
//! development. Read without a URL crate, strictly: anything unusual is refused rather
//! than guessed at, so what is stored is what the runtime's `fetch` will call.

use thiserror::Error;

/// Longest endpoint URL accepted.
pub const MAX_URL_CHARS: usize = 2000;

/// Hosts plain `http://` is allowed to: a receiver on the developer's own machine.
const LOOPBACK_HOSTS: [&str; 2] = ["127.0.0.1", "localhost"];

/// Why a URL cannot be a webhook endpoint; each message completes "url …".
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EndpointUrlError {
    /// Nothing was given.
    #[error("url is required")]
    Required,
    /// Longer than [`MAX_URL_CHARS`].
    #[error("url is longer than {MAX_URL_CHARS} characters")]
    TooLong,
    /// Not `scheme://…`, or a scheme other than http(s).
    #[error("url must be an absolute https:// URL")]
    NotHttps,
    /// `http://` to a host other than this machine: payloads and signatures would
    /// travel in the clear.
    #[error("url must use https (plain http is allowed only to 127.0.0.1 or localhost)")]
    Insecure,
    /// `user:password@host`: credentials belong in the signature, not the URL, and the
    /// form exists mostly to mislead.
    #[error("url must not contain user information (user@host)")]
    UserInfo,
    /// The host is empty, not a valid DNS name or IPv4 address, or an IPv6 literal.
    #[error("url has no valid host name")]
    BadHost,
    /// The port is not a number from 1 to 65535.
    #[error("url has an invalid port")]
    BadPort,
    /// A space, control, non-ASCII or otherwise unsafe character (percent-encode it).
    #[error("url contains a character that must be percent-encoded")]
    BadCharacter,
    /// A `#fragment`, which is never sent to the server.
    #[error("url must not have a #fragment")]
    Fragment,
}

/// Checks an endpoint URL; returns it with scheme and host lower-cased.
pub fn check_endpoint_url(raw: &str) -> Result<String, EndpointUrlError> {
    let url = raw.trim();
    if url.is_empty() {
        return Err(EndpointUrlError::Required);
    }
    if url.chars().count() > MAX_URL_CHARS {
        return Err(EndpointUrlError::TooLong);
    }
    if url.contains('#') {
        return Err(EndpointUrlError::Fragment);
    }
    // Visible ASCII only, minus the characters URL parsers disagree about.
    if url.chars().any(|c| {
        !c.is_ascii_graphic() || matches!(c, '\\' | '<' | '>' | '"' | '`' | '{' | '}' | '|' | '^')
    }) {
        return Err(EndpointUrlError::BadCharacter);
    }
    let (scheme, rest) = url.split_once("://").ok_or(EndpointUrlError::NotHttps)?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return Err(EndpointUrlError::NotHttps);
    }
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    if authority.contains('@') {
        return Err(EndpointUrlError::UserInfo);
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    };
    let host = host.to_ascii_lowercase();
    if !is_host(&host) {
        return Err(EndpointUrlError::BadHost);
    }
    if let Some(port) = port
        && !port
            .parse::<u16>()
            .is_ok_and(|p| p > 0 && port.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(EndpointUrlError::BadPort);
    }
    if scheme == "http" && !LOOPBACK_HOSTS.contains(&host.as_str()) {
        return Err(EndpointUrlError::Insecure);
    }
    let port = port.map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!("{scheme}://{host}{port}{path}"))
}

/// A DNS name of at least two labels, `localhost`, or a dotted IPv4 address. IPv6
/// literals are refused: receivers are reached by name.
fn is_host(host: &str) -> bool {
    if host == "localhost" {
        return true;
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels
        .iter()
        .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()))
    {
        return labels.len() == 4
            && labels
                .iter()
                .all(|l| l.len() <= 3 && l.parse::<u8>().is_ok());
    }
    host.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|label| {
            (1..=63).contains(&label.len())
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use EndpointUrlError::*;

    #[test]
    fn endpoint_urls_are_checked() {
        let long = format!("https://hooks.acme.co.kr/{}", "a".repeat(MAX_URL_CHARS));
        let cases: &[(&str, Result<&str, EndpointUrlError>)] = &[
            (
                "https://hooks.acme.co.kr/leadkit",
                Ok("https://hooks.acme.co.kr/leadkit"),
            ),
            (
                " HTTPS://Hooks.Acme.CO.KR:8443/in?token=a%20b ",
                Ok("https://hooks.acme.co.kr:8443/in?token=a%20b"),
            ),
            ("https://203.0.113.9/hook", Ok("https://203.0.113.9/hook")),
            (
                "http://127.0.0.1:4000/hook",
                Ok("http://127.0.0.1:4000/hook"),
            ),
            ("http://LOCALHOST:3000", Ok("http://localhost:3000")),
            ("https://localhost/x", Ok("https://localhost/x")),
            ("", Err(Required)),
            ("   ", Err(Required)),
            (&long, Err(TooLong)),
            ("hooks.acme.co.kr/in", Err(NotHttps)),
            ("ftp://hooks.acme.co.kr", Err(NotHttps)),
            ("javascript:alert(1)", Err(NotHttps)),
            ("http://hooks.acme.co.kr/in", Err(Insecure)),
            ("http://127.0.0.2/in", Err(Insecure)),
            ("https://user:pw@hooks.acme.co.kr", Err(UserInfo)),
            ("https://acme.co.kr@evil.example", Err(UserInfo)),
            ("https:///path", Err(BadHost)),
            ("https://intranet/hook", Err(BadHost)),
            ("https://[::1]/hook", Err(BadHost)),
            ("https://-acme.kr/hook", Err(BadHost)),
            ("https://999.1.1.1/hook", Err(BadHost)),
            ("https://acme.kr:0/", Err(BadPort)),
            ("https://acme.kr:70000/", Err(BadPort)),
            ("https://acme.kr:+80/", Err(BadPort)),
            ("https://acme.kr:/", Err(BadPort)),
            ("https://acme.kr/a b", Err(BadCharacter)),
            ("https://에이크미.kr/", Err(BadCharacter)),
            ("https://evil.example\\@acme.kr", Err(BadCharacter)),
            ("https://acme.kr/hook#x", Err(Fragment)),
        ];
        for (url, expected) in cases {
            assert_eq!(
                check_endpoint_url(url).as_deref().map_err(Clone::clone),
                expected.clone(),
                "{url}"
            );
        }
    }

    #[test]
    fn messages_name_the_field() {
        for error in [
            Required,
            TooLong,
            NotHttps,
            Insecure,
            UserInfo,
            BadHost,
            BadPort,
            BadCharacter,
            Fragment,
        ] {
            assert!(error.to_string().starts_with("url "), "{error}");
        }
    }
}
