//! E-mail address syntax: the check a lead form needs — catch typos and junk, accept
//! every address a real mail system would — and the normal form leads are keyed by.

use crate::identity::EmailAddress;
pub use crate::identity::EmailError;

/// Checks an address and returns it in normal form (trimmed, NFC, lower case), the form
/// under which two submissions of the same person match. The check itself lives in
/// [`crate::identity::EmailAddress`], shared by every entry path.
pub fn normalise_email(raw: &str) -> Result<String, EmailError> {
    EmailAddress::parse(raw).map(EmailAddress::into_string)
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
