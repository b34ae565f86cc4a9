//! Render tokens: the signed time a form was served, carried back in the submission so
//! the time-to-fill check cannot be forged. `{unix_seconds}.{base64url HMAC-SHA256}`
//! over the form id and that time, under a secret only the worker holds.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use thiserror::Error;
use time::OffsetDateTime;

use crate::mac;

/// Domain separation: a render token's MAC can never be mistaken for another use of
/// the same secret.
const CONTEXT: &[u8] = b"leadkit-render-v1.";
/// Clock difference between edge locations tolerated before a token counts as forged.
const MAX_FUTURE_SKEW_SECS: i64 = 30;

/// Why a render token was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RenderTokenError {
    /// Not `{seconds}.{signature}`.
    #[error("render token is malformed")]
    Malformed,
    /// The signature does not match: forged, altered, or issued for another form.
    #[error("render token signature does not match")]
    BadSignature,
    /// Issued later than now: forged, since only the worker issues them.
    #[error("render token is issued {skew_secs} s in the future")]
    FromFuture {
        /// How far ahead of `now`.
        skew_secs: i64,
    },
}

/// A token saying form `form_id` was served at `issued_at`.
pub fn sign_render_token(secret: &[u8], form_id: &str, issued_at: OffsetDateTime) -> String {
    let seconds = issued_at.unix_timestamp().to_string();
    let tag = mac::tag(secret, &parts(form_id, &seconds));
    format!("{seconds}.{}", URL_SAFE_NO_PAD.encode(tag))
}

/// Checks a token for `form_id` and returns when the form was served.
pub fn verify_render_token(
    secret: &[u8],
    form_id: &str,
    token: &str,
    now: OffsetDateTime,
) -> Result<OffsetDateTime, RenderTokenError> {
    let (seconds, signature) = token
        .trim()
        .split_once('.')
        .ok_or(RenderTokenError::Malformed)?;
    if seconds.is_empty() || !seconds.bytes().all(|b| b.is_ascii_digit()) {
        return Err(RenderTokenError::Malformed);
    }
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| RenderTokenError::Malformed)?;
    if !mac::verify(secret, &parts(form_id, seconds), &signature) {
        return Err(RenderTokenError::BadSignature);
    }
    let issued_at = seconds
        .parse::<i64>()
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .ok_or(RenderTokenError::Malformed)?;
    let skew_secs = (issued_at - now).whole_seconds();
    if skew_secs > MAX_FUTURE_SKEW_SECS {
        return Err(RenderTokenError::FromFuture { skew_secs });
    }
    Ok(issued_at)
}

fn parts<'a>(form_id: &'a str, seconds: &'a str) -> [&'a [u8]; 4] {
    [CONTEXT, form_id.as_bytes(), b".", seconds.as_bytes()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::Duration;
    use time::macros::datetime;

    const SECRET: &[u8] = b"render-secret-for-tests-only-32b";

    #[test]
    fn tokens_verify_only_for_their_form_and_secret() {
        let served = datetime!(2026-11-24 09:00 UTC);
        let now = served + Duration::seconds(20);
        let token = sign_render_token(SECRET, "contact", served);
        let (seconds, signature) = token.split_once('.').unwrap();
        let shifted = format!("{}.{signature}", served.unix_timestamp() - 60);
        // (secret, form id, token, expected)
        type Case<'a> = (
            &'a [u8],
            &'a str,
            String,
            Result<OffsetDateTime, RenderTokenError>,
        );
        let cases: Vec<Case> = vec![
            (SECRET, "contact", token.clone(), Ok(served)),
            (
                SECRET,
                "webinar",
                token.clone(),
                Err(RenderTokenError::BadSignature),
            ),
            (
                b"another-secret",
                "contact",
                token.clone(),
                Err(RenderTokenError::BadSignature),
            ),
            (
                SECRET,
                "contact",
                shifted,
                Err(RenderTokenError::BadSignature),
            ),
            (
                SECRET,
                "contact",
                seconds.to_owned(),
                Err(RenderTokenError::Malformed),
            ),
            (
                SECRET,
                "contact",
                format!("-5.{signature}"),
                Err(RenderTokenError::Malformed),
            ),
            (
                SECRET,
                "contact",
                format!("{seconds}.!!"),
                Err(RenderTokenError::Malformed),
            ),
            (
                SECRET,
                "contact",
                String::new(),
                Err(RenderTokenError::Malformed),
            ),
        ];
        for (secret, form, token, expected) in cases {
            assert_eq!(
                verify_render_token(secret, form, &token, now),
                expected,
                "{form} {token}"
            );
        }
        let future = sign_render_token(SECRET, "contact", now + Duration::minutes(5));
        assert_eq!(
            verify_render_token(SECRET, "contact", &future, now),
            Err(RenderTokenError::FromFuture { skew_secs: 300 })
        );
    }

    proptest! {
        #[test]
        fn verifying_arbitrary_text_never_panics(token in "\\PC{0,80}") {
            let _ = verify_render_token(SECRET, "contact", &token, datetime!(2026-11-24 09:00 UTC));
        }
    }
}
