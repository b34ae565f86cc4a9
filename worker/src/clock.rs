//! The worker's only sources of time and randomness, read once per request and passed
//! into shared code as values.

use time::OffsetDateTime;
use uuid::Uuid;
use wasm_bindgen::JsCast;

/// The current time from the runtime's clock, to millisecond precision.
pub fn now() -> OffsetDateTime {
    let millis = i128::from(worker::Date::now().as_millis());
    OffsetDateTime::from_unix_timestamp_nanos(millis * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// A random (v4) UUID from the runtime's `crypto.randomUUID()`.
pub fn random_uuid() -> Uuid {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let text = scope
        .crypto()
        .map(|crypto| crypto.random_uuid())
        .unwrap_or_default();
    // workerd always has crypto; should it ever fail, fall back to the clock so that an
    // id is still unique enough to store rather than losing the lead.
    Uuid::parse_str(&text).unwrap_or_else(|_| Uuid::from_u128(now().unix_timestamp_nanos() as u128))
}

/// `N` random bytes from the runtime's `crypto.getRandomValues()`, for tokens and salts.
/// Unlike an id, a secret must never fall back to anything guessable: a failure here
/// refuses the request.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], crate::error::AppError> {
    let failed = |e: wasm_bindgen::JsValue| crate::error::AppError::Crypto {
        detail: format!("getRandomValues failed: {e:?}"),
    };
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let mut bytes = [0u8; N];
    scope
        .crypto()
        .map_err(failed)?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(failed)?;
    Ok(bytes)
}

/// Waits a little before retrying a write that lost a race: up to 20 ms times the
/// attempt number, at random so racing writers spread out instead of colliding again.
pub async fn pause_before_retry(attempt: u32) {
    let [byte] = random_bytes::<1>().unwrap_or([128]);
    let millis = u64::from(attempt) * (5 + u64::from(byte) * 15 / 255);
    worker::Delay::from(std::time::Duration::from_millis(millis)).await;
}
