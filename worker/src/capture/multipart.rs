//! `multipart/form-data` bodies, parsed by the runtime's own `FormData` (a browser form
//! with `enctype="multipart/form-data"`), handed to `leadkit_shared::capture::
//! fields_from_parts`, which applies the same rules as the other encodings and refuses
//! files.

use js_sys::{Array, Uint8Array};
use leadkit_shared::capture::{DecodeError, FieldMap, Part, fields_from_parts};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::error::AppError;

/// Parses an already size-checked multipart body sent with `content_type` (which
/// carries the boundary).
pub async fn decode(content_type: &str, body: &[u8]) -> Result<FieldMap, AppError> {
    // A Response over the bytes is the runtime's way to parse multipart without
    // reading the request a second time.
    let headers = web_sys::Headers::new().map_err(malformed)?;
    headers
        .set("content-type", content_type)
        .map_err(malformed)?;
    let init = web_sys::ResponseInit::new();
    init.set_headers(&headers);
    let bytes: js_sys::Object = Uint8Array::from(body).into();
    let response = web_sys::Response::new_with_opt_buffer_source_and_init(Some(&bytes), &init)
        .map_err(malformed)?;
    let form_data = JsFuture::from(response.form_data().map_err(malformed)?)
        .await
        .map_err(malformed)?;
    let entries = js_sys::try_iter(&form_data)
        .map_err(malformed)?
        .ok_or_else(|| malformed(JsValue::from_str("form data is not iterable")))?;
    let mut parts = Vec::new();
    for entry in entries {
        let entry: Array = entry.map_err(malformed)?.unchecked_into();
        let name = entry.get(0).as_string().unwrap_or_default();
        parts.push(match entry.get(1).as_string() {
            Some(value) => Part::Text { name, value },
            None => Part::File { name },
        });
    }
    Ok(fields_from_parts(parts)?)
}

/// A body the runtime could not parse as multipart (bad boundary, truncated parts).
fn malformed(error: JsValue) -> AppError {
    AppError::Decode(DecodeError::MalformedMultipart {
        detail: error
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "unreadable multipart body".to_owned()),
    })
}
