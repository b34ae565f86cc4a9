//! How long a sign-in lasts and whether a stored session still counts. `now` is always
//! the caller's: this module reads no clock.

use time::{Duration, OffsetDateTime};

/// A session lasts two weeks from sign-in: long enough that a rep at a fair is not
/// signed out mid-week, short enough that a lost laptop's session dies on its own.
pub const SESSION_LIFETIME: Duration = Duration::days(14);

/// Whether a stored session still signs its holder in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    /// Valid: the holder is signed in.
    Live,
    /// Past its expiry.
    Expired,
    /// Ended by sign-out.
    Revoked,
}

/// When a session begun at `now` expires.
pub fn session_expires_at(now: OffsetDateTime) -> OffsetDateTime {
    now + SESSION_LIFETIME
}

/// The state of a stored session at `now`. Revocation wins over expiry so a log says
/// why a session ended first; both refuse the holder alike.
pub fn session_state(
    expires_at: OffsetDateTime,
    revoked: bool,
    now: OffsetDateTime,
) -> SessionState {
    if revoked {
        SessionState::Revoked
    } else if now >= expires_at {
        SessionState::Expired
    } else {
        SessionState::Live
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn sessions_live_until_their_expiry_unless_revoked() {
        let start = datetime!(2026-11-24 09:00 UTC);
        let expires = session_expires_at(start);
        assert_eq!(expires, datetime!(2026-12-08 09:00 UTC));
        let cases = [
            (start, false, SessionState::Live),
            (expires - Duration::seconds(1), false, SessionState::Live),
            (expires, false, SessionState::Expired),
            (expires + Duration::days(300), false, SessionState::Expired),
            (start, true, SessionState::Revoked),
            (expires, true, SessionState::Revoked),
        ];
        for (now, revoked, expected) in cases {
            assert_eq!(
                session_state(expires, revoked, now),
                expected,
                "{now} {revoked}"
            );
        }
    }
}
