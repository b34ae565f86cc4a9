//! The per-address, per-form post counter: one Durable Object per (form, address), so
//! every isolate and every request sees the same count. The decision is
//! `leadkit_shared::capture::decide`; the object only keeps the window.

use leadkit_shared::capture::{RateDecision, RateLimitPolicy, RateWindow, decide};
use worker::{DurableObject, Env, Request, Response, Result, State, durable_object};

use crate::error::AppError;

/// The binding's name in wrangler.toml.
const BINDING: &str = "RATE_LIMITER";
/// The setting (`posts/seconds`, wrangler.toml `[vars]`); the shared default without it.
const SETTING: &str = "CAPTURE_RATE_LIMIT";
const WINDOW_KEY: &str = "window";

/// Counts one (form, address) pair's posts.
#[durable_object]
pub struct RateLimiter {
    state: State,
}

impl DurableObject for RateLimiter {
    fn new(state: State, _env: Env) -> Self {
        Self { state }
    }

    /// Counts a post: answers the decision as JSON. Requests to one object are handled
    /// one at a time between storage calls (input gates), so the count cannot race.
    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let policy: RateLimitPolicy = req.json().await?;
        let storage = self.state.storage();
        let window: Option<RateWindow> = storage.get(WINDOW_KEY).await?;
        let now_secs = (worker::Date::now().as_millis() / 1000) as i64;
        let (decision, next) = decide(policy, window, now_secs);
        storage.put(WINDOW_KEY, next).await?;
        Response::from_json(&decision)
    }
}

/// Counts a post from `address` to `form_id`; refuses it when over the limit.
pub async fn check(env: &Env, form_id: &str, address: &str) -> std::result::Result<(), AppError> {
    let policy = match env.var(SETTING) {
        Ok(value) => RateLimitPolicy::parse(&value.to_string()).map_err(|e| AppError::Storage {
            detail: format!("{SETTING}: {e}"),
        })?,
        Err(_) => RateLimitPolicy::default(),
    };
    let namespace = env.durable_object(BINDING)?;
    let stub = namespace
        .id_from_name(&format!("{form_id}\u{0}{address}"))?
        .get_stub()?;
    let init = worker::RequestInit {
        method: worker::Method::Post,
        body: Some(wasm_bindgen::JsValue::from_str(
            &serde_json::to_string(&policy).map_err(|e| AppError::Storage {
                detail: e.to_string(),
            })?,
        )),
        ..worker::RequestInit::default()
    };
    let request = Request::new_with_init("https://rate-limiter/count", &init)?;
    let mut response = stub.fetch_with_request(request).await?;
    let decision: RateDecision = response.json().await?;
    if decision.allowed {
        Ok(())
    } else {
        Err(AppError::RateLimited {
            retry_after_secs: decision.retry_after_secs,
        })
    }
}
