//! Standard Webhooks signatures (<https://www.standardwebhooks.com>): `webhook-signature`
//! is `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}` under a `whsec_` secret,
//! several space-separated when secrets are being rotated.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use thiserror::Error;

use crate::mac;

/// Header carrying the message id, the same on every retry so receivers can dedupe.
pub const HEADER_ID: &str = "webhook-id";
/// Header carrying the send time in Unix seconds.
pub const HEADER_TIMESTAMP: &str = "webhook-timestamp";
/// Header carrying the signatures.
pub const HEADER_SIGNATURE: &str = "webhook-signature";
/// How far a timestamp may be from the receiver's clock: the spec's five minutes, which
/// bounds how long a captured request can be replayed.
pub const TIMESTAMP_TOLERANCE_SECS: i64 = 5 * 60;

/// Prefix of a Standard Webhooks secret.
const SECRET_PREFIX: &str = "whsec_";
/// Secret lengths the spec allows (24 to 64 random bytes).
const SECRET_BYTES: std::ops::RangeInclusive<usize> = 24..=64;

/// Why a secret or a signed request was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SignatureError {
    /// The secret does not start with `whsec_`.
    #[error("webhook secret must start with \"whsec_\"")]
    SecretPrefix,
    /// The part after `whsec_` is not standard base64.
    #[error("webhook secret is not valid base64 after \"whsec_\"")]
    SecretNotBase64,
    /// The decoded secret is too short or too long.
    #[error("webhook secret is {len} bytes; it must be 24 to 64 bytes")]
    SecretLength {
        /// Decoded length in bytes.
        len: usize,
    },
    /// `webhook-timestamp` is not a whole number of seconds.
    #[error("webhook-timestamp {value:?} is not a Unix time in seconds")]
    BadTimestamp {
        /// The header as received (cut to 40 characters).
        value: String,
    },
    /// `webhook-timestamp` is more than five minutes from now.
    #[error("webhook-timestamp is {skew_secs} s from now; at most 300 s is accepted")]
    TimestampOutOfTolerance {
        /// Signed distance from now, in seconds (positive: in the future).
        skew_secs: i64,
    },
    /// No `v1` entry of `webhook-signature` matched.
    #[error("webhook-signature has no valid v1 signature for this body")]
    NoMatchingSignature,
}

/// A webhook endpoint's signing secret, decoded.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookSecret(Vec<u8>);

impl std::fmt::Debug for WebhookSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print key material, not even in logs of a failed test.
        write!(f, "WebhookSecret({} bytes)", self.0.len())
    }
}

impl WebhookSecret {
    /// Reads a `whsec_<base64>` secret as shown to the workspace owner.
    pub fn parse(text: &str) -> Result<Self, SignatureError> {
        let encoded = text
            .trim()
            .strip_prefix(SECRET_PREFIX)
            .ok_or(SignatureError::SecretPrefix)?;
        let bytes = STANDARD
            .decode(encoded)
            .map_err(|_| SignatureError::SecretNotBase64)?;
        if !SECRET_BYTES.contains(&bytes.len()) {
            return Err(SignatureError::SecretLength { len: bytes.len() });
        }
        Ok(Self(bytes))
    }

    /// Makes a secret from random bytes the caller drew (this crate draws no randomness).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, SignatureError> {
        if !SECRET_BYTES.contains(&bytes.len()) {
            return Err(SignatureError::SecretLength { len: bytes.len() });
        }
        Ok(Self(bytes.to_vec()))
    }

    /// The `whsec_<base64>` text, for showing once to the owner.
    pub fn to_text(&self) -> String {
        format!("{SECRET_PREFIX}{}", STANDARD.encode(&self.0))
    }

    fn tag(&self, msg_id: &str, timestamp: &str, body: &[u8]) -> [u8; mac::TAG_LEN] {
        mac::tag(
            &self.0,
            &[msg_id.as_bytes(), b".", timestamp.as_bytes(), b".", body],
        )
    }
}

/// The `webhook-signature` value for one secret: `v1,<base64>`.
pub fn sign(secret: &WebhookSecret, msg_id: &str, timestamp_secs: i64, body: &[u8]) -> String {
    let timestamp = timestamp_secs.to_string();
    format!(
        "v1,{}",
        STANDARD.encode(secret.tag(msg_id, &timestamp, body))
    )
}

/// The `webhook-signature` value for several secrets (during a rotation both the old
/// and the new one sign), space-separated as the spec says.
pub fn sign_all(
    secrets: &[WebhookSecret],
    msg_id: &str,
    timestamp_secs: i64,
    body: &[u8],
) -> String {
    secrets
        .iter()
        .map(|secret| sign(secret, msg_id, timestamp_secs, body))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks a received webhook as a receiver would: the timestamp is within five minutes
/// of `now_secs` and one `v1` signature in `signature_header` matches the body.
pub fn verify(
    secret: &WebhookSecret,
    msg_id: &str,
    timestamp_header: &str,
    signature_header: &str,
    body: &[u8],
    now_secs: i64,
) -> Result<(), SignatureError> {
    let timestamp = timestamp_header.trim();
    let seconds: i64 = timestamp
        .parse()
        .map_err(|_| SignatureError::BadTimestamp {
            value: timestamp.chars().take(40).collect(),
        })?;
    let skew_secs = seconds.saturating_sub(now_secs);
    if skew_secs.unsigned_abs() > TIMESTAMP_TOLERANCE_SECS.unsigned_abs() {
        return Err(SignatureError::TimestampOutOfTolerance { skew_secs });
    }
    let parts: [&[u8]; 5] = [msg_id.as_bytes(), b".", timestamp.as_bytes(), b".", body];
    let matched = signature_header
        .split_whitespace()
        .filter_map(|entry| entry.strip_prefix("v1,"))
        .filter_map(|encoded| STANDARD.decode(encoded).ok())
        .any(|candidate| mac::verify(&secret.0, &parts, &candidate));
    if matched {
        Ok(())
    } else {
        Err(SignatureError::NoMatchingSignature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // The published Standard Webhooks test vector.
    const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const MSG_ID: &str = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const TIMESTAMP: i64 = 1_614_265_330;
    const BODY: &[u8] = br#"{"test": 2432232314}"#;
    const SIGNATURE: &str = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    fn secret() -> WebhookSecret {
        WebhookSecret::parse(SECRET).unwrap()
    }

    #[test]
    fn standard_webhooks_test_vector() {
        assert_eq!(sign(&secret(), MSG_ID, TIMESTAMP, BODY), SIGNATURE);
        assert_eq!(
            verify(
                &secret(),
                MSG_ID,
                "1614265330",
                SIGNATURE,
                BODY,
                TIMESTAMP + 10
            ),
            Ok(())
        );
    }

    #[test]
    fn verification_refusals_name_the_problem() {
        let other = WebhookSecret::from_bytes(&[7; 32]).unwrap();
        let rotated = sign_all(&[other.clone(), secret()], MSG_ID, TIMESTAMP, BODY);
        // (webhook-timestamp, webhook-signature, body, now, expected)
        type Case<'a> = (&'a str, &'a str, &'a [u8], i64, Result<(), SignatureError>);
        let cases: &[Case] = &[
            ("1614265330", &rotated, BODY, TIMESTAMP, Ok(())),
            (
                "1614265330",
                "v1a,abc v2,xyz",
                BODY,
                TIMESTAMP,
                Err(SignatureError::NoMatchingSignature),
            ),
            (
                "1614265330",
                SIGNATURE,
                br#"{"test": 2432232315}"#,
                TIMESTAMP,
                Err(SignatureError::NoMatchingSignature),
            ),
            (
                "1614265330",
                SIGNATURE,
                BODY,
                TIMESTAMP + 301,
                Err(SignatureError::TimestampOutOfTolerance { skew_secs: -301 }),
            ),
            (
                "1614265330",
                SIGNATURE,
                BODY,
                TIMESTAMP - 301,
                Err(SignatureError::TimestampOutOfTolerance { skew_secs: 301 }),
            ),
            (
                "soon",
                SIGNATURE,
                BODY,
                TIMESTAMP,
                Err(SignatureError::BadTimestamp {
                    value: "soon".into(),
                }),
            ),
        ];
        for (timestamp, signature, body, now, expected) in cases {
            assert_eq!(
                &verify(&secret(), MSG_ID, timestamp, signature, body, *now),
                expected,
                "{timestamp} {signature}"
            );
        }
    }

    #[test]
    fn secrets_are_checked() {
        let cases: &[(&str, Result<(), SignatureError>)] = &[
            (SECRET, Ok(())),
            (
                "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                Err(SignatureError::SecretPrefix),
            ),
            ("whsec_not base64!", Err(SignatureError::SecretNotBase64)),
            (
                "whsec_c2hvcnQ=",
                Err(SignatureError::SecretLength { len: 5 }),
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(&WebhookSecret::parse(text).map(|_| ()), expected, "{text}");
        }
        assert_eq!(WebhookSecret::parse(&secret().to_text()), Ok(secret()));
        assert_eq!(format!("{:?}", secret()), "WebhookSecret(24 bytes)");
    }

    proptest! {
        #[test]
        fn verify_accepts_sign_and_refuses_any_changed_byte(
            key in proptest::collection::vec(any::<u8>(), 24..=64),
            msg_id in "msg_[A-Za-z0-9]{1,24}",
            timestamp in 0i64..4_000_000_000,
            body in proptest::collection::vec(any::<u8>(), 1..256),
            index in any::<proptest::sample::Index>(),
            flip in 1u8..=255,
        ) {
            let secret = WebhookSecret::from_bytes(&key).unwrap();
            let signature = sign(&secret, &msg_id, timestamp, &body);
            let ts = timestamp.to_string();
            prop_assert_eq!(verify(&secret, &msg_id, &ts, &signature, &body, timestamp), Ok(()));
            let mut changed = body.clone();
            let at = index.index(changed.len());
            changed[at] ^= flip;
            prop_assert_eq!(
                verify(&secret, &msg_id, &ts, &signature, &changed, timestamp),
                Err(SignatureError::NoMatchingSignature)
            );
        }
    }
}
