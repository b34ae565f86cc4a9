//! "My leads": the handoffs given to the signed-in rep, each with its SLA clock and the
//! accept / reject controls and a form to log a call, e-mail or meeting, and what the
//! rep answered recently.

use leadkit_shared::api::HandoffEntry;
use leadkit_shared::sync::show_pending_answers;
use leptos::prelude::*;
use leptos_router::components::A;

use super::answer::AnswerControls;
use super::answered::AnsweredList;
use super::countdown::seconds_left_at;
use super::page::QueueState;
use super::text::HandoffText;
use crate::data::use_workspace;
use crate::i18n::format::{date_time, local_offset};
use crate::i18n::{Text, tr, use_i18n};
use crate::lead_detail::LogTouch;
use crate::lead_detail::text::DetailText;

/// The signed-in rep's queue.
#[component]
pub fn MyLeads(
    /// The `?mine=true` queue.
    queue: RwSignal<QueueState>,
    /// The clock the SLA countdowns run on (browser milliseconds).
    now_ms: RwSignal<f64>,
    /// Called after an answer was stored.
    on_answered: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    // Which rep the signed-in person is: the one with their e-mail, as the worker decides.
    let my_rep = Memo::new(move |_| {
        let email = workspace.me.with(|me| {
            me.as_ref()
                .and_then(|m| m.user.as_ref().map(|u| u.email.clone()))
        })?;
        workspace.handoff_settings.with(|view| {
            view.as_ref()
                .map(|v| v.settings.rep_by_email(&email).map(|rep| rep.id))
        })
    });
    // Whether the rep's list can show: the queue and the rep are known.
    let ready = Memo::new(move |_| {
        queue.with(|q| matches!(q, Some(Ok(_)))) && matches!(my_rep.get(), Some(Some(_)))
    });
    // The queue as this device shows it: answers still in the outbox count as given.
    let shown = Memo::new(move |_| {
        let pending = workspace.pending_answers.get();
        queue.with(|q| match q {
            Some(Ok(fetched)) => {
                let mut fetched = fetched.clone();
                show_pending_answers(&mut fetched.queue, &pending);
                Some(fetched)
            }
            _ => None,
        })
    });
    // The cards are keyed by handoff, so a refresh keeps a half-written rejection open.
    let assigned = Memo::new(move |_| {
        shown.with(|q| match q {
            Some(fetched) => fetched
                .queue
                .assigned
                .iter()
                .map(|e| (e.clone(), fetched.at_ms))
                .collect(),
            None => Vec::new(),
        })
    });
    let answered = move || {
        let rep = my_rep.get().flatten();
        shown.with(|q| match q {
            Some(fetched) => fetched
                .queue
                .answered
                .iter()
                .filter(|e| rep.is_some() && e.rep_id == rep)
                .cloned()
                .collect(),
            None => Vec::<HandoffEntry>::new(),
        })
    };
    let status = move || match (queue.get(), my_rep.get()) {
        (None, _) | (_, None) => {
            Some(view! { <p class="empty">{i18n.t(Text::Loading)}</p> }.into_any())
        }
        (Some(Err(error)), _) => Some(
            view! {
                <p class="error" role="alert">
                    {i18n.t(HandoffText::LoadFailed)} ": " {i18n.t(crate::ui::refusal(&error))}
                </p>
            }
            .into_any(),
        ),
        (Some(Ok(_)), Some(None)) => Some(
            view! {
                <p class="empty" data-testid="not-a-rep">
                    {i18n.t(HandoffText::NotARep)} " "
                    <A href="/settings">{i18n.t(HandoffText::OpenSettings)}</A>
                </p>
            }
            .into_any(),
        ),
        (Some(Ok(_)), Some(Some(_))) => None,
    };
    view! {
        <section class="card handoff-mine" aria-labelledby="my-leads-title">
            <h3 id="my-leads-title">{tr(HandoffText::MyLeads)}</h3>
            {status}
            <Show when=move || ready.get()>
                <Show when=move || assigned.with(Vec::is_empty)>
                    <p class="empty">{tr(HandoffText::NoneAssigned)}</p>
                </Show>
                <ul class="handoff-list">
                    <For each=move || assigned.get() key=|(entry, _)| entry.id let:((entry, at_ms))>
                        <MyLeadCard entry=entry at_ms=at_ms now_ms=now_ms on_answered=on_answered />
                    </For>
                </ul>
                <h4>{tr(HandoffText::AnsweredRecently)}</h4>
                {move || view! { <AnsweredList entries=answered() test_id="my-answered" /> }}
            </Show>
        </section>
    }
}

/// One lead handed to the rep: who, how hot, the SLA clock, and the answer controls.
#[component]
fn MyLeadCard(
    /// The handoff as the queue listed it.
    entry: HandoffEntry,
    /// When the queue was fetched (browser milliseconds).
    at_ms: f64,
    /// The ticking clock.
    now_ms: RwSignal<f64>,
    /// Called after an answer was stored.
    on_answered: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let offset = local_offset();
    let seconds_left = entry.sla_seconds_left;
    let flagged = entry.sla_breached;
    let left = move || seconds_left.map(|s| seconds_left_at(s, at_ms, now_ms.get()));
    let breached = move || flagged || left().is_some_and(|s| s < 0);
    let due = entry.sla_due;
    let answering = entry.clone();
    view! {
        <li class="handoff-card" class:breached=breached data-testid="my-lead">
            <div class="handoff-who">
                <A href=format!("/leads/{}", entry.lead_id)>{entry.lead_name.clone()}</A>
                <span class="company">{entry.company.clone()}</span>
                <span class="score">{tr(HandoffText::Score(entry.score))}</span>
            </div>
            <p class="sla">
                <span class="countdown" data-testid="sla-countdown" role="timer">
                    {move || left().map(|s| i18n.t(HandoffText::Countdown(s)))}
                </span>
                {due.map(|due| view! {
                    <span class="due">
                        {tr(HandoffText::Due)} " "
                        <time>{move || date_time(due, offset, i18n.locale.get())}</time>
                    </span>
                })}
            </p>
            <AnswerControls entry=answering on_answered=on_answered />
            <details class="log-from-queue">
                <summary data-testid="open-log">{i18n.text(DetailText::LogTouch)}</summary>
                <LogTouch lead_id=entry.lead_id.to_string() id_prefix="queue-" />
            </details>
        </li>
    }
}
