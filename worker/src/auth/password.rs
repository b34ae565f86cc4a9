//! PBKDF2-HMAC-SHA256 through Web Crypto: workerd runs it as native code, so 100 000
//! rounds cost a few milliseconds of the request's CPU budget where the same loop in
//! wasm would cost most of it. Parameters come from `leadkit_shared::auth`.

use js_sys::{Array, Uint8Array};
use leadkit_shared::auth::PASSWORD_HASH_BYTES;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, Pbkdf2Params, SubtleCrypto, WorkerGlobalScope};

use crate::error::AppError;

fn crypto_failed(step: &'static str) -> impl Fn(JsValue) -> AppError {
    move |e| AppError::Crypto {
        detail: format!("{step} failed: {e:?}"),
    }
}

fn subtle() -> Result<SubtleCrypto, AppError> {
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    Ok(scope.crypto().map_err(crypto_failed("crypto"))?.subtle())
}

/// The PBKDF2-HMAC-SHA256 of `password` under `salt`, [`PASSWORD_HASH_BYTES`] long.
pub async fn derive(password: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, AppError> {
    let subtle = subtle()?;
    let key_data = Uint8Array::from(password.as_bytes());
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let key = JsFuture::from(
        subtle
            .import_key_with_str("raw", &key_data, "PBKDF2", false, &usages)
            .map_err(crypto_failed("importKey"))?,
    )
    .await
    .map_err(crypto_failed("importKey"))?;
    let key: CryptoKey = key.unchecked_into();
    let params =
        Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let bits = JsFuture::from(
        subtle
            .derive_bits_with_object(&params, &key, (PASSWORD_HASH_BYTES * 8) as u32)
            .map_err(crypto_failed("deriveBits"))?,
    )
    .await
    .map_err(crypto_failed("deriveBits"))?;
    Ok(Uint8Array::new(&bits).to_vec())
}
