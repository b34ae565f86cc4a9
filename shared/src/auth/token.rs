//! Bearer secrets: API tokens (`lk_live_` + base64url of 32 random bytes), session
//! tokens (the same without a prefix) and invitation tokens (`lk_inv_` + the same). Only
//! their SHA-256 is stored, so a leaked database holds nothing a caller could present;
//! the plaintext is shown once.

use sha2::{Digest, Sha256};

use super::encoding::{base64url, hex, is_base64url_char};

/// What every API token starts with, so leaked tokens are easy to spot and to scan for.
pub const API_TOKEN_PREFIX: &str = "lk_live_";
/// What every invitation token starts with: an accept link pasted into a chat is
/// recognisable as one, and can never be mistaken for an API token.
pub const INVITATION_TOKEN_PREFIX: &str = "lk_inv_";
/// Random bytes in every token: 256 bits, beyond guessing.
pub const SECRET_BYTES: usize = 32;
/// Characters of an API token kept in plain text to tell tokens apart in a list: the
/// prefix and four characters of the random part.
pub const DISPLAY_PREFIX_CHARS: usize = API_TOKEN_PREFIX.len() + 4;
/// Length of the base64url text of [`SECRET_BYTES`] bytes.
const ENCODED_CHARS: usize = (SECRET_BYTES * 8).div_ceil(6);

/// A token that does not have the shape this module issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenFormatError {
    /// An API token must start with `lk_live_`.
    #[error("an API token starts with {API_TOKEN_PREFIX}")]
    MissingPrefix,
    /// The random part has the wrong length.
    #[error("a token carries {ENCODED_CHARS} characters after its prefix")]
    WrongLength,
    /// The random part holds characters outside base64url.
    #[error("a token holds only letters, digits, '-' and '_'")]
    BadCharacter,
}

/// A bearer secret in plain text, as the caller presents it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl std::fmt::Debug for Secret {
    // Secrets end up in logs through `{:?}`; only the displayable prefix may.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secret({}…)", self.display_prefix())
    }
}

impl Secret {
    /// A new API token from random bytes the caller drew (`crypto.getRandomValues`).
    pub fn new_api_token(random: [u8; SECRET_BYTES]) -> Self {
        Self(format!("{API_TOKEN_PREFIX}{}", base64url(&random)))
    }

    /// A new session token from random bytes the caller drew.
    pub fn new_session_token(random: [u8; SECRET_BYTES]) -> Self {
        Self(base64url(&random))
    }

    /// A new invitation token from random bytes the caller drew.
    pub fn new_invitation_token(random: [u8; SECRET_BYTES]) -> Self {
        Self(format!("{INVITATION_TOKEN_PREFIX}{}", base64url(&random)))
    }

    /// Checks that `text` is an invitation token as issued here. Its errors are only
    /// ever reported as "not a valid invitation", so `MissingPrefix` needs no wording of
    /// its own.
    pub fn parse_invitation_token(text: &str) -> Result<Self, TokenFormatError> {
        let random = text
            .strip_prefix(INVITATION_TOKEN_PREFIX)
            .ok_or(TokenFormatError::MissingPrefix)?;
        check_random_part(random)?;
        Ok(Self(text.to_owned()))
    }

    /// Checks that `text` is an API token as issued here.
    pub fn parse_api_token(text: &str) -> Result<Self, TokenFormatError> {
        let random = text
            .strip_prefix(API_TOKEN_PREFIX)
            .ok_or(TokenFormatError::MissingPrefix)?;
        check_random_part(random)?;
        Ok(Self(text.to_owned()))
    }

    /// Checks that `text` is a session token as issued here.
    pub fn parse_session_token(text: &str) -> Result<Self, TokenFormatError> {
        check_random_part(text)?;
        Ok(Self(text.to_owned()))
    }

    /// The plain text, to hand to its owner once.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What may be stored and shown about the secret: the first characters.
    pub fn display_prefix(&self) -> &str {
        let end = self
            .0
            .char_indices()
            .nth(DISPLAY_PREFIX_CHARS)
            .map_or(self.0.len(), |(i, _)| i);
        &self.0[..end]
    }

    /// The stored form: SHA-256 of the text, in hex.
    pub fn hash(&self) -> String {
        hash_secret(&self.0)
    }
}

/// SHA-256 of a secret's text, in lower-case hex: the key it is stored and found under.
/// A plain hash suffices (no salt, no stretching) because the secret has 256 random
/// bits; stretching only helps low-entropy secrets such as passwords.
pub fn hash_secret(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn check_random_part(random: &str) -> Result<(), TokenFormatError> {
    if random.len() != ENCODED_CHARS {
        return Err(TokenFormatError::WrongLength);
    }
    if !random.chars().all(is_base64url_char) {
        return Err(TokenFormatError::BadCharacter);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_tokens_have_the_prefix_and_43_characters_of_randomness() {
        let token = Secret::new_api_token([0xab; SECRET_BYTES]);
        let text = token.expose();
        assert!(text.starts_with("lk_live_"), "{text}");
        assert_eq!(text.len(), 8 + 43);
        assert_eq!(Secret::parse_api_token(text), Ok(token.clone()));
        assert_eq!(token.display_prefix(), &text[..12]);
        // Different bytes, different tokens.
        assert_ne!(Secret::new_api_token([0xac; SECRET_BYTES]), token);
    }

    #[test]
    fn malformed_tokens_are_refused() {
        let good = Secret::new_api_token([7; SECRET_BYTES]).expose().to_owned();
        let cases: Vec<(String, TokenFormatError)> = vec![
            (
                good.replace("lk_live_", "lk_test_"),
                TokenFormatError::MissingPrefix,
            ),
            (good[8..].to_owned(), TokenFormatError::MissingPrefix),
            (format!("{good}A"), TokenFormatError::WrongLength),
            (
                good[..good.len() - 1].to_owned(),
                TokenFormatError::WrongLength,
            ),
            ("lk_live_".to_owned(), TokenFormatError::WrongLength),
            (
                format!("{}+", &good[..good.len() - 1]),
                TokenFormatError::BadCharacter,
            ),
            (
                format!("{}é", &good[..good.len() - 2]),
                TokenFormatError::BadCharacter,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(Secret::parse_api_token(&text), Err(expected), "{text}");
        }
        // A session token is not an API token, and the reverse.
        let session = Secret::new_session_token([7; SECRET_BYTES]);
        assert_eq!(
            Secret::parse_api_token(session.expose()),
            Err(TokenFormatError::MissingPrefix)
        );
        assert_eq!(
            Secret::parse_session_token(&good),
            Err(TokenFormatError::WrongLength)
        );
        assert_eq!(
            Secret::parse_session_token(session.expose()),
            Ok(session.clone())
        );
    }

    #[test]
    fn invitation_tokens_are_their_own_kind() {
        let invitation = Secret::new_invitation_token([5; SECRET_BYTES]);
        let text = invitation.expose();
        assert!(text.starts_with("lk_inv_"), "{text}");
        assert_eq!(text.len(), 7 + 43);
        let api = Secret::new_api_token([5; SECRET_BYTES]);
        let session = Secret::new_session_token([5; SECRET_BYTES]);
        let cases = [
            (api.expose().to_owned(), TokenFormatError::MissingPrefix),
            (session.expose().to_owned(), TokenFormatError::MissingPrefix),
            (format!("{text}A"), TokenFormatError::WrongLength),
            (
                format!("{}/", &text[..text.len() - 1]),
                TokenFormatError::BadCharacter,
            ),
        ];
        for (other, expected) in cases {
            assert_eq!(
                Secret::parse_invitation_token(&other),
                Err(expected),
                "{other}"
            );
        }
        assert_eq!(
            Secret::parse_api_token(text),
            Err(TokenFormatError::MissingPrefix)
        );
        // Same random bytes, different kinds: different stored hashes.
        assert_ne!(invitation.hash(), api.hash());
        assert_ne!(invitation.hash(), session.hash());
    }

    #[test]
    fn the_stored_hash_is_sha256_hex_and_never_the_plain_text() {
        // FIPS 180-2 test vector.
        assert_eq!(
            hash_secret("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let token = Secret::new_api_token([1; SECRET_BYTES]);
        let hash = token.hash();
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains(&token.expose()[8..]));
        assert_eq!(hash, hash_secret(token.expose()));
    }

    proptest::proptest! {
        /// Whatever bytes the runtime draws, the token parses back, its hash is 64 hex
        /// digits and its display prefix is the first 12 characters.
        #[test]
        fn every_issued_token_parses_back(random in proptest::array::uniform32(proptest::num::u8::ANY)) {
            let token = Secret::new_api_token(random);
            proptest::prop_assert_eq!(Secret::parse_api_token(token.expose()), Ok(token.clone()));
            let hash = token.hash();
            proptest::prop_assert!(hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()));
            proptest::prop_assert_eq!(token.display_prefix(), &token.expose()[..DISPLAY_PREFIX_CHARS]);
            let session = Secret::new_session_token(random);
            proptest::prop_assert_eq!(Secret::parse_session_token(session.expose()), Ok(session.clone()));
            let invitation = Secret::new_invitation_token(random);
            proptest::prop_assert_eq!(Secret::parse_invitation_token(invitation.expose()), Ok(invitation.clone()));
        }
    }

    #[test]
    fn debug_output_hides_the_secret() {
        let token = Secret::new_api_token([9; SECRET_BYTES]);
        let shown = format!("{token:?}");
        assert!(!shown.contains(token.expose()), "{shown}");
        assert!(shown.contains(token.display_prefix()), "{shown}");
    }
}
