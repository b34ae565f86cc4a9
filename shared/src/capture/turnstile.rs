//! Cloudflare Turnstile, the optional anti-bot check: the token a widget leaves in the
//! form and what the verification endpoint answers. The worker makes the call; the
//! verdict is read here.

use serde::Deserialize;

/// The form field the Turnstile widget fills.
pub const TURNSTILE_FIELD: &str = "cf-turnstile-response";

/// Longest token Turnstile issues (its documentation says 2048 characters).
pub const MAX_TURNSTILE_TOKEN_CHARS: usize = 2048;

/// The verification endpoint's answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SiteverifyResponse {
    pub success: bool,
    #[serde(default, rename = "error-codes")]
    pub error_codes: Vec<String>,
}

/// Whether a submitted token is worth sending for verification at all.
pub fn plausible_token(token: Option<&str>) -> Option<&str> {
    token
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.chars().count() <= MAX_TURNSTILE_TOKEN_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_and_tokens_are_read() {
        let ok: SiteverifyResponse = serde_json::from_str(r#"{"success":true,"challenge_ts":"2026-11-24T00:00:00Z","hostname":"acme.co.kr","error-codes":[]}"#).unwrap();
        assert!(ok.success);
        let bad: SiteverifyResponse =
            serde_json::from_str(r#"{"success":false,"error-codes":["invalid-input-response"]}"#)
                .unwrap();
        assert_eq!(bad.error_codes, vec!["invalid-input-response"]);
        assert_eq!(plausible_token(Some(" abc ")), Some("abc"));
        assert_eq!(plausible_token(Some("")), None);
        assert_eq!(plausible_token(None), None);
        assert_eq!(plausible_token(Some(&"x".repeat(2049))), None);
    }
}
