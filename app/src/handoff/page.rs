//! `/handoff`: fetches the queue twice (the whole team's and `?mine=true`), refreshes it
//! and ticks the SLA clocks every 30 seconds, and refreshes at once after an answer.
//! Each answer is kept on this device, so a visit offline (a reload at a fair) shows the
//! last queue, with answers made here laid over it.

use std::time::Duration;

use leadkit_shared::api::HandoffQueue;
use leadkit_shared::auth::Role;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::my_leads::MyLeads;
use super::team::TeamQueue;
use super::text::HandoffText;
use crate::data::{ApiError, Workspace, api, use_workspace};
use crate::i18n::{tr, use_i18n};

/// How often the SLA clocks tick and the queue is fetched again.
const TICK: Duration = Duration::from_secs(30);

/// The queue as fetched, with when (browser milliseconds), so clocks run on from it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Fetched {
    pub queue: HandoffQueue,
    pub at_ms: f64,
}

/// Where a fetch of the queue stands: `None` while the first is under way.
pub type QueueState = Option<Result<Fetched, ApiError>>;

/// The local document keeping the last queue fetched.
fn kept_doc(mine: bool) -> &'static str {
    if mine {
        "handoff_queue_mine"
    } else {
        "handoff_queue"
    }
}

async fn fetch(mine: bool) -> Result<Fetched, ApiError> {
    let path = if mine {
        "/api/handoff/queue?mine=true"
    } else {
        "/api/handoff/queue"
    };
    let queue = api::get::<HandoffQueue>(path).await?;
    Ok(Fetched {
        queue,
        at_ms: js_sys::Date::now(),
    })
}

/// Fetches one queue into `state`, keeping it on this device; when the worker cannot be
/// reached and nothing shows yet, shows the kept copy (and says so through `kept`).
async fn fetch_into(
    workspace: Workspace,
    mine: bool,
    state: RwSignal<QueueState>,
    failure: RwSignal<Option<ApiError>>,
    kept: RwSignal<bool>,
) {
    let got = fetch(mine).await;
    let Ok(store) = workspace.store().await else {
        settle(state, failure, got);
        return;
    };
    match &got {
        Ok(fetched) => {
            let _ = store.put_document(kept_doc(mine), fetched).await;
            kept.try_set(false);
        }
        Err(ApiError::Network { .. })
            if state.try_with_untracked(Option::is_none) == Some(true) =>
        {
            if let Ok(Some(copy)) = store.document::<Fetched>(kept_doc(mine)).await {
                state.try_set(Some(Ok(copy)));
                kept.try_set(true);
            }
        }
        Err(_) => {}
    }
    store.close();
    settle(state, failure, got);
}

/// Keeps the last good answer when a refresh fails, so a dropped connection does not
/// blank the screen; the failure shows until the next success.
fn settle(
    state: RwSignal<QueueState>,
    failure: RwSignal<Option<ApiError>>,
    got: Result<Fetched, ApiError>,
) {
    match got {
        Ok(fetched) => {
            state.try_set(Some(Ok(fetched)));
            failure.try_set(None);
        }
        Err(error) => {
            let had_data = state.try_with_untracked(|s| matches!(s, Some(Ok(_)))) == Some(true);
            if had_data {
                failure.try_set(Some(error));
            } else {
                state.try_set(Some(Err(error)));
            }
        }
    }
}

/// The handoff queue page.
#[component]
pub fn HandoffPage() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let team = RwSignal::new(None::<Result<Fetched, ApiError>>);
    let mine = RwSignal::new(None::<Result<Fetched, ApiError>>);
    let failure = RwSignal::new(None::<ApiError>);
    let kept = RwSignal::new(false);
    let now_ms = RwSignal::new(js_sys::Date::now());

    let refresh = move || {
        spawn_local(async move {
            fetch_into(workspace, false, team, failure, kept).await;
            fetch_into(workspace, true, mine, failure, kept).await;
        })
    };
    refresh();
    spawn_local(async move {
        loop {
            gloo_timers::future::sleep(TICK).await;
            // The page is gone once its signals are: stop ticking then.
            if now_ms.try_set(js_sys::Date::now()).is_some() {
                return;
            }
            refresh();
        }
    });
    let on_answered = Callback::new(move |()| {
        refresh();
        workspace.sync_soon();
    });
    let sales_first = workspace
        .me
        .with_untracked(|me| me.as_ref().map(|m| m.role) == Some(Role::Sales));
    let mine_view = view! { <MyLeads queue=mine now_ms=now_ms on_answered=on_answered /> };
    let team_view = view! { <TeamQueue queue=team now_ms=now_ms /> };
    let sections = if sales_first {
        (mine_view.into_any(), team_view.into_any())
    } else {
        (team_view.into_any(), mine_view.into_any())
    };

    view! {
        <section class="handoff-page" aria-labelledby="handoff-title">
            <header class="page-head">
                <h2 id="handoff-title">{tr(HandoffText::Title)}</h2>
            </header>
            {move || match (failure.get(), kept.get()) {
                (Some(_), true) => Some(view! {
                    <p class="muted" role="status" data-testid="handoff-kept">{i18n.t(HandoffText::ShowingKept)}</p>
                }.into_any()),
                (Some(error), false) => Some(view! {
                    <p class="error" role="alert">
                        {i18n.t(HandoffText::LoadFailed)} ": " {i18n.t(crate::ui::refusal(&error))}
                    </p>
                }.into_any()),
                (None, _) => None,
            }}
            {sections.0}
            {sections.1}
        </section>
    }
}
