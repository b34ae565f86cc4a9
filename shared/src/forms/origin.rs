//! Web origins (`scheme://host[:port]`) read from URLs and `Origin` headers without a URL
//! crate: enough to compare an allow-list entry with a retURL or a request's origin.

/// A parsed origin: scheme and host lower-cased, default ports dropped, so equal origins
/// compare equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    scheme: &'static str,
    host: String,
    port: Option<u16>,
}

impl Origin {
    /// `scheme://host[:port]`.
    pub(crate) fn serialise(&self) -> String {
        match self.port {
            Some(port) => format!("{}://{}:{port}", self.scheme, self.host),
            None => format!("{}://{}", self.scheme, self.host),
        }
    }
}

/// The origin of an absolute http(s) URL, or `None` when it is not one. User info
/// (`https://acme.co.kr@evil.com`) is refused outright: it exists to mislead.
pub(crate) fn origin_of(url: &str) -> Option<Origin> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let (scheme, default_port) = match scheme.to_ascii_lowercase().as_str() {
        "https" => ("https", 443),
        "http" => ("http", 80),
        _ => return None,
    };
    let authority_end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if authority.contains('@') {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port.parse::<u16>().ok()?)),
        None => (authority, None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !host_ok {
        return None;
    }
    Some(Origin {
        scheme,
        host: host.to_ascii_lowercase(),
        port: port.filter(|&p| p != default_port),
    })
}

/// Whether `text` is exactly an origin (no path, query or fragment; a lone trailing
/// slash is tolerated), as an allow-list entry must be.
pub(crate) fn is_exact_origin(text: &str) -> bool {
    let trimmed = text.trim();
    let without_slash = trimmed.strip_suffix('/').unwrap_or(trimmed);
    origin_of(without_slash).is_some_and(|origin| {
        origin
            .serialise()
            .eq_ignore_ascii_case(&normalise_default_port(without_slash))
    })
}

/// Drops an explicit default port so `https://a.kr:443` counts as exact.
fn normalise_default_port(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    lower
        .strip_suffix(":443")
        .filter(|_| lower.starts_with("https://"))
        .or_else(|| {
            lower
                .strip_suffix(":80")
                .filter(|_| lower.starts_with("http://"))
        })
        .unwrap_or(&lower)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_read_and_normalised() {
        let cases: &[(&str, Option<&str>)] = &[
            ("https://acme.co.kr", Some("https://acme.co.kr")),
            (
                "HTTPS://Acme.CO.KR:443/thanks?x=1",
                Some("https://acme.co.kr"),
            ),
            ("http://localhost:3000/form", Some("http://localhost:3000")),
            ("https://www.acme.co.kr#top", Some("https://www.acme.co.kr")),
            ("https://acme.co.kr@evil.com/", None),
            ("javascript:alert(1)", None),
            ("//evil.com/x", None),
            ("ftp://acme.co.kr", None),
            ("https://", None),
            ("https://acme.co.kr:99999", None),
            ("https://ac me.kr", None),
            ("https://evil.com\\@acme.co.kr", Some("https://evil.com")),
        ];
        for (url, expected) in cases {
            assert_eq!(
                origin_of(url).map(|o| o.serialise()).as_deref(),
                *expected,
                "{url}"
            );
        }
    }

    #[test]
    fn allow_list_entries_must_be_bare_origins() {
        let cases = [
            ("https://acme.co.kr", true),
            ("https://acme.co.kr/", true),
            ("http://localhost:8787", true),
            ("https://acme.co.kr:443", true),
            ("https://acme.co.kr/contact", false),
            ("acme.co.kr", false),
            ("https://*.acme.co.kr", false),
        ];
        for (text, expected) in cases {
            assert_eq!(is_exact_origin(text), expected, "{text}");
        }
    }
}
