//! The manager's view of the queue: how many leads wait and since when, why each waits,
//! each rep's load, the open handoffs with SLA breaches marked, and recent answers.

use leadkit_shared::api::HandoffEntry;
use leptos::prelude::*;
use leptos_router::components::A;

use super::answered::AnsweredList;
use super::countdown::seconds_left_at;
use super::page::QueueState;
use super::rep_loads::RepLoads;
use super::text::HandoffText;
use crate::i18n::{Text, tr, use_i18n};

/// The team's queue.
#[component]
pub fn TeamQueue(
    /// The whole team's queue.
    queue: RwSignal<QueueState>,
    /// The clock the waits and SLA clocks run on (browser milliseconds).
    now_ms: RwSignal<f64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = move || match queue.get() {
        None => view! { <p class="empty">{i18n.t(Text::Loading)}</p> }.into_any(),
        Some(Err(error)) => view! {
            <p class="error" role="alert">
                {i18n.t(HandoffText::LoadFailed)} ": " {i18n.t(crate::ui::refusal(&error))}
            </p>
        }
        .into_any(),
        Some(Ok(fetched)) => {
            let at_ms = fetched.at_ms;
            let queue = fetched.queue;
            // Seconds since `since`, by the server's clock at fetch plus what passed here.
            let server_now = queue.now;
            let waited = move |since: time::OffsetDateTime| {
                let at_fetch = (server_now - since).whole_seconds();
                -seconds_left_at(-at_fetch, at_ms, now_ms.get())
            };
            let depth = queue.depth;
            let oldest = queue.oldest_waiting_since;
            let waiting = queue
                .waiting
                .into_iter()
                .map(|entry| {
                    let queued_at = entry.queued_at;
                    let reason = entry.waiting_reason;
                    view! {
                        <li data-testid="waiting-entry">
                            <A href=format!("/leads/{}", entry.lead_id)>{entry.lead_name.clone()}</A>
                            <span class="company">{entry.company.clone()}</span>
                            <span class="score">{tr(HandoffText::Score(entry.score))}</span>
                            <span class="detail">{move || reason.map(|r| i18n.t(HandoffText::Wait(r)))}</span>
                            <span class="detail">{move || crate::handoff::countdown::ago(waited(queued_at), i18n.locale.get())}</span>
                        </li>
                    }
                })
                .collect_view();
            let reps = queue.reps;
            let loads = if reps.is_empty() {
                view! {
                    <p class="empty">
                        {tr(HandoffText::NoReps)} " "
                        <A href="/settings">{tr(HandoffText::OpenSettings)}</A>
                    </p>
                }
                .into_any()
            } else {
                view! { <RepLoads reps=reps /> }.into_any()
            };
            let open = open_list(queue.assigned, at_ms, now_ms);
            view! {
                <div class="queue-summary">
                    <p class="depth" data-testid="queue-depth">{tr(HandoffText::Depth(depth))}</p>
                    <p class="oldest" data-testid="oldest-waiting">
                        {move || match oldest {
                            Some(since) => i18n.t(HandoffText::OldestWaiting(waited(since))),
                            None => i18n.t(HandoffText::NobodyWaiting),
                        }}
                    </p>
                </div>
                <h4>{tr(HandoffText::Waiting)}</h4>
                <ul class="waiting">{waiting}</ul>
                <h4>{tr(HandoffText::RepLoads)}</h4>
                {loads}
                <h4>{tr(HandoffText::OpenHandoffs)}</h4>
                {open}
                <h4>{tr(HandoffText::AnsweredRecently)}</h4>
                <AnsweredList entries=queue.answered test_id="team-answered" />
            }
            .into_any()
        }
    };
    view! {
        <section class="card handoff-team" aria-labelledby="team-title">
            <h3 id="team-title">{tr(HandoffText::Team)}</h3>
            {body}
        </section>
    }
}

/// Open handoffs, soonest SLA first, breaches marked.
fn open_list(entries: Vec<HandoffEntry>, at_ms: f64, now_ms: RwSignal<f64>) -> AnyView {
    let i18n = crate::i18n::use_i18n();
    if entries.is_empty() {
        return view! { <p class="empty">{tr(HandoffText::NoneOpen)}</p> }.into_any();
    }
    let items = entries
        .into_iter()
        .map(|entry| {
            let seconds_left = entry.sla_seconds_left;
            let flagged = entry.sla_breached;
            let left = move || seconds_left.map(|s| seconds_left_at(s, at_ms, now_ms.get()));
            let breached = move || flagged || left().is_some_and(|s| s < 0);
            view! {
                <li class="open-entry" class:breached=breached data-testid="open-entry">
                    <A href=format!("/leads/{}", entry.lead_id)>{entry.lead_name.clone()}</A>
                    <span class="detail">{tr(HandoffText::AssignedTo)} " " {entry.rep_name.clone()}</span>
                    <span class="countdown">{move || left().map(|s| i18n.t(HandoffText::Countdown(s)))}</span>
                    <Show when=breached>
                        <span class="badge alarm">{tr(HandoffText::Overdue)}</span>
                    </Show>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="open">{items}</ul> }.into_any()
}
