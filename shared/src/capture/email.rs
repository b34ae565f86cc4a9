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

    // The syntax cases are `identity::email`'s; here only that capture uses them.
    #[test]
    fn capture_gets_the_identity_normal_form_and_errors() {
        assert_eq!(
            normalise_email(" Minsu.Kim@Acme.co.kr ").as_deref(),
            Ok("minsu.kim@acme.co.kr")
        );
        assert_eq!(normalise_email("kim@acme"), Err(EmailError::BadDomain));
    }
}
