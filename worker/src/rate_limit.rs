//! Request counters per client address — form posts per form, sign-in attempts,
//! tracking events — one Durable Object per counted thing and address, so every isolate
//! sees the same count. The decision is
//! `leadkit_shared::capture::decide`; the object only keeps the window.

use leadkit_shared::capture::{RateDecision, RateLimitPolicy, RateWindow, decide};
use worker::{DurableObject, Env, Request, Response, Result, State, durable_object};

use crate::error::AppError;

/// The binding's name in wrangler.toml.
const BINDING: &str = "RATE_LIMITER";
/// What is counted, with its setting (`posts/seconds`, wrangler.toml `[vars]`).
#[derive(Debug, Clone, Copy)]
pub enum Counted<'a> {
    /// Posts to one form; `CAPTURE_RATE_LIMIT`, default 30/60.
    FormPost { form_id: &'a str },
    /// Sign-in attempts and invitation accepts, which each cost a full password hash;
    /// `LOGIN_RATE_LIMIT`, default 10/60.
    SignIn,
    /// Tracking events (`POST /t`), whatever the form: a page sends a few per view, so
    /// the default is generous; `TRACK_RATE_LIMIT`, default 120/60.
    Track,
}

impl Counted<'_> {
    fn setting(self) -> (&'static str, RateLimitPolicy) {
        match self {
            Self::FormPost { .. } => ("CAPTURE_RATE_LIMIT", RateLimitPolicy::default()),
            Self::SignIn => (
                "LOGIN_RATE_LIMIT",
                RateLimitPolicy {
                    max_posts: 10,
                    window_secs: 60,
                },
            ),
            Self::Track => (
                "TRACK_RATE_LIMIT",
                RateLimitPolicy {
                    max_posts: 120,
                    window_secs: 60,
                },
            ),
        }
    }

    fn key(self, address: &str) -> String {
        match self {
            Self::FormPost { form_id } => format!("form\u{0}{form_id}\u{0}{address}"),
            Self::SignIn => format!("sign-in\u{0}{address}"),
            Self::Track => format!("track\u{0}{address}"),
        }
    }
}
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

/// The client's address: Cloudflare sets `CF-Connecting-IP` at the edge, and
/// `wrangler dev` sets it to the loopback address.
pub fn client_address(req: &Request) -> worker::Result<String> {
    Ok(req
        .headers()
        .get("cf-connecting-ip")?
        .unwrap_or_else(|| "unknown".to_owned()))
}

/// Counts one request of `what` from `address`; refuses it when over the limit.
pub async fn check(
    env: &Env,
    what: Counted<'_>,
    address: &str,
) -> std::result::Result<(), AppError> {
    let (setting, default) = what.setting();
    let policy = match env.var(setting) {
        Ok(value) => RateLimitPolicy::parse(&value.to_string()).map_err(|e| AppError::Storage {
            detail: format!("{setting}: {e}"),
        })?,
        Err(_) => default,
    };
    let namespace = env.durable_object(BINDING)?;
    let stub = namespace.id_from_name(&what.key(address))?.get_stub()?;
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
