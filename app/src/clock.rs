//! The browser's clock and randomness. `time`'s own clock is not available on wasm32
//! without a feature this app does not pull in, and the shared code takes `now` as a
//! parameter anyway.

use time::OffsetDateTime;

/// Now, from `Date.now()` (milliseconds since the epoch).
pub fn now() -> OffsetDateTime {
    let nanos = (js_sys::Date::now() * 1_000_000.0) as i128;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// The browser's offset from UTC in whole minutes (Seoul: 540), how reports cut weeks.
pub fn offset_minutes() -> i16 {
    crate::i18n::format::local_offset().whole_minutes()
}

/// A random (v4) UUID from the browser's Web Crypto; `None` where there is none (an
/// id made from anything weaker could collide with another device's).
pub fn random_uuid() -> Option<uuid::Uuid> {
    let mut bytes = [0u8; 16];
    let crypto = web_sys::window()?.crypto().ok()?;
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    Some(uuid::Builder::from_random_bytes(bytes).into_uuid())
}
