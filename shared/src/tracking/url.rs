//! The parts of a page URL tracking keeps, read without a URL crate: whether it is an
//! absolute http(s) URL, its host, its path with query (what page rules match, so
//! `/pricing?plan=pro` is the pricing page) and a file's name.

/// An absolute http(s) URL, split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageUrl {
    /// Host and port as written, lower-cased.
    pub host: String,
    /// Path and query, never empty (`/` at least); the fragment is dropped, as servers
    /// never see it.
    pub path: String,
}

/// `url` split, or `None` when it is not an absolute http(s) URL. User info
/// (`https://acme.co.kr@evil.com`) is refused: it exists to mislead.
pub(crate) fn parse(url: &str) -> Option<PageUrl> {
    let (scheme, rest) = url.split_once("://")?;
    if !(scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")) {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.is_empty()
        || authority.contains('@')
        || authority
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
    {
        return None;
    }
    let tail = rest[end..].split('#').next().unwrap_or("");
    let path = if tail.starts_with('/') {
        tail.to_owned()
    } else {
        format!("/{tail}")
    };
    Some(PageUrl {
        host: authority.to_ascii_lowercase(),
        path,
    })
}

/// The last segment of `path` (query and fragment ignored): a downloaded file's name.
pub(crate) fn file_name(path: &str) -> Option<&str> {
    let path = path.split(['?', '#']).next().unwrap_or("");
    path.rsplit('/').find(|segment| !segment.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_host_and_path() {
        let cases = [
            (
                "https://Acme.co.kr/pricing?plan=pro#top",
                Some(("acme.co.kr", "/pricing?plan=pro")),
            ),
            ("http://127.0.0.1:8080", Some(("127.0.0.1:8080", "/"))),
            (
                "https://acme.co.kr?utm_source=x",
                Some(("acme.co.kr", "/?utm_source=x")),
            ),
            ("HTTPS://acme.co.kr/블로그", Some(("acme.co.kr", "/블로그"))),
            ("https://acme.co.kr@evil.com/", None),
            ("javascript:alert(1)", None),
            ("ftp://acme.co.kr/x", None),
            ("/pricing", None),
            ("https:///pricing", None),
            ("https://ac me.kr/", None),
        ];
        for (url, expected) in cases {
            let got = parse(url);
            assert_eq!(
                got.as_ref().map(|u| (u.host.as_str(), u.path.as_str())),
                expected,
                "{url}"
            );
        }
    }

    #[test]
    fn file_names_are_the_last_path_segment() {
        assert_eq!(
            file_name("/files/pricing-sheet.pdf?v=2"),
            Some("pricing-sheet.pdf")
        );
        assert_eq!(file_name("/files/guide/"), Some("guide"));
        assert_eq!(file_name("/"), None);
    }
}
