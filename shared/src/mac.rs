//! HMAC-SHA256, the one keyed hash leadkit signs with: outbound webhooks (Standard
//! Webhooks) and the render tokens a form carries. Kept in one place so both use the
//! same constant-time comparison.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Length in bytes of an HMAC-SHA256 tag.
pub(crate) const TAG_LEN: usize = 32;

/// A MAC over `parts` concatenated, without building the concatenation.
fn keyed(key: &[u8], parts: &[&[u8]]) -> HmacSha256 {
    // HMAC takes keys of any length (long ones are hashed), so this cannot fail; the
    // fallback to an empty key only exists to avoid a panic path.
    let mut mac = HmacSha256::new_from_slice(key)
        .unwrap_or_else(|_| <HmacSha256 as KeyInit>::new(&Default::default()));
    for part in parts {
        mac.update(part);
    }
    mac
}

/// The HMAC-SHA256 tag of `parts` concatenated, under `key`.
pub(crate) fn tag(key: &[u8], parts: &[&[u8]]) -> [u8; TAG_LEN] {
    keyed(key, parts).finalize().into_bytes().into()
}

/// Whether `candidate` is the tag of `parts` under `key`, compared in constant time so
/// a forger learns nothing from how long a refusal takes.
pub(crate) fn verify(key: &[u8], parts: &[&[u8]], candidate: &[u8]) -> bool {
    keyed(key, parts).verify_slice(candidate).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4231_case_2_matches() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        let got: String = tag(b"Jefe", &[b"what do ya want ", b"for nothing?"])
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(got, expected);
        assert!(verify(
            b"Jefe",
            &[b"what do ya want for nothing?"],
            &tag(b"Jefe", &[b"what do ya want for nothing?"])
        ));
        assert!(!verify(
            b"Jefe",
            &[b"what do ya want for nothing!"],
            &tag(b"Jefe", &[b"what do ya want for nothing?"])
        ));
    }
}
