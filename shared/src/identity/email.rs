//! E-mail addresses: the syntax check every entry path shares, the normal form leads are
//! stored under, and the provider-aware key under which two spellings of one mailbox
//! are recognised as the same person.

use thiserror::Error;
use unicode_normalization::UnicodeNormalization;

use super::provider::{EmailKind, email_kind};

/// Longest address SMTP carries (RFC 5321 path limit less the angle brackets).
const MAX_EMAIL_CHARS: usize = 254;
/// Longest local part RFC 5321 allows.
const MAX_LOCAL_CHARS: usize = 64;
/// Longest DNS label.
const MAX_LABEL_CHARS: usize = 63;

/// What is wrong with an address, in words a person filling a form understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum EmailError {
    /// More than 254 characters.
    #[error("is longer than 254 characters")]
    TooLong,
    /// No `@`, or more than one.
    #[error("needs exactly one @ between a name and a domain")]
    NotOneAt,
    /// The part before the `@` is empty, too long or has characters mail systems refuse.
    #[error("has an empty or invalid part before the @")]
    BadLocalPart,
    /// The part after the `@` is not a domain name.
    #[error("has an invalid domain after the @ (for example acme.co.kr)")]
    BadDomain,
}

/// A syntactically valid address in normal form: trimmed, Unicode NFC, lower case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EmailAddress {
    normalised: String,
    /// Byte index of the `@` in `normalised`.
    at: usize,
}

/// How a provider lets one mailbox receive at several spellings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Aliasing {
    /// Dots in the local part are ignored and `+tag` is dropped (Gmail).
    DotsAndPlus,
    /// Everything from the separator on is a tag the provider delivers to the base box.
    Tag(char),
    /// Every spelling is its own mailbox, as far as we know.
    None,
}

/// Providers whose aliasing we know. Everything else — business domains and Korean
/// providers included — is left unchanged: merging two people is worse than missing a
/// duplicate. Naver, Daum/Hanmail, Kakao and Nate do not document sub-addressing, and
/// their sign-up forms do not allow `+` in an ID, so `a+b@naver.com` is not known to
/// reach `a@naver.com`.
const ALIASING: &[(&str, Aliasing)] = &[
    ("fastmail.com", Aliasing::Tag('+')),
    ("fastmail.fm", Aliasing::Tag('+')),
    ("gmail.com", Aliasing::DotsAndPlus),
    ("googlemail.com", Aliasing::DotsAndPlus),
    ("hotmail.com", Aliasing::Tag('+')),
    ("icloud.com", Aliasing::Tag('+')),
    ("live.com", Aliasing::Tag('+')),
    ("mac.com", Aliasing::Tag('+')),
    ("me.com", Aliasing::Tag('+')),
    ("msn.com", Aliasing::Tag('+')),
    ("outlook.com", Aliasing::Tag('+')),
    ("pm.me", Aliasing::Tag('+')),
    ("proton.me", Aliasing::Tag('+')),
    ("protonmail.com", Aliasing::Tag('+')),
    // Yahoo's disposable addresses are `basename-keyword`; Yahoo IDs cannot contain '-'.
    ("yahoo.com", Aliasing::Tag('-')),
];

fn aliasing(domain: &str) -> Aliasing {
    ALIASING
        .binary_search_by(|(d, _)| (*d).cmp(domain))
        .map_or(Aliasing::None, |i| ALIASING[i].1)
}

impl EmailAddress {
    /// Checks `raw` and returns it in normal form.
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let trimmed = raw.trim();
        // Cheap bound first so a megabyte of junk is not normalised.
        if trimmed.len() > MAX_EMAIL_CHARS * 4 {
            return Err(EmailError::TooLong);
        }
        // ASCII is its own NFC: skip the normaliser for the common case.
        let normalised: String = if trimmed.is_ascii() {
            trimmed.to_ascii_lowercase()
        } else {
            // Lower-case first: lower-casing can leave a letter and a combining mark
            // that NFC then composes, so the result is NFC and parsing it is a no-op.
            trimmed.chars().flat_map(char::to_lowercase).nfc().collect()
        };
        if normalised.chars().count() > MAX_EMAIL_CHARS {
            return Err(EmailError::TooLong);
        }
        let mut parts = normalised.split('@');
        let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
            return Err(EmailError::NotOneAt);
        };
        check_local_part(local)?;
        check_domain(domain)?;
        let at = local.len();
        Ok(Self { normalised, at })
    }

    /// The whole address in normal form.
    pub fn as_str(&self) -> &str {
        &self.normalised
    }

    /// The address in normal form, owned.
    pub fn into_string(self) -> String {
        self.normalised
    }

    /// The part before the `@`.
    pub fn local(&self) -> &str {
        &self.normalised[..self.at]
    }

    /// The part after the `@`.
    pub fn domain(&self) -> &str {
        &self.normalised[self.at + 1..]
    }

    /// Business, personal, academic or disposable, by the domain.
    pub fn kind(&self) -> EmailKind {
        email_kind(self.domain())
    }

    /// The key two spellings of one mailbox share: the normal form, with dots and
    /// `+tags` dropped only where the provider ignores them (see [`ALIASING`]), and
    /// `googlemail.com` read as `gmail.com`.
    pub fn dedupe_key(&self) -> String {
        let (local, domain) = (self.local(), self.domain());
        match aliasing(domain) {
            Aliasing::None => self.normalised.clone(),
            Aliasing::Tag(separator) => {
                let base = local.split(separator).next().unwrap_or(local);
                // A local part that is only a tag ("+news") keeps its spelling.
                let base = if base.is_empty() { local } else { base };
                format!("{base}@{domain}")
            }
            Aliasing::DotsAndPlus => {
                let base = local.split('+').next().unwrap_or(local);
                let base = if base.is_empty() { local } else { base };
                let mut key = String::with_capacity(local.len() + 10);
                key.extend(base.chars().filter(|&c| c != '.'));
                key.push_str("@gmail.com");
                key
            }
        }
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.normalised)
    }
}

fn check_local_part(local: &str) -> Result<(), EmailError> {
    let ok = !local.is_empty()
        && local.chars().count() <= MAX_LOCAL_CHARS
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"()<>[]\\,;:\"".contains(c));
    if ok {
        Ok(())
    } else {
        Err(EmailError::BadLocalPart)
    }
}

fn check_domain(domain: &str) -> Result<(), EmailError> {
    let mut labels = 0;
    let mut last = "";
    for label in domain.split('.') {
        let ok = !label.is_empty()
            && label.chars().count() <= MAX_LABEL_CHARS
            && !label.starts_with('-')
            && !label.ends_with('-')
            // Letters beyond ASCII are allowed: internationalised domains such as 한국.kr.
            && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            return Err(EmailError::BadDomain);
        }
        labels += 1;
        last = label;
    }
    // An all-digit top level is an IP address, which forms should not accept.
    if labels >= 2 && last.chars().any(|c| !c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(EmailError::BadDomain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn syntax_is_checked_and_the_normal_form_is_nfc_lower_case() {
        let cases: &[(&str, Result<&str, EmailError>)] = &[
            ("Minsu.Kim@Acme.co.kr", Ok("minsu.kim@acme.co.kr")),
            ("  sales+fair@naver.com ", Ok("sales+fair@naver.com")),
            ("hong@한국.kr", Ok("hong@한국.kr")),
            // 한국 as conjoining jamo composes to the same syllables.
            (
                "hong@\u{1112}\u{1161}\u{11AB}\u{1100}\u{116E}\u{11A8}.kr",
                Ok("hong@한국.kr"),
            ),
            ("JOSE\u{301}@Example.com", Ok("jos\u{e9}@example.com")),
            ("o'brien@example.ie", Ok("o'brien@example.ie")),
            ("plainaddress", Err(EmailError::NotOneAt)),
            ("", Err(EmailError::NotOneAt)),
            ("a@b@c.com", Err(EmailError::NotOneAt)),
            ("@acme.com", Err(EmailError::BadLocalPart)),
            (".kim@acme.com", Err(EmailError::BadLocalPart)),
            ("kim..lee@acme.com", Err(EmailError::BadLocalPart)),
            ("kim lee@acme.com", Err(EmailError::BadLocalPart)),
            ("kim@acme", Err(EmailError::BadDomain)),
            ("kim@acme..com", Err(EmailError::BadDomain)),
            ("kim@-acme.com", Err(EmailError::BadDomain)),
            ("kim@10.0.0.1", Err(EmailError::BadDomain)),
            ("kim@acme_corp.com", Err(EmailError::BadDomain)),
        ];
        for (input, expected) in cases {
            assert_eq!(
                EmailAddress::parse(input)
                    .as_ref()
                    .map(EmailAddress::as_str),
                expected.as_ref().map(|s| *s),
                "{input:?}"
            );
        }
        let long = format!("{}@acme.com", "a".repeat(250));
        assert_eq!(EmailAddress::parse(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn dedupe_keys_follow_each_provider() {
        let cases = [
            // Gmail ignores dots and +tags; googlemail is the same service.
            ("Min.Su.Kim+fair@gmail.com", "minsukim@gmail.com"),
            ("minsukim@googlemail.com", "minsukim@gmail.com"),
            ("m.i.n.s.u@GMAIL.COM", "minsu@gmail.com"),
            // Microsoft, Apple, Fastmail and Proton drop the tag but keep dots.
            ("min.su+news@outlook.com", "min.su@outlook.com"),
            ("kim+a@hotmail.com", "kim@hotmail.com"),
            ("kim+a@icloud.com", "kim@icloud.com"),
            ("kim+a@proton.me", "kim@proton.me"),
            ("kim+a@fastmail.com", "kim@fastmail.com"),
            ("kim-shopping@yahoo.com", "kim@yahoo.com"),
            // Korean providers and business domains are left alone.
            ("min.su+fair@naver.com", "min.su+fair@naver.com"),
            ("min.su+fair@hanmail.net", "min.su+fair@hanmail.net"),
            ("Min.Su+fair@acme.co.kr", "min.su+fair@acme.co.kr"),
            ("  MINSU@Naver.com ", "minsu@naver.com"),
            // A local part that is only a tag is kept rather than emptied.
            ("+news@outlook.com", "+news@outlook.com"),
        ];
        for (input, key) in cases {
            let address = EmailAddress::parse(input).unwrap();
            assert_eq!(address.dedupe_key(), key, "{input}");
        }
    }

    proptest! {
        #[test]
        fn parsing_the_normal_form_or_the_key_changes_nothing(raw in "\\PC{0,40}") {
            if let Ok(address) = EmailAddress::parse(&raw) {
                prop_assert_eq!(EmailAddress::parse(address.as_str()), Ok(address.clone()));
                let key = address.dedupe_key();
                if let Ok(again) = EmailAddress::parse(&key) {
                    prop_assert_eq!(again.dedupe_key(), key);
                }
            }
        }

        #[test]
        fn case_and_padding_never_change_the_key(
            local in "[a-zA-Z0-9._+-]{1,12}",
            domain in prop::sample::select(vec!["gmail.com", "naver.com", "outlook.com", "acme.co.kr"]),
            pad in "[ \t]{0,3}",
        ) {
            let raw = format!("{pad}{local}@{domain}{pad}");
            if let Ok(address) = EmailAddress::parse(&raw) {
                let upper = EmailAddress::parse(&raw.to_uppercase()).map(|a| a.dedupe_key());
                prop_assert_eq!(upper, Ok(address.dedupe_key()));
            }
        }
    }

    #[test]
    fn the_aliasing_table_is_sorted_for_binary_search() {
        assert!(ALIASING.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
