//! The optional Turnstile check on form posts: on when the `TURNSTILE_SECRET` secret is
//! set (off locally), verified against Cloudflare's endpoint (overridable with
//! `TURNSTILE_VERIFY_URL`, which the tests point at a local fake).

use leadkit_shared::capture::{FieldMap, SiteverifyResponse, TURNSTILE_FIELD, plausible_token};
use worker::{Env, Fetch, Headers, Method, Request, RequestInit};

use crate::error::AppError;

const SECRET: &str = "TURNSTILE_SECRET";
const VERIFY_URL: &str = "TURNSTILE_VERIFY_URL";
const DEFAULT_VERIFY_URL: &str = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

/// Passes when Turnstile is off or the post's token verifies; refuses it otherwise.
pub async fn check(env: &Env, fields: &FieldMap, client_address: &str) -> Result<(), AppError> {
    let Ok(secret) = env
        .secret(SECRET)
        .map(|s| s.to_string())
        .or_else(|_| env.var(SECRET).map(|v| v.to_string()))
    else {
        return Ok(());
    };
    if secret.is_empty() {
        return Ok(());
    }
    let Some(token) = plausible_token(fields.get(TURNSTILE_FIELD)) else {
        return Err(AppError::TurnstileFailed {
            reason: "missing-input-response".into(),
        });
    };
    let url = env
        .var(VERIFY_URL)
        .map(|v| v.to_string())
        .unwrap_or_else(|_| DEFAULT_VERIFY_URL.to_owned());
    let body =
        serde_json::json!({ "secret": secret, "response": token, "remoteip": client_address });
    let headers = Headers::new();
    headers.set("content-type", "application/json")?;
    let init = RequestInit {
        method: Method::Post,
        headers,
        body: Some(wasm_bindgen::JsValue::from_str(&body.to_string())),
        ..RequestInit::default()
    };
    let mut response = Fetch::Request(Request::new_with_init(&url, &init)?)
        .send()
        .await?;
    let verdict: SiteverifyResponse = response.json().await?;
    if verdict.success {
        Ok(())
    } else {
        Err(AppError::TurnstileFailed {
            reason: verdict.error_codes.join(","),
        })
    }
}
