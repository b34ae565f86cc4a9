//! Who runs an e-mail domain: a company (business), a free mail provider (personal), a
//! university (academic) or a throwaway service (disposable). Scoring and account
//! matching treat a naver.com address very differently from an acme.co.kr one.

use serde::{Deserialize, Serialize};

/// What kind of organisation an address belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    /// A company's own domain: the domain says which account the person works for.
    Business,
    /// A free mail provider: says nothing about the employer.
    Personal,
    /// A university or school (`.ac.kr`, `.edu`, `.edu.sg` …).
    Academic,
    /// A throwaway inbox: usually someone avoiding follow-up.
    Disposable,
}

/// Free mail domains, Korean providers first in mind, sorted (binary search).
pub const PERSONAL_EMAIL_DOMAINS: &[&str] = &[
    "aol.com",
    "chol.com",
    "daum.net",
    "dreamwiz.com",
    "empal.com",
    "fastmail.com",
    "fastmail.fm",
    "freechal.com",
    "gmail.com",
    "gmx.com",
    "gmx.de",
    "googlemail.com",
    "hanmail.net",
    "hanmir.com",
    "hitel.net",
    "hotmail.co.kr",
    "hotmail.com",
    "icloud.com",
    "kakao.com",
    "korea.com",
    "live.co.kr",
    "live.com",
    "lycos.co.kr",
    "mac.com",
    "mail.ru",
    "me.com",
    "msn.com",
    "nate.com",
    "naver.com",
    "netian.com",
    "outlook.com",
    "paran.com",
    "pm.me",
    "proton.me",
    "protonmail.com",
    "qq.com",
    "yahoo.co.jp",
    "yahoo.co.kr",
    "yahoo.com",
    "yandex.ru",
];

/// Well-known throwaway inbox services, sorted (binary search).
pub const DISPOSABLE_EMAIL_DOMAINS: &[&str] = &[
    "10minutemail.com",
    "dispostable.com",
    "getnada.com",
    "guerrillamail.com",
    "mailinator.com",
    "sharklasers.com",
    "temp-mail.org",
    "trashmail.com",
    "yopmail.com",
];

/// Classifies an e-mail domain (lower case, as in a normalised address). Subdomains of a
/// listed provider count as that provider (`mail.naver.com`).
pub fn email_kind(domain: &str) -> EmailKind {
    let domain = domain.trim_end_matches('.');
    if listed(DISPOSABLE_EMAIL_DOMAINS, domain) {
        return EmailKind::Disposable;
    }
    if listed(PERSONAL_EMAIL_DOMAINS, domain) {
        return EmailKind::Personal;
    }
    if is_academic(domain) {
        return EmailKind::Academic;
    }
    EmailKind::Business
}

/// Whether `domain` or one of its parent domains is in `list`.
fn listed(list: &[&str], domain: &str) -> bool {
    let mut rest = domain;
    loop {
        if list.binary_search(&rest).is_ok() {
            return true;
        }
        match rest.split_once('.') {
            Some((_, parent)) if parent.contains('.') => rest = parent,
            _ => return false,
        }
    }
}

/// `.edu`, or an `ac`/`edu` second level under a two-letter country (`.ac.kr`,
/// `.ac.jp`, `.ac.uk`, `.edu.sg`, `.edu.cn`).
fn is_academic(domain: &str) -> bool {
    let mut labels = domain.rsplit('.');
    let top = labels.next().unwrap_or("");
    if top == "edu" {
        return true;
    }
    let second = labels.next();
    let has_name = labels.next().is_some();
    top.len() == 2 && has_name && matches!(second, Some("ac" | "edu"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_classified() {
        let cases = [
            ("naver.com", EmailKind::Personal),
            ("hanmail.net", EmailKind::Personal),
            ("daum.net", EmailKind::Personal),
            ("kakao.com", EmailKind::Personal),
            ("nate.com", EmailKind::Personal),
            ("hotmail.co.kr", EmailKind::Personal),
            ("yahoo.co.kr", EmailKind::Personal),
            ("korea.com", EmailKind::Personal),
            ("empal.com", EmailKind::Personal),
            ("paran.com", EmailKind::Personal),
            ("lycos.co.kr", EmailKind::Personal),
            ("dreamwiz.com", EmailKind::Personal),
            ("chol.com", EmailKind::Personal),
            ("hanmir.com", EmailKind::Personal),
            ("gmail.com", EmailKind::Personal),
            ("outlook.com", EmailKind::Personal),
            ("icloud.com", EmailKind::Personal),
            ("mail.naver.com", EmailKind::Personal),
            ("snu.ac.kr", EmailKind::Academic),
            ("cs.kaist.ac.kr", EmailKind::Academic),
            ("mit.edu", EmailKind::Academic),
            ("u-tokyo.ac.jp", EmailKind::Academic),
            ("nus.edu.sg", EmailKind::Academic),
            ("ox.ac.uk", EmailKind::Academic),
            ("mailinator.com", EmailKind::Disposable),
            ("acme.co.kr", EmailKind::Business),
            ("samsung.com", EmailKind::Business),
            // "ac.kr" itself is the registry, not a school; "kakaocorp.com" is a company.
            ("ac.kr", EmailKind::Business),
            ("kakaocorp.com", EmailKind::Business),
            ("naver.com.evil.io", EmailKind::Business),
        ];
        for (domain, kind) in cases {
            assert_eq!(email_kind(domain), kind, "{domain}");
        }
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [PERSONAL_EMAIL_DOMAINS, DISPOSABLE_EMAIL_DOMAINS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
