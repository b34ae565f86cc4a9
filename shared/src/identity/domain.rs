//! Registrable domains ("eTLD+1"): the part of a host name a company registers, found
//! with the public suffix list so that `mail.acme.co.kr` gives `acme.co.kr`, not `co.kr`.

use unicode_normalization::UnicodeNormalization;

/// The registrable domain of `host` (`mail.acme.co.kr` → `acme.co.kr`, `www.seoul.go.kr`
/// → `seoul.go.kr`), lower case and without a trailing dot; `None` for a public suffix
/// itself (`co.kr`), an IP address or junk. Unicode (IDN) hosts stay in Unicode.
///
/// Account domains are typed by people, so a URL (`https://www.acme.co.kr/about`) or
/// an e-mail address (`kim@acme.co.kr`) is accepted too and reduced to its host.
pub fn registrable_domain(host: &str) -> Option<String> {
    let host: String = host_of(host)
        .trim_end_matches('.')
        .chars()
        .flat_map(char::to_lowercase)
        .nfc()
        .collect();
    let valid = !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && host
            .rsplit('.')
            .next()
            .is_some_and(|tld| tld.chars().any(|c| !c.is_ascii_digit()));
    if !valid {
        return None;
    }
    registrable_part(&host)
}

/// The registrable part of a valid, lower-case `host`, by the public suffix list.
#[cfg(feature = "public-suffix-list")]
fn registrable_part(host: &str) -> Option<String> {
    psl::domain_str(host).map(str::to_owned)
}

/// The registrable part of a valid, lower-case `host` without the public suffix list:
/// one label under a known two-label suffix ([`COMMON_SUFFIXES`]), else one label under
/// the top-level domain. Right for Korean and most business domains; a host under a rare
/// multi-label suffix gets its suffix's last two labels.
#[cfg(not(feature = "public-suffix-list"))]
fn registrable_part(host: &str) -> Option<String> {
    let labels: Vec<&str> = host.split('.').collect();
    let take = match labels.as_slice() {
        [.., second, top] if COMMON_SUFFIXES.contains(&format!("{second}.{top}").as_str()) => 3,
        _ => 2,
    };
    (labels.len() >= take).then(|| labels[labels.len() - take..].join("."))
}

/// Two-label public suffixes a Korean B2B team's leads use most (Korea's second-level
/// domains first), for builds without the full list.
#[cfg(not(feature = "public-suffix-list"))]
const COMMON_SUFFIXES: &[&str] = &[
    "co.kr", "or.kr", "go.kr", "ac.kr", "ne.kr", "re.kr", "pe.kr", "mil.kr", "hs.kr", "ms.kr",
    "es.kr", "sc.kr", "kg.kr", "seoul.kr", "busan.kr", "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp",
    "com.cn", "net.cn", "org.cn", "com.tw", "com.hk", "com.sg", "com.vn", "co.th", "co.id",
    "com.my", "com.ph", "co.in", "co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au",
    "org.au", "co.nz", "com.br", "com.mx", "co.za",
];

/// The host part of a URL, e-mail address or bare host name.
fn host_of(text: &str) -> &str {
    let text = text.trim();
    let text = text.split_once("://").map_or(text, |(_, rest)| rest);
    let authority = text.split(['/', '?', '#']).next().unwrap_or(text);
    let host = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    host.split(':').next().unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domains_respect_public_suffixes() {
        let cases: &[(&str, Option<&str>)] = &[
            ("acme.co.kr", Some("acme.co.kr")),
            ("mail.acme.co.kr", Some("acme.co.kr")),
            ("MAIL.Acme.CO.KR.", Some("acme.co.kr")),
            ("www.unicef.or.kr", Some("unicef.or.kr")),
            ("www.seoul.go.kr", Some("seoul.go.kr")),
            ("cs.kaist.ac.kr", Some("kaist.ac.kr")),
            ("shop.kt.ne.kr", Some("kt.ne.kr")),
            ("news.naver.com", Some("naver.com")),
            ("naver.com", Some("naver.com")),
            ("acme.kr", Some("acme.kr")),
            ("a.b.example.co.uk", Some("example.co.uk")),
            ("mail.한빛.kr", Some("한빛.kr")),
            ("www.한국인터넷진흥원.한국", Some("한국인터넷진흥원.한국")),
            ("https://www.Acme.co.kr/about?x=1", Some("acme.co.kr")),
            ("http://shop.acme.co.kr:8080", Some("acme.co.kr")),
            ("kim@mail.acme.co.kr", Some("acme.co.kr")),
            ("xn--3e0b707e", None),
            (
                "www.xn--hq1bm8jm9l.xn--3e0b707e",
                Some("xn--hq1bm8jm9l.xn--3e0b707e"),
            ),
            ("co.kr", None),
            ("kr", None),
            ("", None),
            ("10.0.0.1", None),
            ("acme..co.kr", None),
            ("acme co.kr", None),
        ];
        for (host, expected) in cases {
            assert_eq!(registrable_domain(host).as_deref(), *expected, "{host}");
        }
    }
}
