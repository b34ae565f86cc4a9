//! E-mail address syntax: the check a lead form needs — catch typos and junk, accept
//! every address a real mail system would — and the normal form leads are keyed by.

use thiserror::Error;

/// Longest address SMTP carries (RFC 5321 path limit less the angle brackets).
const MAX_EMAIL_CHARS: usize = 254;
/// Longest local part RFC 5321 allows.
const MAX_LOCAL_CHARS: usize = 64;
/// Longest DNS label.
const MAX_LABEL_CHARS: usize = 63;

/// What is wrong with an address, in words a person filling a form understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum EmailError {
    #[error("is longer than 254 characters")]
    TooLong,
    #[error("needs exactly one @ between a name and a domain")]
    NotOneAt,
    #[error("has an empty or invalid part before the @")]
    BadLocalPart,
    #[error("has an invalid domain after the @ (for example acme.co.kr)")]
    BadDomain,
}

/// Checks an address and returns it trimmed and lower-cased, the form under which two
/// submissions of the same person match.
pub fn normalise_email(raw: &str) -> Result<String, EmailError> {
    let address = raw.trim();
    if address.chars().count() > MAX_EMAIL_CHARS {
        return Err(EmailError::TooLong);
    }
    let mut parts = address.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(EmailError::NotOneAt);
    };
    check_local_part(local)?;
    check_domain(domain)?;
    Ok(address.to_lowercase())
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
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.chars().count() <= MAX_LABEL_CHARS
            && !label.starts_with('-')
            && !label.ends_with('-')
            // Letters beyond ASCII are allowed: internationalised domains such as 한국.kr.
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let top_level_ok = labels
        .last()
        .is_some_and(|tld| tld.chars().any(|c| !c.is_ascii_digit()));
    if labels.len() >= 2 && labels.iter().all(label_ok) && top_level_ok {
        Ok(())
    } else {
        Err(EmailError::BadDomain)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_normalised() {
        let cases: &[(&str, Result<&str, EmailError>)] = &[
            ("Minsu.Kim@Acme.co.kr", Ok("minsu.kim@acme.co.kr")),
            ("  sales+fair@naver.com ", Ok("sales+fair@naver.com")),
            ("hong@한국.kr", Ok("hong@한국.kr")),
            ("o'brien@example.ie", Ok("o'brien@example.ie")),
            ("plainaddress", Err(EmailError::NotOneAt)),
            ("a@b@c.com", Err(EmailError::NotOneAt)),
            ("@acme.com", Err(EmailError::BadLocalPart)),
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
                normalise_email(input).as_deref(),
                expected.as_ref().map(|s| *s),
                "{input}"
            );
        }
        let long = format!("{}@acme.com", "a".repeat(250));
        assert_eq!(normalise_email(&long), Err(EmailError::TooLong));
    }
}
